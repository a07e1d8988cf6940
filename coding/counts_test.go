package coding

import "testing"

// CountCodes and Frequencies give a code the same numbers: its subtree's
// codings, passages and documents.
func TestCountCodesAgreesWithFrequencies(t *testing.T) {
	cb, docs, codings, _ := freqFixture(t)
	counts, total := CountCodes(cb, codings[:6]) // without the unknown document
	want := map[string]CodeCounts{
		"t": {Codings: 5, Passages: 3, Documents: 3, Own: 0}, // the theme counts A and B
		"a": {Codings: 3, Passages: 2, Documents: 2, Own: 3}, // d2's passage, coded by two coders, once
		"b": {Codings: 2, Passages: 2, Documents: 2, Own: 2},
		"c": {Codings: 1, Passages: 1, Documents: 1, Own: 1},
	}
	for id, w := range want {
		if counts[id] != w {
			t.Errorf("%s: %+v, want %+v", id, counts[id], w)
		}
	}
	if total != (CodeCounts{Codings: 6, Passages: 4, Documents: 3, Own: 6}) {
		t.Errorf("totals %+v", total)
	}
	ft := Frequencies(cb, LangFinnish, docs, codings, nil, nil)
	for _, r := range ft.Rows {
		c, n := r.Cells[0], counts[r.CodeID]
		if r.CodeID == "" {
			n = total
		}
		if c.Codings != n.Codings || c.Passages != n.Passages || c.Documents != n.Documents {
			t.Errorf("%q: freq %+v, CountCodes %+v", r.CodeID, c, n)
		}
	}
}

func TestTally(t *testing.T) {
	cd := func(s, e int, coder string) *Coding {
		return &Coding{Record: Record{Coder: coder}, Start: s, End: e}
	}
	tests := []struct {
		name              string
		cs                []*Coding
		codings, passages int
	}{
		{"none", nil, 0, 0},
		{"one coder twice on one passage", []*Coding{cd(0, 5, "aino"), cd(0, 5, "aino")}, 2, 1},
		{"two coders on one passage", []*Coding{cd(0, 5, "aino"), cd(0, 5, "ville")}, 2, 1},
		{"overlapping", []*Coding{cd(0, 5, "aino"), cd(3, 9, "ville")}, 2, 1},
		{"touching", []*Coding{cd(0, 5, "aino"), cd(5, 9, "aino")}, 2, 1},
		{"apart", []*Coding{cd(0, 5, "aino"), cd(6, 9, "aino")}, 2, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, p, _ := Tally(tt.cs)
			if c != tt.codings || p != tt.passages {
				t.Errorf("%d codings, %d passages; want %d, %d", c, p, tt.codings, tt.passages)
			}
		})
	}
}
