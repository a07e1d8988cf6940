package coding

import (
	"cmp"
	"slices"
	"sort"
	"strings"
)

// The arithmetic of theme tables: how often each code was applied, overall
// and split by document attributes. Pure functions over what the store
// holds; package export feeds them and writes the tables.

// FreqDoc is what the frequency arithmetic needs of a document: its id
// and the values it is split by (kind, lang and its attributes).
type FreqDoc struct {
	ID    string
	Attrs map[string]string
}

// NoValue names the group of documents that lack a --by attribute.
const NoValue = "(none)"

// FreqGroup is one column group of a table: the documents whose split
// attributes have Values (in the order of the split), or all documents.
type FreqGroup struct {
	Values []string // empty for the overall group
	Docs   int      // documents in the group
}

// Label names the group: "all", or its values joined by " / ".
func (g FreqGroup) Label() string {
	if len(g.Values) == 0 {
		return "all"
	}
	return strings.Join(g.Values, " / ")
}

// FreqCell is one code's counts within one group, by the definition of
// CountCodes: the code and its child codes together.
type FreqCell struct {
	Codings   int     // coded segments, each coder's counted
	Passages  int     // distinct coded spans, coders merged
	Documents int     // documents with at least one coding
	Share     float64 // Documents / the group's documents, 0–1
	Words     int     // words inside the passages, each counted once
}

// FreqRow is one row of a table: a code, or the totals.
type FreqRow struct {
	CodeID string // "" on the totals row
	Path   []string
	Depth  int
	Parent bool // the code has child codes, and rolls them up
	Cells  []FreqCell
}

// FreqTable is a theme table: rows in codebook order, then totals; one
// cell per group, the overall group first.
type FreqTable struct {
	By     []string
	Groups []FreqGroup
	Rows   []FreqRow
}

// WordCounter counts the words inside spans of a document, each word
// counted once however many spans cover it; the spans are sorted and do
// not overlap.
type WordCounter func(docID string, spans []Span) int

// Frequencies counts codings per code, overall and per group of the
// attributes by (each a key of FreqDoc.Attrs, e.g. "kind", "region").
//
// Every row counts as CountCodes does: the code's subtree (a code with
// child codes rolls them up), its codings (each coder's), its passages
// (overlapping or touching codings of any coder in one document merged)
// and its documents; words are those inside the passages, each counted
// once. The totals row rolls up every code. Every code and every group
// appears, with zeros where nothing was coded; codings of codes not in
// cb, or of documents not in docs, are left out. Paths are in lang.
func Frequencies(cb *Codebook, lang string, docs []FreqDoc, codings []*Coding, by []string, words WordCounter) FreqTable {
	t := FreqTable{By: by}
	groups, groupOf := freqGroups(docs, by)
	t.Groups = groups
	byCode := codingsByCode(cb, docs, codings)
	fc := freqCounter{groups: groups, groupOf: groupOf, split: len(by) > 0, words: words}
	for _, c := range cb.Codes() {
		sub := cb.Subtree(c.ID)
		t.Rows = append(t.Rows, FreqRow{CodeID: c.ID, Path: cb.Path(c.ID, lang), Depth: cb.Depth(c.ID),
			Parent: len(sub) > 1, Cells: fc.cells(subtreeCodings(byCode, sub))})
	}
	all := make([]string, 0, cb.Len())
	for _, c := range cb.Codes() {
		all = append(all, c.ID)
	}
	t.Rows = append(t.Rows, FreqRow{Cells: fc.cells(subtreeCodings(byCode, all))})
	return t
}

// freqGroups returns the groups of docs: overall, then, when by names
// attributes, each combination of their values present, sorted; and the
// group of each document by its id (when by names attributes).
func freqGroups(docs []FreqDoc, by []string) ([]FreqGroup, map[string]int) {
	groups := []FreqGroup{{Docs: len(docs)}}
	groupOf := map[string]int{} // doc id -> index into groups
	if len(by) == 0 {
		return groups, groupOf
	}
	keys := map[string][]string{}
	for _, d := range docs {
		vals := groupValues(d, by)
		keys[strings.Join(vals, "\x00")] = vals
	}
	sorted := make([]string, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	index := map[string]int{}
	for _, k := range sorted {
		index[k] = len(groups)
		groups = append(groups, FreqGroup{Values: keys[k]})
	}
	for _, d := range docs {
		g := index[strings.Join(groupValues(d, by), "\x00")]
		groupOf[d.ID] = g
		groups[g].Docs++
	}
	return groups, groupOf
}

// groupValues returns d's values of the attributes by, NoValue for one
// it lacks.
func groupValues(d FreqDoc, by []string) []string {
	vals := make([]string, len(by))
	for i, a := range by {
		if vals[i] = d.Attrs[a]; vals[i] == "" {
			vals[i] = NoValue
		}
	}
	return vals
}

// codingsByCode sorts the codings of codes in cb on documents in docs by
// code, then by document.
func codingsByCode(cb *Codebook, docs []FreqDoc, codings []*Coding) map[string]map[string][]*Coding {
	known := map[string]bool{}
	for _, d := range docs {
		known[d.ID] = true
	}
	byCode := map[string]map[string][]*Coding{}
	for _, c := range codings {
		if !known[c.DocumentID] || cb.Code(c.CodeID) == nil {
			continue
		}
		m := byCode[c.CodeID]
		if m == nil {
			m = map[string][]*Coding{}
			byCode[c.CodeID] = m
		}
		m[c.DocumentID] = append(m[c.DocumentID], c)
	}
	return byCode
}

// subtreeCodings gathers by document the codings of the codes ids.
func subtreeCodings(byCode map[string]map[string][]*Coding, ids []string) map[string][]*Coding {
	out := map[string][]*Coding{}
	for _, id := range ids {
		for doc, cs := range byCode[id] {
			out[doc] = append(out[doc], cs...)
		}
	}
	return out
}

// freqCounter fills a row's cells, one per group.
type freqCounter struct {
	groups  []FreqGroup
	groupOf map[string]int // doc id -> group, when split
	split   bool           // the documents are split by attributes
	words   WordCounter    // nil: no words counted
}

// cells fills one row's cells from its codings by document.
func (fc freqCounter) cells(byDoc map[string][]*Coding) []FreqCell {
	cells := make([]FreqCell, len(fc.groups))
	for doc, cs := range byDoc {
		n, p, merged := Tally(cs)
		w := 0
		if fc.words != nil {
			w = fc.words(doc, merged)
		}
		add := func(g int) {
			cells[g].Codings += n
			cells[g].Passages += p
			cells[g].Documents++
			cells[g].Words += w
		}
		add(0)
		if fc.split {
			add(fc.groupOf[doc])
		}
	}
	for g := range cells {
		if fc.groups[g].Docs > 0 {
			cells[g].Share = float64(cells[g].Documents) / float64(fc.groups[g].Docs)
		}
	}
	return cells
}

// MergeSpans returns the union of spans as sorted spans that neither
// overlap nor touch.
func MergeSpans(spans []Span) []Span {
	if len(spans) == 0 {
		return nil
	}
	s := slices.Clone(spans)
	slices.SortFunc(s, func(a, b Span) int { return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End)) })
	out := s[:1]
	for _, x := range s[1:] {
		last := &out[len(out)-1]
		if x.Start <= last.End {
			last.End = max(last.End, x.End)
			continue
		}
		out = append(out, x)
	}
	return out
}

// Co-occurrence units.
const (
	UnitTurn    = "turn"    // a speaker turn carries both codes
	UnitOverlap = "overlap" // a coding of one overlaps a coding of the other
)

// CoMatrix is a code × code matrix of co-occurrence counts, in codebook
// order.
type CoMatrix struct {
	Unit   string
	Codes  []string // code ids
	Counts [][]int
}

// Cooccurrence counts, for every pair of codes, the turns that carry both
// (unit turn: a coding overlapping the turn carries its code into it; the
// diagonal is the turns with the code) or the pairs of overlapping codings
// (unit overlap: one coding of each code in one document sharing a code
// point; the diagonal is the code's codings). turns gives each document's
// turns; codings of documents or codes unknown to turns and cb are left
// out.
func Cooccurrence(cb *Codebook, turns map[string][]Turn, codings []*Coding, unit string) CoMatrix {
	m := CoMatrix{Unit: unit}
	index := map[string]int{}
	for _, c := range cb.Codes() {
		index[c.ID] = len(m.Codes)
		m.Codes = append(m.Codes, c.ID)
	}
	n := len(m.Codes)
	m.Counts = make([][]int, n)
	for i := range m.Counts {
		m.Counts[i] = make([]int, n)
	}
	byDoc := map[string][]*Coding{}
	for _, c := range codings {
		if _, ok := index[c.CodeID]; ok {
			if _, ok := turns[c.DocumentID]; ok {
				byDoc[c.DocumentID] = append(byDoc[c.DocumentID], c)
			}
		}
	}
	for doc, cs := range byDoc {
		if unit == UnitOverlap {
			for i, a := range cs {
				m.Counts[index[a.CodeID]][index[a.CodeID]]++
				for _, b := range cs[i+1:] {
					if a.Span().Overlaps(b.Span()) && a.CodeID != b.CodeID {
						m.Counts[index[a.CodeID]][index[b.CodeID]]++
						m.Counts[index[b.CodeID]][index[a.CodeID]]++
					}
				}
			}
			continue
		}
		for _, t := range turns[doc] {
			span := Span{t.Start, t.End}
			var here []int
			seen := map[int]bool{}
			for _, c := range cs {
				if i := index[c.CodeID]; c.Span().Overlaps(span) && !seen[i] {
					seen[i] = true
					here = append(here, i)
				}
			}
			for _, i := range here {
				for _, j := range here {
					m.Counts[i][j]++
				}
			}
		}
	}
	return m
}
