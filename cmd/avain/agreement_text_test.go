package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAgreementTextNoSpeaker checks the agreement's text output on a
// document whose turns have no speaker: a disagreement names its turn
// alone, with no empty "()"; and that the Finnish text writes its
// decimals with a comma, as the Finnish tables do.
func TestAgreementTextNoSpeaker(t *testing.T) {
	dir := t.TempDir()
	proj, doc := filepath.Join(dir, "p.avain"), filepath.Join(dir, "a.txt")
	if err := os.WriteFile(doc, []byte("Ensimmäinen kappale ilman puhujaa.\n\nToinen kappale ilman puhujaa.\n\nKolmas kappale.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "init", proj)
	mustRun(t, "import", proj, doc)
	mustRun(t, "code", proj, "--doc", "a.txt", "--turn", "1", "--code", "Takaisinperintä", "--coder", "aino")
	mustRun(t, "code", proj, "--doc", "a.txt", "--turn", "2", "--code", "Takaisinperintä", "--coder", "ville")
	mustRun(t, "code", proj, "--doc", "a.txt", "--turn", "3", "--code", "Takaisinperintä", "--coder", "ville")
	out := mustRun(t, "agreement", proj, "--coders", "aino,ville")
	if strings.Contains(out, "()") || !strings.Contains(out, "a.txt, vuoro 1 — ") {
		t.Errorf("a turn without a speaker:\n%s", out)
	}
	if !strings.Contains(out, "-0,800") || strings.Contains(out, "0.800") {
		t.Errorf("Finnish agreement %% without a decimal comma:\n%s", out)
	}
	if en := mustRun(t, "agreement", proj, "--coders", "aino,ville", "--lang", "en"); !strings.Contains(en, "-0.800") || !strings.Contains(en, "turn 1 — ") {
		t.Errorf("English text:\n%s", en)
	}
}
