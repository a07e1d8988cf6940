package coding

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestFrequenciesAgreeWithCountCodes: over random codings of a three-level
// codebook, every row's overall codings, passages and documents are those
// CountCodes counts (its own arithmetic: Tally over the subtree), and the
// groups of a split add up to the overall cell.
func TestFrequenciesAgreeWithCountCodes(t *testing.T) {
	var codes []*Code
	for i := range 12 {
		c := &Code{Record: Record{ID: fmt.Sprint("c", i)}, NameFi: fmt.Sprint("K", i), Position: i}
		if i >= 3 {
			c.ParentID = fmt.Sprint("c", i/3-1) // c3..c5 under c0, c6..c8 under c1
			if i >= 9 {
				c.ParentID = "c4" // a third level
			}
		}
		codes = append(codes, c)
	}
	cb, err := NewCodebook(codes)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var docs []FreqDoc
	for i := range 30 {
		docs = append(docs, FreqDoc{ID: fmt.Sprint("d", i), Attrs: map[string]string{"kind": []string{"a", "b", "c"}[i%3]}})
	}
	var cs []*Coding
	for range 2000 {
		s := rng.IntN(500)
		cs = append(cs, &Coding{Record: Record{Coder: []string{"x", "y"}[rng.IntN(2)]}, DocumentID: docs[rng.IntN(len(docs))].ID,
			CodeID: codes[rng.IntN(len(codes))].ID, Start: s, End: s + 1 + rng.IntN(40)})
	}
	ft := Frequencies(cb, LangFinnish, docs, cs, []string{"kind"}, nil)
	counts, total := CountCodes(cb, cs)
	for _, r := range ft.Rows {
		want := total
		if r.CodeID != "" {
			want = counts[r.CodeID]
		}
		got := r.Cells[0]
		if got.Codings != want.Codings || got.Passages != want.Passages || got.Documents != want.Documents {
			t.Errorf("%q: %+v, CountCodes %+v", r.CodeID, got, want)
		}
		var sum FreqCell
		for _, c := range r.Cells[1:] {
			sum.Codings, sum.Passages, sum.Documents = sum.Codings+c.Codings, sum.Passages+c.Passages, sum.Documents+c.Documents
		}
		if sum.Codings != got.Codings || sum.Passages != got.Passages || sum.Documents != got.Documents {
			t.Errorf("%q: the groups add up to %+v, overall %+v", r.CodeID, sum, got)
		}
	}
}
