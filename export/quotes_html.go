package export

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"regexp"
)

// QuotesCSS is the style sheet of a quotation report in HTML, for the
// <style> of a page that holds WriteQuotesHTMLFragment's section. Its
// rules are scoped to section.quotes, and it prints well (no quotation
// split across pages, headings kept with what follows).
const QuotesCSS = `section.quotes { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; line-height: 1.45; color: #1d1d1f; }
section.quotes h2.theme { border-bottom: 2px solid #ccc; padding-bottom: .2em; margin-top: 1.6em; break-after: avoid; }
section.quotes h3.code, section.quotes h4.code, section.quotes h5.code, section.quotes h6.code { margin: 1.2em 0 .3em; break-after: avoid; }
section.quotes .swatch { display: inline-block; width: .8em; height: .8em; border-radius: .15em; margin-right: .4em; vertical-align: baseline; }
section.quotes p.definition { color: #444; font-style: italic; margin: .3em 0 .8em; }
section.quotes p.count { color: #555; font-size: .9em; margin: .2em 0 .6em; }
section.quotes p.group { font-weight: bold; margin: .8em 0 .3em; }
section.quotes figure.quote { margin: .6em 0 1em; break-inside: avoid; }
section.quotes figure.quote blockquote { margin: 0; padding: .3em .9em; border-left: 4px solid #999; background: #f6f6f6; white-space: pre-wrap; }
section.quotes figure.quote figcaption { font-size: .88em; color: #333; margin-top: .25em; }
section.quotes figure.quote .memo { font-size: .88em; color: #333; margin: .2em 0 0; }
section.quotes dl.selection { display: grid; grid-template-columns: max-content auto; gap: .1em 1em; font-size: .9em; }
section.quotes dl.selection dt { font-weight: bold; }
section.quotes dl.selection dd { margin: 0; }
@media print { section.quotes figure.quote blockquote { background: none; } section.quotes { font-size: 10.5pt; } }
`

// color6 is a code colour that may be put in a style attribute.
var color6 = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// WriteQuotesHTMLFragment writes the report as one <section
// class="quotes"> (no <html> or <head>) with its labels in lang (fi or
// en), for a page that has QuotesCSS in its style. Every text is escaped;
// a quotation keeps its line breaks (white-space: pre-wrap).
func WriteQuotesHTMLFragment(w io.Writer, r *QuoteReport, lang string) error {
	l := labelsFor(lang)
	e := html.EscapeString
	b := bufio.NewWriter(w) // written as it is made: a report of 200,000 quotations is 100 MB
	b.WriteString(`<section class="quotes">` + "\n")
	b.WriteString(`<dl class="selection">`)
	for _, s := range l.selection(r) {
		fmt.Fprintf(b, "<dt>%s</dt><dd>%s</dd>", e(s[0]), e(s[1]))
	}
	b.WriteString("</dl>\n")
	if len(r.Themes) == 0 {
		fmt.Fprintf(b, "<p>%s</p>\n", e(l.noQuotes))
	}
	for _, t := range r.Themes {
		fmt.Fprintf(b, `<h2 class="theme">%s%s</h2>`+"\n", swatch(t.Code.Color), e(t.Code.Name))
		if t.Code.Definition != "" {
			fmt.Fprintf(b, `<p class="definition">%s</p>`+"\n", e(t.Code.Definition))
		}
		var shown []string
		for _, c := range t.Codes {
			for _, h := range codeHeadings(t, c, shown) {
				fmt.Fprintf(b, `<h%d class="code">%s%s</h%d>`+"\n", h.Level, swatch(h.Color), e(h.Name), h.Level)
			}
			shown = c.Code.Path
			fmt.Fprintf(b, `<p class="count">%s</p>`+"\n", e(l.count(c)))
			group := ""
			for _, q := range c.Quotes {
				if q.Group != group {
					group = q.Group
					fmt.Fprintf(b, `<p class="group">%s</p>`+"\n", e(group))
				}
				writeQuoteHTML(b, l, q)
			}
		}
	}
	b.WriteString("</section>\n")
	return b.Flush()
}

// writeQuoteHTML writes one quotation as a figure: the text in a
// blockquote, the citation and coders in its caption, then its memos.
func writeQuoteHTML(b *bufio.Writer, l quoteLabels, q Quote) {
	e := html.EscapeString
	fmt.Fprintf(b, `<figure class="quote"><blockquote>%s</blockquote>`, e(q.Text))
	fmt.Fprintf(b, `<figcaption>— %s · %s</figcaption>`, e(l.citation(q)), e(l.codersLine(q)))
	for _, m := range q.Memos {
		fmt.Fprintf(b, `<p class="memo"><em>%s</em> %s</p>`, e(l.memo), e(m))
	}
	b.WriteString("</figure>\n")
}

// swatch is a small square of a code's colour, or nothing when the
// colour is not #rrggbb.
func swatch(color string) string {
	if !color6.MatchString(color) {
		return ""
	}
	return `<span class="swatch" style="background:` + color + `"></span>`
}

// WriteQuotesHTML writes the report as a self-contained HTML page (inline
// style, nothing fetched), labels in lang.
func WriteQuotesHTML(w io.Writer, r *QuoteReport, lang string) error {
	l := labelsFor(lang)
	title := l.title
	if r.Project != "" {
		title += ": " + r.Project
	}
	htmlLang := "fi"
	if lang == "en" {
		htmlLang = "en"
	}
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n", htmlLang, html.EscapeString(title))
	b.WriteString("<style>\nbody { max-width: 50em; margin: 2em auto; padding: 0 1em; font-family: \"DejaVu Sans\", \"Helvetica Neue\", Arial, sans-serif; }\n" + QuotesCSS + "</style>\n</head>\n<body>\n")
	fmt.Fprintf(b, "<h1>%s</h1>\n", html.EscapeString(title))
	if err := WriteQuotesHTMLFragment(b, r, lang); err != nil {
		return err
	}
	b.WriteString("</body>\n</html>\n")
	return b.Flush()
}
