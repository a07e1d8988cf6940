package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestChartOfNoCodingsRefused: a project with no codings is not drawn as
// empty axes or a matrix of zeros: chart refuses in one line naming the
// project, and writes no file.
func TestChartOfNoCodingsRefused(t *testing.T) {
	dir := t.TempDir()
	proj := filepath.Join(dir, "tyhja.avain")
	mustRun(t, "init", proj)
	for _, what := range []string{"freq", "cooccur"} {
		out := filepath.Join(dir, what+".svg")
		code, _, stderr := avain(t, "chart", proj, what, "-o", out)
		if code != 1 || !strings.Contains(stderr, proj) || !strings.Contains(stderr, "no codings") || strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
			t.Errorf("%s: exit %d, %q; want one line naming the project and no codings", what, code, stderr)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s: a chart was written", what)
		}
	}
}
