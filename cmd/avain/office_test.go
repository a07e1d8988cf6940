package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// office converts each of files with LibreOffice into dir, to filter
// (every sheet of a workbook to a CSV file of its own, "BOOK-SHEET.csv",
// its cells as the spreadsheet shows them; or another format).
func office(t *testing.T, bin, dir, filter string, files ...string) {
	t.Helper()
	profile := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	args := append([]string{"-env:UserInstallation=file://" + profile, "--headless", "--convert-to", filter, "--outdir", dir}, files...)
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), "HOME="+profile)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
}

// sheetRows reads a CSV file as rows, its cells made comparable: a
// number as one form whatever its decimal mark or percent sign, text
// without the marks and indentation a CSV gives a theme and its codes.
func sheetRows(t *testing.T, path string, table bool) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if table { // avain's CSV: the table, then a blank line, or a row of empty cells, and what follows it
		b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
		if i := bytes.Index(b, []byte("\n\n")); i >= 0 {
			b = b[:i+1]
		}
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if table {
		for i, row := range rows {
			if strings.Join(row, "") == "" {
				rows = rows[:i]
				break
			}
		}
	}
	for _, row := range rows {
		for i, c := range row {
			c = strings.TrimPrefix(strings.TrimSpace(c), "▸ ")
			n := strings.Replace(strings.TrimSuffix(c, "%"), ",", ".", 1)
			if f, err := strconv.ParseFloat(n, 64); err == nil {
				c = strconv.FormatFloat(f, 'f', 3, 64)
			}
			row[i] = c
		}
	}
	return rows
}

// TestExportsOpenInLibreOffice opens avain's workbooks in a spreadsheet
// program we did not write: LibreOffice reads each of them, with every
// sheet; the tables hold, as shown there, the numbers and names of the
// same tables written as CSV (shares shown as percentages with one
// decimal); the theme table's codes fold under their themes (outline
// groups) and its chart is a bar chart.
func TestExportsOpenInLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("starts LibreOffice (about 10 s)")
	}
	bin := needTool(t, "soffice", "libreoffice-calc-nogui")
	dir := t.TempDir()
	proj := filepath.Join(dir, "demo.avain")
	if code, _, errs := avain(t, "demo", proj); code != 0 {
		t.Fatalf("demo: %d %s", code, errs)
	}
	exports := map[string][]string{
		"freq":      {"export", proj, "freq", "--by", "kind"},
		"cooccur":   {"export", proj, "cooccur"},
		"segments":  {"export", proj, "segments", "--per-code", "3"},
		"agreement": {"agreement", proj, "--coders", "aino,ville"},
	}
	var books []string
	for name, args := range exports {
		for _, f := range []string{"xlsx", "csv"} {
			out := filepath.Join(dir, name+"."+f)
			a := append(append([]string{}, args...), "-o", out)
			if name == "agreement" {
				a = append(a, "--format", f)
			}
			if code, _, errs := avain(t, a...); code != 0 {
				t.Fatalf("%s: %d %s", strings.Join(a, " "), code, errs)
			}
		}
		books = append(books, filepath.Join(dir, name+".xlsx"))
	}
	sheets := filepath.Join(dir, "sheets")
	office(t, bin, sheets, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1", books...)
	office(t, bin, sheets, "fods", filepath.Join(dir, "freq.xlsx"))

	for _, tc := range []struct{ book, table string }{
		{"freq", "Frekvenssit"}, {"cooccur", "Yhteisesiintyminen"}, {"agreement", "Yhtäpitävyys"}, {"segments", "Sitaatit"},
	} {
		about := sheetRows(t, filepath.Join(sheets, tc.book+"-Tietoja.csv"), false)
		if len(about) < 5 || !strings.Contains(flatten(about), "demo.avain") {
			t.Errorf("%s: the About sheet as LibreOffice reads it: %q", tc.book, about)
		}
		got := sheetRows(t, filepath.Join(sheets, tc.book+"-"+tc.table+".csv"), false)
		want := sheetRows(t, filepath.Join(dir, tc.book+".csv"), true)
		if tc.book == "segments" { // the workbook heads each theme and code with a row of its own
			var quotes [][]string
			for _, r := range got {
				if len(r) > 3 && r[3] != "" || len(quotes) == 0 {
					quotes = append(quotes, r)
				}
			}
			got = quotes
		}
		if g, w := strings.Split(flatten(got), "\n"), strings.Split(flatten(want), "\n"); len(got) < 3 || len(g) != len(w) {
			t.Errorf("%s: %d rows as LibreOffice shows it, %d as CSV", tc.book, len(g), len(w))
		} else {
			for i := range g {
				if g[i] != w[i] {
					t.Errorf("%s, row %d as LibreOffice shows it:\n%s\nas CSV:\n%s", tc.book, i+1, g[i], w[i])
					break
				}
			}
		}
	}
	for _, sheet := range []string{"freq-Frekvenssit – kaavio.csv", "agreement-Yhtäpitävyys – kaavio.csv", "agreement-Erimielisyydet.csv"} {
		if _, err := os.Stat(filepath.Join(sheets, sheet)); err != nil {
			t.Errorf("LibreOffice found no sheet %s: %v", sheet, err)
		}
	}
	fods := read(t, filepath.Join(sheets, "freq.fods"))
	if strings.Count(fods, "<table:table-row-group") < 8 || !strings.Contains(fods, `chart:class="chart:bar"`) {
		t.Errorf("the theme table in LibreOffice: %d outline groups (want one a theme at least), bar chart %v",
			strings.Count(fods, "<table:table-row-group"), strings.Contains(fods, `chart:class="chart:bar"`))
	}
}

// flatten writes rows one a line, cells between bars.
func flatten(rows [][]string) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.TrimRight(strings.Join(r, "|"), "|"))
		b.WriteByte('\n')
	}
	return b.String()
}
