package project

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/toituavain/avain/store"
)

// importText imports one transcript of text into p.
func importText(t *testing.T, p *Project, name, text string) error {
	t.Helper()
	f := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(f, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	failed, err := p.ImportFiles(context.Background(), []string{f}, ImportOptions{Coder: "aino"}, nil)
	if err == nil && failed != 0 {
		t.Fatalf("%s: failed to import", name)
	}
	return err
}

// hits returns how many turns q finds in p.
func hits(t *testing.T, p *Project, q string) uint64 {
	t.Helper()
	res, err := p.Search(context.Background(), q, 20)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return res.Total
}

// TestSearchKeepsIndexAMoment checks that searches one after another open
// the index once; that a change by another process (another handle on the
// project) is found by the next search; that this process's own writes
// are not kept waiting by the reader it keeps, nor is another process's
// writer after Close, even when writers do not wait at all.
func TestSearchKeepsIndexAMoment(t *testing.T) {
	t.Setenv(store.EnvBusyTimeout, "0") // a writer kept waiting fails at once
	keptFor = time.Minute               // kept until released, however slow the machine
	t.Cleanup(func() { keptFor = 250 * time.Millisecond })
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "p.avain")
	p, err := Create(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if err := importText(t, p, "a.txt", "H: Miten hakemus eteni?\nV: Kelasta pyydettiin liitteitä.\n"); err != nil {
		t.Fatal(err)
	}
	opened := p.kept.opened
	for range 3 {
		if n := hits(t, p, "hakemus"); n != 1 {
			t.Fatalf("hakemus: %d hits, want 1", n)
		}
	}
	if got := p.kept.opened - opened; got != 1 {
		t.Errorf("three searches opened the index %d times, want once", got)
	}
	// This process writes while it keeps the index: the writer must not
	// wait for its own reader.
	if err := importText(t, p, "b.txt", "H: Entä päätös?\nV: Päätös tuli myöhään.\n"); err != nil {
		t.Fatalf("an import after a search: %v", err)
	}
	if n := hits(t, p, "päätös"); n != 2 {
		t.Errorf("päätös after this process's import: %d hits, want 2", n)
	}
	// Another process that does not wait stores a document while this one
	// keeps the index, and leaves the index to the next search: the next
	// search here finds the document.
	hasty, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer hasty.Close()
	hits(t, p, "hakemus")
	if err := importText(t, hasty, "e.txt", "H: Ja neuvonta?\nV: Neuvonta auttoi.\n"); !errors.Is(err, ErrIndexDeferred) {
		t.Fatalf("an import that does not wait, while a search keeps the index: %v, want the index deferred", err)
	}
	if n := hits(t, p, "neuvonta"); n != 2 {
		t.Errorf("neuvonta after another process stored it: %d hits, want 2", n)
	}
	// Another process changes the project while this one keeps the index:
	// it waits for the reader (a moment), and the next search here finds
	// the change.
	t.Setenv(store.EnvBusyTimeout, "10000")
	keptFor = 50 * time.Millisecond
	p.kept.release()
	other, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	hits(t, p, "hakemus")
	if err := importText(t, other, "c.txt", "H: Ja tiedonsiirto?\nV: Tiedonsiirto ei toiminut.\n"); err != nil {
		t.Fatalf("another process's import while a search keeps the index: %v", err)
	}
	if n := hits(t, p, "tiedonsiirto"); n != 2 {
		t.Errorf("tiedonsiirto after another process's import: %d hits, want 2", n)
	}
	// Closed with the project: a writer that does not wait gets in.
	hits(t, p, "hakemus")
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	t.Setenv(store.EnvBusyTimeout, "0")
	third, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer third.Close()
	if err := importText(t, third, "d.txt", "H: Entä kunta?\nV: Kunta auttoi.\n"); errors.Is(err, ErrIndexDeferred) || err != nil {
		t.Errorf("an import after the project that searched was closed: %v", err)
	}
}
