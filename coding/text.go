package coding

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Unsafe reports whether r may not appear in a field of text: a control
// character (C0, DEL, C1 such as U+009B, the 8-bit CSI), a line or
// paragraph separator, or a bidirectional override, embedding, isolate or
// mark, any of which can rewrite a terminal or reorder what is shown.
// Tabs and line feeds are the callers' to allow.
func Unsafe(r rune) bool {
	switch {
	case unicode.IsControl(r), r == '\u2028', r == '\u2029':
		return true
	case r == '\u061c', r == '\u200e', r == '\u200f',
		r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
		return true
	}
	return false
}

// ValidLine checks a one-line field (a code's name, shortcut or colour, an
// attribute's key or value, a document's or coder's name): valid UTF-8
// without any Unsafe character, line breaks and tabs included. The error
// names field and shows the value escaped; it wraps ErrInvalid.
func ValidLine(field, s string) error { return validText(field, s, false) }

// ValidText checks a field of free text (a memo, a code's definition): as
// ValidLine, but line feeds and tabs are allowed.
func ValidText(field, s string) error { return validText(field, s, true) }

func validText(field, s string, multiline bool) error {
	if msg := textProblem(field, s, multiline); msg != "" {
		return fmt.Errorf("%w: %s", ErrInvalid, msg)
	}
	return nil
}

// textProblem describes what is wrong with s as field, or returns "".
func textProblem(field, s string, multiline bool) string {
	for i, r := range s {
		if r == utf8.RuneError && isBadByte(s[i:]) {
			return fmt.Sprintf("%s %s is not valid UTF-8 (byte %d)", field, quote(s), i)
		}
		if multiline && (r == '\n' || r == '\t') {
			continue
		}
		if Unsafe(r) {
			switch {
			case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' || r == '\t':
				return fmt.Sprintf("%s %s must be one line: it holds a line break or tab (%s)", field, quote(s), escapeRune(r))
			case !unicode.IsControl(r):
				return fmt.Sprintf("%s %s holds a bidirectional text control (%s)", field, quote(s), escapeRune(r))
			}
			return fmt.Sprintf("%s %s holds a control character (%s)", field, quote(s), escapeRune(r))
		}
	}
	return ""
}

// quote shows s escaped in quotes, clipped to 60 characters.
func quote(s string) string {
	e := Escape(s)
	if utf8.RuneCountInString(e) > 60 {
		e = string([]rune(e)[:60]) + "…"
	}
	return `"` + e + `"`
}

// Escape returns s with every Unsafe character (tabs and line feeds too)
// written as a visible escape: \x1b, \x07, \u009b, \u202e; a byte that is
// not UTF-8 becomes \xff. Printing data stored by an older avain through
// Escape keeps it from acting on the terminal.
func Escape(s string) string { return escape(s, false) }

// EscapeText is Escape for multi-line text: line feeds and tabs are kept.
func EscapeText(s string) string { return escape(s, true) }

func escape(s string, multiline bool) string {
	if clean(s, multiline) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError && isBadByte(s[i:]):
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case multiline && (r == '\n' || r == '\t'):
			b.WriteRune(r)
		case Unsafe(r):
			b.WriteString(escapeRune(r))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isBadByte reports whether s starts with a byte that is not UTF-8.
func isBadByte(s string) bool {
	_, size := utf8.DecodeRuneInString(s)
	return size == 1
}

// clean reports whether s needs no escaping.
func clean(s string, multiline bool) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && !(multiline && (c == '\n' || c == '\t')) || c == 0x7f || c >= 0x80 {
			return cleanSlow(s, multiline)
		}
	}
	return true
}

func cleanSlow(s string, multiline bool) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if Unsafe(r) && !(multiline && (r == '\n' || r == '\t')) {
			return false
		}
	}
	return true
}

// escapeRune writes one Unsafe rune as \xNN (below U+0080) or \uNNNN.
func escapeRune(r rune) string {
	if r < 0x80 {
		return fmt.Sprintf(`\x%02x`, r)
	}
	return fmt.Sprintf(`\u%04x`, r)
}

// Visible returns s with each Unsafe character (line feeds and tabs kept)
// and each byte that is not UTF-8 replaced by one visible character (a
// control picture such as ␛, or �), so that the text keeps its length in
// code points: for views that map screen positions to text offsets.
func Visible(s string) string {
	if clean(s, true) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r < 0x20:
			b.WriteRune(0x2400 + r) // ␀ … ␟
		case r == 0x7f:
			b.WriteRune('␡')
		case Unsafe(r):
			b.WriteRune('�')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
