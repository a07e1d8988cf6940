package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// uncodedDemo makes the demo project with no codings in a temporary folder.
func uncodedDemo(t *testing.T) (dir, proj string) {
	t.Helper()
	dir = t.TempDir()
	proj = filepath.Join(dir, "e.avain")
	if code, _, errs := avain(t, "demo", "--uncoded", proj); code != 0 {
		t.Fatalf("demo --uncoded: %d %s", code, errs)
	}
	return dir, proj
}

// TestExportNoCodingsNote: a theme table or a co-occurrence matrix of a
// project with no codings is still written, and one note line says that
// the selection holds no codings, so that its zeros are not read as
// results.
func TestExportNoCodingsNote(t *testing.T) {
	dir, proj := uncodedDemo(t)
	for _, what := range []string{"freq", "cooccur"} {
		out := filepath.Join(dir, what+".csv")
		code, _, errs := avain(t, "export", proj, what, "-o", out)
		if _, err := os.Stat(out); code != 0 || err != nil {
			t.Fatalf("export %s of no codings: %d %q %v", what, code, errs, err)
		}
		if n := strings.Count(errs, "note: no codings:"); n != 1 {
			t.Errorf("export %s of no codings: %d notes of no codings in %q", what, n, errs)
		}
	}
	demo := filepath.Join(dir, "d.avain")
	mustRun(t, "demo", demo)
	if _, _, errs := avain(t, "export", demo, "freq", "-o", filepath.Join(dir, "d.csv")); strings.Contains(errs, "no codings") {
		t.Errorf("a coded project's export says it has no codings: %q", errs)
	}
}

// TestExportRepeatedBy: an attribute given twice to --by is refused in
// one line by export, chart and report alike, and nothing is written.
func TestExportRepeatedBy(t *testing.T) {
	dir := t.TempDir()
	proj := filepath.Join(dir, "d.avain")
	mustRun(t, "demo", proj)
	for _, args := range [][]string{
		{"export", proj, "freq", "--by", "kind,kind", "-o", filepath.Join(dir, "x.csv")},
		{"export", proj, "freq", "--by", "kind", "--by", "kind", "-o", filepath.Join(dir, "x.csv")},
		{"chart", proj, "freq", "--by", "kind,kind", "-o", filepath.Join(dir, "x.svg")},
		{"report", proj, "--by", "kind,kind", "-o", filepath.Join(dir, "x.html")},
	} {
		code, _, errs := avain(t, args...)
		if code == 0 || !strings.Contains(errs, `--by "kind" is given twice`) || strings.Count(strings.TrimSpace(errs), "\n") > 0 {
			t.Errorf("%v: %d %q", args[:4], code, errs)
		}
	}
	if ents, _ := filepath.Glob(filepath.Join(dir, "x.*")); len(ents) > 0 {
		t.Errorf("refused exports wrote %v", ents)
	}
}

// TestExportMessages: a --code that is not found names the project as
// --coder does; --coders with no coders says so plainly; agreement's
// --coders hint names the project's coders; chart -o x.jpg is a usage
// error as export's is; and the lines saying what was written are English
// whatever --lang, with their plurals right.
func TestExportMessages(t *testing.T) {
	dir, empty := uncodedDemo(t)
	demo := filepath.Join(dir, "d.avain")
	mustRun(t, "demo", demo)
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"export", demo, "freq", "--code", "Nosuch"}, 1, `avain export: d.avain: code "Nosuch": not found`},
		{[]string{"agreement", empty, "--coders", "a,b"}, 1, "(the project has no codings yet)"},
		{[]string{"agreement", demo, "--coders", "aino"}, 2, "--coders takes two coders, such as --coders aino,ville (d.avain's coders: aino, ville)"},
		{[]string{"agreement", empty}, 2, "--coders takes two coders, such as --coders A,B (e.avain has no codings yet)"},
		{[]string{"chart", demo, "agreement", "-o", filepath.Join(dir, "k.png")}, 2, "(d.avain's coders: aino, ville)"},
		{[]string{"chart", demo, "freq", "-o", filepath.Join(dir, "x.jpg")}, 2, "(see avain chart --help)"},
		{[]string{"export", demo, "freq", "-o", filepath.Join(dir, "f.csv")}, 0, "wrote " + filepath.Join(dir, "f.csv") + ": theme table, "},
		{[]string{"export", demo, "freq", "--lang", "en", "--layout", "data", "-o", filepath.Join(dir, "f.csv")}, 0, ": theme table, "},
		{[]string{"export", demo, "cooccur", "-o", filepath.Join(dir, "c.csv")}, 0, ": co-occurrence matrix, "},
		{[]string{"export", demo, "segments", "--layout", "data", "-o", filepath.Join(dir, "s.csv")}, 0, ": coded segments, "},
		{[]string{"export", demo, "segments", "--code", "Takaisinperintä", "--per-code", "1", "-o", filepath.Join(dir, "q.md")}, 0, ": 1 quotation of 9 in 1 code\n"},
	}
	for _, c := range cases {
		code, _, errs := avain(t, c.args...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%v: %d %q, want %d and %q", c.args, code, errs, c.code, c.want)
		}
		if strings.Contains(errs, " rows") && strings.Contains(errs, " 1 rows") || strings.Contains(errs, "Frekvenssit") {
			t.Errorf("%v: %q", c.args, errs)
		}
	}
}

// TestSegmentsPeopleXLSXCutWarns: a quotation longer than an Excel cell
// holds is cut in the quotation report's XLSX, and a warning says so, as
// the data layout's does.
func TestSegmentsPeopleXLSXCutWarns(t *testing.T) {
	dir := t.TempDir()
	proj, doc := filepath.Join(dir, "p.avain"), filepath.Join(dir, "pitka.txt")
	if err := os.WriteFile(doc, []byte(strings.Repeat("sana ", 8000)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "init", proj)
	mustRun(t, "import", proj, doc)
	mustRun(t, "code", proj, "--doc", "pitka.txt", "--turn", "1", "--code", "Takaisinperintä", "--coder", "aino")
	out := filepath.Join(dir, "q.xlsx")
	code, _, errs := avain(t, "export", proj, "segments", "-o", out)
	if code != 0 || !strings.Contains(errs, "warning: "+out+": 1 quotation longer than an Excel cell holds (32767 characters) is cut") {
		t.Errorf("export segments -o q.xlsx of a 40,000-character quotation: %d %q", code, errs)
	}
}

// TestSegmentsSayHowMade: the quotation report's CSV and TSV end, after a
// blank row, with what was selected and how the file was made, as the
// theme table's do; the data layout's workbook starts with an About sheet.
func TestSegmentsSayHowMade(t *testing.T) {
	dir := t.TempDir()
	proj := filepath.Join(dir, "d.avain")
	mustRun(t, "demo", proj)
	for _, name := range []string{"q.csv", "q.tsv"} {
		out := filepath.Join(dir, name)
		mustRun(t, "export", proj, "segments", "--per-code", "1", "-o", out)
		text := read(t, out)
		for _, want := range []string{"Projekti: d.avain", "Koodaajat: aino, ville", "avain, versio ", "\nKoodit: kaikki", "Enintään koodia kohden: 1"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s lacks %q; it ends %q", name, want, text[max(0, len(text)-300):])
			}
		}
	}
	out := filepath.Join(dir, "data.xlsx")
	mustRun(t, "export", proj, "segments", "--layout", "data", "--lang", "en", "-o", out)
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 2 || sheets[0] != "About" || sheets[1] != "Segments" {
		t.Fatalf("sheets %v, want About, Segments", sheets)
	}
	rows, err := f.GetRows("About")
	if err != nil || len(rows) < 3 || rows[0][0] != "Coded segments" || !strings.Contains(fmt.Sprint(rows), "Each row is one coding") ||
		!strings.Contains(fmt.Sprint(rows), "Project: d.avain") {
		t.Errorf("About sheet: %v %v", rows, err)
	}
}
