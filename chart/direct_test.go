package chart

import (
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

// TestCodesCodedDirectlySaid: a chart of codes draws codes without child
// codes; a theme coded directly (codings of its own) is not a bar, and the
// note says how many such codes are left out and where their codings are.
func TestCodesCodedDirectlySaid(t *testing.T) {
	cb := testCodebook(t)
	coded := func(code string) *coding.Coding {
		return &coding.Coding{Record: coding.Record{Coder: "aino"}, DocumentID: "d", CodeID: code, Start: 0, End: 5}
	}
	ft := coding.Frequencies(cb, "fi", []coding.FreqDoc{{ID: "d"}}, []*coding.Coding{coded("bur"), coded("bur1"), coded("pal1")}, nil,
		func(string, []coding.Span) int { return 1 })
	for lang, note := range map[string]string{"fi": "Koodeja, joilla on alakoodeja ja myös omia koodauksia, jätetty pois: 1",
		"en": "Codes with child codes and codings of their own left out: 1"} {
		o, _ := Options{Level: LevelCodes, Lang: lang}.check()
		l, err := freqLayoutOf(ft, cb, o)
		if err != nil {
			t.Fatal(err)
		}
		if len(l.series) != 2 || !strings.Contains(l.note, note) {
			t.Errorf("%s: %d series, note %q", lang, len(l.series), l.note)
		}
	}
	// without direct codings of a theme, nothing is said
	ft = coding.Frequencies(cb, "fi", []coding.FreqDoc{{ID: "d"}}, []*coding.Coding{coded("bur1")}, nil,
		func(string, []coding.Span) int { return 1 })
	o, _ := Options{Level: LevelCodes, Lang: "en"}.check()
	if l, err := freqLayoutOf(ft, cb, o); err != nil || strings.Contains(l.note, "of their own") {
		t.Errorf("no theme coded directly: %v, note %q", err, l.note)
	}
}

// TestNoCodingsNoChart: a table with no codings at all (an empty project)
// is not drawn as empty axes, at either level.
func TestNoCodingsNoChart(t *testing.T) {
	cb := testCodebook(t)
	ft := coding.Frequencies(cb, "fi", []coding.FreqDoc{{ID: "d"}}, nil, nil, func(string, []coding.Span) int { return 1 })
	for _, level := range []string{LevelThemes, LevelCodes} {
		o, _ := Options{Level: level, Lang: "en"}.check()
		if _, err := freqLayoutOf(ft, cb, o); err == nil || !strings.Contains(err.Error(), "no codings") {
			t.Errorf("%s: %v, want a refusal naming no codings", level, err)
		}
	}
}
