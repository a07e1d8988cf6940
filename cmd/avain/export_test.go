package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExportCommand(t *testing.T) {
	proj, dir := codedProject(t)
	for _, turn := range []string{"3", "5"} {
		if code, _, errs := avain(t, "code", proj, "--doc", "asiakas_01.txt", "--turn", turn, "--code", "Toistuvat liitepyynnöt", "--coder", "aino"); code != 0 {
			t.Fatalf("code: %s", errs)
		}
	}
	// freq to standard output as CSV.
	code, out, errs := avain(t, "export", proj, "freq", "--by", "kind", "--code", "Byrokratialoukut")
	if code != 0 {
		t.Fatalf("export freq: %s", errs)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("CSV: %v\n%s", err, out)
	}
	var row []string
	for _, r := range recs {
		if r[0] == "  Toistuvat liitepyynnöt" { // a code under the theme the --code selection made top-level
			row = r
		}
	}
	// all: codings, passages, documents, %, words; then client's.
	if row == nil || row[1] != "2" || row[2] != "2" || row[3] != "1" || row[4] != "100,0" || row[6] != "2" {
		t.Errorf("Toistuvat liitepyynnöt row: %v (header %v)", row, recs[:2])
	}
	// Files: mode 0600, format from the extension; segments warn.
	for _, name := range []string{"f.xlsx", "f.md", "f.json", "f.tsv"} {
		path := filepath.Join(dir, name)
		if code, _, errs := avain(t, "export", proj, "freq", "-o", path); code != 0 {
			t.Fatalf("export -o %s: %s", name, errs)
		}
		info, err := os.Stat(path)
		if err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v, mode %v", name, err, info.Mode().Perm())
		}
	}
	segs := filepath.Join(dir, "segments.csv")
	code, _, errs = avain(t, "export", proj, "segments", "-o", segs)
	if code != 0 || !strings.Contains(errs, "holds quoted interview text") {
		t.Errorf("segments: %d %q", code, errs)
	}
	data, _ := os.ReadFile(segs)
	if !strings.Contains(string(data), "Toistuvat liitepyynnöt") {
		t.Errorf("segments file:\n%s", data)
	}
	// Mistakes: a usage error, changing nothing.
	for _, args := range [][]string{
		{"export", proj, "pie"},
		{"export", proj, "freq", "--format", "pdf"},
		{"export", proj, "freq", "--format", "xlsx"},
	} {
		if code, _, errs := avain(t, args...); code != 2 || strings.Count(strings.TrimSpace(errs), "\n") > 1 {
			t.Errorf("%v: exit %d, %q", args, code, errs)
		}
	}
	if code, _, errs := avain(t, "export", proj, "freq", "--by", "shoe_size"); code != 1 || !strings.Contains(errs, "shoe_size") {
		t.Errorf("unknown attribute: exit %d, %q", code, errs)
	}
	// The audit log records the exports.
	if code, out, _ := avain(t, "log", proj); code == 0 && !strings.Contains(out, "export") {
		t.Errorf("log lacks the exports:\n%s", out)
	}
}
