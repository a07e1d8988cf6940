package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// testReportManyGroups: the demo project and 24 more interviews, each of
// a region of its own, split by kind and region (over 30 groups): the
// themes table is several tables, every group in one of them, each
// table's code column repeated, and in Chromium every group's header lies
// within the window on screen and within A4 across in print.
func testReportManyGroups(t *testing.T) {
	dir := t.TempDir()
	proj := filepath.Join(dir, "many.avain")
	if code, _, errs := avain(t, "demo", proj); code != 0 {
		t.Fatalf("demo: %d %s", code, errs)
	}
	meta := "file,kind,region\n"
	files := []string{"import", proj}
	for i := 1; i <= 24; i++ {
		name := fmt.Sprintf("lisa_%02d.txt", i)
		files = append(files, write(t, dir, name, []byte(fmt.Sprintf("%sH: Kiitos, haastattelu %d.\n", clientInterview, i))))
		kind := "client"
		if i%2 == 0 {
			kind = "professional"
		}
		meta += fmt.Sprintf("%s,%s,Alue %02d\n", name, kind, i)
	}
	files = append(files, "--meta", write(t, dir, "meta.csv", []byte(meta)))
	if code, _, errs := avain(t, files...); code != 0 {
		t.Fatalf("import: %d %s", code, errs)
	}
	out := filepath.Join(dir, "ryhmat.html")
	if code, _, errs := avain(t, "report", proj, "--by", "kind,region", "--quotes", "0", "-o", out); code != 0 {
		t.Fatalf("report: %d %s", code, errs)
	}
	html := read(t, out)
	groups := strings.Count(html, `class="group"`)
	tables := strings.Count(html, `<table class="themes`)
	if groups < 31 || tables < 5 || strings.Count(html, `class="code">Koodi</th>`) != tables {
		t.Errorf("%d groups in %d themes tables (each with its code column?)", groups, tables)
	}
	for i := 1; i <= 24; i++ {
		if !strings.Contains(html, fmt.Sprintf(`class="group">asiakas / Alue %02d`, i)) && !strings.Contains(html, fmt.Sprintf(`class="group">ammattilainen / Alue %02d`, i)) {
			t.Errorf("no group header of Alue %02d", i)
		}
	}
	needChromium(t)
	b := startBrowser(t, 1200, 1000)
	checkGroupsShown(t, b, out, groups, "screen")
	b.call(b.session, "Emulation.setEmulatedMedia", map[string]any{"media": "print"}, nil)
	b.call(b.session, "Emulation.setDeviceMetricsOverride", map[string]any{"width": 1032, "height": 1000, "deviceScaleFactor": 1, "mobile": false}, nil)
	checkGroupsShown(t, b, out, groups, "print")
}

// checkGroupsShown opens path in b and checks that the themes tables
// show want group headers, each whole within the page's width.
func checkGroupsShown(t *testing.T, b *browser, path string, want int, media string) {
	t.Helper()
	b.open(path)
	var raw string
	b.eval(`JSON.stringify({
  paper: document.documentElement.clientWidth,
  page: getComputedStyle(document.getElementById("themes")).page,
  tables: [...document.querySelectorAll("table.themes")].map(t => t.getBoundingClientRect().right),
  groups: [...document.querySelectorAll("table.themes th.group")].map(g => g.getBoundingClientRect().right),
})`, &raw)
	var l struct {
		Paper          float64
		Page           string
		Tables, Groups []float64
	}
	if err := json.Unmarshal([]byte(raw), &l); err != nil {
		t.Fatal(err)
	}
	if len(l.Groups) != want {
		t.Errorf("%s: %d group headers laid out, want %d", media, len(l.Groups), want)
	}
	for i, r := range l.Tables {
		if r > l.Paper {
			t.Errorf("%s: themes table %d ends at %.0f px of %.0f", media, i+1, r, l.Paper)
		}
	}
	for i, r := range l.Groups {
		if r > l.Paper {
			t.Errorf("%s: group header %d ends at %.0f px of %.0f", media, i+1, r, l.Paper)
		}
	}
	if media == "print" && l.Page != "landscape" {
		t.Errorf("print: the themes are on page %q, want landscape", l.Page)
	}
}
