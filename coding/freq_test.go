package coding

import (
	"strings"
	"testing"
)

// freqFixture is a small hand-counted study: a theme T with children A
// and B, a top-level code C, and four documents.
//
//	d1 client/Kuopio:       A [0,10)  B [5,15)  C [20,30)
//	d2 client/Joensuu:      A [0,5) by aino, A [0,5) by ville
//	d3 professional/Kuopio: B [0,10)
//	d4 professional/-:      nothing
//
// Every text is "sana " twenty times: five code points a word.
func freqFixture(t *testing.T) (*Codebook, []FreqDoc, []*Coding, WordCounter) {
	t.Helper()
	codes := []*Code{
		{Record: Record{ID: "t"}, NameFi: "T"},
		{Record: Record{ID: "a"}, ParentID: "t", NameFi: "A"},
		{Record: Record{ID: "b"}, ParentID: "t", NameFi: "B", Position: 1},
		{Record: Record{ID: "c"}, NameFi: "C", Position: 1},
	}
	cb, err := NewCodebook(codes)
	if err != nil {
		t.Fatal(err)
	}
	docs := []FreqDoc{
		{ID: "d1", Attrs: map[string]string{"kind": "client", "region": "Kuopio"}},
		{ID: "d2", Attrs: map[string]string{"kind": "client", "region": "Joensuu"}},
		{ID: "d3", Attrs: map[string]string{"kind": "professional", "region": "Kuopio"}},
		{ID: "d4", Attrs: map[string]string{"kind": "professional"}},
	}
	cd := func(doc, code string, s, e int, coder string) *Coding {
		return &Coding{Record: Record{Coder: coder}, DocumentID: doc, CodeID: code, Start: s, End: e}
	}
	codings := []*Coding{
		cd("d1", "a", 0, 10, "aino"), cd("d1", "b", 5, 15, "aino"), cd("d1", "c", 20, 30, "aino"),
		cd("d2", "a", 0, 5, "aino"), cd("d2", "a", 0, 5, "ville"),
		cd("d3", "b", 0, 10, "aino"),
		cd("dX", "a", 0, 5, "aino"),   // an unknown document: left out
		cd("d1", "zzz", 0, 5, "aino"), // an unknown code: left out
	}
	text := strings.Repeat("sana ", 20)
	words := func(doc string, spans []Span) int {
		n := 0
		for _, s := range spans {
			n += CountWords(Slice(text, s.Start, s.End))
		}
		return n
	}
	return cb, docs, codings, words
}

func TestFrequenciesOverall(t *testing.T) {
	cb, docs, codings, words := freqFixture(t)
	ft := Frequencies(cb, LangFinnish, docs, codings, nil, words)
	if len(ft.Groups) != 1 || ft.Groups[0].Docs != 4 || ft.Groups[0].Label() != "all" {
		t.Fatalf("groups %+v", ft.Groups)
	}
	// code -> overall cell, counted by hand: every row counts its subtree;
	// passages merge overlapping codings of any coder in a document.
	want := map[string]FreqCell{
		"t": {Codings: 5, Passages: 3, Documents: 3, Share: 0.75, Words: 3 + 1 + 2}, // d1 A∪B, d2 A (both coders), d3 B
		"a": {Codings: 3, Passages: 2, Documents: 2, Share: 0.5, Words: 2 + 1},
		"b": {Codings: 2, Passages: 2, Documents: 2, Share: 0.5, Words: 2 + 2},
		"c": {Codings: 1, Passages: 1, Documents: 1, Share: 0.25, Words: 2},
		"":  {Codings: 6, Passages: 4, Documents: 3, Share: 0.75, Words: 3 + 2 + 1 + 2}, // totals: d1 two passages, d2 one, d3 one
	}
	if len(ft.Rows) != 5 {
		t.Fatalf("%d rows, want 4 codes and the totals", len(ft.Rows))
	}
	order := []string{"t", "a", "b", "c", ""}
	for i, r := range ft.Rows {
		if r.CodeID != order[i] {
			t.Errorf("row %d is %q, want %q", i, r.CodeID, order[i])
		}
		if got := r.Cells[0]; got != want[r.CodeID] {
			t.Errorf("%q: %+v, want %+v", r.CodeID, got, want[r.CodeID])
		}
	}
	if r := ft.Rows[1]; strings.Join(r.Path, "/") != "T/A" || r.Depth != 1 || r.Parent {
		t.Errorf("row A: path %v depth %d parent %v", r.Path, r.Depth, r.Parent)
	}
	if !ft.Rows[0].Parent {
		t.Error("T does not roll up its children")
	}
}

func TestFrequenciesByTwoAttributes(t *testing.T) {
	cb, docs, codings, words := freqFixture(t)
	ft := Frequencies(cb, LangFinnish, docs, codings, []string{"kind", "region"}, words)
	labels := []string{"all", "client / Joensuu", "client / Kuopio", "professional / (none)", "professional / Kuopio"}
	if len(ft.Groups) != len(labels) {
		t.Fatalf("groups %+v", ft.Groups)
	}
	for i, g := range ft.Groups {
		if g.Label() != labels[i] || i > 0 && g.Docs != 1 {
			t.Errorf("group %d: %q with %d documents, want %q", i, g.Label(), g.Docs, labels[i])
		}
	}
	a := ft.Rows[1].Cells
	if a[1].Codings != 2 || a[2].Codings != 1 || a[3].Codings != 0 || a[4].Codings != 0 {
		t.Errorf("A by kind/region: %+v", a)
	}
	if a[1].Share != 1 || a[3].Share != 0 {
		t.Errorf("shares: %v, %v", a[1].Share, a[3].Share)
	}
	// Every group's cells add up to the overall cell for leaf codes.
	for _, r := range ft.Rows {
		sum := FreqCell{}
		for _, c := range r.Cells[1:] {
			sum.Codings += c.Codings
			sum.Passages += c.Passages
			sum.Documents += c.Documents
			sum.Words += c.Words
		}
		if sum.Codings != r.Cells[0].Codings || sum.Passages != r.Cells[0].Passages || sum.Documents != r.Cells[0].Documents || sum.Words != r.Cells[0].Words {
			t.Errorf("%q: groups sum to %+v, overall %+v", r.CodeID, sum, r.Cells[0])
		}
	}
}

// TestCooccurrence: each code carries its subtree (t holds a and b).
func TestCooccurrence(t *testing.T) {
	cb, _, codings, _ := freqFixture(t)
	turns := map[string][]Turn{
		"d1": {{N: 1, Start: 0, End: 12}, {N: 2, Start: 12, End: 40}},
		"d2": {{N: 1, Start: 0, End: 40}},
		"d3": {{N: 1, Start: 0, End: 40}},
	}
	at := func(m CoMatrix, a, b string) int {
		i, j := -1, -1
		for k, id := range m.Codes {
			if id == a {
				i = k
			}
			if id == b {
				j = k
			}
		}
		return m.Counts[i][j]
	}
	turn := CooccurrenceTree(cb, turns, codings, UnitTurn)
	// d1 turn 1 [0,12) holds A and B; turn 2 [12,40) holds B and C.
	for _, c := range []struct {
		a, b string
		want int
	}{{"a", "b", 1}, {"b", "a", 1}, {"b", "c", 1}, {"a", "c", 0}, {"a", "a", 2}, {"b", "b", 3}, {"c", "c", 1},
		{"t", "t", 4}, {"t", "a", 2}, {"t", "b", 3}, {"t", "c", 1}} {
		if got := at(turn, c.a, c.b); got != c.want {
			t.Errorf("turn unit %s×%s = %d, want %d", c.a, c.b, got, c.want)
		}
	}
	overlap := CooccurrenceTree(cb, turns, codings, UnitOverlap)
	for _, c := range []struct {
		a, b string
		want int
	}{{"a", "b", 1}, {"b", "c", 0}, {"a", "a", 3}, {"b", "b", 2}, {"t", "t", 5}, {"t", "c", 0}} {
		if got := at(overlap, c.a, c.b); got != c.want {
			t.Errorf("overlap unit %s×%s = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

func TestMergeSpans(t *testing.T) {
	got := MergeSpans([]Span{{5, 8}, {0, 3}, {2, 4}, {8, 9}, {20, 25}})
	want := []Span{{0, 4}, {5, 9}, {20, 25}}
	if len(got) != len(want) {
		t.Fatalf("%v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("%v, want %v", got, want)
		}
	}
}
