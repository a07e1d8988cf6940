package export

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/toituavain/avain/coding"
	"github.com/xuri/excelize/v2"
)

// openXLSX writes the tables as XLSX and opens the file again, with its
// parts (the chart XML) by name.
func openXLSX(t *testing.T, about *About, tables ...Table) (*excelize.File, map[string]string) {
	t.Helper()
	var b bytes.Buffer
	if err := WriteAbout(&b, "xlsx", about, tables...); err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	parts := map[string]string{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(r)
		r.Close()
		parts[f.Name] = string(data)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatalf("XLSX does not open: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f, parts
}

// rowOf finds the row (1-based) whose first cell is name.
func rowOf(t *testing.T, f *excelize.File, sheet, name string) int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 0 && r[0] == name {
			return i + 1
		}
	}
	t.Fatalf("%s: no row %q", sheet, name)
	return 0
}

// style returns the style of a cell.
func style(t *testing.T, f *excelize.File, sheet, cell string) *excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	s, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The theme table as an XLSX workbook for people: an About sheet first
// saying what the numbers count and how the table was made; the table
// with its groups merged over their measures, themes bold, codes
// indented and outlined under their theme (summary rows above), header
// and code column frozen, columns fitted, shares real numbers shown as
// percentages; and a sheet with a native bar chart of the top-level
// codes by group.
func TestFreqXLSX(t *testing.T) {
	p := demo(t)
	ft := demoFreq(t, p)
	about := &About{Title: View{}.Title("freq"), Project: "demo.avain", Made: time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC),
		Coders: []string{"aino", "ville"}, Filters: []string{"--by kind"}, Version: "dev", Counts: coding.CountsAbout("fi")}
	f, parts := openXLSX(t, about, FreqTable(ft, View{Layout: LayoutPeople}))
	if got := strings.Join(f.GetSheetList(), "|"); got != "Tietoja|Frekvenssit|Frekvenssit – kaavio" {
		t.Fatalf("sheets %q", got)
	}
	// About: the title, every measure's definition, how it was made.
	rows, _ := f.GetRows("Tietoja")
	var lines []string
	for _, r := range rows {
		if len(r) > 0 {
			lines = append(lines, r[0])
		}
	}
	text := strings.Join(lines, "\n")
	for _, want := range append(coding.CountsAbout("fi"), "Teemataulukko: koodien frekvenssit", "Projekti: demo.avain",
		"Tehty: 2026-12-01 09:30", "Koodaajat: aino, ville", "Valinnat: --by kind", "avain, versio dev") {
		if !strings.Contains(text, want) {
			t.Errorf("About lacks %q:\n%s", want, text)
		}
	}
	const sheet = "Frekvenssit"
	// Headers: groups merged over their five measures.
	merged, _ := f.GetMergeCells(sheet)
	bands := map[string]string{}
	for _, m := range merged {
		bands[m.GetStartAxis()+":"+m.GetEndAxis()] = m.GetCellValue()
	}
	if bands["B1:F1"] != "kaikki (n = 10)" || bands["G1:K1"] != "laji = asiakas (n = 6)" || bands["L1:P1"] != "laji = ammattilainen (n = 4)" {
		t.Errorf("merged group headers %v", bands)
	}
	if v, _ := f.GetCellValue(sheet, "E2"); v != "dokumentit %" {
		t.Errorf("E2 %q", v)
	}
	// A theme: bold, not indented, at outline level 0; its share a number
	// formatted as a percentage.
	theme := freqRow(t, ft, "Byrokratialoukut")
	r := rowOf(t, f, sheet, "Byrokratialoukut")
	if s := style(t, f, sheet, "A"+strconv.Itoa(r)); s.Font == nil || !s.Font.Bold {
		t.Errorf("theme not bold: %+v", s.Font)
	}
	if lvl, _ := f.GetRowOutlineLevel(sheet, r); lvl != 0 {
		t.Errorf("theme at outline level %d", lvl)
	}
	share := "E" + strconv.Itoa(r)
	raw, _ := f.GetCellValue(sheet, share, excelize.Options{RawCellValue: true})
	shown, _ := f.GetCellValue(sheet, share)
	typ, _ := f.GetCellType(sheet, share)
	if x, err := strconv.ParseFloat(raw, 64); err != nil || x != theme.Cells[0].Share || typ == excelize.CellTypeSharedString ||
		shown != strconv.FormatFloat(theme.Cells[0].Share*100, 'f', 1, 64)+"%" {
		t.Errorf("share: raw %q shown %q type %v, want %v as a percentage", raw, shown, typ, theme.Cells[0].Share)
	}
	if s := style(t, f, sheet, share); s.CustomNumFmt == nil || *s.CustomNumFmt != "0.0%" {
		t.Errorf("share's number format %+v", s.CustomNumFmt)
	}
	if v, _ := f.GetCellValue(sheet, "B"+strconv.Itoa(r), excelize.Options{RawCellValue: true}); v != itoa(theme.Cells[0].Codings) {
		t.Errorf("codings %q, want %d", v, theme.Cells[0].Codings)
	}
	// Codes fold under their theme: outline level = depth, indented.
	for name, depth := range map[string]int{"Toistuvat liitepyynnöt": 1, "Asiointikanavat": 1, "Puhelinasiointi": 2} {
		r := rowOf(t, f, sheet, name)
		lvl, _ := f.GetRowOutlineLevel(sheet, r)
		s := style(t, f, sheet, "A"+strconv.Itoa(r))
		if int(lvl) != depth || s.Alignment == nil || s.Alignment.Indent != depth {
			t.Errorf("%s: outline level %d, indent %+v, want %d", name, lvl, s.Alignment, depth)
		}
		if bold := s.Font != nil && s.Font.Bold; bold != (name == "Asiointikanavat") {
			t.Errorf("%s: bold %v", name, bold)
		}
	}
	props, _ := f.GetSheetProps(sheet)
	if props.OutlineSummaryBelow == nil || *props.OutlineSummaryBelow {
		t.Error("a theme's row is not its codes' summary above them")
	}
	panes, _ := f.GetPanes(sheet)
	if !panes.Freeze || panes.XSplit != 1 || panes.YSplit != 2 {
		t.Errorf("panes %+v: want the two header rows and the code column frozen", panes)
	}
	// Columns fit: the code column holds the longest name, none is huge.
	longest := 0
	for _, r := range ft.Rows {
		if r.CodeID != "" {
			longest = max(longest, len([]rune(r.Path[len(r.Path)-1])))
		}
	}
	if w, _ := f.GetColWidth(sheet, "A"); w < float64(longest) || w > 60 {
		t.Errorf("code column %.1f wide for names of up to %d characters", w, longest)
	}
	if w, _ := f.GetColWidth(sheet, "E"); w < float64(len("dokumentit %")) || w > 20 {
		t.Errorf("share column %.1f wide", w)
	}
	sheetXML := parts["xl/worksheets/sheet2.xml"]
	if a, b := strings.Index(sheetXML, `<col min="1"`), strings.Index(sheetXML, `<col min="2"`); a < 0 || b < a {
		t.Errorf("column widths out of order (Excel repairs such a file): %d, %d", a, b)
	}
	// The chart: its numbers on its sheet, a bar chart drawing them.
	const cs = "Frekvenssit – kaavio"
	crows, _ := f.GetRows(cs)
	if len(crows) < 4 || crows[0][1] != "laji = asiakas (n = 6)" || crows[0][2] != "laji = ammattilainen (n = 4)" || crows[1][0] != "Byrokratialoukut" {
		t.Fatalf("chart data %q", crows)
	}
	if crows[1][1] != itoa(theme.Cells[1].Codings) || crows[1][2] != itoa(theme.Cells[2].Codings) {
		t.Errorf("chart data %q, want the theme's codings %d and %d", crows[1], theme.Cells[1].Codings, theme.Cells[2].Codings)
	}
	chart := parts["xl/charts/chart1.xml"]
	if !strings.Contains(chart, "<barChart>") || strings.Count(chart, "<ser>") != 2 || !strings.Contains(chart, `<varyColors val="0">`) ||
		!strings.Contains(chart, "&#39;Frekvenssit – kaavio&#39;!$A$2:$A$"+strconv.Itoa(len(crows))) || !strings.Contains(chart, "Koodaukset: ylimmän tason koodit") {
		t.Errorf("chart XML:\n%.1500s", chart)
	}
}

// The data layout in XLSX: a plain long table, its header frozen,
// numbers as numbers, no bands, no chart, no outline.
func TestFreqDataXLSX(t *testing.T) {
	p := demo(t)
	ft := demoFreq(t, p)
	f, parts := openXLSX(t, nil, FreqTable(ft, View{Layout: LayoutData}))
	sheet := f.GetSheetList()[0]
	if len(f.GetSheetList()) != 1 {
		t.Errorf("sheets %q", f.GetSheetList())
	}
	rows, _ := f.GetRows(sheet)
	if rows[0][0] != "code_id" || len(rows) != 1+len(ft.Rows)*len(ft.Groups)*len(coding.Measures) {
		t.Errorf("%d rows, header %q", len(rows), rows[0])
	}
	if typ, _ := f.GetCellType(sheet, "J2"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("value J2 is text")
	}
	panes, _ := f.GetPanes(sheet)
	if !panes.Freeze || panes.YSplit != 1 || panes.XSplit != 0 {
		t.Errorf("panes %+v", panes)
	}
	for name := range parts {
		if strings.HasPrefix(name, "xl/charts/") {
			t.Errorf("a chart in the data layout: %s", name)
		}
	}
}

// Co-occurrence in XLSX is shaded as a heat map; agreement has a chart
// of kappa per code.
func TestCooccurAndAgreementXLSX(t *testing.T) {
	p := demo(t)
	co, err := Cooccurrence(t.Context(), p, Options{}, View{Layout: LayoutPeople})
	if err != nil {
		t.Fatal(err)
	}
	res := agreementResult(t, p)
	v := View{Layout: LayoutPeople, Lang: "en"}
	f, parts := openXLSX(t, &About{Title: v.Title("agreement"), Lang: "en"}, co, AgreementTable(res, "aino", "ville", UnitTurn, v), DisagreementTable(res, v))
	if got := strings.Join(f.GetSheetList(), "|"); got != "About|Yhteisesiintyminen|Agreement|Agreement – chart|Disagreements" {
		t.Fatalf("sheets %q", got)
	}
	formats, err := f.GetConditionalFormats("Yhteisesiintyminen")
	if err != nil || len(formats) != 1 {
		t.Fatalf("heat map: %v %v", formats, err)
	}
	for ref, fs := range formats { // every cell but the diagonal, whose own counts would set the scale
		shaded := map[string]bool{}
		for _, area := range strings.Fields(ref) {
			ends := strings.Split(area+":"+area, ":")
			c0, r0, _ := excelize.CellNameToCoordinates(ends[0])
			c1, r1, _ := excelize.CellNameToCoordinates(ends[1])
			for r := r0; r <= r1; r++ {
				for c := c0; c <= c1; c++ {
					shaded[fmt.Sprint(c, ",", r)] = true
				}
			}
		}
		for i := range co.Rows {
			for j := range co.Rows {
				if at := fmt.Sprint(2+j, ",", 3+i); shaded[at] == (i == j) {
					t.Errorf("heat map over %s: cell %d,%d (row %d, column %d) shaded %v", ref, i, j, 3+i, 2+j, shaded[at])
				}
			}
		}
		if len(shaded) != len(co.Rows)*(len(co.Rows)-1) || fs[0].Type != "2_color_scale" {
			t.Errorf("heat map of %d cells: %+v", len(shaded), fs)
		}
	}
	if !strings.Contains(parts["xl/charts/chart1.xml"], "Cohen") {
		t.Errorf("no kappa chart")
	}
	if rows, _ := f.GetRows("Agreement – chart"); len(rows) < 2 || rows[0][1] != "Cohen's kappa" { // the series, not its band
		t.Errorf("the chart sheet's kappa column is headed %q", rows[0])
	}
	rows, _ := f.GetRows("About")
	text := ""
	for _, r := range rows {
		if len(r) > 0 {
			text += r[0] + "\n"
		}
	}
	for _, want := range []string{"Agreement of coders", "Coders aino and ville over the", "Kukin solu laskee", "How the tables were made", "Coders: every coder"} {
		if !strings.Contains(text, want) {
			t.Errorf("About lacks %q:\n%s", want, text)
		}
	}
}
