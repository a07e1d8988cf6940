package refiqda

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/toituavain/avain/coding"
)

// entry is what a code's Description carries: the parts of a codebook
// entry, the name in the other language and the shortcut.
type entry struct {
	ShortDef, Definition, WhenToUse, WhenNotUse, Example string
	NameFi, NameEn, Shortcut                             string
	HasNameFi                                            bool // a "Name (fi)" line: the name attribute is English
}

// Labels in the order they are written; the names and the shortcut are
// lines of the last paragraph (meta).
var labels = []struct {
	text  string
	meta  bool
	field func(e *entry) *string
}{
	{"Short definition", false, func(e *entry) *string { return &e.ShortDef }},
	{"Definition", false, func(e *entry) *string { return &e.Definition }},
	{"When to use", false, func(e *entry) *string { return &e.WhenToUse }},
	{"When not to use", false, func(e *entry) *string { return &e.WhenNotUse }},
	{"Example", false, func(e *entry) *string { return &e.Example }},
	{"Name (fi)", true, func(e *entry) *string { return &e.NameFi }},
	{"Name (en)", true, func(e *entry) *string { return &e.NameEn }},
	{"Shortcut", true, func(e *entry) *string { return &e.Shortcut }},
}

const (
	labelShortDef = 0
	labelNameFi   = 5
	labelShortcut = 7
)

// entryOf returns what c's Description must carry when the name attribute
// is c.Name(lang).
func entryOf(c *coding.Code, lang string) entry {
	e := entry{ShortDef: c.ShortDef, Definition: c.Definition, WhenToUse: c.WhenToUse,
		WhenNotUse: c.WhenNotUse, Example: c.Example, Shortcut: c.Shortcut}
	if lang == coding.LangEnglish && c.NameEn != "" || c.NameFi == "" {
		// The name attribute is the English name: say what the Finnish one
		// is, even when there is none, or a reader would take it as Finnish.
		e.NameFi, e.HasNameFi = c.NameFi, true
	} else {
		e.NameEn = c.NameEn
	}
	return e
}

// foldDescription writes e as a Description text (see the package
// comment), or "" when there is nothing to say. It picks the most natural
// form that parses back to e.
func foldDescription(e entry) string {
	if e == (entry{Definition: e.Definition}) {
		if plain := strings.TrimSpace(e.Definition); plain == e.Definition && parseDescription(plain) == e {
			return plain
		}
	}
	if e.ShortDef != "" {
		if s := layout(e, false); parseDescription(s) == e {
			return s
		}
	}
	return layout(e, true)
}

// layout writes the labelled paragraphs of e; labelShort labels the short
// definition too.
func layout(e entry, labelShort bool) string {
	var b strings.Builder
	sep := ""
	for i, l := range labels {
		v := *l.field(&e)
		if l.meta {
			v = strings.TrimSpace(v) // one-line values, as parseDescription reads them
		}
		if v == "" && !(i == labelNameFi && e.HasNameFi) {
			continue
		}
		b.WriteString(sep)
		switch {
		case i == labelShortDef && !labelShort:
			b.WriteString(v)
		case v == "":
			b.WriteString(l.text + ":")
		default:
			b.WriteString(l.text + ": " + v)
		}
		sep = "\n\n"
		if l.meta {
			sep = "\n" // the names and the shortcut are lines of one paragraph
		}
	}
	return b.String()
}

// parseDescription reads a Description written by foldDescription, or by
// another tool: text without labels goes whole, trimmed, into Definition.
// The names and the shortcut are one line each, and the shortcut one
// key: text another tool added after them (or a shortcut that is
// no key) is kept at the end of Definition, after a blank line.
func parseDescription(s string) entry {
	var e entry
	cur := -1    // the label whose value is being read; -1 the unlabelled opening
	start := 0   // where that value starts
	labelAt := 0 // where its label starts
	found := false
	var extra []string // text after a one-line value
	closeValue := func(end int) {
		switch {
		case cur < 0:
			e.ShortDef = s[:end]
		case labels[cur].meta:
			line, rest, _ := strings.Cut(s[start:end], "\n")
			line = strings.TrimSpace(line)
			if cur == labelShortcut && line != "" && !validShortcut(line) {
				extra = append(extra, strings.TrimSpace(s[labelAt:start]+line))
				line = ""
			}
			*labels[cur].field(&e) = line
			if rest = strings.TrimSpace(rest); rest != "" {
				extra = append(extra, rest)
			}
		default:
			*labels[cur].field(&e) = s[start:end]
		}
	}
	for p := 0; p < len(s); p++ {
		if p > 0 && s[p-1] != '\n' {
			continue
		}
		for j := cur + 1; j < len(labels); j++ {
			l := labels[j]
			if !strings.HasPrefix(s[p:], l.text+":") {
				continue
			}
			end := -1
			switch {
			case p == 0:
				end = 0
			case j == labelShortDef:
				// Only the very start may label the short definition.
			case p >= 2 && s[p-2] == '\n':
				end = p - 2
			case l.meta && cur >= 0 && labels[cur].meta:
				end = p - 1
			}
			if end < 0 {
				break
			}
			if p > 0 {
				closeValue(end)
			}
			found = true
			cur, start, labelAt = j, p+len(l.text)+1, p
			if start < len(s) && s[start] == ' ' {
				start++
			}
			if j == labelNameFi {
				e.HasNameFi = true
			}
			break
		}
	}
	if !found {
		return entry{Definition: strings.TrimSpace(s)}
	}
	closeValue(len(s))
	if len(extra) > 0 {
		x := strings.Join(extra, "\n\n")
		if e.Definition != "" {
			x = e.Definition + inert("\n\n"+x)
		}
		e.Definition = inert(x)
	}
	return e
}

// inert is text kept in Definition with each label that follows a blank
// line put after a single line break instead, so that it reads back as
// text of the definition, not as a label.
func inert(s string) string {
	for again := true; again; {
		again = false
		for _, l := range labels {
			if t := strings.ReplaceAll(s, "\n\n"+l.text+":", "\n"+l.text+":"); t != s {
				s, again = t, true
			}
		}
	}
	return s
}

// validShortcut reports whether s can be a code's shortcut: one key, a
// single printable character that is not a space (the reader's keys are
// digits; a codebook file may give a letter).
func validShortcut(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	return n > 0 && n == len(s) && r != utf8.RuneError && unicode.IsPrint(r) && !unicode.IsSpace(r)
}
