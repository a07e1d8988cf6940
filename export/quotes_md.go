package export

import (
	"bufio"
	"io"
	"strings"
	"unicode"
)

// mdInline is s with every character Markdown would read as markup
// backslash-escaped, so that it renders exactly as s. An underscore
// inside a word (a file name's) is left as it is: it marks nothing there.
func mdInline(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		inWord := r == '_' && i > 0 && i+1 < len(rs) && isWordRune(rs[i-1]) && isWordRune(rs[i+1])
		if strings.ContainsRune("\\`*_[]<>#|~&", r) && !inWord {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// mdLine is one line of quoted text as Markdown: inline markup escaped,
// and a line that would start a list, a heading or a rule escaped at its
// start.
func mdLine(line string) string {
	s := mdInline(line)
	trimmed := strings.TrimLeft(s, " ")
	lead := s[:len(s)-len(trimmed)]
	if trimmed == "" {
		return s
	}
	switch trimmed[0] {
	case '-', '+', '=':
		return lead + "\\" + trimmed
	}
	digits := len(trimmed) - len(strings.TrimLeft(trimmed, "0123456789"))
	if digits > 0 && digits < len(trimmed) && (trimmed[digits] == '.' || trimmed[digits] == ')') {
		return lead + trimmed[:digits] + "\\" + trimmed[digits:]
	}
	return s
}

// WriteQuotesMarkdown writes the report as Markdown, labels in lang:
// the theme a heading, its codes under it, each quotation a block quote
// with its citation, coders and memos on the lines under it.
func WriteQuotesMarkdown(w io.Writer, r *QuoteReport, lang string) error {
	l := labelsFor(lang)
	b := bufio.NewWriter(w) // written as it is made: a report of 200,000 quotations is 100 MB
	b.WriteString("# " + l.title)
	if r.Project != "" {
		b.WriteString(": " + mdInline(r.Project))
	}
	b.WriteString("\n\n")
	for _, s := range l.selection(r) {
		if s[0] != l.project {
			b.WriteString("- " + mdInline(s[0]) + ": " + mdInline(s[1]) + "\n")
		}
	}
	if len(r.Themes) == 0 {
		b.WriteString("\n" + l.noQuotes + "\n")
	}
	for _, t := range r.Themes {
		b.WriteString("\n## " + mdInline(t.Code.Name) + "\n")
		if t.Code.Definition != "" {
			b.WriteString("\n" + mdInline(oneLine(t.Code.Definition)) + "\n")
		}
		var shown []string
		for _, c := range t.Codes {
			for _, h := range codeHeadings(t, c, shown) {
				b.WriteString("\n" + strings.Repeat("#", h.Level) + " " + mdInline(h.Name) + "\n")
			}
			shown = c.Code.Path
			b.WriteString("\n*" + l.count(c) + "*\n")
			group := ""
			for _, q := range c.Quotes {
				if q.Group != group {
					group = q.Group
					b.WriteString("\n**" + mdInline(group) + "**\n")
				}
				writeQuoteMarkdown(b, l, q)
			}
		}
	}
	return b.Flush()
}

// writeQuoteMarkdown writes one quotation: its lines as a block quote
// (each a paragraph of its own, so a turn stays a line; an empty line
// adds nothing), then its citation line.
func writeQuoteMarkdown(b *bufio.Writer, l quoteLabels, q Quote) {
	b.WriteString("\n")
	first := true
	for _, line := range strings.Split(q.Text, "\n") {
		if line == "" { // a paragraph break is all Markdown has for it
			continue
		}
		if !first {
			b.WriteString(">\n")
		}
		b.WriteString("> " + mdLine(line) + "\n")
		first = false
	}
	b.WriteString("\n— " + mdInline(l.citation(q)) + " · " + mdInline(l.codersLine(q)) + "\n")
	for _, m := range q.Memos {
		b.WriteString("\n*" + l.memo + "* " + mdInline(oneLine(m)) + "\n")
	}
}

// oneLine joins the lines of s with spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\r", "")), " ")
}
