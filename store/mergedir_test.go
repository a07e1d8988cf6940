package store

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestStaleMergeDirs: the folders a killed merge left are removed; a
// folder a running merge holds, one just being made, and anything that
// is not a merge folder are kept.
func TestStaleMergeDirs(t *testing.T) {
	dir := t.TempDir()
	project := filepath.Join(dir, "p.avain")
	mk := func(name string) string {
		p := filepath.Join(dir, name)
		if err := os.Mkdir(p, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(p, "0.avain"), []byte("a copy of a source"), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// A process id that has ended.
	done := exec.Command("true")
	if err := done.Run(); err != nil {
		t.Fatal(err)
	}
	dead := done.ProcessState.Pid()
	old := time.Now().Add(-2 * staleAfter)

	held, release, err := makeMergeDir(project)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	os.Chtimes(held, old, old)
	starting := mk(fmt.Sprintf("%s%d-1", mergeDirPrefix, os.Getpid()))
	reused := mk(fmt.Sprintf("%s%d-2", mergeDirPrefix, os.Getpid()))
	os.Chtimes(reused, old, old)
	killed := mk(fmt.Sprintf("%s%d-3", mergeDirPrefix, dead))
	legacy := mk(mergeDirPrefix + "123456789")
	outside := mk("elsewhere")
	link := filepath.Join(dir, mergeDirPrefix+"link")
	os.Symlink(outside, link)
	file := filepath.Join(dir, mergeDirPrefix+"file")
	os.WriteFile(file, nil, 0o600)

	removeStaleMergeDirs(dir)
	for path, keep := range map[string]bool{held: true, starting: true, reused: false, killed: false,
		legacy: false, outside: true, link: true, file: true, filepath.Join(outside, "0.avain"): true} {
		_, err := os.Lstat(path)
		if kept := err == nil; kept != keep {
			t.Errorf("%s: kept %v, want %v", filepath.Base(path), kept, keep)
		}
	}
	if info, err := os.Stat(held); err != nil || info.Mode().Perm() != 0o700 {
		t.Errorf("the merge's folder: %v, %v; want mode 0700", info, err)
	}

	// Opening a project in the folder removes what a killed merge left.
	s, err := Create(context.Background(), project)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	again := mk(fmt.Sprintf("%s%d-4", mergeDirPrefix, dead))
	s, err = Open(context.Background(), project)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := os.Lstat(again); err == nil {
		t.Error("Open kept a killed merge's folder")
	}
}
