package store

import (
	"context"
	"slices"
	"testing"

	"github.com/toituavain/avain/coding"
)

// TestCodedSpans: the counting read gives each live coding's final code,
// span and words by document (a code merged into another counts as that
// one; a removed coding and another coder's are left out).
func TestCodedSpans(t *testing.T) {
	s, d1, d2, a, b, code := twoCoded(t)
	ctx := context.Background()
	code(d1.ID, a.ID, 3, 8, "aino")
	code(d1.ID, b.ID, 0, 4, "ville")
	gone := code(d2.ID, b.ID, 3, 9, "aino")
	code(d2.ID, a.ID, 18, 22, "aino")
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
	byDoc, err := s.CodedSpans(ctx, []string{d1.ID, d2.ID}, []string{"aino"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]coding.CodedSpan{ // [3, 8) is "Miten", word 1; [18, 22) " Kel", word 4
		d1.ID: {{CodeID: b.ID, Span: coding.Span{Start: 3, End: 8}, Words: coding.Span{Start: 1, End: 2}}},
		d2.ID: {{CodeID: b.ID, Span: coding.Span{Start: 18, End: 22}, Words: coding.Span{Start: 4, End: 5}}},
	}
	if len(byDoc) != len(want) || !slices.Equal(byDoc[d1.ID], want[d1.ID]) || !slices.Equal(byDoc[d2.ID], want[d2.ID]) {
		t.Errorf("aino's coded spans %+v, want %+v", byDoc, want)
	}
	if all, err := s.CodedSpans(ctx, []string{d1.ID, d2.ID}, nil); err != nil || len(all[d1.ID]) != 2 {
		t.Errorf("every coder's: %+v, %v", all, err)
	}
}
