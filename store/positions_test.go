package store

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/toituavain/avain/coding"
)

func TestReadingPositionsSurviveReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "p.avain")
	s, err := Create(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	doc := &coding.Document{Name: "h1", Kind: coding.KindClient, Lang: coding.LangFinnish, Format: "txt",
		Text: "H: Mitä kuuluu?\nV: Hyvää.\n"}
	if err := s.ImportDocument(ctx, doc, "aino"); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := s.Position(ctx, doc.ID, "aino"); err != nil || ok {
		t.Fatalf("unread document: ok=%v err=%v", ok, err)
	}
	if err := s.SavePosition(ctx, doc.ID, "aino", 12); err != nil {
		t.Fatal(err)
	}
	if err := s.SavePosition(ctx, doc.ID, "aino", 17); err != nil {
		t.Fatal(err)
	}
	if err := s.SavePosition(ctx, doc.ID, "ville", 3); err != nil {
		t.Fatal(err)
	}
	if err := s.SavePosition(ctx, doc.ID, "aino", -1); err == nil {
		t.Error("a negative position was accepted")
	}
	if err := s.SavePosition(ctx, "no-such-doc", "aino", 1); err == nil {
		t.Error("a position for a missing document was accepted")
	}
	s.Close()
	if s, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for coder, want := range map[string]int{"aino": 17, "ville": 3} {
		got, ok, err := s.Position(ctx, doc.ID, coder)
		if err != nil || !ok || got != want {
			t.Errorf("%s: position %d ok=%v err=%v, want %d", coder, got, ok, err, want)
		}
	}
}

func TestDocumentsCountCodedTurns(t *testing.T) {
	ctx := context.Background()
	s, err := Create(ctx, filepath.Join(t.TempDir(), "p.avain"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	doc := &coding.Document{Name: "h1", Kind: coding.KindClient, Lang: coding.LangFinnish, Format: "txt",
		Text: "H: Yksi.\nV: Kaksi.\nH: Kolme.\nV: Neljä.\n",
		Turns: []coding.Turn{{N: 1, Speaker: "H", Start: 3, End: 8}, {N: 2, Speaker: "V", Start: 12, End: 18},
			{N: 3, Speaker: "H", Start: 22, End: 28}, {N: 4, Speaker: "V", Start: 32, End: 38}}}
	if err := s.ImportDocument(ctx, doc, "aino"); err != nil {
		t.Fatal(err)
	}
	code := &coding.Code{NameFi: "Koodi", Color: "#336699"}
	if err := s.AddCode(ctx, code, "aino"); err != nil {
		t.Fatal(err)
	}
	coded := func() int {
		t.Helper()
		ds, err := s.Documents(ctx)
		if err != nil || len(ds) != 1 {
			t.Fatalf("documents: %v %v", ds, err)
		}
		return ds[0].CodedTurns
	}
	if n := coded(); n != 0 {
		t.Fatalf("uncoded document: %d coded turns", n)
	}
	span := &coding.Coding{Record: coding.Record{Coder: "aino"}, DocumentID: doc.ID, CodeID: code.ID, Start: 14, End: 24} // turns 2 and 3
	part := &coding.Coding{Record: coding.Record{Coder: "aino"}, DocumentID: doc.ID, CodeID: code.ID, Start: 3, End: 5}   // part of turn 1
	for _, c := range []*coding.Coding{span, part} {
		if _, err := s.AddCoding(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	if n := coded(); n != 3 {
		t.Errorf("coded turns = %d, want 3", n)
	}
	if _, err := s.SetCodingDeleted(ctx, span.ID, "aino", true); err != nil {
		t.Fatal(err)
	}
	if n := coded(); n != 1 {
		t.Errorf("after removing a coding: coded turns = %d, want 1", n)
	}
}

func TestRemovingACodingKeepsItsCoder(t *testing.T) {
	ctx := context.Background()
	s, err := Create(ctx, filepath.Join(t.TempDir(), "p.avain"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	doc := &coding.Document{Name: "h1", Kind: coding.KindClient, Lang: coding.LangFinnish, Format: "txt", Text: "Yksi kaksi kolme."}
	if err := s.ImportDocument(ctx, doc, "aino"); err != nil {
		t.Fatal(err)
	}
	code := &coding.Code{NameFi: "Koodi", Color: "#336699"}
	if err := s.AddCode(ctx, code, "aino"); err != nil {
		t.Fatal(err)
	}
	c := &coding.Coding{Record: coding.Record{Coder: "aino"}, DocumentID: doc.ID, CodeID: code.ID, Start: 0, End: 4}
	if _, err := s.AddCoding(ctx, c); err != nil {
		t.Fatal(err)
	}
	for _, del := range []bool{true, false} {
		got, err := s.SetCodingDeleted(ctx, c.ID, "ville", del)
		if err != nil || got.Coder != "aino" {
			t.Fatalf("deleted=%v by ville: coder %q (%v), want aino", del, got.Coder, err)
		}
	}
	stored, err := s.Coding(ctx, c.ID)
	if err != nil || stored.Coder != "aino" || stored.Deleted {
		t.Fatalf("stored: %+v %v", stored, err)
	}
	log, err := s.AuditLog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	last := log[len(log)-1]
	if last.Coder != "ville" || last.Action != "code" {
		t.Errorf("audit: %+v, want ville's code (restored)", last)
	}
}
