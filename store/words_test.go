package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/toituavain/avain/coding"
)

// sameWords fails unless w counts, in every span of text, the words
// CountWords finds in that span's text.
func sameWords(t *testing.T, what string, w *coding.Words, text string) {
	t.Helper()
	r := []rune(text)
	for i := 0; i <= len(r); i++ {
		for j := i; j <= len(r); j++ {
			if got, want := w.In(coding.Span{Start: i, End: j}), coding.CountWords(string(r[i:j])); got != want {
				t.Fatalf("%s: %d words in [%d, %d) %q, want %d", what, got, i, j, string(r[i:j]), want)
			}
		}
	}
}

// wordsOf returns the words the counts read for one document.
func wordsOf(t *testing.T, s *Store, id string) *coding.Words {
	t.Helper()
	var got coding.Words
	if err := readWords(s, id, &got); err != nil {
		t.Fatal(err)
	}
	return &got
}

// readWords reads document id's words as the counts do.
func readWords(s *Store, id string, w *coding.Words) error {
	ctx := context.Background()
	r, err := newWordReader(ctx, s.DB().PrepareContext)
	if err != nil {
		return err
	}
	defer r.close()
	return r.read(ctx, id, w)
}

// recorded reports whether the document has recorded word positions.
func recorded(t *testing.T, s *Store, id string) bool {
	t.Helper()
	var n int
	if err := s.DB().QueryRow(`SELECT count(*) FROM document_words WHERE document_id = ?`, id).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n == 1
}

// TestWordsRecordedOnImport: an imported document's word positions are
// recorded with its text and read back by the counts (not found again in
// the text); a pseudonymised text drops them and its new words are read
// from the text; an unknown document is ErrNotFound.
func TestWordsRecordedOnImport(t *testing.T) {
	s, _ := newProject(t)
	ctx := context.Background()
	text := "H: Äänestitkö 2022?\nV: En — Kela, TE-toimisto ja 3 muuta... ei."
	d := sampleDoc("a.txt", text)
	if err := s.ImportDocument(ctx, d, "aino"); err != nil {
		t.Fatal(err)
	}
	if !recorded(t, s, d.ID) {
		t.Fatal("no word positions recorded on import")
	}
	sameWords(t, "imported", wordsOf(t, s, d.ID), text)

	// The recorded positions are what is read: others recorded in their
	// place are what the counts read.
	if _, err := s.DB().Exec(`UPDATE document_words SET spans = ? WHERE document_id = ?`,
		coding.AppendWordSpans(nil, "yksi kaksi"), d.ID); err != nil {
		t.Fatal(err)
	}
	if got := wordsOf(t, s, d.ID); got.In(coding.Span{Start: 0, End: 100}) != 2 {
		t.Errorf("the counts did not read the recorded positions: %d words", got.In(coding.Span{Start: 0, End: 100}))
	}

	pseudo := "H: Äänestitkö [vuosi]?\nV: En — [organisaatio] ja [luku] muuta..."
	p := sampleDoc("a.txt", pseudo)
	p.ID = d.ID
	if err := s.ReplaceText(ctx, p, "aino", "test", nil); err != nil {
		t.Fatal(err)
	}
	if recorded(t, s, d.ID) {
		t.Error("the pseudonymised text kept the old text's word positions")
	}
	sameWords(t, "pseudonymised", wordsOf(t, s, d.ID), pseudo)

	if err := readWords(s, "nosuch", new(coding.Words)); !errors.Is(err, coding.ErrNotFound) {
		t.Errorf("an unknown document: %v, want ErrNotFound", err)
	}
}

// TestWordsOfAnOlderProject: a project made before the positions were
// recorded (schema 10) gains the table on opening, empty, and its
// documents' words are found in their texts; one imported after has its
// positions recorded, and RecordWords records the older ones'.
func TestWordsOfAnOlderProject(t *testing.T) {
	s, path := newProject(t)
	ctx := context.Background()
	old := sampleDoc("a.txt", "H: Miten meni?\nV: Hyvin meni, kiitos.")
	if err := s.ImportDocument(ctx, old, "aino"); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DROP TABLE document_words`, `DROP TRIGGER document_words_text`, `DROP TRIGGER document_words_gone`, `DELETE FROM schema_migrations WHERE version >= 11`} {
		if _, err := s.DB().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if recorded(t, s, old.ID) {
		t.Fatal("a document of the older project has recorded positions")
	}
	sameWords(t, "older project", wordsOf(t, s, old.ID), old.Text)
	d := sampleDoc("b.txt", "H: Entä nyt?\nV: Kela soitti 2. kerran.")
	if err := s.ImportDocument(ctx, d, "aino"); err != nil {
		t.Fatal(err)
	}
	if !recorded(t, s, d.ID) {
		t.Error("a document imported after the migration has no positions")
	}
	sameWords(t, "imported after", wordsOf(t, s, d.ID), d.Text)
	// avain check --reindex records the older documents' positions.
	if n, err := s.RecordWords(ctx); err != nil || n != 1 {
		t.Fatalf("RecordWords recorded %d, %v; want the older document's", n, err)
	}
	if !recorded(t, s, old.ID) {
		t.Error("RecordWords left the older document without positions")
	}
	sameWords(t, "recorded later", wordsOf(t, s, old.ID), old.Text)
	if n, err := s.RecordWords(ctx); err != nil || n != 0 {
		t.Errorf("RecordWords again recorded %d, %v; want none", n, err)
	}
}

// TestWordsOfMergedDocuments: a document a team merge brings in has its
// words' positions recorded as on import.
func TestWordsOfMergedDocuments(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.avain"), filepath.Join(dir, "b.avain")
	s, err := Create(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	cp(t, a, b)
	other, err := Open(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	d := sampleDoc("b.txt", "H: Entä sitten?\nV: Äiti soitti Kelaan 3 kertaa.")
	if err := other.ImportDocument(ctx, d, "ville"); err != nil {
		t.Fatal(err)
	}
	other.Close()
	s, err = Open(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Merge(ctx, []string{b}, MergeOptions{Coder: "aino"}); err != nil {
		t.Fatal(err)
	}
	if !recorded(t, s, d.ID) {
		t.Error("the merged document's word positions were not recorded")
	}
	sameWords(t, "merged", wordsOf(t, s, d.ID), d.Text)
}
