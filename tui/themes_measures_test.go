package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/toituavain/avain/coding"
)

// TestThemesViewStatesWhatItsMeasureCounts: under the bars, the themes
// view says what the selected measure counts, in coding's one definition
// (the sentence the exports' notes state), and that a theme counts its
// child codes.
func TestThemesViewStatesWhatItsMeasureCounts(t *testing.T) {
	m := themed(t, 300, 30)
	for i, want := range coding.Measures {
		if i > 0 {
			m = do(t, m, "m")
		}
		if m.themes.metric != want {
			t.Fatalf("after %d presses of m the measure is %v, want %v", i, m.themes.metric, want)
		}
		v := ansi.Strip(m.View().Content)
		if !strings.Contains(v, want.About(coding.LangEnglish)) || !strings.Contains(v, coding.CountsAbout(coding.LangEnglish)[0]) {
			t.Errorf("%v: the view does not say %q and %q:\n%s", want, want.About(coding.LangEnglish), coding.CountsAbout(coding.LangEnglish)[0], v)
		}
		for _, other := range coding.Measures {
			if other != want && strings.Contains(v, other.About(coding.LangEnglish)) {
				t.Errorf("%v: the view states %v's definition too", want, other)
			}
		}
	}
	assertFits(t, m, 300, 30)
}
