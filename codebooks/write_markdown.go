package codebooks

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/toituavain/avain/coding"
)

// WriteMarkdown writes b as a Markdown document for a methods appendix: a
// title, the description, then for each theme (top-level code) a heading,
// its definition and rules, and a table of the codes under it. lang
// ("fi" or "en", "" meaning fi) picks the primary name; the other follows
// it in parentheses.
func WriteMarkdown(w io.Writer, b *Book, lang string) error {
	switch lang {
	case "":
		lang = coding.LangFinnish
	case coding.LangFinnish, coding.LangEnglish:
	default:
		return fmt.Errorf("write codebook: language %q is not fi or en: %w", lang, coding.ErrInvalid)
	}
	cb, err := coding.NewCodebook(b.Codes)
	if err != nil {
		return fmt.Errorf("write codebook: %w", err)
	}
	mw := &mdWriter{w: bufio.NewWriter(w), cb: cb, lang: lang}
	title := b.Name
	if title == "" {
		title = "Codebook"
	}
	mw.printf("# %s\n\n", inline(title))
	if b.Description != "" {
		mw.printf("%s\n\n", paragraph(b.Description))
	}
	mw.printf("%d codes in %d themes. Names are given in %s, with the %s name in parentheses.\n",
		cb.Len(), len(cb.Children("")), langName(lang), langName(other(lang)))
	for i, theme := range cb.Children("") {
		mw.theme(i+1, theme)
	}
	if mw.err != nil {
		return fmt.Errorf("write codebook: %w", mw.err)
	}
	if err := mw.w.Flush(); err != nil {
		return fmt.Errorf("write codebook: %w", err)
	}
	return nil
}

// mdWriter writes one Markdown codebook; it keeps the first error.
type mdWriter struct {
	w    *bufio.Writer
	cb   *coding.Codebook
	lang string
	err  error
}

func (mw *mdWriter) printf(format string, args ...any) {
	if mw.err == nil {
		_, mw.err = fmt.Fprintf(mw.w, format, args...)
	}
}

// theme writes a theme's section: heading, text and a table of the codes
// below it in tree order.
func (mw *mdWriter) theme(n int, t *coding.Code) {
	mw.printf("\n## %d. %s\n\n", n, mw.names(t, cell(t.Name(mw.lang))))
	if t.ShortDef != "" {
		mw.printf("%s\n\n", paragraph(t.ShortDef))
	}
	if t.Definition != "" {
		mw.printf("%s\n\n", paragraph(t.Definition))
	}
	for _, f := range []struct{ label, text string }{
		{"When to use", t.WhenToUse}, {"When not to use", t.WhenNotUse}, {"Example", t.Example},
	} {
		if f.text != "" {
			mw.printf("**%s:** %s\n\n", f.label, paragraph(f.text))
		}
	}
	var below []*coding.Code
	var walk func(id string)
	walk = func(id string) {
		for _, c := range mw.cb.Children(id) {
			below = append(below, c)
			walk(c.ID)
		}
	}
	walk(t.ID)
	if len(below) == 0 {
		return
	}
	mw.printf("| Code | Short definition | When to use | When not to use | Example |\n")
	mw.printf("|---|---|---|---|---|\n")
	for _, c := range below {
		path := mw.cb.Path(c.ID, mw.lang)[1:] // relative to the theme
		for i := range path {
			path[i] = cell(path[i])
		}
		mw.printf("| %s | %s | %s | %s | %s |\n",
			mw.names(c, strings.Join(path, " / ")), cell(c.ShortDef), cell(c.WhenToUse), cell(c.WhenNotUse), cell(c.Example))
	}
}

// names returns primary (escaped Markdown naming c) followed by the code's
// name in the other language, when that differs, and a category's mark.
func (mw *mdWriter) names(c *coding.Code, primary string) string {
	mark := ""
	if c.NotCodable {
		mark = " (category: groups codes, not for coding)"
	}
	o := c.Name(other(mw.lang))
	if o == "" || strings.EqualFold(o, c.Name(mw.lang)) {
		return primary + mark
	}
	return fmt.Sprintf("%s (*%s*)%s", primary, cell(o), mark)
}

func other(lang string) string {
	if lang == coding.LangEnglish {
		return coding.LangFinnish
	}
	return coding.LangEnglish
}

func langName(lang string) string {
	if lang == coding.LangEnglish {
		return "English"
	}
	return "Finnish"
}

// mdEscaper escapes the characters that would start Markdown formatting
// or end a table cell.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `<`, `\<`, `>`, `\>`, `|`, `\|`,
)

// inline escapes s and puts it on one line.
func inline(s string) string {
	return mdEscaper.Replace(strings.Join(strings.Fields(s), " "))
}

// cell is inline text for a table cell.
func cell(s string) string { return inline(s) }

// paragraph is inline text that may start a line: a leading # or list
// marker is escaped too.
func paragraph(s string) string {
	s = inline(s)
	if s != "" && strings.ContainsRune("#-+=", rune(s[0])) {
		s = `\` + s
	}
	return s
}
