package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// sheetLines returns the first column of an XLSX file's sheet, and its
// sheets.
func sheetLines(t *testing.T, path, sheet string) ([]string, []string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("%s does not open: %v", path, err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatalf("%s: %v (sheets %q)", path, err, f.GetSheetList())
	}
	var lines []string
	for _, r := range rows {
		if len(r) > 0 {
			lines = append(lines, r[0])
		}
	}
	return lines, f.GetSheetList()
}

// TestExportLayouts: the real binary on the coded demo writes freq,
// cooccur and agreement for people by default (and in English with
// --lang en), the long data form with --layout data, an XLSX workbook
// whose first sheet says how the table was made, and refuses a layout it
// does not have.
func TestExportLayouts(t *testing.T) {
	dir := t.TempDir()
	proj := filepath.Join(dir, "tutkimus.avain")
	if code, _, errs := avain(t, "demo", proj); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	// People, Finnish, by default: two header rows, codes indented.
	recs, err := csv.NewReader(strings.NewReader(mustRun(t, "export", proj, "freq", "--by", "kind"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	end := slices.IndexFunc(recs, func(r []string) bool { return strings.Join(r, "") == "" }) // the notes follow
	if end < 4 || recs[0][1] != "kaikki (n = 10)" || recs[1][0] != "Koodi" || recs[1][1] != "koodaukset" || recs[2][0] != "▸ Byrokratialoukut" ||
		recs[3][0] != "  Kelan ja kunnan välillä pompottelu" || recs[end-1][0] != "Yhteensä" {
		t.Fatalf("people CSV begins %q … ends %q", recs[:4], recs[max(end, 1)-1])
	}
	var notes []string
	for _, r := range recs[end+1:] {
		notes = append(notes, r[0])
	}
	for _, want := range []string{"Koodaukset: koodatut tekstinkohdat", "Projekti: tutkimus.avain", "Koodaajat: aino, ville", "Valinnat: --by kind"} {
		if !strings.Contains(strings.Join(notes, "\n"), want) {
			t.Errorf("people CSV's notes %q, want %q", notes, want)
		}
	}
	// English labels and code names.
	en := mustRun(t, "export", proj, "freq", "--lang", "en", "--format", "md")
	for _, want := range []string{"| Code | all (n = 10) |", "| **Bureaucracy traps** |", "*codings*", "Project: tutkimus.avain", "Coders: aino, ville", "Options: none"} {
		if !strings.Contains(en, want) {
			t.Errorf("--lang en Markdown lacks %q:\n%.1200s", want, en)
		}
	}
	// The data layout: long, with ids.
	data := mustRun(t, "export", proj, "cooccur", "--layout", "data", "--format", "tsv")
	if !strings.HasPrefix(data, "code_id_a\tcode_path_a\tcode_id_b\tcode_path_b\tunit\tcount\n") {
		t.Errorf("cooccur data layout begins %.100q", data)
	}
	// XLSX: the About sheet first, saying how the table was made.
	xlsx := filepath.Join(dir, "teemat.xlsx")
	if code, _, errs := avain(t, "export", proj, "freq", "--by", "kind", "--coder", "aino", "-o", xlsx); code != 0 {
		t.Fatalf("xlsx: %s", errs)
	}
	if info, err := os.Stat(xlsx); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("xlsx: %v %v", err, info)
	}
	about, sheets := sheetLines(t, xlsx, "Tietoja")
	if strings.Join(sheets, "|") != "Tietoja|Frekvenssit|Frekvenssit – kaavio" {
		t.Errorf("sheets %q", sheets)
	}
	text := strings.Join(about, "\n")
	for _, want := range []string{"Teemataulukko", "Mitä luvut laskevat", "Koodaukset: koodatut", "Projekti: tutkimus.avain",
		"Koodaajat: aino", "Valinnat: --by kind --coder aino", "avain, versio dev"} {
		if !strings.Contains(text, want) {
			t.Errorf("About sheet lacks %q:\n%s", want, text)
		}
	}
	// Agreement: people by default, to a file in any format.
	agr := filepath.Join(dir, "yhtapitavyys.xlsx")
	if code, _, errs := avain(t, "agreement", proj, "--coders", "aino,ville", "-o", agr); code != 0 || !strings.Contains(errs, "wrote") {
		t.Fatalf("agreement xlsx: %d %s", code, errs)
	}
	lines, sheets := sheetLines(t, agr, "Yhtäpitävyys")
	if strings.Join(sheets, "|") != "Tietoja|Yhtäpitävyys|Yhtäpitävyys – kaavio|Erimielisyydet" || lines[1] != "Koodi" ||
		lines[2] != "Byrokratialoukut" || lines[len(lines)-1] != "Kaikki koodit" {
		t.Errorf("agreement workbook: sheets %q, column A %q", sheets, lines)
	}
	md := mustRun(t, "agreement", proj, "--coders", "aino,ville", "--format", "md", "--lang", "en")
	for _, want := range []string{"| Code | Units |", "| **Bureaucracy traps** |", "| &nbsp;&nbsp;Repeated requests for attachments | ", "### Disagreements"} {
		if !strings.Contains(md, want) {
			t.Errorf("agreement Markdown lacks %q:\n%.1500s", want, md)
		}
	}
	long := mustRun(t, "agreement", proj, "--coders", "aino,ville", "--layout", "data", "--format", "csv")
	if !strings.HasPrefix(long, "code_id,code_path,depth,is_theme,coder_a,coder_b,unit,documents,measure,value\r\n") {
		t.Errorf("agreement data layout begins %.120q", long)
	}
	// Refused, as a one-line usage error (and the usage) that writes nothing.
	bad := filepath.Join(dir, "bad.csv")
	for _, args := range [][]string{
		{"export", proj, "freq", "--layout", "wide", "-o", bad},
		{"export", proj, "freq", "--layout", "people", "--format", "json"},
		{"agreement", proj, "--coders", "aino,ville", "--format", "xlsx"},
		{"agreement", proj, "--coders", "aino,ville", "--layout", "wide", "-o", bad},
		{"agreement", proj, "--coders", "aino,ville", "-o", filepath.Join(dir, "x.pdf")},
	} {
		if code, _, errs := avain(t, args...); code != 2 || strings.Count(strings.TrimSpace(errs), "\n") > 1 { // the error, the usage
			t.Errorf("%v: exit %d, %q", args[2:], code, errs)
		}
	}
	if _, err := os.Stat(bad); err == nil {
		t.Error("a refused export wrote its file")
	}
}
