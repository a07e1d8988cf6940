package project

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/transcript"
)

func TestIndexCatchesUpWithTheStore(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "p.avain")
	p, err := Create(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := p.Index(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// A document committed to the store while the index missed it, as when
	// a process dies between the two: the next Index call must catch up.
	doc, err := transcript.Parse("a.txt", "txt", []byte("H: Miten hakemus eteni?\nV: Kelasta pyydettiin liitteitä uudestaan."))
	if err != nil {
		t.Fatal(err)
	}
	doc.Kind = coding.KindClient
	if err := p.Store.ImportDocument(ctx, doc, "aino"); err != nil {
		t.Fatal(err)
	}
	if n, _ := ix.TurnCount(doc.ID); n != 0 {
		t.Fatalf("precondition: index already has %d turns", n)
	}
	ix.Close()
	ix, err = p.Index(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := ix.TurnCount(doc.ID); n != 2 {
		t.Errorf("index not rebuilt: %d turns", n)
	}
	ix.Close()
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}

	// Reopened in a new process, the index is current and check is clean.
	p, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	rep, err := p.Check(ctx)
	if err != nil || len(rep.Problems) != 0 || rep.IndexedTurns != 2 {
		t.Errorf("check: %+v %v", rep, err)
	}
}

func TestImportFilesBadFileChangesNothing(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "p.avain")
	p, err := Create(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	good := filepath.Join(dir, "good.txt")
	os.WriteFile(good, []byte("H: Kysymys?\nV: Vastaus."), 0o600)
	bin := filepath.Join(dir, "bad.txt")
	os.WriteFile(bin, []byte{0x7f, 'E', 'L', 'F', 0, 0, 1, 2, 0, 0}, 0o600)
	meta := filepath.Join(dir, "meta.csv")
	os.WriteFile(meta, []byte("file,kind,region\ngood.txt,professional,Lahti\n"), 0o600)

	var results []ImportResult
	failed, err := p.ImportFiles(ctx, []string{bin, good}, ImportOptions{Meta: meta, Attrs: map[string]string{"wave": "1"}, Coder: "aino"},
		func(_ int, r ImportResult) { results = append(results, r) })
	if err != nil || failed != 1 || len(results) != 2 {
		t.Fatalf("failed=%d err=%v results=%v", failed, err, results)
	}
	if results[0].Status != Failed || results[1].Status != Imported {
		t.Errorf("statuses %v %v", results[0].Status, results[1].Status)
	}
	docs, _ := p.Store.Documents(ctx)
	if len(docs) != 1 || docs[0].Kind != "professional" || docs[0].Attrs["region"] != "Lahti" || docs[0].Attrs["wave"] != "1" {
		t.Errorf("documents: %+v", docs)
	}
	log, _ := p.Store.AuditLog(ctx)
	if len(log) != 1 {
		t.Errorf("audit log has %d entries, want 1 (the bad file logs nothing)", len(log))
	}
	if _, err := p.ImportFiles(ctx, []string{good}, ImportOptions{Kind: "patient"}, func(int, ImportResult) {}); err == nil {
		t.Error("unknown kind accepted")
	}
}
