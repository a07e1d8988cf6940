//go:build unix

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toituavain/avain/voikko"
)

// An index built without Voikko is rebuilt, with a note said once, when
// Voikko is there at the next search; and again when it is gone.
func TestIndexRebuiltForAnotherAnalysisSaysSo(t *testing.T) {
	if !voikkoOpens() {
		if os.Getenv("CI") != "" {
			t.Fatal("Voikko is not installed (apt-get install libvoikko1 voikko-fi)")
		}
		t.Skip("Voikko is not installed: the two analyses cannot be compared")
	}
	dir := t.TempDir()
	proj := filepath.Join(dir, "p.avain")
	doc := write(t, dir, "h.txt", []byte("H: Miten hakemus eteni?\nV: Kelasta pyydettiin liitteitä.\n"))
	run := func(noVoikko bool, args ...string) string {
		t.Helper()
		cmd := exec.Command(binary(t), args...)
		cmd.Env = append(os.Environ(), "AVAIN_CODER=testi")
		if noVoikko {
			cmd.Env = append(cmd.Env, voikko.EnvDisable+"=1")
		}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("avain %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	run(true, "init", proj)
	run(true, "import", proj, doc)
	const rebuilt = "the search index is rebuilt"
	if out := run(true, "search", proj, "hakemus"); strings.Contains(out, rebuilt) {
		t.Errorf("a first index said: %s", out)
	}
	out := run(false, "search", proj, "hakemus")
	if strings.Count(out, "note: Voikko is now installed") != 1 {
		t.Errorf("Voikko appeared, the index was rebuilt without the note once:\n%s", out)
	}
	if out := run(false, "search", proj, "hakemus"); strings.Contains(out, rebuilt) {
		t.Errorf("said again: %s", out)
	}
	if out := run(true, "search", proj, "hakemus"); strings.Count(out, "note: Voikko is no longer available") != 1 {
		t.Errorf("Voikko gone, no note:\n%s", out)
	}
}
