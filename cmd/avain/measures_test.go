package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

// TestFreqStatesTheOneDefinition: the theme table, in Finnish and in
// English, labels its measures and says what each counts in the words of
// coding's one definition (coding.Measure), the words the themes view
// and the report state too.
func TestFreqStatesTheOneDefinition(t *testing.T) {
	proj := filepath.Join(t.TempDir(), "demo.avain")
	mustRun(t, "demo", proj)
	for _, lang := range []string{coding.LangFinnish, coding.LangEnglish} {
		out := mustRun(t, "export", proj, "freq", "--by", "kind", "--format", "md", "--lang", lang, "-o", "-")
		for _, line := range coding.CountsAbout(lang) {
			if !strings.Contains(out, line) {
				t.Errorf("%s: the table does not say %q:\n%s", lang, line, out)
			}
		}
		for _, m := range coding.Measures {
			if !strings.Contains(out, m.Label(lang)) {
				t.Errorf("%s: no column %q", lang, m.Label(lang))
			}
		}
	}
}
