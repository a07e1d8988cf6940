package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTableRefusalsAreOneLine checks the refusals of the tables, charts,
// report and agreement: a coder the project does not have (a typo, other
// case) names the project and its coders instead of counting zeros; --by
// is refused where nothing is split; a --by attribute no document has
// names the project; a usage error is one line. Nothing is written.
func TestTableRefusalsAreOneLine(t *testing.T) {
	dir := t.TempDir()
	proj := filepath.Join(dir, "d.avain")
	mustRun(t, "demo", proj)
	out := filepath.Join(dir, "out")
	for _, c := range []struct {
		args []string
		code int
		want []string
	}{
		{[]string{"export", proj, "freq", "--coder", "nobody", "-o", out + ".csv"}, 1, []string{`d.avain: coder "nobody": not found (there are: aino, ville)`}},
		{[]string{"export", proj, "freq", "--coder", "Aino", "-o", out + ".csv"}, 1, []string{`coder "Aino": not found`, "aino, ville"}},
		{[]string{"export", proj, "cooccur", "--coder", "nobody", "-o", out + ".csv"}, 1, []string{`coder "nobody"`, "d.avain"}},
		{[]string{"agreement", proj, "--coders", "nobody,ville"}, 1, []string{`d.avain: coder "nobody": not found (there are: aino, ville)`}},
		{[]string{"chart", proj, "freq", "--coder", "Aino", "-o", out + ".svg"}, 1, []string{`coder "Aino": not found`, "d.avain"}},
		{[]string{"report", proj, "--coder", "nobody", "-o", out + ".html"}, 1, []string{`coder "nobody": not found`, "d.avain"}},
		{[]string{"export", proj, "cooccur", "--by", "kind", "-o", out + ".csv"}, 2, []string{"--by splits freq and segments only"}},
		{[]string{"export", proj, "freq", "--by", "nosuch", "-o", out + ".csv"}, 1, []string{`d.avain: no document has the attribute "nosuch"`}},
		{[]string{"export", proj, "freq", "-o", out + ".pdf"}, 2, []string{"does not write .pdf files", "avain export --help"}},
		{[]string{"export", proj, "freq", "--lang", "sv"}, 2, []string{"--lang"}},
	} {
		t.Run(strings.Join(c.args[2:], " "), func(t *testing.T) {
			code, stdout, errs := avain(t, c.args...)
			if code != c.code || stdout != "" || strings.Count(errs, "\n") != 1 {
				t.Errorf("exit %d (want %d), stdout %q, want one line on stderr: %q", code, c.code, stdout, errs)
			}
			if strings.Count(errs, "d.avain: ") > 1 {
				t.Errorf("stderr %q names the project twice", errs)
			}
			for _, w := range c.want {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr %q, want %q", errs, w)
				}
			}
		})
	}
	if left, _ := filepath.Glob(out + ".*"); len(left) > 0 {
		t.Errorf("refusals wrote %v", left)
	}
	if _, err := os.Stat(proj); err != nil {
		t.Fatal(err)
	}
}
