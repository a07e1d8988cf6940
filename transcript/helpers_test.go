package transcript

import (
	"strings"
	"testing"
	"unicode"

	"github.com/toituavain/avain/coding"
	"golang.org/x/text/unicode/norm"
)

// checkDocument fails t unless doc keeps every invariant Parse promises.
func checkDocument(t testing.TB, doc *coding.Document) {
	t.Helper()
	if err := docProblem(doc); err != "" {
		t.Fatalf("%s: %s", doc.Name, err)
	}
}

// docProblem describes the first broken invariant of doc, or returns "".
func docProblem(doc *coding.Document) string {
	d := *doc
	d.Kind = coding.KindOther
	if err := d.Validate(); err != nil {
		return err.Error()
	}
	switch {
	case d.Hash != coding.ContentHash(d.Text):
		return "hash does not match text"
	case !norm.NFC.IsNormalString(d.Text):
		return "text is not NFC"
	case strings.ContainsRune(d.Text, '\r'):
		return "text has a carriage return"
	case strings.TrimRightFunc(d.Text, unicode.IsSpace) != d.Text:
		return "text has trailing white space"
	case strings.HasPrefix(d.Text, "\uFEFF"):
		return "text starts with a byte-order mark"
	case d.Lang != coding.LangFinnish && d.Lang != coding.LangEnglish:
		return "unknown language " + d.Lang
	}
	n := coding.RuneLen(d.Text)
	for _, tn := range d.Turns {
		if tn.Start < 0 || tn.End > n {
			return "turn outside the text"
		}
		s := d.TurnText(tn)
		if strings.TrimSpace(s) != s || s == "" {
			return "turn text not trimmed or empty: " + clip(s, 40)
		}
	}
	return ""
}

// turnView is what a test expects of a turn.
type turnView struct {
	Speaker string
	Text    string
}

// turnViews lists doc's turns as speaker and text.
func turnViews(doc *coding.Document) []turnView {
	var out []turnView
	for _, tn := range doc.Turns {
		out = append(out, turnView{tn.Speaker, doc.TurnText(tn)})
	}
	return out
}

// mustParse parses data or fails t.
func mustParse(t testing.TB, format string, data []byte) *coding.Document {
	t.Helper()
	doc, err := Parse("test."+format, format, data)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	checkDocument(t, doc)
	return doc
}
