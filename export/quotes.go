package export

import (
	"context"

	"fmt"
	"github.com/toituavain/avain/coding"
	"slices"
	"sort"
	"strings"
)

// QuoteOptions select the quotations of a quotation report: the codes,
// coders and --by split of Options, at most PerCode quotations per code
// (all when 0), which ones (Pick: first, longest, shortest or
// ATTR=VALUE[,…]) and the attributes each citation names (Cite; kind when
// empty).
type QuoteOptions struct {
	Options
	PerCode int
	Pick    string
	Cite    []string
}

// QuoteCodeInfo names a code of a quotation report: its id, its name in
// the report's language, its path from the theme down, its depth (0 for a
// theme), its colour and its definition (the short one when it has no
// long one).
type QuoteCodeInfo struct {
	ID         string
	Name       string
	Path       []string
	Depth      int
	Color      string
	Definition string
}

// below is the code's path below its theme ("Code / Subcode"), or the
// theme's name for the theme itself.
func (c QuoteCodeInfo) below() string {
	if len(c.Path) < 2 {
		return c.Name
	}
	return strings.Join(c.Path[1:], " / ")
}

// QuoteReport is the quotations of a project grouped theme → code →
// quotation, in codebook order.
type QuoteReport struct {
	Themes  []QuoteTheme
	Project string   // the project's file name, for the report's heading (set by the caller)
	Lang    string   // the language of the names and labels: fi or en
	Pick    string   // how the quotations were picked (QuoteOptions.Pick)
	Cite    []string // the attributes each citation names
	By      []string // the attributes the quotations of a code are grouped by
	Coders  []string // only these coders' codings (all when empty)
	Codes   []string // only these codes' subtrees (all when empty)
	// PerCode is the most quotations shown per code (0: all).
	PerCode int
}

// QuoteTheme is a top-level code and its codes with quotations: the
// theme itself first when passages are coded with it directly.
type QuoteTheme struct {
	Code  QuoteCodeInfo
	Codes []QuoteCode
}

// QuoteCode is a code's quotations: Total of them in all, Quotes the
// ones picked (fewer when PerCode or an attribute pick leaves some out).
type QuoteCode struct {
	Code   QuoteCodeInfo
	Total  int
	Quotes []Quote
}

// Quote is one coded passage, its text exactly as in the document (NFC),
// cited by document, speaker, turn number and, for a timed transcript,
// the turn's start time (hh:mm:ss); the cited attributes as name, value
// pairs; the coders who coded this span with this code, and their memos.
type Quote struct {
	Text     string
	Document string
	Speaker  string
	Turn     int
	Time     string
	Attrs    [][2]string
	Group    string // the --by group as freq names it: "laji = asiakas (n = 6)"; "" without --by
	Coders   []string
	Memos    []string
}

// Quotations reads the quotations o selects from src, grouped theme →
// code → quotation in codebook order. Codings of the same span with the
// same code by several coders are one quotation that names them all.
// Codes without a quotation shown are left out, and themes without codes.
func Quotations(ctx context.Context, src Source, o QuoteOptions) (*QuoteReport, error) {
	if o.PerCode < 0 {
		return nil, fmt.Errorf("--per-code must be 0 (all) or more, not %d", o.PerCode)
	}
	pk, err := parsePick(o.Pick)
	if err != nil {
		return nil, err
	}
	d, err := loadWithMemos(ctx, src, o.Options)
	if err != nil {
		return nil, err
	}
	cite := o.Cite
	if len(cite) == 0 {
		cite = []string{"kind"}
	}
	for _, a := range cite {
		if !d.hasAttr(a) {
			return nil, fmt.Errorf("--cite: no document has the attribute %q (there are: %s)", a, strings.Join(d.attrNames(), ", "))
		}
	}
	if err := pk.check(d); err != nil {
		return nil, err
	}
	r := &QuoteReport{Lang: d.lang, Pick: o.Pick, Cite: cite, By: o.By, Coders: o.Coders, Codes: o.Codes, PerCode: o.PerCode}
	byCode := mergeSpans(d, cite, o.By)
	type placed struct{ theme, code int }
	themes := map[string]int{}
	var picked []*quoteAt
	var at []placed
	for _, id := range d.codeIDs {
		qs := byCode[id]
		if len(qs) == 0 {
			continue
		}
		total := len(qs)
		qs = pk.apply(qs, o.PerCode)
		if len(qs) == 0 {
			continue
		}
		root := id
		if up := d.cb.Ancestors(id); len(up) > 0 {
			root = up[len(up)-1]
		}
		i, ok := themes[root]
		if !ok {
			i = len(r.Themes)
			themes[root] = i
			r.Themes = append(r.Themes, QuoteTheme{Code: codeInfo(d, root)})
		}
		r.Themes[i].Codes = append(r.Themes[i].Codes, QuoteCode{Code: codeInfo(d, id), Total: total, Quotes: make([]Quote, len(qs))})
		for range qs {
			at = append(at, placed{i, len(r.Themes[i].Codes) - 1})
		}
		picked = append(picked, qs...)
	}
	if err := readQuotes(ctx, src, d, picked); err != nil {
		return nil, err
	}
	n := map[placed]int{}
	for j, q := range picked {
		r.Themes[at[j].theme].Codes[at[j].code].Quotes[n[at[j]]] = q.Quote
		n[at[j]]++
	}
	return r, nil
}

// codeInfo names the code id of d's codebook in d's language.
func codeInfo(d *data, id string) QuoteCodeInfo {
	c := d.cb.Code(id)
	def := c.Definition
	if def == "" {
		def = c.ShortDef
	}
	return QuoteCodeInfo{ID: id, Name: c.Name(d.lang), Path: d.cb.Path(id, d.lang), Depth: d.cb.Depth(id), Color: c.Color, Definition: def}
}

// quoteAt is a quotation with what ordering and picking it needs.
type quoteAt struct {
	Quote
	docID      string
	name       string            // the document's name
	start, end int               // its span in the document
	attrs      map[string]string // the document's kind, lang and attributes
	group      splitGroup        // the --by values
	groupKey   string            // them as one key, for ordering by group
}

// mergeSpans makes the quotations of each code from d's codings, before
// any text is read: one per document and span, naming every coder who
// coded it and their memos, in order of the --by values, document name
// and position.
func mergeSpans(d *data, cite, by []string) map[string][]*quoteAt {
	type span struct {
		code, doc  string
		start, end int
	}
	summary := make(map[string]coding.DocSummary, len(d.docs))
	docAttrs := make(map[string]map[string]string, len(d.docs)) // read once per document
	sizes := map[string]int{}                                   // the documents of each --by group
	for _, s := range d.docs {
		summary[s.ID], docAttrs[s.ID] = s, attrs(s)
		sizes[groupValues(docAttrs[s.ID], by).key]++
	}
	seen := map[span]*quoteAt{}
	out := map[string][]*quoteAt{}
	for _, c := range d.codings {
		s, ok := summary[c.DocumentID]
		if !ok {
			continue
		}
		k := span{c.CodeID, c.DocumentID, c.Start, c.End}
		q := seen[k]
		if q == nil {
			q = newQuote(s, docAttrs[s.ID], c, cite, by)
			if len(by) > 0 {
				q.Group = fmt.Sprintf("%s (n = %d)", coding.GroupLabel(by, q.group.vals, d.lang), sizes[q.groupKey])
			}
			seen[k] = q
			out[c.CodeID] = append(out[c.CodeID], q)
		}
		if !slices.Contains(q.Coders, c.Coder) {
			q.Coders = append(q.Coders, c.Coder)
		}
		if c.Memo != "" {
			q.Memos = append(q.Memos, c.Coder+": "+c.Memo)
		}
	}
	for _, qs := range out {
		for _, q := range qs {
			sort.Strings(q.Coders)
			sort.Strings(q.Memos)
		}
		sort.SliceStable(qs, func(i, j int) bool {
			a, b := qs[i], qs[j]
			switch {
			case a.groupKey != b.groupKey:
				return a.groupKey < b.groupKey
			case a.name != b.name:
				return a.name < b.name
			case a.start != b.start:
				return a.start < b.start
			}
			return a.end < b.end
		})
	}
	return out
}

// newQuote is the quotation of c's span in the document s (of split
// values a), its text and turn not yet read.
func newQuote(s coding.DocSummary, a map[string]string, c *coding.Coding, cite, by []string) *quoteAt {
	q := &quoteAt{docID: s.ID, name: s.Name, start: c.Start, end: c.End, attrs: a, Quote: Quote{Document: s.Name}}
	for _, name := range cite {
		if v := a[name]; v != "" {
			q.Attrs = append(q.Attrs, [2]string{name, v})
		}
	}
	g := groupValues(a, by)
	q.group, q.groupKey = g, g.key
	return q
}

// splitGroup is a document's values of the --by attributes, and them as
// one key.
type splitGroup struct {
	vals []string
	key  string
}

// groupValues is the --by group of a document of split values a.
func groupValues(a map[string]string, by []string) splitGroup {
	vals := make([]string, len(by))
	for i, b := range by {
		vals[i] = a[b]
		if vals[i] == "" {
			vals[i] = coding.NoValue
		}
	}
	return splitGroup{vals, strings.Join(vals, "\x00")}
}
