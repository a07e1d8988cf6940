//go:build unix

package store

import (
	"bufio"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestOpenRefusesWhatIsNotAFile: a FIFO or a folder is refused at once,
// as a project and as a merge source, without waiting for a writer.
func TestOpenRefusesWhatIsNotAFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.avain")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "folder.avain")
	os.Mkdir(folder, 0o700)
	target, _ := newProject(t)
	for _, path := range []string{fifo, folder} {
		if _, err := Open(ctx, path); !errors.Is(err, ErrNotProject) {
			t.Errorf("Open %s: %v, want ErrNotProject", filepath.Base(path), err)
		}
		if _, err := target.Merge(ctx, []string{path}, MergeOptions{}); !errors.Is(err, ErrNotProject) {
			t.Errorf("Merge %s: %v, want ErrNotProject", filepath.Base(path), err)
		}
	}
}

// holdEnv names the project a helper process holds open.
const holdEnv = "AVAIN_TEST_HOLD_OPEN"

// TestMain runs the tests, or, in the process
// TestMergeReadsASourceOpenInAnotherProcess starts, holdOpen.
func TestMain(m *testing.M) {
	if path := os.Getenv(holdEnv); path != "" {
		holdOpen(path)
	}
	os.Exit(m.Run())
}

// holdOpen opens the project, adds a document that stays in the WAL,
// says "ready", and holds the project open until killed (or its input
// ends).
func holdOpen(path string) {
	ctx := context.Background()
	fail := func(err error) {
		os.Stdout.WriteString(err.Error() + "\n")
		os.Exit(1)
	}
	s, err := Open(ctx, path)
	if err != nil {
		fail(err)
	}
	s.db.SetMaxOpenConns(1)
	if _, err := s.db.Exec("PRAGMA wal_autocheckpoint = 0"); err != nil {
		fail(err)
	}
	if err := s.ImportDocument(ctx, sampleDoc("only-in-wal.txt", "H: uusi\nV: vain WAL:ssa"), "aino"); err != nil {
		fail(err)
	}
	os.Stdout.WriteString("ready\n")
	io.Copy(io.Discard, os.Stdin) // until the test closes it or kills this process
	os.Exit(0)
}

// TestMergeReadsASourceOpenInAnotherProcess: a source another process
// holds open, with a document only in its un-checkpointed WAL, is merged
// with that document and its files are as they were; so once that
// process is killed with its WAL full.
func TestMergeReadsASourceOpenInAnotherProcess(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src := filepath.Join(dir, "src.avain")
	s, err := Create(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	holder := exec.Command(os.Args[0])
	holder.Env = append(os.Environ(), holdEnv+"="+src)
	out, err := holder.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := holder.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	defer holder.Process.Kill()
	if line, err := bufio.NewReader(out).ReadString('\n'); err != nil || line != "ready\n" {
		t.Fatalf("the holding process: %q, %v", line, err)
	}
	docs := func(path string) string {
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		ds, err := s.Documents(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, d := range ds {
			names = append(names, d.Name)
		}
		return strings.Join(names, ",")
	}
	merge := func(what string) {
		t.Helper()
		before := stateOf(t, src)
		if len(before.sides) < 2 {
			t.Fatalf("%s: beside the source %v; want its -wal and -shm", what, before.sides)
		}
		target, tpath := newProject(t)
		if _, err := target.Merge(ctx, []string{src}, MergeOptions{Coder: "lead"}); err != nil {
			t.Fatal(err)
		}
		target.Close()
		if got := docs(tpath); got != "only-in-wal.txt" {
			t.Errorf("%s: merged documents %q, want what the source's WAL holds", what, got)
		}
		sameState(t, what, before, stateOf(t, src))
	}
	merge("open in another process")
	holder.Process.Kill()
	holder.Wait()
	merge("its process killed")
}
