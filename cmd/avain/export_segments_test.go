package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// timedInterview is a fictional WebVTT transcript: its turns have start
// times.
const timedInterview = `WEBVTT

00:01:05.000 --> 00:01:09.000
<v Haastattelija>Miten toimeentulotuen haku sujui?

01:02:10.500 --> 01:02:20.000
<v Asiakas>Kelasta pyydettiin samoja liitteitä kolme kertaa, *aina* uudestaan.
`

// quotedProject is a project of a timed client interview and a
// professional one, turns coded by two coders (one span by both, with a
// memo), for the quotation report.
func quotedProject(t *testing.T) (proj, dir string) {
	t.Helper()
	dir = t.TempDir()
	proj = filepath.Join(dir, "p.avain")
	mustRun(t, "init", proj, "--coder", "aino")
	mustRun(t, "import", proj, write(t, dir, "asiakas.vtt", []byte(timedInterview)), "--kind", "client", "--attr", "region=Kuopio")
	mustRun(t, "import", proj, write(t, dir, "ammattilainen.txt", []byte(professionalInterview)), "--kind", "professional", "--attr", "region=Vantaa")
	mustRun(t, "code", proj, "--doc", "asiakas.vtt", "--turn", "2", "--code", "Toistuvat liitepyynnöt", "--coder", "aino", "--memo", "kolmas kerta")
	mustRun(t, "code", proj, "--doc", "asiakas.vtt", "--turn", "2", "--code", "Toistuvat liitepyynnöt", "--coder", "ville")
	mustRun(t, "code", proj, "--doc", "ammattilainen.txt", "--turn", "2", "--code", "Toistuvat liitepyynnöt", "--coder", "ville")
	mustRun(t, "code", proj, "--doc", "ammattilainen.txt", "--turn", "4", "--code", "Toistuvat liitepyynnöt", "--coder", "ville")
	return proj, dir
}

// TestExportSegmentsForPeople runs the real binary: the default is a
// Markdown quotation report (on standard output and in .md), cited with
// the vtt turn's time and merged coders; .html and .xlsx follow -o; --lang
// en, --per-code and --pick change it as they say; every file is 0600.
func TestExportSegmentsForPeople(t *testing.T) {
	proj, dir := quotedProject(t)
	code, md, errs := avain(t, "export", proj, "segments")
	if code != 0 || !strings.Contains(errs, "holds quoted interview text") {
		t.Fatalf("export segments: %d %q", code, errs)
	}
	for _, w := range []string{
		"## Byrokratialoukut\n", "### Toistuvat liitepyynnöt\n", "*3 sitaattia*\n",
		"> Kelasta pyydettiin samoja liitteitä kolme kertaa, \\*aina\\* uudestaan.\n\n— asiakas.vtt, Asiakas, 01:02:10, laji: asiakas · koodaajat: aino, ville\n",
		"*muistio* aino: kolmas kerta\n",
		"— ammattilainen.txt, Respondent, puheenvuoro 2, laji: ammattilainen · koodaaja: ville\n",
	} {
		if !strings.Contains(md, w) {
			t.Errorf("the report lacks %q:\n%s", w, md)
		}
	}
	if strings.Contains(md, "code_id") || strings.Contains(md, "start") {
		t.Errorf("the report carries the data columns:\n%s", md)
	}
	_, en, _ := avain(t, "export", proj, "segments", "--lang", "en", "--per-code", "1", "--pick", "longest", "--cite", "region,kind")
	for _, w := range []string{"# Quotations", "## Bureaucracy traps", "*1 of 3 quotations*", "the longest first",
		"— ammattilainen.txt, Respondent, turn 2, region: Vantaa, kind: professional · coder: ville"} {
		if !strings.Contains(en, w) {
			t.Errorf("--lang en --per-code 1 --pick longest lacks %q:\n%s", w, en)
		}
	}
	if _, only, _ := avain(t, "export", proj, "segments", "--pick", "kind=client"); strings.Contains(only, "ammattilainen.txt,") ||
		!strings.Contains(only, "*1 / 3 sitaattia*") {
		t.Errorf("--pick kind=client:\n%s", only)
	}
	for _, name := range []string{"q.md", "q.html", "q.xlsx", "q.csv"} {
		out := filepath.Join(dir, name)
		if code, _, errs := avain(t, "export", proj, "segments", "-o", out); code != 0 || !strings.Contains(errs, "wrote "+out+": 3 quotations of 3 in 1 code") {
			t.Fatalf("-o %s: %d %q", name, code, errs)
		}
		if info, err := os.Stat(out); err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v %v", name, err, info.Mode().Perm())
		}
	}
	page := string(readAll(t, filepath.Join(dir, "q.html")))
	if !strings.HasPrefix(page, "<!DOCTYPE html>") || !strings.Contains(page, "<blockquote>Kelasta pyydettiin samoja liitteitä kolme kertaa, *aina* uudestaan.</blockquote>") ||
		!strings.Contains(page, "01:02:10") {
		t.Errorf("q.html:\n%s", page)
	}
	f, err := excelize.OpenFile(filepath.Join(dir, "q.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Sitaatit")
	if len(rows) != 6 || rows[5][3] != "asiakas.vtt" || rows[5][5] != "01:02:10" || rows[5][7] != "aino, ville" || rows[5][8] != "aino: kolmas kerta" {
		t.Errorf("xlsx rows %q", rows)
	}
	if csv := string(readAll(t, filepath.Join(dir, "q.csv"))); !strings.HasPrefix(csv, "teema,koodi,sitaatti,dokumentti,puhuja,puheenvuoro tai aika,attribuutit,koodaajat,muistio") {
		t.Errorf("q.csv:\n%s", csv)
	}
}

// TestExportSegmentsDataLayout checks that --layout data (and JSON)
// still gives the flat table of every coding with ids and offsets, one
// row per coder.
func TestExportSegmentsDataLayout(t *testing.T) {
	proj, dir := quotedProject(t)
	out := filepath.Join(dir, "s.csv")
	mustRun(t, "export", proj, "segments", "--layout", "data", "-o", out)
	lines := strings.Split(strings.TrimSpace(string(readAll(t, out))), "\n")
	if len(lines) != 5 || !strings.HasPrefix(lines[0], "code_path,code_id,document,document_id,attr:kind,attr:lang,attr:region,turn,speaker,start,end,coder,memo,text") {
		t.Errorf("data layout:\n%s", strings.Join(lines, "\n"))
	}
	if js := mustRun(t, "export", proj, "segments", "--format", "json"); !strings.Contains(js, `"document_id"`) {
		t.Errorf("json:\n%s", js)
	}
}

// TestExportSegmentsRefusals: HTML for a table, the report's flags on
// another export or on the data layout, and a pick no document meets are
// one-line errors that write nothing.
func TestExportSegmentsRefusals(t *testing.T) {
	proj, dir := quotedProject(t)
	at := func(name string) string { return filepath.Join(dir, name) }
	for _, c := range []struct {
		args []string
		code int
		want []string
	}{
		{[]string{"freq", "-o", at("f.html")}, 2, []string{"freq is not written as HTML", "only segments"}},
		{[]string{"cooccur", "--format", "html", "-o", at("c.out")}, 2, []string{"cooccur is not written as HTML"}},
		{[]string{"freq", "--per-code", "2", "-o", at("f.csv")}, 2, []string{"--per-code", "segments only"}},
		{[]string{"segments", "--layout", "data", "--pick", "longest", "-o", at("s.csv")}, 2, []string{"--pick", "data layout"}},
		{[]string{"segments", "--layout", "data", "-o", at("s.html")}, 2, []string{"HTML"}},
		{[]string{"segments", "--layout", "tidy", "-o", at("s.md")}, 2, []string{`"tidy"`, "people"}},
		{[]string{"segments", "-o", at("s.txt")}, 2, []string{".txt", ".html", "--format"}},
		{[]string{"segments", "--pick", "kind=nobody", "-o", at("s.md")}, 1, []string{"kind=nobody", "client, professional"}},
		{[]string{"segments", "--cite", "age", "-o", at("s.md")}, 1, []string{"--cite", `"age"`}},
	} {
		code, _, errs := avain(t, append([]string{"export", proj}, c.args...)...)
		first, _, _ := strings.Cut(errs, "\n")
		if code != c.code {
			t.Errorf("%v: exit %d, want %d: %q", c.args, code, c.code, errs)
		}
		for _, w := range c.want {
			if !strings.Contains(first, w) {
				t.Errorf("%v: %q does not say %s", c.args, first, w)
			}
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "p.avain" && !strings.HasPrefix(e.Name(), "p.avain") && filepath.Ext(e.Name()) != ".vtt" && filepath.Ext(e.Name()) != ".txt" {
			t.Errorf("%s was written", e.Name())
		}
	}
}
