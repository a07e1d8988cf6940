package coding

import "strings"

// What the numbers of a code count: the one definition the codebook view,
// the themes view, `avain codebook` and `avain export freq` share, so
// that one theme shows the same numbers everywhere.
//
// A code counts its subtree: its own codings and those of every code
// under it (a theme counts all its child codes; a code without child
// codes, its own codings). Of those codings it counts
//
//   - codings: coded segments, every coder's counted (a passage two
//     coders coded is two codings, and so is a passage one coder coded
//     with two child codes of the theme);
//   - passages: distinct coded spans: in one document, the codings of any
//     coder and any code of the subtree that overlap or touch are merged
//     into one passage;
//   - documents: the documents with at least one of the codings.

// The labels of the three numbers, and what each counts, in the words
// every view and export uses: English, from the measures' definitions
// (measures.go).
var (
	LabelCodings   = MeasureCodings.Label(LangEnglish)
	LabelPassages  = MeasurePassages.Label(LangEnglish)
	LabelDocuments = MeasureDocuments.Label(LangEnglish)

	AboutCodings   = MeasureCodings.Brief(LangEnglish)
	AboutPassages  = MeasurePassages.Brief(LangEnglish)
	AboutDocuments = MeasureDocuments.Brief(LangEnglish)
	AboutSubtree   = SubtreeBrief(LangEnglish)
)

// CountsNote says what the numbers of a code count: the subtree, the
// codings, the passages and the documents (CountsAbout in English).
var CountsNote = strings.Join(CountsAbout(LangEnglish)[:1+int(MeasureDocuments)], " ")

// Tally counts a subtree's codings in one document: how many codings,
// how many passages (the codings' spans merged, coders together), and
// the passages' spans, sorted.
func Tally(cs []*Coding) (codings, passages int, merged []Span) {
	ss := make([]Span, len(cs))
	for i, c := range cs {
		ss[i] = c.Span()
	}
	merged = MergeSpans(ss)
	return len(cs), len(merged), merged
}

// CountCodes counts, per code id of cb, the codings of its subtree by the
// definition above, and the totals over every code. Own is each code's
// codings with the code itself. Codings of codes not in cb are left out.
func CountCodes(cb *Codebook, codings []*Coding) (map[string]CodeCounts, CodeCounts) {
	byCode := map[string]map[string][]*Coding{} // code -> document -> codings
	own := map[string]int{}
	for _, c := range codings {
		if cb.Code(c.CodeID) == nil {
			continue
		}
		m := byCode[c.CodeID]
		if m == nil {
			m = map[string][]*Coding{}
			byCode[c.CodeID] = m
		}
		m[c.DocumentID] = append(m[c.DocumentID], c)
		own[c.CodeID]++
	}
	count := func(ids []string) CodeCounts {
		var n CodeCounts
		for _, cs := range subtreeCodings(byCode, ids) {
			c, p, _ := Tally(cs)
			n.Codings += c
			n.Passages += p
			n.Documents++
		}
		return n
	}
	out := make(map[string]CodeCounts, cb.Len())
	all := make([]string, 0, cb.Len())
	for _, c := range cb.Codes() {
		all = append(all, c.ID)
		n := count(cb.Subtree(c.ID))
		n.Own = own[c.ID]
		out[c.ID] = n
	}
	total := count(all)
	total.Own = total.Codings
	return out, total
}
