package store

import (
	"context"
	"errors"
	"testing"

	"github.com/toituavain/avain/coding"
)

func TestChangeMarkFollowsOtherHandles(t *testing.T) {
	ctx := context.Background()
	s, _ := newProject(t)
	other, err := Open(ctx, s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	mark := func() coding.ChangeMark {
		t.Helper()
		m, err := s.ChangeMark(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	m0 := mark()
	if mark() != m0 {
		t.Fatal("the mark changed with nothing done")
	}
	doc := sampleDoc("h1", "H: Miten meni?")
	if err := other.ImportDocument(ctx, doc, "toinen"); err != nil {
		t.Fatal(err)
	}
	m1 := mark()
	if m1 == m0 || m1.Content == m0.Content {
		t.Errorf("after another handle's import the mark is %+v, was %+v", m1, m0)
	}
	if err := other.SavePosition(ctx, doc.ID, "toinen", 3); err != nil {
		t.Fatal(err)
	}
	if mark() != m1 {
		t.Error("a saved reading position changed the mark")
	}
	if err := other.SetMemo(ctx, coding.MemoDocument, doc.ID, "muistio", "toinen"); err != nil {
		t.Fatal(err)
	}
	m2 := mark()
	if m2 == m1 || m2.Content != m1.Content {
		t.Errorf("after another handle's memo the mark is %+v, was %+v; want a new audit count only", m2, m1)
	}
}

func TestDocumentHash(t *testing.T) {
	ctx := context.Background()
	s, _ := newProject(t)
	doc := sampleDoc("h1", "H: Miten meni?")
	if err := s.ImportDocument(ctx, doc, "aino"); err != nil {
		t.Fatal(err)
	}
	if h, err := s.DocumentHash(ctx, doc.ID); err != nil || h != doc.Hash || h == "" {
		t.Errorf("DocumentHash = %q, %v; want %q", h, err, doc.Hash)
	}
	if _, err := s.DocumentHash(ctx, "no-such-id"); !errors.Is(err, coding.ErrNotFound) {
		t.Errorf("an unknown document: %v, want ErrNotFound", err)
	}
}
