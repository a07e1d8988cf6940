package refiqda

import (
	"strings"

	"github.com/toituavain/avain/coding"
)

// descriptionEntry parses a code's Description and reports whether it is
// foreign: not in the form avain folds an entry into (another tool wrote
// it, cut it or added to it), which is when folding what it parses into
// does not give back the same text. Line ends are compared as "\n".
func descriptionEntry(desc string) (e entry, foreign bool) {
	e = parseDescription(desc)
	return e, foldDescription(e) != lineEnds(desc)
}

// lineEnds is s with its "\r\n" and "\r" line ends made "\n".
func lineEnds(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// codeEntry is what the Description of code id carries. While it is
// still the fold of the exact fields avain/project.json keeps of the
// code, those fields, whatever their text (a definition holding a line
// that looks like a label comes back as it was); else the Description
// parsed. foreign reports a Description avain did not fold: one another
// tool changed since avain wrote the fields beside it, or, without them,
// one descriptionEntry finds foreign.
func (rd *projectReader) codeEntry(id, desc string) (e entry, foreign bool) {
	if x := rd.extEntry(id); x != nil {
		c := &coding.Code{NameFi: x.NameFi, NameEn: x.NameEn, Shortcut: x.Shortcut, ShortDef: x.ShortDef,
			Definition: x.Definition, WhenToUse: x.WhenToUse, WhenNotUse: x.WhenNotUse, Example: x.Example}
		d := lineEnds(desc)
		for _, lang := range []string{coding.LangFinnish, coding.LangEnglish} {
			if e := entryOf(c, lang); foldDescription(e) == d {
				return e, false
			}
		}
		e, _ = descriptionEntry(desc)
		return e, strings.TrimSpace(desc) != ""
	}
	e, foreign = descriptionEntry(desc)
	return e, foreign && strings.TrimSpace(desc) != ""
}

// extEntry is the entry avain/project.json keeps of code id, nil when it
// keeps none or one no code of avain could have (a name of two lines, a
// shortcut that is no key).
func (rd *projectReader) extEntry(id string) *ExtEntry {
	if rd.ext == nil {
		return nil
	}
	x := rd.ext.Codes[id].Entry
	if x == nil || (x.Shortcut != "" && !validShortcut(x.Shortcut)) ||
		strings.ContainsAny(x.NameFi+x.NameEn, "\r\n") {
		return nil
	}
	return x
}
