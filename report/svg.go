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
	// tags and styles are where a page names what to fetch: in its tags'
	// attributes (an address, or CSS in a style attribute) and in its
	// style sheets; text between the tags names nothing.
	tags      = regexp.MustCompile(`<[a-zA-Z][^>]*>`)
	styles    = regexp.MustCompile(`(?is)<style[^>]*>(.*?)</style>`)
	attrRefs  = regexp.MustCompile(`(?i)\b(?:src|href|xlink:href|action|poster|srcset|data|background|cite|codebase|formaction)\s*=\s*["']?\s*([^"'\s>]+)`)
	styleRefs = regexp.MustCompile(`(?i)url\(\s*["']?([^"')]+)|@import\s+["']?([^"';]+)`)
)

// externalRefs lists the addresses html names that a browser would fetch
// or follow out of the page: any address in a tag's src, href and the
// like, in CSS url() and @import, except a fragment (#id) and inline data
// (data:).
func externalRefs(html string) []string {
	var found [][]string
	for _, tag := range tags.FindAllString(html, -1) {
		found = append(found, attrRefs.FindAllStringSubmatch(tag, -1)...)
		found = append(found, styleRefs.FindAllStringSubmatch(tag, -1)...)
	}
	for _, m := range styles.FindAllStringSubmatch(html, -1) {
		found = append(found, styleRefs.FindAllStringSubmatch(m[1], -1)...)
	}
	var out []string
	for _, m := range found {
		ref := strings.Join(m[1:], "")
		if strings.HasPrefix(ref, "#") || strings.HasPrefix(strings.ToLower(ref), "data:") {
			continue
		}
		out = append(out, ref)
	}
	return out
}
