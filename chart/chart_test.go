package chart

import (
	"bytes"
	"compress/zlib"
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

// The test's codebook: two themes with their own colours, one without
// (a palette colour), each of the first two with a child code.
const (
	red      = "#c0392b" // Byrokratialoukut's own colour
	blue     = "#2e86c1" // Palvelupolku's
	longName = "Yhteistyö ja tietosuoja"
)

func testCodebook(t *testing.T) *coding.Codebook {
	t.Helper()
	code := func(id, parent, fi, en, col string, pos int) *coding.Code {
		return &coding.Code{Record: coding.Record{ID: id}, ParentID: parent, NameFi: fi, NameEn: en, Color: col, Position: pos}
	}
	cb, err := coding.NewCodebook([]*coding.Code{
		code("bur", "", "Byrokratialoukut", "Bureaucracy traps", red, 0),
		code("bur1", "bur", "Kelan ja kunnan välillä pompottelu", "Passed between Kela and the municipality", "#e06666", 0),
		code("yht", "", longName, "Collaboration and data protection", "", 1),
		code("pal", "", "Palvelupolku", "Service path", blue, 2),
		code("pal1", "pal", "Verkkoasiointi", "Online services", "", 0),
	})
	if err != nil {
		t.Fatal(err)
	}
	return cb
}

// testTable counts a few codings of five documents split by kind.
func testTable(t *testing.T, by ...string) (coding.FreqTable, *coding.Codebook) {
	cb := testCodebook(t)
	kinds := []string{"client", "client", "client", "professional", "professional"}
	var docs []coding.FreqDoc
	for i, k := range kinds {
		docs = append(docs, coding.FreqDoc{ID: fmt.Sprint("d", i), Attrs: map[string]string{"kind": k}})
	}
	var cs []*coding.Coding
	add := func(doc int, code string, start int) {
		cs = append(cs, &coding.Coding{Record: coding.Record{Coder: "aino"}, DocumentID: fmt.Sprint("d", doc), CodeID: code, Start: start, End: start + 10})
	}
	add(0, "bur1", 0)
	add(0, "bur1", 20)
	add(1, "bur", 0)
	add(2, "yht", 0)
	add(3, "pal1", 0)
	add(3, "pal", 40)
	add(4, "yht", 5)
	add(4, "bur1", 0)
	return coding.Frequencies(cb, "fi", docs, cs, by, func(string, []coding.Span) int { return 2 }), cb
}

func testMatrix() Matrix {
	return Matrix{Labels: []string{"Byrokratialoukut", longName, "Palvelupolku"},
		Counts: [][]int{{6, 2, 0}, {2, 4, 1}, {0, 1, 3}}}
}

func testBars() []AgreementBar {
	return []AgreementBar{
		{Label: "Byrokratialoukut", Color: red, Kappa: 0.82, Percent: 93},
		{Label: longName, Kappa: math.NaN(), Percent: 100},
		{Label: "Palvelupolku", Color: blue, Kappa: -0.1, Percent: 60},
	}
}

// kinds are the three charts, each drawn with the test's data.
var kinds = []struct {
	name   string
	draw   func(t *testing.T, w io.Writer, o Options) error
	colour string // a colour the chart must show
}{
	{"freq", func(t *testing.T, w io.Writer, o Options) error {
		ft, cb := testTable(t, "kind")
		return FreqBars(w, ft, cb, o)
	}, red},
	{"heatmap", func(t *testing.T, w io.Writer, o Options) error {
		return Heatmap(w, testMatrix(), o)
	}, "#08306b"}, // the top of the scale: the pair with the most
	{"agreement", func(t *testing.T, w io.Writer, o Options) error {
		return AgreementBars(w, testBars(), o)
	}, red},
}

// TestChartFiles draws each chart in each format and reads the file back:
// a PNG of the size asked, not blank, in many colours, among them the
// code's own; an SVG that parses, with its size, fit to be inline in a
// page; a PDF from its header to %%EOF with the Finnish names in its text.
func TestChartFiles(t *testing.T) {
	for _, k := range kinds {
		for _, f := range Formats {
			t.Run(k.name+"/"+f, func(t *testing.T) {
				var buf bytes.Buffer
				o := Options{Format: f, Width: 400, Height: 300}
				if err := k.draw(t, &buf, o); err != nil {
					t.Fatal(err)
				}
				if buf.Len() < 1000 {
					t.Fatalf("only %d bytes", buf.Len())
				}
				switch f {
				case "png":
					checkPNG(t, buf.Bytes(), 400, 300, k.colour)
				case "svg":
					checkSVG(t, buf.Bytes(), 400, 300, k.colour)
				case "pdf":
					checkPDF(t, buf.Bytes())
				}
			})
		}
	}
}

// checkPNG decodes a PNG of w × h points at pngDPI and checks that it is
// not blank and shows colour (given as "#rrggbb") among many others.
func checkPNG(t *testing.T, data []byte, w, h float64, colour string) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	b := img.Bounds()
	wantW, wantH := int(math.Round(w*pngDPI/72)), int(math.Round(h*pngDPI/72))
	if d := b.Dx() - wantW; d < -1 || d > 1 || b.Dy()-wantH < -1 || b.Dy()-wantH > 1 {
		t.Errorf("size %d × %d pixels, want %d × %d (%g × %g points at %d dpi)", b.Dx(), b.Dy(), wantW, wantH, w, h, pngDPI)
	}
	counts := colourCounts(img)
	want, _ := parseHex(colour)
	if counts[want] < 100 {
		t.Errorf("%s covers %d pixels: the chart does not show it", colour, counts[want])
	}
	if len(counts) < 20 {
		t.Errorf("only %d colours", len(counts))
	}
	white := counts[color.RGBA{0xff, 0xff, 0xff, 0xff}]
	if total := b.Dx() * b.Dy(); white > total*97/100 || white < total/3 {
		t.Errorf("%d of %d pixels white: blank, or no background", white, total)
	}
}

func colourCounts(img image.Image) map[color.RGBA]int {
	counts := map[color.RGBA]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			counts[color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), uint8(a >> 8)}]++
		}
	}
	return counts
}

// checkSVG parses an SVG and checks that its root is an <svg> of w × h
// points with a viewBox, that nothing precedes it (it goes inline into a
// page as it is), that it refers to nothing outside itself, that its text
// is in a font a browser has, and that it shows colour and the Finnish
// name.
func checkSVG(t *testing.T, data []byte, w, h float64, colour string) {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("<svg ")) {
		t.Errorf("starts with %.40q, not <svg: not for inline HTML", data)
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	var root struct {
		XMLName xml.Name
		Width   string `xml:"width,attr"`
		Height  string `xml:"height,attr"`
		ViewBox string `xml:"viewBox,attr"`
	}
	if err := dec.Decode(&root); err != nil {
		t.Fatalf("not XML: %v", err)
	}
	if root.XMLName.Local != "svg" || root.Width != fmt.Sprintf("%gpt", w) || root.Height != fmt.Sprintf("%gpt", h) ||
		root.ViewBox != fmt.Sprintf("0 0 %g %g", w, h) {
		t.Errorf("root <%s width=%q height=%q viewBox=%q>, want <svg> of %gpt × %gpt", root.XMLName.Local, root.Width, root.Height, root.ViewBox, w, h)
	}
	s := string(data)
	for _, ref := range regexp.MustCompile(`(?:href|src)=["']?([^"' >]+)|url\(([^)]*)\)`).FindAllStringSubmatch(s, -1) {
		if !strings.HasPrefix(ref[1]+ref[2], "data:") && !strings.HasPrefix(ref[1]+ref[2], "#") {
			t.Errorf("refers outside itself: %s", ref[0])
		}
	}
	for _, fam := range regexp.MustCompile(`font-family:([^;"]*)`).FindAllStringSubmatch(s, -1) {
		if !strings.HasSuffix(fam[1], "sans-serif") {
			t.Errorf("font-family %s: no generic family for a browser without it", fam[1])
		}
	}
	if !strings.Contains(strings.ToLower(s), colour) {
		t.Errorf("no %s in the SVG", colour)
	}
	if !strings.Contains(s, ">"+longName+"<") {
		t.Errorf("%q is not a text of the SVG", longName)
	}
}

// checkPDF checks a PDF's header and end, and that its text (in its
// deflated content streams) holds the Finnish name in the code page of
// its fonts, not as UTF-8 bytes (which a reader shows as "Ã¶").
func checkPDF(t *testing.T, data []byte) {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("%PDF-1.")) {
		t.Errorf("starts with %.10q, not %%PDF-", data)
	}
	if !bytes.HasSuffix(bytes.TrimRight(data, "\r\n"), []byte("%%EOF")) {
		t.Errorf("does not end with %%%%EOF: %q", data[max(0, len(data)-20):])
	}
	text := pdfStreams(t, data)
	if !strings.Contains(text, "Yhteisty\xf6 ja tietosuoja") {
		t.Errorf("the PDF's content has no %q in Windows-1252", longName)
	}
	if strings.Contains(text, longName) {
		t.Errorf("the PDF's content has %q as UTF-8: a reader shows mojibake", longName)
	}
}

// pdfStreams returns the inflated content of a PDF's deflated streams.
func pdfStreams(t *testing.T, data []byte) string {
	t.Helper()
	var out strings.Builder
	re := regexp.MustCompile(`(?s)stream\r?\n(.*?)endstream`)
	for _, m := range re.FindAllSubmatch(data, -1) {
		r, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue // not deflated (a font's raw data, say)
		}
		b, _ := io.ReadAll(r)
		out.Write(b)
	}
	return out.String()
}
