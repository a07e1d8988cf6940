package codebooks

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/toituavain/avain/coding"
)

// wrapWidth is the column WriteYAML wraps long text at.
const wrapWidth = 100

// WriteYAML writes b in the codebook file format, children nested under
// their parents and siblings in Position order (deleted codes are left
// out). Parse reads the output back into an equal Book when b came from
// Parse.
func WriteYAML(w io.Writer, b *Book) error {
	cb, err := coding.NewCodebook(b.Codes)
	if err != nil {
		return fmt.Errorf("write codebook: %w", err)
	}
	yw := &yamlWriter{w: bufio.NewWriter(w)}
	yw.field(0, "codebook", b.Name)
	yw.field(0, "description", b.Description)
	if cb.Len() == 0 {
		yw.printf("codes: []\n")
	} else {
		yw.printf("codes:\n")
		yw.codes(cb, "", 2)
	}
	if yw.err != nil {
		return fmt.Errorf("write codebook: %w", yw.err)
	}
	if err := yw.w.Flush(); err != nil {
		return fmt.Errorf("write codebook: %w", err)
	}
	return nil
}

// yamlWriter writes the fixed shape of a codebook file; it keeps the first
// error.
type yamlWriter struct {
	w   *bufio.Writer
	err error
}

func (yw *yamlWriter) printf(format string, args ...any) {
	if yw.err == nil {
		_, yw.err = fmt.Fprintf(yw.w, format, args...)
	}
}

// codes writes the children of parent as list items indented by indent.
func (yw *yamlWriter) codes(cb *coding.Codebook, parent string, indent int) {
	pad := strings.Repeat(" ", indent)
	for _, c := range cb.Children(parent) {
		yw.printf("%s- ", pad)
		// The first field (the id, which NewCodebook requires) shares the
		// line of the dash; the others line up below it.
		first := true
		for _, f := range []struct{ key, val string }{
			{fieldID, c.ID}, {fieldNameFi, c.NameFi}, {fieldNameEn, c.NameEn},
			{fieldColor, c.Color}, {fieldShortcut, c.Shortcut}, {fieldCodable, category(c)}, {fieldShortDef, c.ShortDef},
			{fieldDefinition, c.Definition}, {fieldWhenToUse, c.WhenToUse},
			{fieldWhenNotUse, c.WhenNotUse}, {fieldExample, c.Example},
		} {
			if f.val == "" {
				continue
			}
			in := indent + 2
			if first {
				in, first = 0, false
			}
			if f.key == fieldCodable {
				yw.printf("%s%s: false\n", strings.Repeat(" ", in), fieldCodable)
				continue
			}
			yw.fieldAt(in, indent+2, f.key, f.val)
		}
		if len(cb.Children(c.ID)) > 0 {
			yw.printf("%s  %s:\n", pad, fieldChildren)
			yw.codes(cb, c.ID, indent+4)
		}
	}
}

// category is "false", the value of the codable field, for a category,
// and "" (the field left out) for a codable code.
func category(c *coding.Code) string {
	if c.NotCodable {
		return "false"
	}
	return ""
}

// field writes "key: value" at indent, or nothing when value is empty.
func (yw *yamlWriter) field(indent int, key, val string) {
	if val != "" {
		yw.fieldAt(indent, indent, key, val)
	}
}

// fieldAt writes "key: value" after pad spaces, for a mapping whose keys
// are at column indent (which block text is indented beyond).
func (yw *yamlWriter) fieldAt(pad, indent int, key, val string) {
	if !utf8.ValidString(val) {
		if yw.err == nil {
			yw.err = fmt.Errorf("%s %q is not valid UTF-8: %w", key, val, coding.ErrInvalid)
		}
		return
	}
	head := strings.Repeat(" ", pad) + key + ":"
	body := strings.Repeat(" ", indent+2)
	switch {
	case blockSafe(val, false) && utf8.RuneCountInString(val) > wrapWidth-indent-len(key)-2:
		// Long one-line text: folded, wrapped at single spaces.
		yw.printf("%s >-\n", head)
		for _, line := range wrap(val, wrapWidth-indent-2) {
			yw.printf("%s%s\n", body, line)
		}
	case strings.Contains(val, "\n") && blockSafe(val, true):
		yw.printf("%s |-\n", head)
		for _, line := range strings.Split(val, "\n") {
			if line == "" {
				yw.printf("\n")
			} else {
				yw.printf("%s%s\n", body, line)
			}
		}
	default:
		yw.printf("%s %s\n", head, inlineScalar(val))
	}
}

// blockSafe reports whether s, as Parse leaves text, can be written as a
// block scalar that reads back exactly: printable, no surrounding space,
// and for folded text (multiline false) single spaces between words.
func blockSafe(s string, multiline bool) bool {
	if s == "" || strings.TrimSpace(s) != s {
		return false
	}
	if !multiline && strings.Contains(s, "  ") {
		return false
	}
	for _, r := range s {
		if r == '\n' && multiline {
			continue
		}
		if !unicode.IsPrint(r) {
			return false
		}
	}
	if multiline {
		// Spaces at the end of a line are easily lost by editors; quote.
		for _, line := range strings.Split(s, "\n") {
			if strings.TrimRight(line, " ") != line {
				return false
			}
		}
	}
	return true
}

// wrap splits s at single spaces into lines of at most width runes, where
// words allow.
func wrap(s string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Split(s, " ") {
		switch {
		case line == "":
			line = word
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) <= width:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	return append(lines, line)
}

// inlineScalar returns s as a one-line YAML scalar: plain when that reads
// back as the same text, double-quoted (as in the embedded files) otherwise.
func inlineScalar(s string) string {
	if oneLine(s) {
		out, err := yaml.Marshal(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s})
		if err == nil {
			text := strings.TrimSuffix(string(out), "\n")
			if !strings.Contains(text, "\n") && !strings.HasPrefix(text, "'") {
				return text
			}
		}
	}
	return doubleQuoted(s)
}

// doubleQuoted returns s as a YAML double-quoted scalar with every
// non-printable character escaped.
func doubleQuoted(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x10000 && (!unicode.IsPrint(r) || r == '\ufeff'):
			fmt.Fprintf(&b, `\u%04x`, r)
		case !unicode.IsPrint(r):
			fmt.Fprintf(&b, `\U%08x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
