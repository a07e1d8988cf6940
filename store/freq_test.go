package store

import (
	"context"
	"slices"
	"testing"

	"github.com/toituavain/avain/coding"
)

// TestCodedSpansAndEachWords: the counting reads give each live coding's
// final code and span by document (a code merged into another counts as
// that one; a removed coding and another coder's are left out), and the
// words of the documents asked for, in that order (words_test.go checks
// the words).
func TestCodedSpansAndEachWords(t *testing.T) {
	s, _ := newProject(t)
	ctx := context.Background()
	d1, d2 := sampleDoc("a.txt", "H: Miten meni?\nV: Hyvin meni."), sampleDoc("b.txt", "H: Entä sitten?\nV: Kela soitti.")
	for _, d := range []*coding.Document{d1, d2} {
		if err := s.ImportDocument(ctx, d, "aino"); err != nil {
			t.Fatal(err)
		}
	}
	a, b := &coding.Code{NameFi: "A"}, &coding.Code{NameFi: "B"}
	for _, c := range []*coding.Code{a, b} {
		if err := s.AddCode(ctx, c, "aino"); err != nil {
			t.Fatal(err)
		}
	}
	code := func(doc, code *string, start, end int, coder string) *coding.Coding {
		c := &coding.Coding{Record: coding.Record{Coder: coder}, DocumentID: *doc, CodeID: *code, Start: start, End: end}
		if _, err := s.AddCoding(ctx, c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	code(&d1.ID, &a.ID, 3, 8, "aino")
	code(&d1.ID, &b.ID, 0, 4, "ville")
	gone := code(&d2.ID, &b.ID, 3, 9, "aino")
	code(&d2.ID, &a.ID, 18, 22, "aino")
	if _, err := s.SetCodingDeleted(ctx, gone.ID, "aino", true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MergeCode(ctx, a.ID, b.ID, "aino"); err != nil {
		t.Fatal(err)
	}
	// A coding with A brought by a team merge from a copy that had not
	// merged it: it counts as B's.
	if _, err := s.DB().Exec(`UPDATE codings SET code_id = ? WHERE document_id = ? AND start = 18`, a.ID, d2.ID); err != nil {
		t.Fatal(err)
	}
	byDoc, err := s.CodedSpans(ctx, []string{"aino"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]coding.CodedSpan{
		d1.ID: {{CodeID: b.ID, Span: coding.Span{Start: 3, End: 8}}},
		d2.ID: {{CodeID: b.ID, Span: coding.Span{Start: 18, End: 22}}},
	}
	if len(byDoc) != len(want) || !slices.Equal(byDoc[d1.ID], want[d1.ID]) || !slices.Equal(byDoc[d2.ID], want[d2.ID]) {
		t.Errorf("aino's coded spans %+v, want %+v", byDoc, want)
	}
	if all, err := s.CodedSpans(ctx, nil); err != nil || len(all[d1.ID]) != 2 {
		t.Errorf("every coder's: %+v, %v", all, err)
	}
	var got []string
	err = s.EachWords(ctx, []string{d2.ID, d1.ID}, func(id string, w *coding.Words) error {
		got = append(got, id)
		return nil
	})
	if err != nil || !slices.Equal(got, []string{d2.ID, d1.ID}) {
		t.Errorf("documents' words in the order %q, %v", got, err)
	}
}
