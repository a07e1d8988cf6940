package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"time"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/export"
)

// Options say what a report covers and how it is labelled.
type Options struct {
	Project string    // the project's name, in the title
	By      []string  // the attributes the themes are split by (none: all documents only)
	Coders  []string  // only these coders' codings (all when empty)
	Codes   []string  // only these codes' subtrees (names, paths or ids; all when empty)
	Lang    string    // labels and code names: fi (default) or en
	Quotes  int       // quotations per code; 0 leaves the quotations out
	Pick    string    // which quotations: first (default), longest, shortest or ATTR=VALUE
	Made    time.Time // when the report was made, on its first line
}

// Report is a study's report, read and drawn, ready to be written as
// HTML.
type Report struct {
	page page
	// Documents, Codings and Quotations are what the report covers: the
	// documents, the codings selected and the quotations shown.
	Documents, Codings, Quotations int
}

// Build reads what o selects from src and draws the charts. It fails when
// src cannot be read or holds no documents, a --by attribute or a code is
// unknown, or a chart cannot be drawn.
func Build(ctx context.Context, src export.Source, o Options) (*Report, error) {
	if o.Lang != coding.LangEnglish {
		o.Lang = coding.LangFinnish
	}
	if o.Quotes < 0 {
		return nil, fmt.Errorf("quotations per code: %d is below 0", o.Quotes)
	}
	l := labelsFor(o.Lang)
	eo := export.Options{By: o.By, Coders: o.Coders, Codes: o.Codes, Lang: o.Lang}
	docs, err := src.DocumentList(ctx)
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		return nil, errors.New("the project has no documents to report: import transcripts first (avain import)")
	}
	t, cb, err := export.Frequencies(ctx, src, eo)
	if err != nil {
		return nil, err
	}
	coders, direct, err := codingsByCoder(ctx, src, cb, o)
	if err != nil {
		return nil, err
	}
	pg := page{Lang: o.Lang, L: l, Project: o.Project, Made: formatDate(o.Made, o.Lang),
		Filters: filters(o, l), About: coding.CountsAbout(o.Lang)}
	r := &Report{Documents: len(docs)}
	if o.Quotes > 0 { // first: a --pick it cannot follow fails before the charts are drawn
		if pg.Quotes, r.Quotations, err = quotations(ctx, src, o); err != nil {
			return nil, err
		}
		pg.QuotesIntro = fmt.Sprintf(l.QuotesIntro, o.Quotes)
		if r.Quotations == 0 { // said plainly, and no warning of quoted text
			pg.Quotes, pg.QuotesIntro = "", l.NoQuotes
		}
	}
	pg.Numbers = studyNumbers(docs, t, coders, o, l)
	r.Codings = pg.Numbers.Codings
	pg.Themes = themesTable(t, cb, o, l)
	if pg.Numbers.Codings == 0 {
		pg.Empty = l.NoCodings
	} else { // bars of nothing say nothing
		if pg.ThemeCharts, err = themeCharts(t, cb, o); err != nil {
			return nil, err
		}
	}
	if pg.Cooccur, err = cooccurrence(ctx, src, t, cb, direct, o, l); err != nil {
		return nil, err
	}
	if pg.Agreement, err = agreement(ctx, src, cb, coders, o, l); err != nil {
		return nil, err
	}
	pg.Codebook = codebookEntries(cb, o)
	r.page = pg
	return r, nil
}

// coderCount is one coder and their codings in the report's selection.
type coderCount struct {
	Coder   string
	Codings int
}

// codingsByCoder counts the codings o selects by coder, the most first,
// and counts the codes with child codes that are coded directly (have
// codings of their own).
func codingsByCoder(ctx context.Context, src export.Source, cb *coding.Codebook, o Options) ([]coderCount, int, error) {
	f := coding.CodingFilter{Bare: true}
	for _, ref := range o.Codes {
		c, err := cb.Resolve(ref)
		if err != nil {
			return nil, 0, err
		}
		f.CodeIDs = append(f.CodeIDs, cb.Subtree(c.ID)...)
	}
	cs, err := src.Codings(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	n := map[string]int{}
	direct := map[string]bool{}
	for _, c := range cs {
		if cb.Code(c.CodeID) != nil && (len(o.Coders) == 0 || slices.Contains(o.Coders, c.Coder)) {
			n[c.Coder]++
			if len(cb.Children(c.CodeID)) > 0 {
				direct[c.CodeID] = true
			}
		}
	}
	out := make([]coderCount, 0, len(n))
	for c, k := range n {
		out = append(out, coderCount{c, k})
	}
	slices.SortFunc(out, func(a, b coderCount) int {
		if a.Codings != b.Codings {
			return b.Codings - a.Codings
		}
		return strings.Compare(a.Coder, b.Coder)
	})
	return out, len(direct), nil
}

// quotations renders the quotation report of o as an HTML section, with
// the number of quotations in it.
func quotations(ctx context.Context, src export.Source, o Options) (template.HTML, int, error) {
	cite := []string{"kind"}
	for _, b := range o.By {
		if !slices.Contains(cite, b) {
			cite = append(cite, b)
		}
	}
	q, err := export.Quotations(ctx, src, export.QuoteOptions{
		Options: export.Options{Coders: o.Coders, Codes: o.Codes, Lang: o.Lang},
		PerCode: o.Quotes, Pick: o.Pick, Cite: cite})
	if err != nil {
		return "", 0, err
	}
	n := 0
	for _, th := range q.Themes {
		for _, c := range th.Codes {
			n += len(c.Quotes)
		}
	}
	var b bytes.Buffer
	if err := export.WriteQuotesHTMLFragment(&b, q, o.Lang); err != nil {
		return "", 0, err
	}
	return template.HTML(b.String()), n, nil
}
