//go:build unix

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toituavain/avain/store"
)

// TestExportUnrecordedLeavesTheOldFile: an export is recorded in the
// project's audit trail before it replaces the file at its path. When
// the project cannot take the entry (here another process holds its write
// lock past the busy timeout; a full disk under the project does the
// same), the command fails on one line, writes no "wrote", and the old
// file stays byte for byte as it was. Before, the file was replaced and
// the command then failed saying nothing was saved.
func TestExportUnrecordedLeavesTheOldFile(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: exports that wait out the busy timeout of a locked project; run without -short")
	}
	bin := binary(t)
	dir := t.TempDir()
	proj := filepath.Join(dir, "p.avain")
	mustRun(t, "init", proj)
	mustRun(t, "import", proj, write(t, t.TempDir(), "a.txt", []byte(clientInterview)))
	mustRun(t, "code", proj, "--doc", "a.txt", "--turn", "2", "--code", "Toistuvat liitepyynnöt", "--coder", "aino")
	holdWriteLock(t, proj)
	old := []byte("GOOD OLD FILE\n")
	for _, tc := range []struct{ name, out string }{
		{"freq", "f.csv"}, {"freq", "f.xlsx"}, {"segments", "s.md"}, {"cooccur", "c.json"}, {"qdpx", "p.qdpx"},
		{"codebook", "k.qdc"}, {"codebook", "k.yaml"},
	} {
		t.Run(tc.name+"_"+tc.out, func(t *testing.T) {
			out := filepath.Join(dir, tc.out)
			if err := os.WriteFile(out, old, 0o600); err != nil {
				t.Fatal(err)
			}
			args := []string{"export", proj, tc.name, "-o", out}
			if tc.name == "codebook" {
				args = []string{"codebook", proj, "--export", out}
			}
			cmd := exec.Command(bin, args...)
			cmd.Env = append(os.Environ(), store.EnvBusyTimeout+"=200")
			msg, err := cmd.CombinedOutput()
			if err == nil || strings.Contains(string(msg), "wrote") || strings.Count(string(msg), "\n") != 1 ||
				!strings.Contains(string(msg), "busy") {
				t.Errorf("%v: %v, %q; want one line saying the project is busy", args, err, msg)
			}
			if got, _ := os.ReadFile(out); string(got) != string(old) {
				t.Errorf("%s was replaced (%d bytes) though the export was not recorded", tc.out, len(got))
			}
		})
	}
	for _, e := range entries(t, dir) {
		if strings.HasSuffix(e, ".tmp") {
			t.Errorf("a temporary file was left: %s", e)
		}
	}
}
