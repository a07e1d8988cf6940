package export

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/toituavain/avain/coding"
)

// Source is what the exports read from a project; *project.Project
// satisfies it.
type Source interface {
	Codebook(ctx context.Context) (*coding.Codebook, error)
	DocumentList(ctx context.Context) ([]coding.DocSummary, error)
	Document(ctx context.Context, ref string) (*coding.Document, error)
	DocumentText(ctx context.Context, id string) (string, error)
	Codings(ctx context.Context, f coding.CodingFilter) ([]*coding.Coding, error)
}

// Options select what an export covers.
type Options struct {
	By     []string // attributes to split by: kind, lang, or any document attribute
	Coders []string // only these coders' codings (all when empty)
	Codes  []string // only these codes' subtrees (names, paths or ids; all when empty)
	Lang   string   // the language of code names: fi (default) or en
	Unit   string   // co-occurrence unit: turn (default) or overlap
}

// data is a project's codebook, documents and the selected codings.
type data struct {
	cb      *coding.Codebook
	docs    []coding.DocSummary
	codings []*coding.Coding
	codeIDs []string // the selected codes in codebook order (all when no filter)
	lang    string
}

// load reads the codebook, the documents and the codings o selects.
// bare reads the codings without ids, times and memos (for counts).
func load(ctx context.Context, src Source, o Options, bare bool) (*data, error) {
	d, err := loadMeta(ctx, src, o)
	if err != nil {
		return nil, err
	}
	f := coding.CodingFilter{Bare: bare}
	if len(d.codeIDs) < d.cb.Len() {
		f.CodeIDs = d.codeIDs
	}
	cs, err := src.Codings(ctx, f)
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		if len(o.Coders) == 0 || slices.Contains(o.Coders, c.Coder) {
			d.codings = append(d.codings, c)
		}
	}
	return d, nil
}

// codedMemos is what a Source offers to give codings their memos without
// reading every coding whole; *project.Project has it.
type codedMemos interface {
	CodedMemos(ctx context.Context) ([]*coding.Coding, error)
}

// loadWithMemos is load of the codings with their memos: the bare
// codings and the few with memos, from a source that lists those, else
// every coding whole. A memo goes to the coding of its document, code,
// span and coder.
func loadWithMemos(ctx context.Context, src Source, o Options) (*data, error) {
	m, ok := src.(codedMemos)
	if !ok {
		return load(ctx, src, o, false)
	}
	d, err := load(ctx, src, o, true)
	if err != nil {
		return nil, err
	}
	memos, err := m.CodedMemos(ctx)
	if err != nil {
		return nil, err
	}
	type key struct {
		doc, code, coder string
		start, end       int
	}
	byKey := make(map[key]string, len(memos))
	for _, c := range memos {
		byKey[key{c.DocumentID, c.CodeID, c.Coder, c.Start, c.End}] = c.Memo
	}
	for _, c := range d.codings {
		c.Memo = byKey[key{c.DocumentID, c.CodeID, c.Coder, c.Start, c.End}]
	}
	return d, nil
}

// loadMeta reads the codebook and the documents, and resolves the codes
// o selects; it refuses a --by attribute no document has.
func loadMeta(ctx context.Context, src Source, o Options) (*data, error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	d := &data{lang: o.Lang}
	if d.lang == "" {
		d.lang = coding.LangFinnish
	}
	var err error
	if d.cb, err = src.Codebook(ctx); err != nil {
		return nil, err
	}
	if d.docs, err = src.DocumentList(ctx); err != nil {
		return nil, err
	}
	selected := map[string]bool{}
	for _, ref := range o.Codes {
		c, err := d.cb.Resolve(ref)
		if err != nil {
			return nil, fmt.Errorf("%s%w", named(src), err)
		}
		for _, id := range d.cb.Subtree(c.ID) {
			selected[id] = true
		}
	}
	for _, c := range d.cb.Codes() {
		if len(selected) == 0 || selected[c.ID] {
			d.codeIDs = append(d.codeIDs, c.ID)
		}
	}
	for _, a := range o.By {
		if !d.hasAttr(a) {
			return nil, fmt.Errorf("%sno document has the attribute %q (there are: %s)", named(src), a, strings.Join(d.attrNames(), ", "))
		}
	}
	if err := checkCoders(ctx, src, o.Coders); err != nil {
		return nil, err
	}
	return d, nil
}

// check refuses options that contradict themselves: an attribute given
// twice to --by would split each group by the same value again.
func (o Options) check() error {
	for i, a := range o.By {
		if slices.Contains(o.By[:i], a) {
			return fmt.Errorf("--by %q is given twice: split by each attribute once", a)
		}
	}
	return nil
}

// checkCoders refuses a coder who has no codings in the project (a typo,
// or a name in other case: coders are told apart by case), naming the
// project and its coders, so that a mistyped --coder never counts zeros.
func checkCoders(ctx context.Context, src Source, coders []string) error {
	if len(coders) == 0 {
		return nil
	}
	known, err := Coders(ctx, src)
	if err != nil {
		return err
	}
	for _, c := range coders {
		if slices.Contains(known, c) {
			continue
		}
		if len(known) == 0 {
			return fmt.Errorf("%scoder %q: not found (the project has no codings yet)", named(src), c)
		}
		return fmt.Errorf("%scoder %q: not found (there are: %s)", named(src), c, strings.Join(known, ", "))
	}
	return nil
}

// named is "NAME.avain: " for a source that knows its file, else "".
func named(src Source) string {
	if p, ok := src.(interface{ Path() string }); ok && p.Path() != "" {
		return filepath.Base(p.Path()) + ": "
	}
	return ""
}

// attrs returns a document's split values: kind, lang and its attributes.
func attrs(s coding.DocSummary) map[string]string {
	m := make(map[string]string, len(s.Attrs)+2)
	for k, v := range s.Attrs {
		m[k] = v
	}
	m["kind"], m["lang"] = s.Kind, s.Lang
	return m
}

func (d *data) hasAttr(a string) bool {
	return slices.Contains(d.attrNames(), a)
}

// attrNames lists kind, lang and every attribute name, sorted.
func (d *data) attrNames() []string {
	set := map[string]bool{"kind": true, "lang": true}
	for _, s := range d.docs {
		for k := range s.Attrs {
			set[k] = true
		}
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// subCodebook is the codebook of the selected codes, the roots of the
// selection made top-level.
func (d *data) subCodebook() (*coding.Codebook, error) {
	if len(d.codeIDs) == d.cb.Len() {
		return d.cb, nil
	}
	in := map[string]bool{}
	for _, id := range d.codeIDs {
		in[id] = true
	}
	var codes []*coding.Code
	for _, id := range d.codeIDs {
		c := *d.cb.Code(id)
		if !in[c.ParentID] {
			c.ParentID = ""
		}
		codes = append(codes, &c)
	}
	return coding.NewCodebook(codes)
}

// SegmentsCounts says, in lang, what a row of Segments holds.
func SegmentsCounts(lang string) []string {
	return []string{View{Lang: lang}.word(
		"Kukin rivi on yksi koodaus (kunkin koodaajan omansa): koodi, dokumentti ja sen attribuutit, puheenvuoro, puhuja, alku- ja loppukohta (merkkeinä NFC-muotoisessa tekstissä), koodaaja, muistio ja koodattu teksti.",
		"Each row is one coding (each coder's their own): the code, the document and its attributes, the turn, the speaker, the start and end (characters of the NFC text), the coder, the memo and the coded text.")}
}

// Segments lays out every coded passage o selects, grouped by code in
// codebook order, then by the --by attributes, document and position:
// document, attributes, turn, speaker, offsets (code points), code path,
// coder, memo and the quoted text. The documents are read one at a time;
// each document's attributes and each code's path are made once.
func Segments(ctx context.Context, src Source, o Options) (Table, error) {
	d, err := loadWithMemos(ctx, src, o)
	if err != nil {
		return Table{}, err
	}
	ps, err := readPassages(ctx, src, d)
	if err != nil {
		return Table{}, err
	}
	order := map[string]int{}
	paths := map[string]string{}
	for i, id := range d.codeIDs {
		order[id], paths[id] = i, d.cb.PathString(id, d.lang)
	}
	type docSplit struct {
		attrs map[string]string
		key   string // the --by values
	}
	split := map[string]docSplit{}
	for _, s := range d.docs {
		a := attrs(s)
		var parts []string
		for _, b := range o.By {
			parts = append(parts, a[b])
		}
		split[s.ID] = docSplit{a, strings.Join(parts, "\x00")}
	}
	ps = slices.DeleteFunc(ps, func(p passage) bool { return p.c == nil })
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if order[a.c.CodeID] != order[b.c.CodeID] {
			return order[a.c.CodeID] < order[b.c.CodeID]
		}
		if ka, kb := split[a.doc.ID].key, split[b.doc.ID].key; ka != kb {
			return ka < kb
		}
		if a.doc.Name != b.doc.Name {
			return a.doc.Name < b.doc.Name
		}
		return a.c.Start < b.c.Start
	})
	attrNames := d.attrNames()
	out := Table{Name: "Segments", Header: []string{"code_path", "code_id", "document", "document_id"}}
	for _, a := range attrNames {
		out.Header = append(out.Header, "attr:"+a)
	}
	out.Header = append(out.Header, "turn", "speaker", "start", "end", "coder", "memo", "text")
	out.Rows = make([][]Cell, 0, len(ps))
	for _, p := range ps {
		c := p.c
		row := make([]Cell, 0, len(out.Header))
		row = append(row, T(paths[c.CodeID]), T(c.CodeID), T(p.doc.Name), T(p.doc.ID))
		a := split[p.doc.ID].attrs
		for _, name := range attrNames {
			row = append(row, T(a[name]))
		}
		row = append(row, N(p.turn), T(p.speaker), N(c.Start), N(c.End), T(c.Coder), T(c.Memo), T(p.text))
		out.Rows = append(out.Rows, row)
	}
	return out, nil
}
