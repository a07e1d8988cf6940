package report

import (
	"bytes"
	"fmt"
	"html/template"
	"regexp"
	"strings"
)

// drawSVG runs draw into a buffer and returns the SVG it wrote, made fit
// to stand inline in the page: without an XML declaration, a doctype,
// comments or namespace declarations (an HTML parser gives inline <svg>
// its namespace, and the page then names no address at all). It fails
// when the SVG would reach for anything outside the page.
func drawSVG(draw func(*bytes.Buffer) error) (template.HTML, error) {
	var b bytes.Buffer
	if err := draw(&b); err != nil {
		return "", err
	}
	s := b.String()
	start := strings.Index(s, "<svg")
	if start < 0 {
		return "", fmt.Errorf("the chart is not SVG")
	}
	s = comments.ReplaceAllString(s[start:], "")
	s = namespaces.ReplaceAllString(s, "")
	if refs := externalRefs(s); len(refs) > 0 {
		return "", fmt.Errorf("the chart refers outside the page: %s", refs[0])
	}
	return template.HTML(s), nil
}

var (
	comments   = regexp.MustCompile(`(?s)<!--.*?-->`)
	namespaces = regexp.MustCompile(`\s+xmlns(:\w+)?="[^"]*"`)
	// references are the places an HTML page or SVG names something to
	// fetch: attributes that take an address, and CSS url() and @import.
	references = regexp.MustCompile(`(?i)(?:\b(?:src|href|xlink:href|action|poster|srcset|data|background|cite|codebase|formaction)\s*=\s*["']?\s*([^"'\s>]+))|(?:url\(\s*["']?([^"')]+))|(?:@import\s+["']?([^"';]+))`)
)

// externalRefs lists the addresses html names that a browser would fetch
// or follow out of the page: any address in src, href and the like, in
// CSS url() and @import, except a fragment (#id) and inline data (data:).
func externalRefs(html string) []string {
	var out []string
	for _, m := range references.FindAllStringSubmatch(html, -1) {
		ref := m[1] + m[2] + m[3]
		if strings.HasPrefix(ref, "#") || strings.HasPrefix(strings.ToLower(ref), "data:") {
			continue
		}
		out = append(out, ref)
	}
	return out
}
