package report

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

// TestReportNamesNoAddress: the demo's report, quotations and charts
// included, names nothing a browser would fetch or follow out of the page,
// and no address at all: no scheme, no //host, no url() but a fragment.
func TestReportNamesNoAddress(t *testing.T) {
	html := render(t, demo(t), Options{Project: "demo", By: []string{"kind"}, Quotes: 3})
	if refs := externalRefs(html); len(refs) > 0 {
		t.Errorf("the report refers outside itself: %q", refs)
	}
	for _, re := range []string{`(?i)https?:`, `(?i)ftp:`, `(?i)file:`, `(?i)\b(src|href)\s*=\s*["']?//`, `(?i)<script`, `(?i)<link\b`, `(?i)<img\b`, `(?i)@import`, `(?i)@font-face`} {
		if m := regexp.MustCompile(re).FindString(html); m != "" {
			t.Errorf("the report holds %q (%s)", m, re)
		}
	}
	if n := strings.Count(html, "<svg"); n < 4 {
		t.Errorf("%d inline charts, want 4 (two of the themes, the heat map, agreement)", n)
	}
	if !strings.HasPrefix(html, "<!DOCTYPE html>") || !strings.Contains(html, `<meta charset="utf-8">`) {
		t.Errorf("the page does not start as UTF-8 HTML: %.200q", html)
	}
}

// TestExternalRefs: what the check finds, and what it lets pass.
func TestExternalRefs(t *testing.T) {
	for _, tc := range []struct {
		html string
		want []string
	}{
		{`<img src="https://example.org/x.png">`, []string{"https://example.org/x.png"}},
		{`<a href='//example.org'>x</a>`, []string{"//example.org"}},
		{`<link rel=stylesheet href=style.css>`, []string{"style.css"}},
		{`<svg><image xlink:href="pic.png"/></svg>`, []string{"pic.png"}},
		{`<style>body { background: url( "http://x/y.png") }</style>`, []string{"http://x/y.png"}},
		{`<style>@import "fonts.css";</style>`, []string{"fonts.css"}},
		{`<a href="#themes">x</a> <rect fill="url(#g)"/> <img src="data:image/png;base64,AAAA">`, nil},
		{`<p>Kela's address is written here as text: www.example.org</p>`, nil},
		{`<text x="1">&lt;img src=x&gt; url(y) @import "z"</text>`, nil},
		{`<div style="background:url('bg.png')">`, []string{"bg.png"}},
	} {
		if got := externalRefs(tc.html); !slices.Equal(got, tc.want) {
			t.Errorf("externalRefs(%q) = %q, want %q", tc.html, got, tc.want)
		}
	}
}

// TestMarkupInNamesIsText: a code, a coder and a project named with
// markup are text on the page (in its tables, charts and appendix), never
// markup.
func TestMarkupInNamesIsText(t *testing.T) {
	ctx := context.Background()
	p := demoCopy(t)
	const evil = `<script>alert("x")</script><img src=x onerror=alert(1)>`
	code := &coding.Code{NameFi: evil, NameEn: evil, Color: "#123456", Definition: evil}
	if err := p.AddCode(ctx, code, "test"); err != nil {
		t.Fatal(err)
	}
	docs, err := p.DocumentList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := p.Document(ctx, docs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, coder := range []string{evil, "aino"} {
		c := &coding.Coding{Record: coding.Record{Coder: coder}, DocumentID: doc.ID, CodeID: code.ID, Start: doc.Turns[0].Start, End: doc.Turns[0].End}
		if _, err := p.AddCoding(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	html := render(t, p, Options{Project: evil, Quotes: 1})
	for _, bad := range []string{"<script", "<img"} {
		if strings.Contains(html, bad) {
			i := strings.Index(html, bad)
			t.Errorf("the page holds %q as markup: …%s…", bad, html[max(0, i-80):min(len(html), i+80)])
		}
	}
	if n := strings.Count(html, "&lt;script&gt;"); n < 4 {
		t.Errorf("the name is on the page %d times as text, want it in the title, tables, charts and appendix", n)
	}
}
