//go:build unix

package project

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestWriteOutputKeepsTheOldFile: a write that fails, midway or at the
// end, returns an error naming the file, and the file there stays as it
// was, with no temporary file left beside it.
func TestWriteOutputKeepsTheOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "themes.csv")
	old := []byte("a good older export\n")
	if err := os.WriteFile(path, old, 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := WriteOutput(path, "", func(w io.Writer) error {
		if _, err := w.Write([]byte("half a table")); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), path) {
		t.Errorf("error %v, want boom naming %s", err, path)
	}
	if b, _ := os.ReadFile(path); string(b) != string(old) {
		t.Errorf("the file was replaced: %q", b)
	}
	if es, _ := os.ReadDir(dir); len(es) != 1 {
		t.Errorf("%d files in the folder, want only the old one", len(es))
	}
}

// withFileSizeLimit runs fn with no file of this process allowed to grow
// past n bytes, as on a full disk (Go ignores SIGXFSZ, so a write past it
// fails with EFBIG).
func withFileSizeLimit(t *testing.T, n uint64, fn func()) {
	t.Helper()
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: old.Max}); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
			t.Fatal(err)
		}
	}()
	fn()
}

// TestPseudonymKeyFullDisk makes the pseudonym key on a full disk: an
// error naming the key file, and no key file, never a short one that
// fails every later import; with room, the key is made whole. The full
// disk is a file size limit on a child process running this test: on
// this one it would also fail the test binary's own log when that is
// written meanwhile.
func TestPseudonymKeyFullDisk(t *testing.T) {
	ctx := context.Background()
	if path := os.Getenv("AVAIN_TEST_FULL_DISK"); path != "" {
		p, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		withFileSizeLimit(t, 8, func() { _, err = p.numbers(ctx) })
		fmt.Printf("on a full disk: %v\n", err)
		return
	}
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	path := filepath.Join(t.TempDir(), "p.avain")
	p, err := Create(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	id, err := p.Store.ProjectID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	key, err := PseudonymKeyPath(id)
	if err != nil {
		t.Fatal(err)
	}
	child := exec.Command(os.Args[0], "-test.run=^TestPseudonymKeyFullDisk$")
	child.Env = append(os.Environ(), "AVAIN_TEST_FULL_DISK="+path)
	out, err := child.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "on a full disk: ") || !strings.Contains(string(out), key) {
		t.Errorf("on a full disk: %s (%v), want an error naming %s", out, err, key)
	}
	if b, err := os.ReadFile(key); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a key of %d bytes was left (%v)", len(b), err)
	}
	if es, _ := os.ReadDir(filepath.Dir(key)); len(es) != 0 {
		t.Errorf("%d files left beside the key", len(es))
	}
	if _, err := p.numbers(ctx); err != nil {
		t.Fatalf("with room: %v", err)
	}
	if info, err := os.Stat(key); err != nil || info.Size() != 32 || info.Mode().Perm() != 0o600 {
		t.Errorf("the key: %v, %+v", err, info)
	}
}

// TestCheckOutput names what is refused as an output and what is not.
func TestCheckOutput(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	proj := filepath.Join(dir, "p.avain")
	p, err := Create(ctx, proj)
	if err != nil {
		t.Fatal(err)
	}
	p.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(IndexDir(proj), 0o700))
	must(os.Link(proj, filepath.Join(dir, "hard.csv")))
	must(os.Symlink(filepath.Join(dir, "nowhere"), filepath.Join(dir, "dangling.csv")))
	must(os.Mkdir(filepath.Join(dir, "folder.csv"), 0o700))
	must(os.WriteFile(filepath.Join(dir, "other.sqlite"), append([]byte("SQLite format 3\x00"), make([]byte, 200)...), 0o600))
	must(os.WriteFile(filepath.Join(dir, "old.csv"), []byte("a,b\n"), 0o600))
	must(syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o600))
	for _, c := range []struct {
		path, project string
		refused       string // in the error; "" for none
	}{
		{proj, proj, "is the project itself"},
		{proj, "", "is an avain project"},
		{filepath.Join(dir, "hard.csv"), proj, "another name for the project"},
		{filepath.Join(dir, "hard.csv"), "", "is an avain project"},
		{proj + "-journal", proj, "-journal"},
		{proj + "-wal", "", "-wal file of the avain project p.avain"},
		{filepath.Join(IndexDir(proj), "b.csv"), "", "index folder"},
		{filepath.Join(dir, "dangling.csv"), proj, "symbolic link to a file that does not exist"},
		{filepath.Join(dir, "folder.csv"), proj, "is a folder"},
		{filepath.Join(dir, "missing", "x.csv"), proj, "no such file or directory"},
		{"", proj, "no output file"},
		{filepath.Join(dir, "other.sqlite"), proj, ""}, // another program's database is the user's to replace
		{filepath.Join(dir, "old.csv"), proj, ""},
		{filepath.Join(dir, "new.csv"), proj, ""},
		{filepath.Join(dir, "pipe"), proj, ""},
	} {
		err := CheckOutput(c.path, c.project)
		switch {
		case c.refused == "" && err != nil:
			t.Errorf("%s: refused: %v", c.path, err)
		case c.refused != "" && (err == nil || !strings.Contains(err.Error(), c.refused) || !strings.Contains(err.Error(), c.path)):
			t.Errorf("%s: %v, want an error naming it with %q", c.path, err, c.refused)
		}
	}
	if !IsStream(filepath.Join(dir, "pipe")) || IsStream(filepath.Join(dir, "old.csv")) {
		t.Error("IsStream")
	}
}

// diskFull takes room bytes, then fails as a full disk does.
type diskFull struct{ room int }

func (w *diskFull) Write(p []byte) (int, error) {
	if len(p) <= w.room {
		w.room -= len(p)
		return len(p), nil
	}
	n := w.room
	w.room = 0
	return n, syscall.ENOSPC
}

// TestWriteCodebookReturnsWriteErrors: each codebook format returns the
// error of a writer that runs out of room, wherever it runs out.
func TestWriteCodebookReturnsWriteErrors(t *testing.T) {
	codes, err := LoadCodebook("toituavain")
	if err != nil {
		t.Fatal(err)
	}
	for _, ext := range CodebookFormats {
		var whole strings.Builder
		if err := WriteCodebook(&whole, codes, ext, "p", "fi"); err != nil {
			t.Fatalf("%s: %v", ext, err)
		}
		for _, room := range []int{0, 1, 100, whole.Len() / 2, whole.Len() - 1} {
			if err := WriteCodebook(&diskFull{room: room}, codes, ext, "p", "fi"); !errors.Is(err, syscall.ENOSPC) {
				t.Errorf("%s, room for %d of %d bytes: %v, want the write error", ext, room, whole.Len(), err)
			}
		}
	}
}
