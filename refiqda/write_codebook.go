package refiqda

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/toituavain/avain/coding"
)

// The codebook namespace, and what avain writes in the origin attribute.
const (
	codebookNS = "urn:QDA-XML:codebook:1.0"
	origin     = "avain"
)

// WriteCodebook writes codes (any order; parents referenced by ParentID) as
// a REFI-QDA codebook (.qdc) that validates against Codebook.xsd. lang
// ("fi" or "en"; "" means fi) picks which name becomes the Code's name
// attribute; the other name and the codebook-entry parts are folded into
// its Description (see the package comment). Codes must form a valid
// coding.Codebook with UUID ids and at least one live code; deleted codes
// are left out. Siblings are written in Position order, ties by name.
func WriteCodebook(w io.Writer, codes []*coding.Code, lang string) error {
	switch lang {
	case "":
		lang = coding.LangFinnish
	case coding.LangFinnish, coding.LangEnglish:
	default:
		return fmt.Errorf("write codebook: language %q is not fi or en: %w", lang, coding.ErrInvalid)
	}
	cb, err := coding.NewCodebook(codes)
	if err != nil {
		return fmt.Errorf("write codebook: %w", err)
	}
	if cb.Len() == 0 {
		return fmt.Errorf("write codebook: no codes (a REFI-QDA codebook needs at least one): %w", coding.ErrInvalid)
	}
	guids := make(map[string]string, cb.Len())
	seen := make(map[string]string, cb.Len())
	for _, c := range cb.Codes() {
		g, err := uuid.Parse(c.ID)
		if err != nil {
			return fmt.Errorf("write codebook: code %s: the id is not a UUID: %w", c.ID, coding.ErrInvalid)
		}
		if other, dup := seen[g.String()]; dup {
			return fmt.Errorf("write codebook: codes %s and %s are the same UUID: %w", other, c.ID, coding.ErrInvalid)
		}
		seen[g.String()], guids[c.ID] = c.ID, g.String()
	}
	cw := &codebookWriter{w: bufio.NewWriter(w), cb: cb, lang: lang, guids: guids}
	cw.print(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
	cw.print(`<CodeBook xmlns="` + codebookNS + `" origin="` + origin + `">` + "\n")
	cw.codes(1)
	cw.print("</CodeBook>\n")
	if cw.err == nil {
		cw.err = cw.w.Flush()
	}
	if cw.err != nil {
		return fmt.Errorf("write codebook: %w", cw.err)
	}
	return nil
}

// codebookWriter writes the <Codes> of one codebook; it keeps the first
// error.
type codebookWriter struct {
	w     *bufio.Writer
	cb    *coding.Codebook
	lang  string
	guids map[string]string // code id -> canonical guid
	err   error
}

func (cw *codebookWriter) print(s string) {
	if cw.err == nil {
		_, cw.err = cw.w.WriteString(s)
	}
}

// codes writes the <Codes> element with the whole tree, indented by depth.
func (cw *codebookWriter) codes(depth int) {
	cw.print(indent(depth) + "<Codes>\n")
	for _, c := range cw.cb.Children("") {
		cw.code(c, depth+1)
	}
	cw.print(indent(depth) + "</Codes>\n")
}

// code writes c and, nested in it, its children.
func (cw *codebookWriter) code(c *coding.Code, depth int) {
	in := indent(depth)
	cw.print(fmt.Sprintf(`%s<Code guid="%s" name="%s" isCodable="%t"`, in, cw.guids[c.ID], escapeAttr(c.Name(cw.lang)), !c.NotCodable))
	if c.Color != "" {
		cw.print(` color="` + strings.ToUpper(c.Color) + `"`)
	}
	desc := foldDescription(entryOf(c, cw.lang))
	kids := cw.cb.Children(c.ID)
	if desc == "" && len(kids) == 0 {
		cw.print("/>\n")
		return
	}
	cw.print(">\n")
	if desc != "" {
		cw.print(in + "  <Description>" + escapeText(desc) + "</Description>\n")
	}
	for _, k := range kids {
		cw.code(k, depth+1)
	}
	cw.print(in + "</Code>\n")
}

func indent(depth int) string { return strings.Repeat("  ", depth) }

// escapeText escapes s for element content. Characters XML 1.0 cannot
// carry at all (most control characters, invalid UTF-8) become U+FFFD.
func escapeText(s string) string { return escape(s, false) }

// escapeAttr escapes s for a double-quoted attribute value, keeping line
// breaks and tabs (which a reader would otherwise turn into spaces).
func escapeAttr(s string) string { return escape(s, true) }

func escape(s string, attr bool) string {
	var b strings.Builder
	for i, r := range s {
		if r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD") {
			b.WriteRune('\uFFFD') // invalid UTF-8
			continue
		}
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"' && attr:
			b.WriteString("&quot;")
		case r == '\'' && attr:
			b.WriteString("&apos;")
		case r == '\r':
			b.WriteString("&#xD;")
		case (r == '\n' || r == '\t') && attr:
			fmt.Fprintf(&b, "&#x%X;", r)
		case !xmlChar(r):
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// xmlChar reports whether r may appear in an XML 1.0 document.
func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}
