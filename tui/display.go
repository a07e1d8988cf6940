package tui

import (
	"context"
	"io"
	"strings"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/pseudo"
	"github.com/toituavain/avain/search"
)

// displayed wraps the services so that every name, memo and text the
// screens read shows its control characters as visible symbols (␛, ␇, �;
// coding.Visible) instead of sending them to the terminal: a project an
// older avain filled may hold them. Texts keep their length in code
// points, so positions stay right; writes pass through unchanged.
func displayed(svc Services) Services {
	if _, ok := svc.(displaySvc); ok || svc == nil {
		return svc
	}
	return displaySvc{svc}
}

type displaySvc struct{ Services }

// oneLine shows a one-line field: also its line breaks and tabs as symbols.
func oneLine(s string) string {
	s = coding.Visible(s)
	if !strings.ContainsAny(s, "\n\t") {
		return s
	}
	return strings.NewReplacer("\n", "␤", "\t", "␉").Replace(s)
}

func lineAttrs(attrs map[string]string) map[string]string {
	clean := true
	for k, v := range attrs {
		if oneLine(k) != k || oneLine(v) != v {
			clean = false
			break
		}
	}
	if clean {
		return attrs
	}
	out := make(map[string]string, len(attrs))
	for k, v := range attrs {
		out[oneLine(k)] = oneLine(v)
	}
	return out
}

// Export passes the write of an output through: it shows nothing.
func (d displaySvc) Export(ctx context.Context, path, coder, target, detail string, write func(io.Writer) error) error {
	return d.Services.Export(ctx, path, coder, target, detail, write)
}

// Memos shows the memos' texts and authors visible, as Memo does.
func (d displaySvc) Memos(ctx context.Context) ([]coding.MemoEntry, error) {
	ms, err := d.Services.Memos(ctx)
	for i := range ms {
		ms[i].Text, ms[i].Coder = coding.Visible(ms[i].Text), oneLine(ms[i].Coder)
	}
	return ms, err
}

func (d displaySvc) Document(ctx context.Context, ref string) (*coding.Document, error) {
	doc, err := d.Services.Document(ctx, ref)
	if err != nil || doc == nil {
		return doc, err
	}
	c := *doc
	c.Name, c.Text, c.Attrs, c.Coder = oneLine(doc.Name), coding.Visible(doc.Text), lineAttrs(doc.Attrs), oneLine(doc.Coder)
	c.Turns = make([]coding.Turn, len(doc.Turns))
	for i, t := range doc.Turns {
		t.Speaker = oneLine(t.Speaker)
		c.Turns[i] = t
	}
	return &c, nil
}

func (d displaySvc) Codebook(ctx context.Context) (*coding.Codebook, error) {
	cb, err := d.Services.Codebook(ctx)
	if err != nil || cb == nil {
		return cb, err
	}
	codes := make([]*coding.Code, len(cb.Codes()))
	for i, c := range cb.Codes() {
		x := *c
		x.NameFi, x.NameEn, x.Shortcut, x.Color, x.Coder = oneLine(c.NameFi), oneLine(c.NameEn), oneLine(c.Shortcut), oneLine(c.Color), oneLine(c.Coder)
		x.ShortDef, x.Definition, x.WhenToUse = coding.Visible(c.ShortDef), coding.Visible(c.Definition), coding.Visible(c.WhenToUse)
		x.WhenNotUse, x.Example = coding.Visible(c.WhenNotUse), coding.Visible(c.Example)
		codes[i] = &x
	}
	return coding.LoadCodebook(codes)
}

func (d displaySvc) Coding(ctx context.Context, id string) (*coding.Coding, error) {
	c, err := d.Services.Coding(ctx, id)
	if err != nil || c == nil {
		return c, err
	}
	x := *c
	x.Coder, x.Memo = oneLine(c.Coder), coding.Visible(c.Memo)
	return &x, nil
}

func (d displaySvc) Codings(ctx context.Context, f coding.CodingFilter) ([]*coding.Coding, error) {
	cs, err := d.Services.Codings(ctx, f)
	for i, c := range cs {
		if oneLine(c.Coder) != c.Coder || coding.Visible(c.Memo) != c.Memo {
			x := *c
			x.Coder, x.Memo = oneLine(c.Coder), coding.Visible(c.Memo)
			cs[i] = &x
		}
	}
	return cs, err
}

func summaries(ds []coding.DocSummary) []coding.DocSummary {
	for i := range ds {
		ds[i].Name, ds[i].Attrs, ds[i].Coder = oneLine(ds[i].Name), lineAttrs(ds[i].Attrs), oneLine(ds[i].Coder)
	}
	return ds
}

func (d displaySvc) Documents(ctx context.Context) ([]coding.DocSummary, error) {
	ds, err := d.Services.Documents(ctx)
	return summaries(ds), err
}

func (d displaySvc) DocumentList(ctx context.Context) ([]coding.DocSummary, error) {
	ds, err := d.Services.DocumentList(ctx)
	return summaries(ds), err
}

func (d displaySvc) DocumentText(ctx context.Context, id string) (string, error) {
	s, err := d.Services.DocumentText(ctx, id)
	return coding.Visible(s), err
}

func (d displaySvc) Memo(ctx context.Context, target coding.MemoTarget, id string) (string, error) {
	s, err := d.Services.Memo(ctx, target, id)
	return coding.Visible(s), err
}

func (d displaySvc) Search(ctx context.Context, q string, limit int) (search.Result, error) {
	r, err := d.Services.Search(ctx, q, limit)
	for i := range r.Hits {
		h := &r.Hits[i]
		h.DocName, h.Speaker, h.Snippet = oneLine(h.DocName), oneLine(h.Speaker), oneLine(h.Snippet)
	}
	return r, err
}

// MemoFindings passes the check of memos for personal data through, for
// a project that offers it (see memoGuard).
func (d displaySvc) MemoFindings(ctx context.Context, text string) ([]pseudo.Finding, error) {
	if g, ok := d.Services.(memoGuard); ok {
		return g.MemoFindings(ctx, text)
	}
	return nil, nil
}

var _ memoGuard = displaySvc{}
