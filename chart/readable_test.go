package chart

import (
	"bytes"
	"fmt"
	"image/color"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

// manyGroups is a table of 30 groups (kind × region), a document each,
// one named with letters the charts' font lacks.
func manyGroups(t *testing.T, region0 string) (coding.FreqTable, *coding.Codebook) {
	cb := testCodebook(t)
	var docs []coding.FreqDoc
	var cs []*coding.Coding
	for i := range 30 {
		region := fmt.Sprintf("alue %02d", i/2)
		if i/2 == 0 {
			region = region0
		}
		kind := []string{coding.KindClient, coding.KindProfessional}[i%2]
		id := fmt.Sprint("d", i)
		docs = append(docs, coding.FreqDoc{ID: id, Attrs: map[string]string{"kind": kind, "region": region}})
		cs = append(cs, &coding.Coding{Record: coding.Record{Coder: "aino"}, DocumentID: id, CodeID: "bur1", Start: 0, End: 5})
	}
	by := []string{"kind", "region"}
	return coding.Frequencies(cb, "fi", docs, cs, by, func(string, []coding.Span) int { return 1 }), cb
}

// TestManyGroupsLie checks that a chart of many groups (30: kind ×
// region) draws its bars lying, a row per group named on one line in the
// language's words, and tall enough for every row's name even where a
// height is given (the report's 360 points); few groups stay upright.
func TestManyGroupsLie(t *testing.T) {
	ft, cb := manyGroups(t, "Kuopio")
	o, _ := Options{}.check()
	l, err := freqLayoutOf(ft, cb, o)
	if err != nil {
		t.Fatal(err)
	}
	if !l.lying || len(l.groups) != 30 {
		t.Fatalf("lying %v, %d groups", l.lying, len(l.groups))
	}
	if l.xLabel != "laji / region" {
		t.Errorf("split named %q", l.xLabel)
	}
	var buf bytes.Buffer
	if err := FreqBars(&buf, ft, cb, Options{Format: "svg", Width: 720, Height: 360}); err != nil {
		t.Fatal(err)
	}
	if h := svgHeight(t, buf.Bytes()); h < 30*(tickSize*1.6) {
		t.Errorf("height %g points for 30 rows", h)
	}
	for _, name := range []string{"asiakas / Kuopio (n = 1)", "ammattilainen / alue 14 (n = 1)"} {
		if !bytes.Contains(buf.Bytes(), []byte(">"+name+"<")) {
			t.Errorf("no row named %q on one line", name)
		}
	}
	few, cb := testTable(t, "kind")
	if l, _ := freqLayoutOf(few, cb, o); l.lying {
		t.Error("two groups drawn lying")
	}
}

// TestMissingLetters checks that a chart naming a group in letters its
// font lacks (台北) says so once, naming them and what each format does
// with them, and that a chart of Finnish letters says nothing.
func TestMissingLetters(t *testing.T) {
	ft, cb := manyGroups(t, "台北")
	for format, what := range map[string]string{"png": "blank", "pdf": "blank", "svg": "browser"} {
		var lines []string
		o := Options{Format: format, Width: 300, Warn: func(l string) { lines = append(lines, l) }}
		if err := FreqBars(&bytes.Buffer{}, ft, cb, o); err != nil {
			t.Fatal(err)
		}
		if len(lines) != 1 || !strings.Contains(lines[0], "台 北") || !strings.Contains(lines[0], what) || strings.Contains(lines[0], "\n") {
			t.Errorf("%s: warnings %q, want one line naming 台 北 and %q", format, lines, what)
		}
	}
	fi, cb := manyGroups(t, "Jyväskylä")
	for _, format := range Formats {
		o := Options{Format: format, Width: 300, Warn: func(l string) { t.Errorf("%s: warned %q", format, l) }}
		if err := FreqBars(&bytes.Buffer{}, fi, cb, o); err != nil {
			t.Fatal(err)
		}
	}
}

// TestPDFLettersOutsideWindows1252 checks that a PDF chart naming a group
// in Northern Sámi (Čáhcesuolu: Č is not in Windows-1252, the code page of
// the PDF's text) draws the name as the outlines of its letters, with no
// warning, where it printed "?áhcesuolu".
func TestPDFLettersOutsideWindows1252(t *testing.T) {
	draw := func(name string) (string, []string) {
		ft, cb := manyGroups(t, name)
		var lines []string
		var buf bytes.Buffer
		o := Options{Format: "pdf", Width: 300, Warn: func(l string) { lines = append(lines, l) }}
		if err := FreqBars(&buf, ft, cb, o); err != nil {
			t.Fatal(err)
		}
		return pdfStreams(t, buf.Bytes()), lines
	}
	sami, warned := draw("Čáhcesuolu")
	plain, _ := draw("Cahcesuolu")
	if len(warned) != 0 {
		t.Errorf("warned %q", warned)
	}
	if strings.Contains(sami, "hcesuolu") || !strings.Contains(plain, "Cahcesuolu") {
		t.Errorf("the Sámi name is text in the PDF (once printed as %q)", "?\xe1hcesuolu")
	}
	// Each of the name's letters (and their label's other texts on its
	// line) is a filled outline: many more fills than the plain chart's.
	fills := func(s string) int { return len(regexp.MustCompile(`(?m)^f$| f\n`).FindAllString(s, -1)) }
	if fills(sami) < fills(plain)+len("Čáhcesuolu") {
		t.Errorf("%d fills with the Sámi name, %d with the plain one: its letters are not drawn", fills(sami), fills(plain))
	}
}

// TestCodesWithoutCodingsLeftOut checks that a chart of codes leaves out
// the codes no one used, saying how many in its note.
func TestCodesWithoutCodingsLeftOut(t *testing.T) {
	cb := testCodebook(t)
	cs := []*coding.Coding{{Record: coding.Record{Coder: "aino"}, DocumentID: "d", CodeID: "bur1", Start: 0, End: 5}}
	ft := coding.Frequencies(cb, "fi", []coding.FreqDoc{{ID: "d"}}, cs, nil, func(string, []coding.Span) int { return 1 })
	for lang, note := range map[string]string{"fi": "Koodeja ilman koodauksia jätetty pois: 2.", "en": "Codes with no codings left out: 2."} {
		o, _ := Options{Level: LevelCodes, Lang: lang}.check()
		l, err := freqLayoutOf(ft, cb, o)
		if err != nil {
			t.Fatal(err)
		}
		if len(l.series) != 1 || !strings.HasSuffix(l.note, note) {
			t.Errorf("%s: %d series, note %q", lang, len(l.series), l.note)
		}
	}
}

// TestShadesApart checks that codes given near shades of one colour (a
// theme's codes) are drawn in colours told apart, the first as its own.
func TestShadesApart(t *testing.T) {
	hex := []string{"#c0392b", "#a93226", "#b03a2e", "#c0392b", "#cd6155", "#2e86c1"}
	cols := distinct(colours(hex))
	own, _ := parseHex(hex[0])
	blue, _ := parseHex(hex[5])
	if cols[0] != own || cols[5] != blue {
		t.Errorf("first %v, blue %v: changed", cols[0], cols[5])
	}
	for i := range cols {
		for j := range i {
			if d := colourDistance(cols[i], cols[j]); d < minColourDistance {
				t.Errorf("%d %v and %d %v: distance %.0f", i, cols[i], j, cols[j], d)
			}
		}
	}
	if slices.Contains(cols, color.RGBA{}) {
		t.Error("a colour left empty")
	}
}

// TestManyCodesWarn checks that a chart of more than 12 codes suggests
// drawing a theme's codes at a time.
func TestManyCodesWarn(t *testing.T) {
	var codes []*coding.Code
	for i := range 13 {
		codes = append(codes, &coding.Code{Record: coding.Record{ID: fmt.Sprint("c", i)}, NameFi: fmt.Sprint("Koodi ", i), Position: i})
	}
	cb, err := coding.NewCodebook(codes)
	if err != nil {
		t.Fatal(err)
	}
	var cs []*coding.Coding
	for i := range 13 {
		cs = append(cs, &coding.Coding{Record: coding.Record{Coder: "aino"}, DocumentID: "d", CodeID: fmt.Sprint("c", i), Start: i, End: i + 1})
	}
	ft := coding.Frequencies(cb, "fi", []coding.FreqDoc{{ID: "d"}}, cs, nil, func(string, []coding.Span) int { return 1 })
	var lines []string
	if err := FreqBars(&bytes.Buffer{}, ft, cb, Options{Level: LevelCodes, Warn: func(l string) { lines = append(lines, l) }}); err != nil {
		t.Fatal(err)
	}
	if len(lines) != 1 || !strings.Contains(lines[0], "13 codes") || !strings.Contains(lines[0], "--code THEME") {
		t.Errorf("warnings %q", lines)
	}
}

// TestLongNamesKept checks that a code's name of 55 letters is shown
// whole in the legend, the chart widened by default to keep room for the
// bars beside it, and kept to a width given.
func TestLongNamesKept(t *testing.T) {
	name := "Kelan ja kunnan välillä pompottelu asumisen tukien haussa" // 57 letters
	cb, err := coding.NewCodebook([]*coding.Code{{Record: coding.Record{ID: "a"}, NameFi: name}})
	if err != nil {
		t.Fatal(err)
	}
	cs := []*coding.Coding{{Record: coding.Record{Coder: "aino"}, DocumentID: "d", CodeID: "a", Start: 0, End: 5}}
	ft := coding.Frequencies(cb, "fi", []coding.FreqDoc{{ID: "d"}}, cs, nil, func(string, []coding.Span) int { return 1 })
	var buf bytes.Buffer
	if err := FreqBars(&buf, ft, cb, Options{Format: "svg"}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes(), []byte(">"+name+"<")) {
		t.Errorf("the name is not shown whole")
	}
	if w := svgWidth(t, buf.Bytes()); w < float64(legendWidth([]string{name}))+plotRoom {
		t.Errorf("width %g points: no room for the bars beside a legend %g wide", w, legendWidth([]string{name}))
	}
	buf.Reset()
	if err := FreqBars(&buf, ft, cb, Options{Format: "svg", Width: 300}); err != nil {
		t.Fatal(err)
	}
	if w := svgWidth(t, buf.Bytes()); w != 300 {
		t.Errorf("width %g points, asked 300", w)
	}
}

// svgWidth is the width of an SVG vgsvg wrote, in points.
func svgWidth(t *testing.T, b []byte) float64 {
	t.Helper()
	return svgSize(t, b, "width")
}
