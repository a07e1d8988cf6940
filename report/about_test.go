package report

import (
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/export"
)

// TestWhatTheNumbersCountIsExports: the page's "what the numbers count"
// holds every measure's definition and the co-occurrence's, in the words
// the exports write them, in both languages.
func TestWhatTheNumbersCountIsExports(t *testing.T) {
	p := demo(t)
	for _, lang := range []string{coding.LangFinnish, coding.LangEnglish} {
		page := render(t, p, Options{Project: "demo", By: []string{"kind"}, Lang: lang, Quotes: 1})
		want := append(coding.CountsAbout(lang), export.CooccurNotes(coding.UnitTurn, lang)...)
		for _, line := range want {
			if !strings.Contains(page, escaped(line)) {
				t.Errorf("%s: the page lacks %q", lang, line)
			}
		}
	}
}
