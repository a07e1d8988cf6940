//go:build unix

package main

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
	"github.com/toituavain/avain/store"
)

// fictionalTranscripts writes n fictional transcripts of a few hundred
// turns each and returns their paths.
func fictionalTranscripts(t *testing.T, n int) []string {
	t.Helper()
	dir := t.TempDir()
	var files []string
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "Haastattelu %d, asiakas, fiktiivinen.\n\n", i)
		for j := range 300 {
			fmt.Fprintf(&b, "H: Kysymys %d: miten asiointi Kelan kanssa sujui kohdassa %d?\n", j, i)
			fmt.Fprintf(&b, "V: Vastaus %d. Hakemukseen pyydettiin liitteitä, ja päätös viipyi %d viikkoa. Sosiaalityöntekijä auttoi.\n", j, j%7)
		}
		files = append(files, write(t, dir, fmt.Sprintf("h%02d.txt", i), []byte(b.String())))
	}
	return files
}

// withDocs opens the project at path and calls fn with it and its
// documents.
func withDocs(t *testing.T, path string, fn func(p *project.Project, docs []coding.DocSummary)) {
	t.Helper()
	ctx := context.Background()
	p, err := project.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	docs, err := p.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fn(p, docs)
}

// docTurns returns the documents of a project by name, with their turns.
func docTurns(t *testing.T, path string) map[string]int {
	t.Helper()
	out := map[string]int{}
	withDocs(t, path, func(_ *project.Project, docs []coding.DocSummary) {
		for _, d := range docs {
			out[d.Name] = d.Turns
		}
	})
	return out
}

// fullContent is projectContent with the documents and their turns, and
// the length of the audit trail.
func fullContent(t *testing.T, path string) string {
	t.Helper()
	var docs []string
	for name, n := range docTurns(t, path) {
		docs = append(docs, fmt.Sprintf("document %s: %d turns", name, n))
	}
	sort.Strings(docs)
	log := mustRun(t, "log", path, "--json")
	return projectContent(t, path) + "\n" + strings.Join(docs, "\n") + fmt.Sprintf("\n%d audit entries", strings.Count(log, `"action"`))
}

// TestImportKilled kills `avain import` of 20 transcripts at random
// moments: the project always opens and passes avain check, and every
// file reported imported is there whole.
func TestImportKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: imports killed with SIGKILL at random moments; run without -short")
	}
	bin := binary(t)
	files := fictionalTranscripts(t, 20)
	rng := rand.New(rand.NewPCG(3, 4))
	dir := t.TempDir()
	ref := filepath.Join(dir, "ref.avain")
	mustRun(t, "init", ref)
	mustRun(t, append([]string{"import", ref}, files...)...)
	want := docTurns(t, ref)
	total := 0
	for i := range 10 {
		proj := filepath.Join(dir, fmt.Sprintf("p%d.avain", i))
		mustRun(t, "init", proj)
		cmd := exec.Command(bin, append([]string{"import", proj}, files...)...)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var reported []string
		done := make(chan struct{})
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				if name, ok := strings.CutPrefix(sc.Text(), "imported "); ok {
					reported = append(reported, filepath.Base(strings.SplitN(name, ":", 2)[0]))
				}
			}
			close(done)
		}()
		time.Sleep(time.Duration(50+rng.IntN(500)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		<-done
		cmd.Wait()
		if code, o, errs := avain(t, "check", proj); code != 0 {
			t.Fatalf("check after kill %d: %s%s", i, o, errs)
		}
		got := docTurns(t, proj)
		for _, name := range reported {
			if got[name] != want[name] {
				t.Errorf("kill %d: %s was reported imported, but the project has %d of its %d turns", i, name, got[name], want[name])
			}
		}
		for name, n := range got {
			if n != want[name] {
				t.Errorf("kill %d: %s is in the project with %d of %d turns: a partial import", i, name, n, want[name])
			}
		}
		total += len(reported)
	}
	t.Logf("10 kills; %d imports reported done before them, all found whole", total)
}

// TestCodeKilled kills `avain code` at random moments: the project always
// opens and passes avain check, and every coding reported (its id
// printed) is in it.
func TestCodeKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: codings killed with SIGKILL at random moments; run without -short")
	}
	bin := binary(t)
	dir := t.TempDir()
	proj := filepath.Join(dir, "p.avain")
	mustRun(t, "init", proj)
	mustRun(t, "import", proj, fictionalTranscripts(t, 1)[0])
	rng := rand.New(rand.NewPCG(5, 6))
	var ids []string
	for i := range 30 {
		cmd := exec.Command(bin, "code", proj, "--doc", "h00.txt", "--turn", fmt.Sprint(i+2), "--code", "Toistuvat liitepyynnöt", "--coder", "aino")
		var out strings.Builder
		cmd.Stdout = &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.IntN(60)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		if err := cmd.Wait(); err == nil {
			ids = append(ids, strings.TrimSpace(out.String()))
		}
		if code, o, errs := avain(t, "check", proj); code != 0 {
			t.Fatalf("check after kill %d: %s%s", i, o, errs)
		}
	}
	codings := mustRun(t, "codings", proj, "--json")
	for _, id := range ids {
		if !strings.Contains(codings, id) {
			t.Errorf("coding %s was reported done but is not in the project", id)
		}
	}
	t.Logf("30 kills; %d codings reported done before them, all found", len(ids))
}

// TestBusy runs `avain code` while another process holds the project's
// write lock: with a short wait it says the project is busy and changes
// nothing; with the lock released in time it waits and succeeds.
func TestBusy(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: waits out the busy timeout of a locked project; run without -short")
	}
	bin := binary(t)
	dir := t.TempDir()
	proj := filepath.Join(dir, "p.avain")
	mustRun(t, "init", proj)
	mustRun(t, "import", proj, write(t, t.TempDir(), "a.txt", []byte(clientInterview)))
	release := holdWriteLock(t, proj)
	code := func(timeout string) (string, error) {
		cmd := exec.Command(bin, "code", proj, "--doc", "a.txt", "--turn", "2", "--code", "Toistuvat liitepyynnöt", "--coder", "aino")
		cmd.Env = append(os.Environ(), store.EnvBusyTimeout+"="+timeout)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := code("300")
	if err == nil || !strings.Contains(out, "the project is busy in another avain process") || strings.Count(out, "\n") != 1 {
		t.Errorf("while locked: %v, %q", err, out)
	}
	go func() {
		time.Sleep(500 * time.Millisecond)
		release()
	}()
	if out, err := code("10000"); err != nil {
		t.Errorf("waiting for the lock: %v, %s", err, out)
	}
	if n := strings.Count(mustRun(t, "codings", proj, "--json"), `"coder": "aino"`); n != 1 {
		t.Errorf("%d codings after the busy and the waiting run, want 1", n)
	}
}

// TestReadOnlyAndFull: a read-only project file, a read-only folder and a
// file-size limit standing in for a full disk each give a one-line error
// and leave the project as it was.
func TestReadOnlyAndFull(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: read-only and full-disk (prlimit) runs; run without -short")
	}
	if os.Geteuid() == 0 {
		t.Log("running as root: read-only modes do not bind root, so only the full disk is tried")
	}
	bin := binary(t)
	src := write(t, t.TempDir(), "a.txt", []byte(clientInterview))
	args := []string{"--doc", "a.txt", "--turn", "2", "--code", "Toistuvat liitepyynnöt", "--coder", "aino"}
	setup := func() (string, string) {
		dir := t.TempDir()
		proj := filepath.Join(dir, "p.avain")
		mustRun(t, "init", proj)
		mustRun(t, "import", proj, src)
		return dir, proj
	}
	oneLine := func(what, out string, err error) {
		t.Helper()
		if err == nil || strings.Count(strings.TrimSpace(out), "\n") != 0 || !strings.Contains(out, "p.avain") && !strings.Contains(out, "project") {
			t.Errorf("%s: %v, want a one-line error, got %q", what, err, out)
		}
	}
	if os.Geteuid() != 0 {
		dir, proj := setup()
		before := fullContent(t, proj)
		os.Chmod(proj, 0o400)
		out, err := exec.Command(bin, append([]string{"code", proj}, args...)...).CombinedOutput()
		oneLine("read-only file", string(out), err)
		os.Chmod(proj, 0o600)
		if fullContent(t, proj) != before {
			t.Error("read-only file: the project changed")
		}
		os.Chmod(dir, 0o500)
		out, err = exec.Command(bin, append([]string{"code", proj}, args...)...).CombinedOutput()
		oneLine("read-only folder", string(out), err)
		os.Chmod(dir, 0o700)
		if fullContent(t, proj) != before {
			t.Error("read-only folder: the project changed")
		}
	}
	prlimit := needPrlimit(t)
	_, proj := setup()
	before := fullContent(t, proj)
	big := fictionalTranscripts(t, 1)[0]
	// No file may grow past 48 KiB: room for the shared-memory file
	// (32 KiB), not for the WAL of the transcript's import.
	out, err := exec.Command(prlimit, "--fsize=49152", bin, "import", proj, big).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "h00.txt") || !strings.Contains(string(out), "disk full") ||
		strings.Count(string(out), "\n") != 1 {
		t.Errorf("full disk: %v, %q", err, out)
	}
	t.Logf("full disk: %s", strings.TrimSpace(string(out)))
	if code, o, errs := avain(t, "check", proj); code != 0 {
		t.Fatalf("check after a full disk: %s%s", o, errs)
	}
	if fullContent(t, proj) != before {
		t.Error("full disk: the project changed")
	}
	if _, _, errs := avain(t, "docs", filepath.Join(t.TempDir(), "gone", "p.avain")); !strings.Contains(errs, "no such") && !strings.Contains(errs, "create one with avain init") {
		t.Errorf("vanished folder: %q", errs)
	}
}
