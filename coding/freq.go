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
// It is FreqCounter fed every document of docs in turn.
func Frequencies(cb *Codebook, lang string, docs []FreqDoc, codings []*Coding, by []string, words WordCounter) FreqTable {
	fc := NewFreqCounter(cb, docs, by)
	byDoc := map[string][]CodedSpan{}
	for _, c := range codings {
		byDoc[c.DocumentID] = append(byDoc[c.DocumentID], CodedSpan{CodeID: c.CodeID, Span: c.Span()})
	}
	for _, d := range docs {
		var count func([]Span) int
		if words != nil {
			count = func(spans []Span) int { return words(d.ID, spans) }
		}
		fc.Document(d.ID, byDoc[d.ID], count)
	}
	return fc.Table(lang)
}

// CodedSpan is a coding as the counts see it: its code and its span, and
// the words the span covers as a range of word numbers (Words.Range), for
// a counter not given the text's words.
type CodedSpan struct {
	CodeID string
	Span
	Words Span
}

// FreqCounter counts a theme table one document at a time, so that a
// caller holds one document's text at a time: NewFreqCounter, Document
// for each document with codings, then Table. The numbers are those
// Frequencies defines.
type FreqCounter struct {
	cb      *Codebook
	by      []string
	groups  []FreqGroup
	groupOf map[string]int   // doc id -> its group, when split
	known   map[string]bool  // the documents counted
	rowsOf  map[string][]int // code id -> the rows that count it: its own, its ancestors', the totals'
	cells   [][]FreqCell     // row -> group
	spans   [][]CodedSpan    // row -> this document's codings (scratch)
	merged  []Span           // a row's passages (scratch)
	touched []int            // rows with spans in this document (scratch)
}

// NewFreqCounter returns a counter of the codes of cb over docs, split by
// the attributes by.
func NewFreqCounter(cb *Codebook, docs []FreqDoc, by []string) *FreqCounter {
	fc := &FreqCounter{cb: cb, by: by, known: make(map[string]bool, len(docs)), rowsOf: make(map[string][]int, cb.Len())}
	fc.groups, fc.groupOf = freqGroups(docs, by)
	for _, d := range docs {
		fc.known[d.ID] = true
	}
	row := map[string]int{}
	for i, c := range cb.Codes() {
		row[c.ID] = i
	}
	total := cb.Len()
	for i, c := range cb.Codes() {
		rows := []int{i}
		for _, a := range cb.Ancestors(c.ID) {
			rows = append(rows, row[a])
		}
		fc.rowsOf[c.ID] = append(rows, total)
	}
	fc.cells = make([][]FreqCell, total+1)
	for i := range fc.cells {
		fc.cells[i] = make([]FreqCell, len(fc.groups))
	}
	fc.spans = make([][]CodedSpan, total+1)
	return fc
}

// Document counts one document's codings; each document is given once.
// Codings of codes not in the codebook, and a document not among the
// counter's, are left out. cs is sorted in place. words counts the words
// inside a row's passages (sorted, neither overlapping nor touching); nil
// counts them from the codings' word ranges (CodedSpan.Words), which is
// the same number.
func (fc *FreqCounter) Document(docID string, cs []CodedSpan, words func([]Span) int) {
	if !fc.known[docID] || len(cs) == 0 {
		return
	}
	slices.SortFunc(cs, func(a, b CodedSpan) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
	})
	fc.touched = fc.touched[:0]
	for _, c := range cs {
		for _, r := range fc.rowsOf[c.CodeID] {
			if len(fc.spans[r]) == 0 {
				fc.touched = append(fc.touched, r)
			}
			fc.spans[r] = append(fc.spans[r], c)
		}
	}
	g, split := fc.groupOf[docID], len(fc.by) > 0
	for _, r := range fc.touched {
		spans := fc.spans[r]
		n := len(spans)
		var w int
		fc.merged, w = passages(fc.merged[:0], spans)
		merged := fc.merged
		if words != nil {
			w = words(merged)
		}
		add := func(c *FreqCell) {
			c.Codings += n
			c.Passages += len(merged)
			c.Documents++
			c.Words += w
		}
		add(&fc.cells[r][0])
		if split {
			add(&fc.cells[r][g])
		}
		fc.spans[r] = spans[:0]
	}
}

// passages appends to out the passages of codings sorted by start (their
// spans merged as mergeSorted merges them) and returns them with the
// words inside them by the codings' word ranges: a passage's words run
// from its first coding's first word to the furthest last word of its
// codings (see Words.Range).
func passages(out []Span, cs []CodedSpan) ([]Span, int) {
	words, last := 0, Span{}
	for i, c := range cs {
		if i > 0 && c.Start <= out[len(out)-1].End {
			p := &out[len(out)-1]
			p.End = max(p.End, c.End)
			last.End = max(last.End, c.Words.End)
			continue
		}
		if i > 0 {
			words += last.End - last.Start
		}
		out = append(out, c.Span)
		last = c.Words
	}
	return out, words + last.End - last.Start
}

// mergeSorted merges spans sorted by start, in place, into spans that
// neither overlap nor touch (as MergeSpans does).
func mergeSorted(s []Span) []Span {
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

// Table returns the table counted so far, paths in lang.
func (fc *FreqCounter) Table(lang string) FreqTable {
	t := FreqTable{By: fc.by, Groups: fc.groups}
	for i, c := range fc.cb.Codes() {
		t.Rows = append(t.Rows, FreqRow{CodeID: c.ID, Path: fc.cb.Path(c.ID, lang), Depth: fc.cb.Depth(c.ID),
			Parent: len(fc.cb.Children(c.ID)) > 0, Cells: fc.shares(fc.cells[i])})
	}
	t.Rows = append(t.Rows, FreqRow{Cells: fc.shares(fc.cells[fc.cb.Len()])})
	return t
}

// shares returns a row's cells with each share of its group's documents.
func (fc *FreqCounter) shares(cells []FreqCell) []FreqCell {
	out := slices.Clone(cells)
	for g := range out {
		if fc.groups[g].Docs > 0 {
			out[g].Share = float64(out[g].Documents) / float64(fc.groups[g].Docs)
		}
	}
	return out
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

// MergeSpans returns the union of spans as sorted spans that neither
// overlap nor touch.
func MergeSpans(spans []Span) []Span {
	if len(spans) == 0 {
		return nil
	}
	s := slices.Clone(spans)
	slices.SortFunc(s, func(a, b Span) int { return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End)) })
	return mergeSorted(s)
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
