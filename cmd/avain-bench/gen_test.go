package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// runGen runs avain-bench gen in this process.
func runGen(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = genMain(&out, &errb, args)
	return code, out.String(), errb.String()
}

// avain-bench gen writes a corpus that avain imports whole, with its sidecar.
func TestGenImports(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: builds the avain binary and imports a generated corpus; run without -short")
	}
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	code, out, errOut := runGen(corpus, "--docs", "4", "--seed", "9", "--min-words", "400", "--max-words", "600")
	if code != 0 || !strings.Contains(out, "wrote 4 transcripts") {
		t.Fatalf("gen: %d %q %q", code, out, errOut)
	}
	files, _ := filepath.Glob(filepath.Join(corpus, "*_*"))
	if len(files) != 4 {
		t.Fatalf("%d transcripts written, want 4", len(files))
	}

	bin := filepath.Join(dir, "avain")
	if out, err := exec.Command("go", "build", "-o", bin, "../avain").CombinedOutput(); err != nil {
		t.Fatalf("build avain: %v\n%s", err, out)
	}
	avain := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "AVAIN_CODER=bench")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("avain %s: %v\n%s", args[0], err, out)
		}
		return string(out)
	}
	proj := filepath.Join(dir, "p.avain")
	avain("init", proj)
	avain(append([]string{"import", proj, "--meta", filepath.Join(corpus, "meta.csv")}, files...)...)
	if out := avain("docs", proj); strings.Count(out, "region=") != 4 {
		t.Fatalf("docs: want 4 documents with a region from meta.csv:\n%s", out)
	}
}

// A mistake in the command line exits 2 and writes nothing.
func TestGenRefuses(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no docs", []string{"--docs", "0"}, "--docs"},
		{"words reversed", []string{"--docs", "1", "--min-words", "10", "--max-words", "5"}, "--min-words"},
		{"unknown flag", []string{"--doc", "1"}, "-doc"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, "x")
			code, _, errOut := runGen(append([]string{out}, tc.args...)...)
			if code != 2 || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, %q", code, errOut)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a refused gen wrote its folder")
			}
		})
	}
	if code, _, _ := runGen(); code != 2 {
		t.Errorf("no DIR: exit %d, want 2", code)
	}
	if code, out, _ := runGen("--help"); code != 0 || !strings.Contains(out, "meta.csv") || !strings.Contains(out, "-min-words") {
		t.Errorf("--help: exit %d:\n%s", code, out)
	}
}
