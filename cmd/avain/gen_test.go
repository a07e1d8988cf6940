package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// avain gen writes a corpus that avain imports whole, with its sidecar.
func TestGenImports(t *testing.T) {
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	code, out, errOut := avain(t, "gen", corpus, "--docs", "4", "--seed", "9", "--min-words", "400", "--max-words", "600")
	if code != 0 || !strings.Contains(out, "wrote 4 transcripts") {
		t.Fatalf("gen: %d %q %q", code, out, errOut)
	}
	files, _ := filepath.Glob(filepath.Join(corpus, "*_*"))
	if len(files) != 4 {
		t.Fatalf("%d transcripts written, want 4", len(files))
	}
	proj := filepath.Join(dir, "p.avain")
	if code, _, errOut := avain(t, "init", proj); code != 0 {
		t.Fatal(errOut)
	}
	args := append([]string{"import", proj, "--meta", filepath.Join(corpus, "meta.csv")}, files...)
	if code, _, errOut := avain(t, args...); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	code, out, _ = avain(t, "docs", proj)
	if code != 0 || strings.Count(out, "region=") != 4 {
		t.Fatalf("docs: want 4 documents with a region from meta.csv:\n%s", out)
	}
	if code, _, errOut := avain(t, "gen", filepath.Join(dir, "x"), "--docs", "0"); code != 2 || !strings.Contains(errOut, "--docs") {
		t.Errorf("--docs 0: exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "x")); err == nil {
		t.Error("a refused gen wrote its folder")
	}
	if code, out, _ := avain(t, "--help"); code != 0 || !strings.Contains(out, "developer commands:\n  gen") {
		t.Errorf("--help does not list gen apart:\n%s", out)
	}
}
