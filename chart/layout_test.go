package chart

import (
	"bytes"
	"image/color"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

// TestFreqLayout checks what a theme chart draws: which rows (themes or
// the codes without child codes), which groups (all documents, or the
// split's groups with their n), the measure's numbers, the names in the
// language asked, the codes' own colours or the palette's, and a title
// and note saying what is counted.
func TestFreqLayout(t *testing.T) {
	split, cb := testTable(t, "kind")
	whole, _ := testTable(t)
	pal0 := palette[0]
	redC, _ := parseHex(red)
	blueC, _ := parseHex(blue)
	e06666, _ := parseHex("#e06666")
	for _, tc := range []struct {
		name    string
		t       coding.FreqTable
		o       Options
		names   []string
		colours []color.RGBA
		groups  []string
		values  [][]float64 // per series, per group
		title   string
		note    string
	}{
		{"themes by kind, codings", split, Options{},
			[]string{"Byrokratialoukut", longName, "Palvelupolku"}, []color.RGBA{redC, pal0, blueC},
			[]string{"asiakas\nn = 3", "ammattilainen\nn = 2"}, [][]float64{{3, 1}, {1, 1}, {0, 2}},
			"Teemat ryhmittäin: laji", coding.MeasureCodings.About("fi") + " Teema laskee alakoodinsa."},
		{"codes, all documents, share, in English", whole, Options{Level: LevelCodes, Measure: coding.MeasureShare, Lang: "en"},
			[]string{"Passed between Kela and the municipality", "Collaboration and data protection", "Online services"},
			[]color.RGBA{e06666, pal0, palette[1]},
			[]string{"all documents\nn = 5"}, [][]float64{{40}, {40}, {20}},
			"Codes", coding.MeasureShare.About("en") + " Codes with child codes and codings of their own left out: 2 (their codings count in the themes chart)."},
		{"passages, a title of one's own", split, Options{Measure: coding.MeasurePassages, Title: "Kuvio 1"},
			[]string{"Byrokratialoukut", longName, "Palvelupolku"}, nil,
			nil, [][]float64{{3, 1}, {1, 1}, {0, 2}}, "Kuvio 1", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o, err := tc.o.check()
			if err != nil {
				t.Fatal(err)
			}
			l, err := freqLayoutOf(tc.t, cb, o)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			var cols []color.RGBA
			var values [][]float64
			for _, s := range l.series {
				names, cols, values = append(names, s.name), append(cols, s.colour), append(values, s.values)
			}
			if !slices.Equal(names, tc.names) {
				t.Errorf("names %q, want %q", names, tc.names)
			}
			if tc.colours != nil && !slices.Equal(cols, tc.colours) {
				t.Errorf("colours %v, want %v", cols, tc.colours)
			}
			if tc.groups != nil && !slices.Equal(l.groups, tc.groups) {
				t.Errorf("groups %q, want %q", l.groups, tc.groups)
			}
			if !slices.EqualFunc(values, tc.values, func(a, b []float64) bool { return slices.Equal(a, b) }) {
				t.Errorf("values %v, want %v", values, tc.values)
			}
			if l.title != tc.title {
				t.Errorf("title %q, want %q", l.title, tc.title)
			}
			if tc.note != "" && l.note != tc.note {
				t.Errorf("note %q, want %q", l.note, tc.note)
			}
		})
	}
}

// TestLongLegendGrowsTheChart checks that a chart of many codes is drawn
// taller than the default, so that its legend fits, unless a height is
// given.
func TestLongLegendGrowsTheChart(t *testing.T) {
	var codes []*coding.Code
	for i := range 40 {
		codes = append(codes, &coding.Code{Record: coding.Record{ID: string(rune('a'+i%26)) + strings.Repeat("x", i/26)},
			NameFi: "Koodi " + string(rune('A'+i%26)) + strings.Repeat("x", i/26), Position: i})
	}
	cb, err := coding.NewCodebook(codes)
	if err != nil {
		t.Fatal(err)
	}
	cs := []*coding.Coding{{Record: coding.Record{Coder: "aino"}, DocumentID: "d", CodeID: "a", Start: 0, End: 5}}
	ft := coding.Frequencies(cb, "fi", []coding.FreqDoc{{ID: "d"}}, cs, nil, func(string, []coding.Span) int { return 1 })
	var buf bytes.Buffer
	if err := FreqBars(&buf, ft, cb, Options{Format: "svg"}); err != nil {
		t.Fatal(err)
	}
	h := svgHeight(t, buf.Bytes())
	if h < legendHeight(40) {
		t.Errorf("height %g points for a legend of 40 needing %g", h, legendHeight(40))
	}
	buf.Reset()
	if err := FreqBars(&buf, ft, cb, Options{Format: "svg", Height: 200}); err != nil {
		t.Fatal(err)
	}
	if h := svgHeight(t, buf.Bytes()); h != 200 {
		t.Errorf("height %g points, asked 200", h)
	}
}

// svgHeight is the height of an SVG vgsvg wrote, in points.
func svgHeight(t *testing.T, b []byte) float64 {
	t.Helper()
	return svgSize(t, b, "height")
}

// svgSize is the attribute dim ("width" or "height") of the first element
// of an SVG that gives it in points: the SVG's own.
func svgSize(t *testing.T, b []byte, dim string) float64 {
	t.Helper()
	m := regexp.MustCompile(dim + `="([0-9.]+)pt"`).FindSubmatch(b)
	if m == nil {
		t.Fatalf("no %s", dim)
	}
	v, err := strconv.ParseFloat(string(m[1]), 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestRefusals checks that what cannot be drawn is refused with an error
// naming it, and nothing is written.
func TestRefusals(t *testing.T) {
	ft, cb := testTable(t)
	empty, _ := coding.NewCodebook(nil)
	for _, tc := range []struct {
		name string
		draw func(*bytes.Buffer) error
		want string
	}{
		{"format", func(b *bytes.Buffer) error { return FreqBars(b, ft, cb, Options{Format: "jpg"}) }, `"jpg"`},
		{"language", func(b *bytes.Buffer) error { return FreqBars(b, ft, cb, Options{Lang: "sv"}) }, `"sv"`},
		{"level", func(b *bytes.Buffer) error { return FreqBars(b, ft, cb, Options{Level: "leaves"}) }, `"leaves"`},
		{"measure", func(b *bytes.Buffer) error { return FreqBars(b, ft, cb, Options{Measure: 9}) }, "measure"},
		{"size", func(b *bytes.Buffer) error { return FreqBars(b, ft, cb, Options{Width: 1e9}) }, "width"},
		{"no codes", func(b *bytes.Buffer) error {
			return FreqBars(b, coding.Frequencies(empty, "fi", nil, nil, nil, nil), empty, Options{})
		}, "no codes"},
		{"empty matrix", func(b *bytes.Buffer) error { return Heatmap(b, Matrix{}, Options{}) }, "empty"},
		{"ragged matrix", func(b *bytes.Buffer) error {
			return Heatmap(b, Matrix{Labels: []string{"a", "b"}, Counts: [][]int{{1, 2}, {3}}}, Options{})
		}, "row 2"},
		{"no bars", func(b *bytes.Buffer) error { return AgreementBars(b, nil, Options{}) }, "no codes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := tc.draw(&buf)
			if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %v, want one line with %s", err, tc.want)
			}
			if buf.Len() > 0 {
				t.Errorf("%d bytes written", buf.Len())
			}
		})
	}
}

func TestFormatOf(t *testing.T) {
	for in, want := range map[string]string{"kuva.svg": "svg", "K.PNG": "png", "a/b.c/x.pdf": "pdf", "kuva.jpg": "", "kuva": "", "svg": ""} {
		got, err := FormatOf(in)
		if got != want || (want == "") != (err != nil) {
			t.Errorf("FormatOf(%q) = %q, %v; want %q", in, got, err, want)
		}
		if err != nil && !strings.HasPrefix(err.Error(), in+": ") {
			t.Errorf("error %q does not name %s", err, in)
		}
	}
}

// TestWordsInBothLanguages checks that every word of the charts has its
// Finnish and English form, and that numbers are written as each
// language writes them.
func TestWordsInBothLanguages(t *testing.T) {
	for key := range words[coding.LangEnglish] {
		if words[coding.LangFinnish][key] == "" {
			t.Errorf("%q has no Finnish", key)
		}
	}
	for key := range words[coding.LangFinnish] {
		if words[coding.LangEnglish][key] == "" {
			t.Errorf("%q has no English", key)
		}
	}
	if got := localNumber("fi", "0.82"); got != "0,82" {
		t.Errorf("fi 0.82: %q", got)
	}
	if got := localNumber("en", "0.82"); got != "0.82" {
		t.Errorf("en 0.82: %q", got)
	}
	if !math.IsNaN(testBars()[1].Kappa) {
		t.Fatal("the test's bars lost their undefined kappa")
	}
}

// TestGroupLabels checks that group names too wide for their cluster are
// written on one line and slanted (reaching left of the first tick), and
// that names that fit stay upright, a value a line.
func TestGroupLabels(t *testing.T) {
	labels := []string{"client\nKuopio\nn = 3", "professional\nRovaniemi\nn = 2"}
	p := newPlot()
	ticks, _ := groupTicks(p, labels, 200)
	if ticks[1].Label != labels[1] || p.X.Tick.Label.Rotation != 0 {
		t.Errorf("wide clusters: %q, rotation %g", ticks[1].Label, p.X.Tick.Label.Rotation)
	}
	p = newPlot()
	ticks, reach := groupTicks(p, labels, 30)
	if ticks[1].Label != "professional / Rovaniemi (n = 2)" || p.X.Tick.Label.Rotation == 0 {
		t.Errorf("narrow clusters: %q, rotation %g", ticks[1].Label, p.X.Tick.Label.Rotation)
	}
	if reach < 60 {
		t.Errorf("slanted labels reach %g points left of the first tick", reach)
	}
}

// TestWholeTicks checks the value axis of counts: about five ticks, each
// a whole number with its label, the top a tick.
func TestWholeTicks(t *testing.T) {
	for _, top := range []float64{0, 1, 3, 7, 23, 68, 250, 1234, 98765} {
		max := niceMax(top, false)
		ticks := wholeTicks{}.Ticks(0, max)
		if max < top || len(ticks) < 2 || len(ticks) > 7 || ticks[len(ticks)-1].Value != max {
			t.Errorf("%g: axis to %g, ticks %v", top, max, ticks)
		}
		for _, k := range ticks {
			if k.Value != math.Trunc(k.Value) || k.Label != strconv.FormatFloat(k.Value, 'f', -1, 64) {
				t.Errorf("%g: tick %v", top, k)
			}
		}
	}
}

// TestOneThemeAloneShowsItsCodes checks that a table of one theme (a
// --code selection) is drawn as its child codes at the themes level.
func TestOneThemeAloneShowsItsCodes(t *testing.T) {
	cb := testCodebook(t)
	sub, err := coding.NewCodebook([]*coding.Code{cb.Code("pal"), cb.Code("pal1"),
		{Record: coding.Record{ID: "pal2"}, ParentID: "pal", NameFi: "Puhelin", Position: 1}})
	if err != nil {
		t.Fatal(err)
	}
	cs := []*coding.Coding{{Record: coding.Record{Coder: "aino"}, DocumentID: "d", CodeID: "pal2", Start: 0, End: 5}}
	ft := coding.Frequencies(sub, "fi", []coding.FreqDoc{{ID: "d"}}, cs, nil, func(string, []coding.Span) int { return 1 })
	o, _ := Options{}.check()
	l, err := freqLayoutOf(ft, sub, o)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range l.series {
		names = append(names, s.name)
	}
	if !slices.Equal(names, []string{"Verkkoasiointi", "Puhelin"}) {
		t.Errorf("series %q, want Palvelupolku's child codes", names)
	}
}

// TestBigHeatmapGrows checks that a heat map of many codes is drawn large
// enough for every cell to show its count, unless a size is given.
func TestBigHeatmapGrows(t *testing.T) {
	const n = 40
	m := Matrix{Labels: make([]string, n), Counts: make([][]int, n)}
	for i := range n {
		m.Labels[i] = "Koodi " + strconv.Itoa(i)
		m.Counts[i] = make([]int, n)
		for j := range n {
			m.Counts[i][j] = 100 + i*n + j
		}
	}
	var buf bytes.Buffer
	if err := Heatmap(&buf, m, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, count := range []string{">100<", ">1699<", ">757<"} {
		if !bytes.Contains(buf.Bytes(), []byte(count)) {
			t.Errorf("no cell shows %s", count)
		}
	}
	if h := svgHeight(t, buf.Bytes()); h < n*16 {
		t.Errorf("height %g points for %d rows", h, n)
	}
}
