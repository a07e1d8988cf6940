//go:build unix

package main

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// TestPrivateFilesWhateverTheUmask runs every command that writes a file
// under umask 0 and checks that each file it left is mode 0600 and each
// directory 0700: the project, its WAL and index, exports, backups,
// copies, key files and the pseudonym key.
func TestPrivateFilesWhateverTheUmask(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	in := t.TempDir()
	src := write(t, in, "a.txt", []byte(clientInterview+"H: Entä Virtanen?\nV: Virtaselle soitettiin.\n"))
	names := write(t, in, "n.txt", []byte("Virtanen\n"))
	p := filepath.Join(dir, "p.avain")
	mustRun(t, "init", p, "--coder", "aino")
	mustRun(t, "import", p, src, "--pseudonymize", "--names", names, "--yes", "--key-file", filepath.Join(dir, "keys.csv"))
	mustRun(t, "code", p, "--doc", "a.txt", "--turn", "2", "--code", "Toistuvat liitepyynnöt", "--coder", "aino")
	mustRun(t, "search", p, "Kela")
	for _, f := range []string{"freq.csv", "freq.xlsx", "segments.md"} {
		what := "freq"
		if strings.HasPrefix(f, "segments") {
			what = "segments"
		}
		mustRun(t, "export", p, what, "-o", filepath.Join(dir, f))
	}
	mustRun(t, "export", p, "qdpx", "-o", filepath.Join(dir, "p.qdpx"))
	mustRun(t, "codebook", p, "--export", filepath.Join(dir, "codebook.qdc"))
	mustRun(t, "copy", p, filepath.Join(dir, "ville.avain"), "--coder", "ville")
	mustRun(t, "code", filepath.Join(dir, "ville.avain"), "--doc", "a.txt", "--turn", "4", "--code", "Toistuvat liitepyynnöt")
	mustRun(t, "merge", p, filepath.Join(dir, "ville.avain"))
	mustRun(t, "init", filepath.Join(dir, "r.avain"), "--from", filepath.Join(dir, "p.qdpx"))

	n := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		want := fs.FileMode(0o600)
		if d.IsDir() {
			want = 0o700
		}
		if got := info.Mode().Perm(); got != want {
			rel, _ := filepath.Rel(dir, path)
			t.Errorf("%s: mode %#o, want %#o", rel, got, want)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"p.before-merge-", "keys.csv", "freq.xlsx", "p.avain.index", "pseudonym-keys"} {
		found := false
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			found = found || strings.Contains(path, want)
			return nil
		})
		if !found {
			t.Errorf("no %s was written", want)
		}
	}
	t.Logf("%d files and directories checked", n)
}

// TestNoNetwork checks that no package of this module imports a network
// package (net/url, which only parses strings, aside): the tool never opens a connection. (A library may import one,
// as bleve does expvar, while nothing in avain listens or dials.)
func TestNoNetwork(t *testing.T) {
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	files := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && path != root || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		files++
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			// net/url only parses strings (the SQLite file name).
			if p == "net" || strings.HasPrefix(p, "net/") && p != "net/url" || p == "crypto/tls" || p == "expvar" {
				t.Errorf("%s imports %s", path, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 50 {
		t.Fatalf("only %d Go files found under %s", files, root)
	}
}
