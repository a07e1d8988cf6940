package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// tmuxUI is the real binary's terminal UI running in a tmux session.
type tmuxUI struct {
	t       *testing.T
	session string
}

// needTmux fails without tmux under CI, and skips otherwise.
func needTmux(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux is not installed; .ci/run installs it")
		}
		t.Skip("tmux is not installed (apt-get install tmux); CI runs this test")
	}
}

// startUI runs command (a shell line) in a new 100×30 tmux session named
// for the test and name; the session is killed when the test ends.
func startUI(t *testing.T, name, command string) *tmuxUI {
	t.Helper()
	u := &tmuxUI{t: t, session: "avain-" + name + "-" + filepath.Base(t.TempDir())}
	u.tmux("new-session", "-d", "-s", u.session, "-x", "100", "-y", "30", command)
	t.Cleanup(func() { exec.Command("tmux", "kill-session", "-t", u.session).Run() })
	return u
}

func (u *tmuxUI) tmux(args ...string) string {
	u.t.Helper()
	out, err := exec.Command("tmux", args...).CombinedOutput()
	if err != nil {
		u.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// send types keys (tmux key names, or -l and literal text).
func (u *tmuxUI) send(keys ...string) {
	u.t.Helper()
	u.tmux(append([]string{"send-keys", "-t", u.session}, keys...)...)
}

// waitUntil captures the screen until ok holds, for up to about 5 s
// (waiting, not a timing assertion), and returns the screen.
func (u *tmuxUI) waitUntil(what string, ok func(screen string) bool) string {
	u.t.Helper()
	var screen string
	for i := 0; i < 50; i++ {
		screen = u.tmux("capture-pane", "-t", u.session, "-p")
		if ok(screen) {
			return screen
		}
		time.Sleep(100 * time.Millisecond)
	}
	u.t.Fatalf("%s: the screen never showed %s:\n%s", u.session, what, screen)
	return ""
}

// waitFor waits until the screen shows want.
func (u *tmuxUI) waitFor(want string) string {
	u.t.Helper()
	return u.waitUntil(want, func(s string) bool { return strings.Contains(s, want) })
}

// quit presses q and waits for the UI to end.
func (u *tmuxUI) quit() {
	u.t.Helper()
	u.send("q")
	for i := 0; i < 50; i++ {
		if exec.Command("tmux", "has-session", "-t", u.session).Run() != nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	u.t.Fatalf("%s: q did not quit the UI", u.session)
}

// striped reports whether screen has a line holding text with a coding
// stripe in the gutter before it.
func striped(screen, text string) bool {
	for _, l := range strings.Split(screen, "\n") {
		if i := strings.Index(l, text); i > 0 && strings.Contains(l[:i], "▌") {
			return true
		}
	}
	return false
}

// runOK runs the binary and fails the test unless it exits 0.
func runOK(t *testing.T, bin string, args ...string) string {
	t.Helper()
	out, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("avain %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// codingRows reads the project's live codings as coder|document|turn.
func codingRows(t *testing.T, bin, proj string) map[string]bool {
	t.Helper()
	out := runOK(t, bin, "codings", proj, "--json")
	var rows []struct {
		Doc, Coder string
		Turn       int
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("codings --json: %v\n%s", err, out)
	}
	got := map[string]bool{}
	for _, r := range rows {
		got[r.Coder+"|"+r.Doc+"|"+strconv.Itoa(r.Turn)] = true
	}
	return got
}

// TestUIFollowsCommandLineInTmux keeps the UI open on a project, with a
// search done in it and a document in the reader, while another process
// imports a transcript, codes a turn, merges a copy and searches: every
// command exits 0, the reader shows the new codings' stripes and the
// document list the new document, without a key pressed for them.
func TestUIFollowsCommandLineInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: the real binary end to end in tmux; run without -short")
	}
	needTmux(t)
	dir := t.TempDir()
	bin := binary(t)
	proj := filepath.Join(dir, "demo.avain")
	runOK(t, bin, "demo", "--uncoded", proj)
	// A colleague's copy, with a coding of theirs to merge.
	copyOf := filepath.Join(dir, "kollega.avain")
	data, err := os.ReadFile(proj)
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "kollega.avain", data)
	runOK(t, bin, "code", copyOf, "--doc", "asiakas_01_kuopio.txt", "--turn", "6", "--code", "Toistuvat liitepyynnöt", "--coder", "kollega")
	transcript := write(t, dir, "uusi_haastattelu.txt", []byte(clientInterview))

	ui := startUI(t, "follow", bin+" open "+proj+" --coder tester")
	ui.waitFor("Documents (10)")
	ui.send("/")
	ui.waitFor("Type a query")
	ui.send("-l", "toimeentulotuki")
	ui.send("Enter")
	ui.waitFor("hits in")
	ui.send("D")
	ui.waitFor("Documents (10)")
	ui.send("j", "j", "j", "Enter")
	screen := ui.waitFor("asiakas_01_kuopio.txt · client")
	if strings.Contains(screen, "▌") {
		t.Fatalf("a stripe before any coding:\n%s", screen)
	}

	runOK(t, bin, "import", proj, transcript)
	runOK(t, bin, "code", proj, "--doc", "asiakas_01_kuopio.txt", "--turn", "4", "--code", "Toistuvat liitepyynnöt", "--coder", "e2e")
	runOK(t, bin, "merge", proj, copyOf, "--no-backup")
	runOK(t, bin, "search", proj, "kela")

	ui.waitUntil("the stripes of the coded and the merged turn", func(s string) bool {
		return striped(s, "Mistä sä sait tiedon") && striped(s, "Miten se hakeminen")
	})
	ui.send("D")
	ui.waitFor("uusi_haastattelu.txt")
	ui.waitFor("Documents (11)")
	ui.quit()
}

// TestTwoUIsInTmux runs two UIs on one project, two coders on the same
// document: each sees the other's coding by itself, and both are kept.
func TestTwoUIsInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: two UIs of the real binary end to end in tmux; run without -short")
	}
	needTmux(t)
	dir := t.TempDir()
	bin := binary(t)
	proj := filepath.Join(dir, "demo.avain")
	runOK(t, bin, "demo", "--uncoded", proj)
	open := bin + " open " + proj + " --doc asiakas_01_kuopio.txt --coder "
	a := startUI(t, "aino", open+"aino")
	b := startUI(t, "ville", open+"ville")
	a.waitFor("asiakas_01_kuopio.txt · client")
	b.waitFor("asiakas_01_kuopio.txt · client")

	// Aino codes turn 2 through the picker; Ville's reader shows it.
	a.send("]", "c")
	a.waitFor("Code turn 2")
	a.send("-l", "toistuvat")
	a.send("Enter")
	a.waitFor("coded turn 2:")
	b.waitUntil("Aino's stripe on turn 2", func(s string) bool { return striped(s, "No niin, nauhuri") })

	// Ville codes turn 4; Aino's reader shows it, and keeps her own.
	b.send("]", "]", "]", "c")
	b.waitFor("Code turn 4")
	b.send("-l", "toistuvat")
	b.send("Enter")
	b.waitFor("coded turn 4:")
	a.waitUntil("Ville's stripe on turn 4 and hers on turn 2", func(s string) bool {
		return striped(s, "Mistä sä sait tiedon") && striped(s, "No niin, nauhuri")
	})
	a.quit()
	b.quit()
	got := codingRows(t, bin, proj)
	if len(got) != 2 || !got["aino|asiakas_01_kuopio.txt|2"] || !got["ville|asiakas_01_kuopio.txt|4"] {
		t.Errorf("the project holds %v; want Aino's turn 2 and Ville's turn 4", got)
	}
}
