package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
)

// layoutJS measures the laid-out page: every chart's box and its drawn
// text, every table's box and rows, the page's width against the window.
const layoutJS = `JSON.stringify({
  lang: document.documentElement.lang,
  charset: document.characterSet,
  window: innerWidth,
  pageWidth: document.documentElement.scrollWidth,
  pageHeight: document.documentElement.scrollHeight,
  title: (() => { const r = document.querySelector("h1").getBoundingClientRect(); return {w: r.width, h: r.height, text: document.querySelector("h1").textContent}; })(),
  svgs: [...document.querySelectorAll("figure.chart svg")].map(s => {
    const r = s.getBoundingClientRect();
    const texts = [...s.querySelectorAll("text")].filter(t => t.getBBox().width > 0).length;
    const shapes = [...s.querySelectorAll("path, rect, polygon, polyline")].filter(p => { const b = p.getBBox(); return b.width > 0 || b.height > 0; }).length;
    return {section: s.closest("section").id, w: r.width, h: r.height, texts, shapes};
  }),
  tables: [...document.querySelectorAll("table")].map(t => {
    const r = t.getBoundingClientRect();
    return {cls: t.className, section: t.closest("section").id, w: r.width, h: r.height, rows: t.querySelectorAll("tbody tr").length};
  }),
  sections: [...document.querySelectorAll("main > section")].map(s => ({id: s.id, h: s.getBoundingClientRect().height})),
})`

// pageLayout is what layoutJS reports.
type pageLayout struct {
	Lang, Charset     string
	Window, PageWidth float64
	PageHeight        float64
	Title             struct {
		W, H float64
		Text string
	}
	SVGs []struct {
		Section       string
		W, H          float64
		Texts, Shapes int
	}
	Tables []struct {
		Cls, Section string
		W, H         float64
		Rows         int
	}
	Sections []struct {
		ID string
		H  float64
	}
}

// testReportInChromium renders the demo project's report in headless
// Chromium, 1200 pixels wide: the page is laid out (its charts drawn
// inline at their size with their text, its tables with their rows, no
// wider than the window), and its screenshot is a picture, not a blank.
// With AVAIN_REPORT_PNG=FILE it also writes the top of the page there
// (docs/report.png):
// AVAIN_REPORT_PNG=$PWD/docs/report.png go test ./cmd/avain -run TestReport/chromium
func testReportInChromium(t *testing.T, proj string) {
	needChromium(t)
	out := filepath.Join(t.TempDir(), "raportti.html")
	if code, _, stderr := avain(t, "report", proj, "-o", out, "--lang", "en"); code != 0 {
		t.Fatalf("report: %d %s", code, stderr)
	}
	html := read(t, out)
	if m := regexp.MustCompile(`(?i)https?:|//[a-z0-9.-]+\.[a-z]{2,}/|<script|<link|<img|@import|url\((?:["']?)[^#"'\s)]`).FindString(html); m != "" {
		t.Errorf("the report names something outside the page: %q", m)
	}
	const width, height = 1200, 3000
	b := startBrowser(t, width, height)
	b.open(out)
	var l pageLayout
	var raw string
	b.eval(layoutJS, &raw)
	if err := json.Unmarshal([]byte(raw), &l); err != nil {
		t.Fatal(err)
	}
	checkLayout(t, l, width)
	shot := b.screenshot(width, height)
	checkPicture(t, shot, width, height)
	if path := os.Getenv("AVAIN_REPORT_PNG"); path != "" {
		if err := os.WriteFile(path, b.screenshot(width, 1900), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	wide := filepath.Join(t.TempDir(), "alueittain.html")
	if code, _, stderr := avain(t, "report", proj, "-o", wide, "--by", "region", "--quotes", "0"); code != 0 {
		t.Fatalf("report --by region: %d %s", code, stderr)
	}
	checkScreenFits(t, b, wide)
	b.call(b.session, "Emulation.setEmulatedMedia", map[string]any{"media": "print"}, nil)
	checkPrint(t, b, out, "", 703)            // A4: 186 mm between the margins
	checkPrint(t, b, wide, "landscape", 1032) // seven groups: A4 across, 273 mm
	checkTallChartPrints(t, b, proj)
}

// checkTallChartPrints: a per-code agreement chart of 60 codes, taller
// than a page of A4, is printed shrunk to fit one page with its heading
// (it was split between two), and stays as wide as it was drawn on
// screen.
func checkTallChartPrints(t *testing.T, b *browser, proj string) {
	t.Helper()
	ctx := context.Background()
	many := filepath.Join(t.TempDir(), "monta.avain")
	if err := os.WriteFile(many, []byte(read(t, proj)), 0o600); err != nil {
		t.Fatal(err)
	}
	p, err := project.Open(ctx, many)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := p.DocumentList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	theme := &coding.Code{NameFi: "Monta koodia", Color: "#3c78d8"}
	if err := p.AddCode(ctx, theme, "aino"); err != nil {
		t.Fatal(err)
	}
	for i := range 60 {
		c := &coding.Code{NameFi: fmt.Sprintf("Koodi %02d", i+1), ParentID: theme.ID}
		if err := p.AddCode(ctx, c, "aino"); err != nil {
			t.Fatal(err)
		}
		for j, coder := range []string{"aino", "ville"} {
			start := 3 + i + j
			if _, err := p.AddCoding(ctx, &coding.Coding{Record: coding.Record{Coder: coder}, DocumentID: docs[i%len(docs)].ID,
				CodeID: c.ID, Start: start, End: start + 20}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "monta.html")
	if code, _, stderr := avain(t, "report", many, "-o", out, "--quotes", "0"); code != 0 {
		t.Fatalf("report: %d %s", code, stderr)
	}
	const paper = 703 // A4: 186 mm between the margins
	b.call(b.session, "Emulation.setDeviceMetricsOverride", map[string]any{"width": paper, "height": 1000, "deviceScaleFactor": 1, "mobile": false}, nil)
	b.open(out)
	var raw string
	b.eval(`JSON.stringify((() => {
  const s = document.querySelector("section#agreement figure.chart svg"), r = s.getBoundingClientRect(), v = s.viewBox.baseVal;
  const k = s.closest("div.keep").getBoundingClientRect();
  return {w: r.width, h: r.height, drawnW: v.width * 4 / 3, drawnH: v.height * 4 / 3, keep: k.height};
})())`, &raw)
	var c struct{ W, H, DrawnW, DrawnH, Keep float64 }
	if err := json.Unmarshal([]byte(raw), &c); err != nil {
		t.Fatal(err)
	}
	const page = (297 - 2*14) * 96 / 25.4 // A4 between the top and bottom margins, in CSS pixels
	if c.DrawnH <= page {
		t.Fatalf("the agreement chart of 60 codes is drawn %.0f px high: no taller than a page (%.0f px), it checks nothing", c.DrawnH, page)
	}
	if c.Keep > page || c.H/c.W < 0.99*c.DrawnH/c.DrawnW || c.H/c.W > 1.01*c.DrawnH/c.DrawnW {
		t.Errorf("printed, the agreement chart with its heading is %.0f px high on a page of %.0f px (the chart %.0f × %.0f px, drawn %.0f × %.0f)",
			c.Keep, page, c.W, c.H, c.DrawnW, c.DrawnH)
	}
}

// checkScreenFits opens the page at path in the 1200 pixels wide window:
// each themes table (four groups at most) fits in the page's width, no
// group's heading cut off behind a sideways scroll.
func checkScreenFits(t *testing.T, b *browser, path string) {
	t.Helper()
	b.open(path)
	var raw string
	b.eval(`JSON.stringify([...document.querySelectorAll("div.wide")].map(d => [d.scrollWidth, d.clientWidth]))`, &raw)
	var sizes [][2]float64
	if err := json.Unmarshal([]byte(raw), &sizes); err != nil {
		t.Fatal(err)
	}
	if len(sizes) < 2 {
		t.Errorf("%s: %d themes tables, want two of four groups", filepath.Base(path), len(sizes))
	}
	for i, s := range sizes {
		if s[0] > s[1] {
			t.Errorf("%s on screen: themes table %d is %.0f px wide in %.0f px", filepath.Base(path), i+1, s[0], s[1])
		}
	}
}

// checkPrint lays the page at path out for print on paper of the given
// width between the margins (CSS pixels): no contents list, the themes
// table within the paper's width, on a page of the named @page (""
// for the default), the codebook on a page of its own.
func checkPrint(t *testing.T, b *browser, path, page string, width int) {
	t.Helper()
	b.call(b.session, "Emulation.setDeviceMetricsOverride", map[string]any{"width": width, "height": 1000, "deviceScaleFactor": 1, "mobile": false}, nil)
	b.open(path)
	var raw string
	b.eval(`JSON.stringify({
  nav: getComputedStyle(document.querySelector("nav")).display,
  table: document.querySelector("table.themes").getBoundingClientRect().width,
  paper: document.documentElement.clientWidth,
  page: getComputedStyle(document.getElementById("themes")).page,
  codebook: getComputedStyle(document.getElementById("codebook")).breakBefore,
  keep: [...document.querySelectorAll("figure.chart, section#cooccurrence, div.keep")].map(e => getComputedStyle(e).breakInside),
  intros: [...document.querySelectorAll("h2 + p, h3 + p")].map(e => getComputedStyle(e).breakAfter),
  charts: getComputedStyle(document.querySelector("div.charts")).display,
})`, &raw)
	var p struct {
		Nav, Page, Codebook, Charts string
		Table, Paper                float64
		Keep, Intros                []string
	}
	if err := json.Unmarshal([]byte(raw), &p); err != nil {
		t.Fatal(err)
	}
	if page == "" {
		page = "auto"
	}
	if p.Nav != "none" || p.Table > p.Paper || p.Table < 0.8*p.Paper || p.Page != page || p.Codebook != "page" {
		t.Errorf("%s printed: contents list %q, themes table %.0f px on %.0f px of paper, on page %q, codebook break %q",
			filepath.Base(path), p.Nav, p.Table, p.Paper, p.Page, p.Codebook)
	}
	// no heading or introduction alone at a page foot, no chart split
	// between pages: the rules are checked here, where they fall on the
	// pages is not (Chromium lays pages out only when it prints)
	for _, v := range append(p.Keep, p.Intros...) {
		if v != "avoid" || p.Charts != "block" || len(p.Keep) < 3 || len(p.Intros) < 3 {
			t.Errorf("%s printed: charts and sections keep together %q, introductions stay with what follows %q, charts laid out %q",
				filepath.Base(path), p.Keep, p.Intros, p.Charts)
			break
		}
	}
}

// checkLayout checks the measured page.
func checkLayout(t *testing.T, l pageLayout, width int) {
	t.Helper()
	if l.Lang != "en" || l.Charset != "UTF-8" || l.Title.Text != "demo" || l.Title.H < 20 {
		t.Errorf("page: lang %q, charset %q, title %q %.0f px high", l.Lang, l.Charset, l.Title.Text, l.Title.H)
	}
	if l.PageWidth > float64(width) {
		t.Errorf("the page is %.0f px wide in a %d px window", l.PageWidth, width)
	}
	want := map[string]int{"themes": 2, "cooccurrence": 1, "agreement": 1}
	got := map[string]int{}
	for _, s := range l.SVGs {
		got[s.Section]++
		if s.W < 500 || s.H < 200 || s.W > float64(width) || s.Texts < 10 || s.Shapes < 10 {
			t.Errorf("chart in %s: %.0f × %.0f px, %d texts, %d shapes drawn", s.Section, s.W, s.H, s.Texts, s.Shapes)
		}
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%d charts in %s, want %d (all: %+v)", got[k], k, n, l.SVGs)
		}
	}
	rows := map[string]int{}
	for _, tb := range l.Tables {
		if tb.W < 100 || tb.H < 40 {
			t.Errorf("table %q in %s is %.0f × %.0f px", tb.Cls, tb.Section, tb.W, tb.H)
		}
		rows[strings.TrimSuffix(tb.Cls, " many")] += tb.Rows // a themes table of many groups too
	}
	if rows["themes"] < 30 || rows["counts"] < 4 || rows["agreement"] < 1 || rows["agreement percode"] < 10 {
		t.Errorf("table rows: %v", rows)
	}
	ids := ""
	for _, s := range l.Sections {
		ids += s.ID + " "
		if s.H < 50 {
			t.Errorf("section %s is %.0f px high", s.ID, s.H)
		}
	}
	if ids != "numbers themes cooccurrence agreement quotations counts codebook " {
		t.Errorf("sections: %s", ids)
	}
}

// checkPicture checks that a PNG is width × height and not blank: it has
// many colours, and ink on a good part of it.
func checkPicture(t *testing.T, data []byte, width, height int) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the screenshot is no PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != width || b.Dy() != height {
		t.Errorf("the screenshot is %d × %d, want %d × %d", b.Dx(), b.Dy(), width, height)
	}
	colours, inked, total := map[[3]uint32]bool{}, 0, 0
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y += 2 {
		for x := bounds.Min.X; x < bounds.Max.X; x += 2 {
			r, g, b, _ := img.At(x, y).RGBA()
			colours[[3]uint32{r >> 8, g >> 8, b >> 8}] = true
			if r>>8 < 235 || g>>8 < 235 || b>>8 < 235 {
				inked++
			}
			total++
		}
	}
	if len(colours) < 64 || float64(inked) < 0.05*float64(total) {
		t.Errorf("the screenshot looks blank: %d colours, %.1f%% inked", len(colours), 100*float64(inked)/float64(total))
	}
}
