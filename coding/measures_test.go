package coding

import (
	"strings"
	"testing"
)

func TestMeasuresSayWhatTheyCountInBothLanguages(t *testing.T) {
	for _, lang := range []string{LangFinnish, LangEnglish} {
		labels := map[string]bool{}
		lines := CountsAbout(lang)
		if len(lines) != 1+len(Measures) {
			t.Fatalf("%s: CountsAbout has %d lines, want the subtree and one per measure", lang, len(lines))
		}
		for i, m := range Measures {
			label, about := m.Label(lang), m.About(lang)
			if label == "" || about == "" || labels[label] {
				t.Errorf("%s: measure %d has label %q (repeated: %v), about %q", lang, m, label, labels[label], about)
			}
			labels[label] = true
			if lines[1+i] != about {
				t.Errorf("%s: CountsAbout line %d = %q, want %q", lang, 1+i, lines[1+i], about)
			}
			if !strings.HasPrefix(strings.ToLower(about), strings.ToLower(label)) {
				t.Errorf("%s: %q does not start with its label %q", lang, about, label)
			}
		}
	}
	if MeasureCodings.Label("fi") == MeasureCodings.Label("en") {
		t.Errorf("the Finnish label is the English one")
	}
	if MeasureWords.Label("sv") != MeasureWords.Label(LangFinnish) {
		t.Errorf("an unknown language does not fall back to Finnish")
	}
	if !strings.Contains(CountsNote, MeasurePassages.About(LangEnglish)) || LabelCodings != "codings" {
		t.Errorf("the old names do not derive from the measures: %q", CountsNote)
	}
}
