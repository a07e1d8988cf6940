package main

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/toituavain/avain/project"
)

// mergeDirs lists the merge folders in dir.
func mergeDirs(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, ".avain-merge-*"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// codedSource writes, in dir, a target without codings and a source with
// the demo's example codings: a merge with several hundred records.
func codedSource(t *testing.T, dir string) (target0, source string) {
	t.Helper()
	target0 = filepath.Join(dir, "target0.avain")
	mustRun(t, "demo", "--uncoded", target0)
	source = filepath.Join(dir, "source.avain")
	mustRun(t, "copy", target0, source)
	p, err := project.Open(context.Background(), source)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.CodeDemoExamples(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	return target0, source
}

// TestMergeKilledLeavesNothingBehind kills `avain merge` (SIGKILL, umask 0)
// while its temporary folder holds a copy of the source: the folder and
// what is in it are private (0700, files 0600), and the next merge removes
// it.
func TestMergeKilledLeavesNothingBehind(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: merges killed with SIGKILL until one is caught midway; run without -short")
	}
	dir := t.TempDir()
	work := filepath.Join(dir, "work")
	os.Mkdir(work, 0o700)
	bin := binary(t)
	target0, source := codedSource(t, dir)
	target := filepath.Join(work, "t.avain")
	caught := ""
	attempt := 0
	for ; attempt < 30 && caught == ""; attempt++ {
		os.Remove(target)
		mustRun(t, "copy", target0, target)
		cmd := exec.Command("sh", "-c", `umask 0; exec "$0" "$@"`, bin, "merge", target, source, "--no-backup")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
	poll:
		for {
			select {
			case <-done:
				break poll
			default:
			}
			for _, d := range mergeDirs(t, work) {
				if st, err := os.Stat(filepath.Join(d, "0.avain")); err == nil && st.Size() > 0 {
					cmd.Process.Signal(syscall.SIGKILL)
					caught = d
					break poll
				}
			}
		}
		<-done
		for _, d := range mergeDirs(t, work) {
			if d != caught {
				os.RemoveAll(d) // a folder caught too early, before its copy
			}
		}
	}
	t.Logf("caught the merge at try %d", attempt)
	if caught == "" {
		t.Fatal("no merge was caught with its temporary copy in 30 tries")
	}
	if _, err := os.Stat(caught); err != nil {
		t.Fatalf("the killed merge left no folder: %v", err)
	}
	filepath.WalkDir(caught, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		info, err := d.Info()
		if err != nil {
			t.Fatal(err)
		}
		want := fs.FileMode(0o600)
		if d.IsDir() {
			want = 0o700
		}
		if info.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", strings.TrimPrefix(path, work), info.Mode().Perm(), want)
		}
		return nil
	})
	mustRun(t, "merge", target, source, "--no-backup")
	if left := mergeDirs(t, work); len(left) != 0 {
		t.Errorf("the next merge left the killed merge's folder: %v", left)
	}
}

// TestMergeWritesNothingBesideSources: after `avain merge T A B` no
// A-wal, A-shm, B-wal or B-shm exist that did not before, and A and B are
// unchanged.
func TestMergeWritesNothingBesideSources(t *testing.T) {
	dir := t.TempDir()
	target0, a := codedSource(t, dir)
	b := filepath.Join(dir, "b.avain")
	mustRun(t, "copy", target0, b, "--coder", "ville")
	mustRun(t, "codebook", b, "add", "Uusi koodi")
	target := filepath.Join(dir, "t.avain")
	mustRun(t, "copy", target0, target)
	sameA, sameB := untouched(t, a), untouched(t, b)
	for _, args := range [][]string{{"merge", target, a, b, "--dry-run"}, {"merge", target, a, b}} {
		out := mustRun(t, args...)
		if !strings.Contains(out, "from "+b) {
			t.Fatalf("%s: %s", strings.Join(args, " "), out)
		}
		sameA(strings.Join(args, " "))
		sameB(strings.Join(args, " "))
	}
}
