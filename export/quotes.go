package export

import (
	"context"
	"fmt"
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
	Group    string // the values of the --by attributes, joined by " / "
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
	d, err := load(ctx, src, o.Options, false)
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
	ps, err := readPassages(ctx, src, d)
	if err != nil {
		return nil, err
	}
	r := &QuoteReport{Lang: d.lang, Pick: o.Pick, Cite: cite, By: o.By, Coders: o.Coders, Codes: o.Codes, PerCode: o.PerCode}
	byCode := mergePassages(ps, cite, o.By)
	themes := map[string]int{}
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
		qc := QuoteCode{Code: codeInfo(d, id), Total: total, Quotes: make([]Quote, len(qs))}
		for j, q := range qs {
			qc.Quotes[j] = q.Quote
		}
		r.Themes[i].Codes = append(r.Themes[i].Codes, qc)
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
	name       string            // the document's name
	start, end int               // its span in the document
	attrs      map[string]string // the document's kind, lang and attributes
}

// mergePassages makes the quotations of each code from the passages:
// one per document and span, naming every coder who coded it and their
// memos, in order of the --by values, document name and position.
func mergePassages(ps []passage, cite, by []string) map[string][]*quoteAt {
	type span struct {
		code, doc  string
		start, end int
	}
	seen := map[span]*quoteAt{}
	out := map[string][]*quoteAt{}
	for _, p := range ps {
		if p.c == nil {
			continue
		}
		k := span{p.c.CodeID, p.doc.ID, p.c.Start, p.c.End}
		q := seen[k]
		if q == nil {
			a := attrs(p.doc)
			q = &quoteAt{name: p.doc.Name, start: p.c.Start, end: p.c.End, attrs: a, Quote: Quote{
				Text: p.text, Document: p.doc.Name, Speaker: p.speaker, Turn: p.turn, Time: p.time}}
			for _, name := range cite {
				if v := a[name]; v != "" {
					q.Attrs = append(q.Attrs, [2]string{name, v})
				}
			}
			var g []string
			for _, b := range by {
				g = append(g, b+"="+a[b])
			}
			q.Group = strings.Join(g, " / ")
			seen[k] = q
			out[p.c.CodeID] = append(out[p.c.CodeID], q)
		}
		if !slices.Contains(q.Coders, p.c.Coder) {
			q.Coders = append(q.Coders, p.c.Coder)
		}
		if p.c.Memo != "" {
			q.Memos = append(q.Memos, p.c.Coder+": "+p.c.Memo)
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
			case a.Group != b.Group:
				return a.Group < b.Group
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
