package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReport runs avain report on the demo project (ten fictional
// interviews coded by aino and ville): the file it writes, its refusals,
// and the page in Chromium.
func TestReport(t *testing.T) {
	proj := filepath.Join(t.TempDir(), "demo.avain")
	if code, _, errs := avain(t, "demo", proj); code != 0 {
		t.Fatalf("demo: %d %s", code, errs)
	}
	t.Run("written", func(t *testing.T) { testReportWritten(t, proj) })
	t.Run("refusals", func(t *testing.T) { testReportRefusals(t, proj) })
	t.Run("chromium", func(t *testing.T) { testReportInChromium(t, proj) })
	t.Run("many groups", testReportManyGroups)
}

// testReportWritten: avain report writes the page whole, 0600, recorded
// in the audit log, says that it holds quoted interview text, and follows
// --lang.
func testReportWritten(t *testing.T, proj string) {
	out := filepath.Join(t.TempDir(), "raportti.html")
	code, stdout, stderr := avain(t, "report", proj, "-o", out)
	if code != 0 {
		t.Fatalf("report: %d %s", code, stderr)
	}
	if stdout != "" || !strings.Contains(stderr, "wrote "+out+": the report of 10 documents") ||
		!strings.Contains(stderr, "note: "+out+" holds quoted interview text; keep it as safe as the project") {
		t.Errorf("report said %q %q", stdout, stderr)
	}
	info, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("the report is %v, want 0600", info.Mode().Perm())
	}
	html := read(t, out)
	if !strings.HasPrefix(html, "<!DOCTYPE html>") || !strings.Contains(html, `<html lang="fi">`) || !strings.Contains(html, "Tutkimus lukuina") {
		t.Errorf("the report is not the Finnish page: %.300s", html)
	}
	if code, log, _ := avain(t, "log", proj, "--action", "report"); code != 0 || !strings.Contains(log, " report ") || !strings.Contains(log, out+": documents=10") {
		t.Errorf("the audit log has no entry of the report: %d %q", code, log)
	}
	en := filepath.Join(t.TempDir(), "report.html")
	if code, _, stderr := avain(t, "report", proj, "-o", en, "--lang", "en", "--by", "region", "--quotes", "0"); code != 0 {
		t.Fatalf("report --lang en: %d %s", code, stderr)
	} else if strings.Contains(stderr, "quoted interview text") {
		t.Errorf("a report without quotations warns of quoted text: %q", stderr)
	}
	html = read(t, en)
	if !strings.Contains(html, `<html lang="en">`) || !strings.Contains(html, "The study in numbers") || !strings.Contains(html, "Documents: region") ||
		strings.Contains(html, `id="quotations"`) {
		t.Errorf("the English report by region without quotations is not so: %.300s", html)
	}
	if code, piped, _ := avain(t, "report", proj, "-o", "-", "--quotes", "1"); code != 0 || !strings.HasPrefix(piped, "<!DOCTYPE html>") || !strings.HasSuffix(piped, "</html>\n") {
		t.Errorf("report -o -: %d %.100q", code, piped)
	}
}

// testReportRefusals: bad arguments get one line and change nothing: the
// file there stays as it was.
func testReportRefusals(t *testing.T, proj string) {
	dir := t.TempDir()
	old := write(t, dir, "r.html", []byte("old"))
	empty := filepath.Join(dir, "empty.avain")
	if code, _, stderr := avain(t, "init", empty); code != 0 {
		t.Fatalf("init: %s", stderr)
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"report", proj}, 2, "-o FILE.html"},
		{[]string{"report", proj, "-o", filepath.Join(dir, "r.csv")}, 2, "the report is an HTML page"},
		{[]string{"report", proj, "-o", old, "--lang", "sv"}, 2, "--lang is fi or en"},
		{[]string{"report", proj, "-o", old, "--quotes", "-1"}, 2, "--quotes is 0 or more"},
		{[]string{"report", proj, "-o", old, "--by", "colour"}, 1, `"colour"`},
		{[]string{"report", proj, "-o", old, "--code", "Ei tällaista"}, 1, `"Ei tällaista"`},
		{[]string{"report", proj, "-o", proj}, 1, proj},
		{[]string{"report", proj, "-o", old, "--pick", "most"}, 1, `"most"`},
		{[]string{"report", empty, "-o", old}, 1, empty + ": the project has no documents to report"},
	} {
		code, _, stderr := avain(t, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) || strings.Count(strings.TrimSpace(stderr), "\n") > 1 {
			t.Errorf("%q: %d %q, want %d and a line with %q", tc.args[2:], code, stderr, tc.code, tc.want)
		}
	}
	if got := read(t, old); got != "old" {
		t.Errorf("a refused report changed the file there: %.100q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "r.csv")); err == nil {
		t.Errorf("a refused report wrote r.csv")
	}
	if code, _, _ := avain(t, "check", proj); code != 0 {
		t.Errorf("the project is not whole after the refusals")
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
