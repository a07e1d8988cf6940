package store

import (
	"context"
	"testing"
)

// TestWordsThatDoNotDecode: recorded positions that do not decode (a
// damaged project) are not an error: the words are found in the text, and
// RecordWords records them again.
func TestWordsThatDoNotDecode(t *testing.T) {
	s, _ := newProject(t)
	ctx := context.Background()
	d := sampleDoc("a.txt", "H: Miten liitteiden kanssa meni?\nV: Hyvin, kiitos.")
	if err := s.ImportDocument(ctx, d, "aino"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec(`UPDATE document_words SET spans = ? WHERE document_id = ?`, []byte{0xff}, d.ID); err != nil {
		t.Fatal(err)
	}
	sameWords(t, "undecodable", wordsOf(t, s, d.ID), d.Text)
	if n, err := s.RecordWords(ctx); err != nil || n != 1 {
		t.Fatalf("RecordWords recorded %d, %v; want the damaged document's", n, err)
	}
	var b []byte
	if err := s.DB().QueryRow(`SELECT spans FROM document_words WHERE document_id = ?`, d.ID).Scan(&b); err != nil {
		t.Fatal(err)
	}
	if len(b) < 2 {
		t.Fatalf("RecordWords left %v", b)
	}
	sameWords(t, "recorded again", wordsOf(t, s, d.ID), d.Text)
	if n, err := s.RecordWords(ctx); err != nil || n != 0 {
		t.Errorf("RecordWords again recorded %d, %v; want none", n, err)
	}
}

// TestWordsOfTheFirstEncodingDropped: a project at schema 11, whose
// positions may be in the encoding 0011 was first written with, has them
// dropped on opening (migration 0012) and its words found in the texts.
func TestWordsOfTheFirstEncodingDropped(t *testing.T) {
	s, path := newProject(t)
	ctx := context.Background()
	d := sampleDoc("a.txt", "H: Entä nyt?\nV: Kela soitti toisen kerran.")
	if err := s.ImportDocument(ctx, d, "aino"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec(`DELETE FROM schema_migrations WHERE version >= 12`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if recorded(t, s, d.ID) {
		t.Error("positions recorded at schema 11 were kept")
	}
	sameWords(t, "after 0012", wordsOf(t, s, d.ID), d.Text)
}
