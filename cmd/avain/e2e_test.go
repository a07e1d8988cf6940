package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestTerminalUIInTmux runs the real binary in tmux: the demo opens in the
// terminal UI, a document opens with its coding stripe, and q quits.
func TestTerminalUIInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: the real binary end to end in tmux; run without -short")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux is not installed; .ci/run installs it")
		}
		t.Skip("tmux is not installed (apt-get install tmux); CI runs this test")
	}
	dir := t.TempDir()
	bin := binary(t)
	proj := filepath.Join(dir, "demo.avain")
	session := "avain-e2e-" + filepath.Base(dir)
	tmux := func(args ...string) string {
		t.Helper()
		out, err := exec.Command("tmux", args...).CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	// Write the demo first (off a terminal it only prints), without the
	// example codings so the stripes and counts below are this test's, and
	// code a turn.
	if out, err := exec.Command(bin, "demo", "--uncoded", proj).CombinedOutput(); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	if out, err := exec.Command(bin, "code", proj, "--doc", "asiakas_01_kuopio.txt", "--turn", "4", "--code", "Toistuvat liitepyynnöt", "--coder", "e2e").CombinedOutput(); err != nil {
		t.Fatalf("code: %v\n%s", err, out)
	}
	tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", "AVAIN_CODER=tester "+bin+" demo "+proj)
	defer exec.Command("tmux", "kill-session", "-t", session).Run()
	waitFor := func(want string) string {
		t.Helper()
		var screen string
		for i := 0; i < 50; i++ {
			screen = tmux("capture-pane", "-t", session, "-p")
			if strings.Contains(screen, want) {
				return screen
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Fatalf("screen never showed %q:\n%s", want, screen)
		return ""
	}
	send := func(keys ...string) {
		t.Helper()
		tmux(append([]string{"send-keys", "-t", session}, keys...)...)
	}
	waitFor("Documents (10)")
	send("j", "j", "j", "Enter")
	screen := waitFor("asiakas_01_kuopio.txt · client")
	if !strings.Contains(screen, "▌ H Mistä sä sait tiedon") {
		t.Errorf("no coding stripe on the coded turn:\n%s", screen)
	}
	// Code turn 2 through the picker.
	send("]", "c")
	waitFor("Code turn 2")
	send("-l", "asiakkaan osallisuus")
	send("Enter")
	waitFor("READ  coded turn 2:")
	// Search, and code the first hit by its turn.
	send("/")
	waitFor("Type a query")
	send("-l", "toimeentulotuki")
	send("Enter")
	screen = waitFor("hits in")
	if !strings.Contains(screen, "toimeentulotu") {
		t.Errorf("no marked hit:\n%s", screen)
	}
	send("c")
	waitFor("Code hit:")
	send("-l", "toistuvat")
	send("Enter")
	waitFor("SEARCH  coded ") // the status line: mode, then "coded DOC turn N: …"
	// Undo the search coding, then quit.
	send("u")
	waitFor("undone: coded")
	send("q")
	for i := 0; i < 50; i++ {
		if exec.Command("tmux", "has-session", "-t", session).Run() != nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if exec.Command("tmux", "has-session", "-t", session).Run() == nil {
		t.Fatal("q did not quit the UI")
	}
	out, err := exec.Command(bin, "codings", proj, "--json").Output()
	var rows []struct {
		Doc, Coder, Code string
		Turn             int
	}
	if err != nil || json.Unmarshal(out, &rows) != nil {
		t.Fatalf("codings --json: %v %s", err, out)
	}
	out, err = exec.Command(bin, "codebook", proj, "--json").Output()
	var codes []struct{ Path string }
	if err != nil || json.Unmarshal(out, &codes) != nil {
		t.Fatalf("codebook --json: %v", err)
	}
	osallisuus := ""
	for _, c := range codes {
		if strings.HasSuffix(c.Path, "/Asiakkaan osallisuus") {
			osallisuus = c.Path
		}
	}
	got := map[string]bool{}
	for _, r := range rows {
		got[r.Coder+"|"+r.Doc+"|"+r.Code] = true
	}
	if len(rows) != 2 || !got["e2e|asiakas_01_kuopio.txt|Byrokratialoukut/Toistuvat liitepyynnöt"] ||
		!got["tester|asiakas_01_kuopio.txt|"+osallisuus] {
		t.Errorf("project after the UI holds %+v; want the command-line coding and the picker's, not the undone one", rows)
	}
}
