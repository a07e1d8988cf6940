package export

import (
	"context"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
)

// spanKey names one coded span of one code.
type spanKey struct {
	doc, code  string
	start, end int
}

// spansInSQL reads, as SQL has them, the coders of each coded span (by
// document name, code and offsets), and the coding memos of each, "coder:
// memo", sorted.
func spansInSQL(t *testing.T, p *project.Project) (coders, memos map[spanKey][]string) {
	t.Helper()
	rows, err := p.DB().Query(`SELECT d.name, c.code_id, c.start, c.end, c.coder, coalesce(m.text, '') FROM codings c
		JOIN documents d ON d.id = c.document_id LEFT JOIN memos m ON m.target = 'coding' AND m.target_id = c.id AND m.deleted = 0
		WHERE c.deleted = 0 AND d.deleted = 0`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	coders, memos = map[spanKey][]string{}, map[spanKey][]string{}
	for rows.Next() {
		var k spanKey
		var coder, memo string
		if err := rows.Scan(&k.doc, &k.code, &k.start, &k.end, &coder, &memo); err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(coders[k], coder) {
			coders[k] = append(coders[k], coder)
		}
		if memo != "" {
			memos[k] = append(memos[k], coder+": "+memo)
			slices.Sort(memos[k])
		}
	}
	return coders, memos
}

// quoteSpan finds the span of q (a quotation of code) in doc: the text
// at the start of a coding of that code by q's coders.
func quoteSpan(t *testing.T, docs map[string]*coding.Document, spans map[spanKey][]string, code string, q Quote) spanKey {
	t.Helper()
	doc := docs[q.Document]
	for k := range spans {
		if k.doc == q.Document && k.code == code && coding.Slice(doc.Text, k.start, k.end) == q.Text {
			return k
		}
	}
	t.Fatalf("quotation %q of %s is no coded span of its document", q.Text, q.Document)
	return spanKey{}
}

// documentsByName reads every document of p.
func documentsByName(t *testing.T, p *project.Project) map[string]*coding.Document {
	t.Helper()
	out := map[string]*coding.Document{}
	if err := p.EachDocument(context.Background(), func(d *coding.Document) error { out[d.Name] = d; return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestQuotationsGroupAndCite checks the whole report of the coded demo
// against the database: themes and codes in codebook order, each code's
// quotations its distinct coded spans (coders of one span merged), each
// quotation's text the document's at that span, its turn, speaker, time
// (the timed transcripts), kind and memos.
func TestQuotationsGroupAndCite(t *testing.T) {
	p := coded(t, nil)
	withMemos(t, p)
	ctx := context.Background()
	r, err := Quotations(ctx, p, QuoteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cb, _ := p.Codebook(ctx)
	docs := documentsByName(t, p)
	spans, memosOf := spansInSQL(t, p)
	perCode := map[string]int{}
	for k := range spans {
		perCode[k.code]++
	}
	order := map[string]int{}
	for i, c := range cb.Codes() {
		order[c.ID] = i
	}
	last, merged, timed, memos, quotes := -1, 0, 0, 0, 0
	for _, th := range r.Themes {
		if cb.Code(th.Code.ID).ParentID != "" {
			t.Errorf("theme %s is not a top-level code", th.Code.Name)
		}
		for _, c := range th.Codes {
			if order[c.Code.ID] <= last {
				t.Errorf("code %s out of codebook order", c.Code.Name)
			}
			last = order[c.Code.ID]
			root := c.Code.ID
			if up := cb.Ancestors(root); len(up) > 0 {
				root = up[len(up)-1]
			}
			if root != th.Code.ID {
				t.Errorf("code %s is not under theme %s", c.Code.Name, th.Code.Name)
			}
			if c.Total != perCode[c.Code.ID] || len(c.Quotes) != c.Total {
				t.Errorf("%s: %d of %d quotations, SQL has %d spans", c.Code.Name, len(c.Quotes), c.Total, perCode[c.Code.ID])
			}
			for _, q := range c.Quotes {
				quotes++
				k := quoteSpan(t, docs, spans, c.Code.ID, q)
				doc := docs[q.Document]
				coders := slices.Sorted(slices.Values(spans[k]))
				if !slices.Equal(q.Coders, coders) {
					t.Errorf("%q: coders %v, SQL %v", q.Text, q.Coders, coders)
				}
				if len(coders) > 1 {
					merged++
				}
				turn := doc.TurnAt(k.start)
				if q.Turn != turn || q.Speaker != doc.Turns[turn-1].Speaker {
					t.Errorf("%q: turn %d %q, want %d %q", q.Text, q.Turn, q.Speaker, turn, doc.Turns[turn-1].Speaker)
				}
				if tn := doc.Turns[turn-1]; tn.HasTime != (q.Time != "") || (tn.HasTime && q.Time != clock(tn.Time)) {
					t.Errorf("%q: time %q, turn's %v (%v)", q.Text, q.Time, tn.Time, tn.HasTime)
				}
				if q.Time != "" {
					timed++
					if !regexp.MustCompile(`^\d\d:\d\d:\d\d$`).MatchString(q.Time) {
						t.Errorf("time %q is not hh:mm:ss", q.Time)
					}
				}
				if len(q.Attrs) != 1 || q.Attrs[0] != [2]string{"kind", doc.Kind} {
					t.Errorf("%q: attributes %v, want kind %s", q.Text, q.Attrs, doc.Kind)
				}
				memos += len(q.Memos)
				if !slices.Equal(q.Memos, memosOf[k]) {
					t.Errorf("%q: memos %q, SQL %q", q.Text, q.Memos, memosOf[k])
				}
			}
		}
	}
	if quotes != len(spans) || merged == 0 || timed == 0 || memos == 0 {
		t.Fatalf("%d quotations of %d spans, %d merged, %d timed, %d memos", quotes, len(spans), merged, timed, memos)
	}
	// A source that cannot list the codings with memos gives the same
	// report, each document's codings read with their memos.
	if slow, err := Quotations(ctx, generic{p}, QuoteOptions{}); err != nil || !reflect.DeepEqual(slow, r) {
		t.Errorf("the generic path's report differs (%v)", err)
	}
	// One coder's quotations carry that coder's memos alone.
	coders, err := p.Coders(ctx)
	if err != nil || len(coders) < 2 {
		t.Fatalf("coders %q, %v", coders, err)
	}
	one, err := Quotations(ctx, p, QuoteOptions{Options: Options{Coders: coders[:1]}})
	if err != nil {
		t.Fatal(err)
	}
	memos = 0
	for _, th := range one.Themes {
		for _, c := range th.Codes {
			for _, q := range c.Quotes {
				k := quoteSpan(t, docs, spans, c.Code.ID, q)
				want := slices.DeleteFunc(slices.Clone(memosOf[k]), func(m string) bool { return !strings.HasPrefix(m, coders[0]+": ") })
				if !slices.Equal(q.Memos, want) {
					t.Errorf("%s's %q: memos %q, want %q", coders[0], q.Text, q.Memos, want)
				}
				memos += len(q.Memos)
			}
		}
	}
	if memos == 0 {
		t.Errorf("%s's quotations carry no memo", coders[0])
	}
}

// TestQuotationsPick checks --per-code and --pick: at most N per code
// with the total kept, the longest or shortest ones, and only documents
// with an attribute value.
func TestQuotationsPick(t *testing.T) {
	p := coded(t, nil)
	ctx := context.Background()
	all, err := Quotations(ctx, p, QuoteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	lengths := map[string][]int{} // each code's quotation lengths
	for _, th := range all.Themes {
		for _, c := range th.Codes {
			for _, q := range c.Quotes {
				lengths[c.Code.ID] = append(lengths[c.Code.ID], utf8.RuneCountInString(q.Text))
			}
		}
	}
	for _, pick := range []string{"first", "longest", "shortest"} {
		r, err := Quotations(ctx, p, QuoteOptions{PerCode: 2, Pick: pick})
		if err != nil {
			t.Fatal(err)
		}
		fewer := 0
		for ti, th := range r.Themes {
			for ci, c := range th.Codes {
				want := slices.Clone(lengths[c.Code.ID])
				if c.Total != len(want) || len(c.Quotes) != min(2, len(want)) {
					t.Errorf("%s %s: %d of %d, want %d of %d", pick, c.Code.Name, len(c.Quotes), c.Total, min(2, len(want)), len(want))
					continue
				}
				if c.Total > 2 {
					fewer++
				}
				var got []int
				for _, q := range c.Quotes {
					got = append(got, utf8.RuneCountInString(q.Text))
				}
				switch pick {
				case "first":
					if full := all.Themes[ti].Codes[ci].Quotes; c.Quotes[0].Text != full[0].Text || c.Quotes[len(got)-1].Text != full[len(got)-1].Text {
						t.Errorf("first: %s does not start with the code's first quotations", c.Code.Name)
					}
				case "longest":
					slices.Sort(want)
					slices.Reverse(want)
				case "shortest":
					slices.Sort(want)
				}
				if pick != "first" && !slices.Equal(got, want[:len(got)]) {
					t.Errorf("%s %s: lengths %v, want %v", pick, c.Code.Name, got, want[:len(got)])
				}
			}
		}
		if fewer == 0 {
			t.Fatalf("%s: no code had more than 2 quotations", pick)
		}
	}
	r, err := Quotations(ctx, p, QuoteOptions{Pick: "kind=client", Cite: []string{"region", "kind"}})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, th := range r.Themes {
		for _, c := range th.Codes {
			for _, q := range c.Quotes {
				n++
				if len(q.Attrs) != 2 || q.Attrs[0][0] != "region" || q.Attrs[1] != [2]string{"kind", "client"} {
					t.Errorf("kind=client picked %v", q.Attrs)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("kind=client picked nothing")
	}
}

// TestQuotationsRefuseBadPicks checks that a pick, a citation or a limit
// that cannot be met is one clear error naming what there is.
func TestQuotationsRefuseBadPicks(t *testing.T) {
	p := coded(t, nil)
	for _, c := range []struct {
		o    QuoteOptions
		want []string
	}{
		{QuoteOptions{Pick: "sideways"}, []string{`"sideways"`, "first", "longest", "kind=client"}},
		{QuoteOptions{Pick: "kind=nobody"}, []string{"kind=nobody", "client", "professional"}},
		{QuoteOptions{Pick: "shoe=9"}, []string{`"shoe"`, "region"}},
		{QuoteOptions{Pick: "first,longest"}, []string{"one of"}},
		{QuoteOptions{Cite: []string{"shoe"}}, []string{"--cite", `"shoe"`, "region"}},
		{QuoteOptions{PerCode: -1}, []string{"--per-code", "-1"}},
	} {
		_, err := Quotations(context.Background(), p, c.o)
		if err == nil {
			t.Errorf("%+v: no error", c.o)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) || strings.Contains(err.Error(), "\n") {
				t.Errorf("%+v: %q does not say %s", c.o, err, w)
			}
		}
	}
}

// TestQuotationsPerGroup checks that with --by the quotations of a code
// come in groups of the attribute's values, each holding --per-code of
// them (or all it has, when fewer).
func TestQuotationsPerGroup(t *testing.T) {
	p := coded(t, nil)
	ctx := context.Background()
	counts := func(o QuoteOptions) map[string]int { // code and group: quotations
		r, err := Quotations(ctx, p, o)
		if err != nil {
			t.Fatal(err)
		}
		n := map[string]int{}
		for _, th := range r.Themes {
			for _, c := range th.Codes {
				last := 0
				for _, q := range c.Quotes { // clients first, named as freq names the groups
					order := map[string]int{"client": 1, "professional": 2}[q.Attrs[0][1]]
					name := map[string]string{"client": "laji = asiakas (n = 6)", "professional": "laji = ammattilainen (n = 4)"}[q.Attrs[0][1]]
					if order < last || q.Group != name {
						t.Errorf("%s: %q in group %q after group %d", c.Code.Name, q.Attrs, q.Group, last)
					}
					last = order
					n[c.Code.ID+" "+q.Group]++
				}
			}
		}
		return n
	}
	by := Options{By: []string{"kind"}}
	all, some := counts(QuoteOptions{Options: by}), counts(QuoteOptions{Options: by, PerCode: 2, Pick: "longest"})
	cut := 0
	for k, n := range all {
		if some[k] != min(n, 2) {
			t.Errorf("%s: %d shown of %d", k, some[k], n)
		}
		if n > 2 {
			cut++
		}
	}
	if cut < 2 {
		t.Fatalf("only %d groups had more than 2 quotations", cut)
	}
}
