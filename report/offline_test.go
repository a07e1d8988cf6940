package report

import (
	"regexp"
	"slices"
	"strings"
	"testing"
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
	} {
		if got := externalRefs(tc.html); !slices.Equal(got, tc.want) {
			t.Errorf("externalRefs(%q) = %q, want %q", tc.html, got, tc.want)
		}
	}
}
