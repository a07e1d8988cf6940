//go:build unix

package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// bigProject is a project whose every export is larger than the 48 KiB
// that TestOutputFullDisk lets a file grow to: 450 codes with long names,
// and a long turn coded twice.
func bigProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(7, 8))
	hex := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = "0123456789abcdef"[rng.IntN(16)]
		}
		return string(b)
	}
	var cb strings.Builder
	cb.WriteString("codebook: Big\ncodes:\n  - id: 00000000-0000-4000-8000-000000000001\n    name_fi: Iso\n    name_en: Big\n    color: \"#2e86c1\"\n    children:\n")
	for i := range 450 {
		h := hex(120)
		fmt.Fprintf(&cb, "      - id: 00000000-0000-4000-8000-%012d\n        name_fi: K%s\n        name_en: E%s\n        color: \"#5dade2\"\n", 1000+i, h, h)
	}
	words := make([]string, 12000)
	for i := range words {
		words[i] = hex(8)
	}
	doc := write(t, dir, "a.txt", []byte("H: Kysymys?\nV: "+strings.Join(words, " ")+"\nH: Toinen?\nV: Toinen vastaus.\n"))
	proj := filepath.Join(dir, "big.avain")
	mustRun(t, "init", proj, "--codebook", write(t, dir, "big.yaml", []byte(cb.String())))
	mustRun(t, "import", proj, doc)
	mustRun(t, "code", proj, "--doc", "a.txt", "--turn", "2", "--code", "Big", "--coder", "aino")
	mustRun(t, "code", proj, "--doc", "a.txt", "--turn", "4", "--code", "Big", "--coder", "aino")
	return proj
}

// entries lists the names in dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// TestOutputFullDisk runs every writer against a full disk (no file may
// grow past 48 KiB): each exits 1 with one line naming the file and no
// "wrote", leaves an older file at the path byte for byte as it was, and
// leaves no temporary file; a new file is not created at all.
func TestOutputFullDisk(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: every output on a full disk (prlimit); run without -short")
	}
	bin := binary(t)
	prlimit := needPrlimit(t)
	proj := bigProject(t)
	const limit = 48 << 10 // room for the project's shared-memory file (32 KiB)
	cases := []struct {
		name, file string
		args       []string
		new        bool // also with no file at the path
	}{
		{"segments", "s.csv", []string{"export", proj, "segments", "-o"}, true},
		{"freq csv", "f.csv", []string{"export", proj, "freq", "-o"}, false},
		{"freq tsv", "f.tsv", []string{"export", proj, "freq", "-o"}, false},
		{"freq md", "f.md", []string{"export", proj, "freq", "-o"}, false},
		{"freq json", "f.json", []string{"export", proj, "freq", "-o"}, false},
		{"freq xlsx", "f.xlsx", []string{"export", proj, "freq", "-o"}, true},
		{"cooccur", "c.csv", []string{"export", proj, "cooccur", "--code", "Big", "-o"}, false},
		{"qdpx", "p.qdpx", []string{"export", proj, "qdpx", "-o"}, true},
		{"codebook qdc", "cb.qdc", []string{"codebook", proj, "--export"}, false},
		{"codebook yaml", "cb.yaml", []string{"codebook", proj, "--export"}, true},
		{"codebook yml", "cb.yml", []string{"codebook", proj, "--export"}, false},
		{"codebook md", "cb.md", []string{"codebook", proj, "--export"}, false},
	}
	old := []byte("an older export, to be kept\n")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			out := filepath.Join(dir, c.file)
			variants := []bool{true} // an older file at the path
			if c.new {
				variants = append(variants, false) // none
			}
			for _, older := range variants {
				if older {
					write(t, dir, c.file, old)
				} else {
					os.Remove(out)
				}
				cmd := exec.Command(prlimit, append([]string{fmt.Sprintf("--fsize=%d", limit), bin}, append(c.args, out)...)...)
				b, err := cmd.CombinedOutput()
				msg := strings.TrimSpace(string(b))
				var ee *exec.ExitError
				if !errors.As(err, &ee) || ee.ExitCode() != 1 {
					t.Errorf("older file %v: %v, want exit 1: %q", older, err, msg)
				}
				if strings.Contains(msg, "\n") || !strings.Contains(msg, out) || strings.Contains(msg, "wrote") {
					t.Errorf("older file %v: want one line naming %s and no \"wrote\": %q", older, out, msg)
				}
				if older {
					t.Logf("full disk: %s", msg)
				}
				got, err := os.ReadFile(out)
				switch {
				case older && !bytes.Equal(got, old):
					t.Errorf("the older file was replaced: %v, %d bytes", err, len(got))
				case !older && !errors.Is(err, os.ErrNotExist):
					t.Errorf("a file of %d bytes was left where there was none", len(got))
				}
				want := []string{c.file}
				if !older {
					want = nil
				}
				if names := entries(t, dir); !slices.Equal(names, want) {
					t.Errorf("left in the folder: %q, want %q", names, want)
				}
			}
		})
	}
}

// TestOutputRefusesProjects aims every writer at the project, its WAL and
// shared memory, its index folder, another project and links to them: each
// is refused with one line naming the path, and nothing changes.
func TestOutputRefusesProjects(t *testing.T) {
	proj, dir := codedProject(t)
	mustRun(t, "code", proj, "--doc", "asiakas_01.txt", "--turn", "2", "--code", "Toistuvat liitepyynnöt", "--coder", "aino")
	other := filepath.Join(dir, "other.avain")
	mustRun(t, "init", other)
	disguised := filepath.Join(dir, "backup.csv") // a project under another name
	data, err := os.ReadFile(other)
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "backup.csv", data)
	write(t, dir, "backup.qdpx", data)
	os.Mkdir(filepath.Join(dir, "sub"), 0o700)
	link := func(name, to string) string {
		p := filepath.Join(dir, name)
		if err := os.Symlink(to, p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	toProj := link("link.csv", proj)
	toOther := link("link.yaml", other)
	toDir := link("here", dir)
	// A folder inside the index: its current generation.
	cur, _ := os.ReadFile(proj + ".index/current")
	gen := strings.TrimSpace(string(cur))
	// The project's -wal and -shm exist while it is open, and not after:
	// both are refused either way.
	cases := []struct {
		name string
		args []string
		path string
	}{
		{"the project", []string{"export", proj, "segments", "-o"}, proj},
		{"the project, with ..", []string{"export", proj, "segments", "-o"}, filepath.Join(dir, "sub") + "/../study.avain"},
		{"a link to the project", []string{"export", proj, "freq", "-o"}, toProj},
		{"the project in a linked folder", []string{"export", proj, "freq", "--format", "csv", "-o"}, filepath.Join(toDir, "study.avain")},
		{"its WAL", []string{"export", proj, "freq", "--format", "csv", "-o"}, proj + "-wal"},
		{"its shared memory", []string{"export", proj, "cooccur", "--format", "csv", "-o"}, proj + "-shm"},
		{"its index folder", []string{"export", proj, "freq", "-o"}, proj + ".index/x.csv"},
		{"deep in its index folder", []string{"export", proj, "freq", "-o"}, filepath.Join(toDir, "sub", "..", "study.avain.index", gen, "x.csv")},
		{"another project", []string{"export", proj, "freq", "--format", "md", "-o"}, other},
		{"another project's WAL", []string{"export", proj, "freq", "--format", "md", "-o"}, other + "-wal"},
		{"another project named .csv", []string{"export", proj, "segments", "-o"}, disguised},
		{"qdpx over the project", []string{"export", proj, "qdpx", "--format", "qdpx", "-o"}, proj},
		{"qdpx over another project", []string{"export", proj, "qdpx", "-o"}, filepath.Join(dir, "backup.qdpx")},
		{"qdpx into the index", []string{"export", proj, "qdpx", "-o"}, proj + ".index/p.qdpx"},
		{"codebook over a link to a project", []string{"codebook", proj, "--export"}, toOther},
		{"codebook into the index", []string{"codebook", proj, "--export"}, proj + ".index/cb.qdc"},
	}
	before, otherBefore := fullContent(t, proj), string(data)
	pristine, err := os.ReadFile(proj)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// Each case starts from the whole project, so that a case
			// that destroys it is not hidden by the ones after it.
			defer func() {
				os.Remove(proj + "-wal")
				os.Remove(proj + "-shm")
				os.WriteFile(proj, pristine, 0o600)
				os.WriteFile(other, data, 0o600)
				os.WriteFile(disguised, data, 0o600)
			}()
			code, out, errs := avain(t, append(c.args, c.path)...)
			msg := strings.TrimSpace(errs)
			if code != 1 || strings.Contains(msg, "\n") || !strings.Contains(msg, c.path) || !strings.Contains(msg, "project") || strings.Contains(out+errs, "wrote") {
				t.Errorf("exit %d, want 1 and one line naming %s: %q %q", code, c.path, out, errs)
			}
			t.Logf("%s", msg)
			if b, err := os.ReadFile(other); err != nil || string(b) != otherBefore {
				t.Errorf("the other project changed: %v", err)
			}
			if b, err := os.ReadFile(disguised); err != nil || string(b) != otherBefore {
				t.Errorf("the project named backup.csv changed: %v", err)
			}
			for _, p := range []string{proj + ".index/x.csv", proj + ".index/" + gen + "/x.csv", proj + ".index/p.qdpx", proj + ".index/cb.qdc"} {
				if _, err := os.Stat(p); err == nil {
					t.Errorf("%s was written", p)
				}
			}
		})
	}
	if after := fullContent(t, proj); after != before {
		t.Errorf("the project changed:\n%s\n---\n%s", before, after)
	}
	if code, out, errs := avain(t, "check", proj); code != 0 {
		t.Errorf("check: %s%s", out, errs)
	}
	if code, _, errs := avain(t, "docs", other); code != 0 {
		t.Errorf("the other project: %s", errs)
	}
	if fi, err := os.Lstat(toProj); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link to the project was replaced: %v", err)
	}
}

// TestOutputStreams writes to a named pipe (read while it is written), a
// character device and standard output: each is written in place and
// never replaced or chmodded, and -o - makes no file named "-".
func TestOutputStreams(t *testing.T) {
	bin := binary(t)
	proj, dir := codedProject(t)
	mustRun(t, "code", proj, "--doc", "asiakas_01.txt", "--turn", "2", "--code", "Toistuvat liitepyynnöt", "--coder", "aino")
	run := func(args ...string) (stdout []byte, stderr string, err error) {
		cmd := exec.Command(bin, args...)
		cmd.Dir = dir // a file named "-" would land here
		var o, e bytes.Buffer
		cmd.Stdout, cmd.Stderr = &o, &e
		err = cmd.Run()
		return o.Bytes(), e.String(), err
	}
	t.Run("fifo", func(t *testing.T) {
		for _, c := range []struct {
			name string
			args []string
			want string
		}{
			{"pipe.csv", []string{"export", proj, "freq"}, "Toistuvat liitepyynnöt"},
			{"pipe", []string{"export", proj, "qdpx"}, "PK\x03\x04"}, // any name: a pipe is a stream
		} {
			fifo := filepath.Join(dir, c.name)
			if err := syscall.Mkfifo(fifo, 0o640); err != nil {
				t.Fatal(err)
			}
			// The reader opens the pipe by a second name, so that a test of
			// code that replaces the pipe can still let it go.
			keep := fifo + ".keep"
			if err := os.Link(fifo, keep); err != nil {
				t.Fatal(err)
			}
			got := make(chan []byte)
			go func() {
				f, err := os.Open(keep)
				if err != nil {
					got <- nil
					return
				}
				b, _ := io.ReadAll(f)
				f.Close()
				got <- b
			}()
			_, errs, err := run(append(c.args, "-o", fifo)...)
			if err != nil {
				t.Errorf("%s: %v %s", c.name, err, errs)
			}
			fi, lerr := os.Lstat(fifo)
			if lerr != nil || fi.Mode()&os.ModeNamedPipe == 0 || fi.Mode().Perm() != 0o640 {
				t.Errorf("%s was replaced or chmodded: %v %v", c.name, lerr, fi.Mode())
				if f, err := os.OpenFile(keep, os.O_WRONLY, 0); err == nil {
					f.Close() // lets the reader go
				}
			}
			if b := <-got; !strings.Contains(string(b), c.want) {
				t.Errorf("%s: read %d bytes without %q", c.name, len(b), c.want)
			}
			os.Remove(keep)
		}
	})
	t.Run("device", func(t *testing.T) {
		if runtime.GOOS != "linux" || os.Geteuid() != 0 {
			t.Skip("making a device node needs root on Linux")
		}
		null := filepath.Join(dir, "null")
		if err := syscall.Mknod(null, syscall.S_IFCHR|0o666, 1<<8|3); err != nil { // /dev/null's numbers
			t.Skipf("cannot make a device node here: %v", err)
		}
		if f, err := os.OpenFile(null, os.O_WRONLY, 0); err != nil {
			t.Skipf("device nodes do not work here (nodev?): %v", err)
		} else {
			f.Close()
		}
		os.Chmod(null, 0o666)
		for _, args := range [][]string{{"export", proj, "segments", "-o", null}, {"export", proj, "qdpx", "-o", null}} {
			if _, errs, err := run(args...); err != nil {
				t.Errorf("%v: %v %s", args, err, errs)
			}
			fi, err := os.Lstat(null)
			if err != nil || fi.Mode()&os.ModeCharDevice == 0 || fi.Mode().Perm() != 0o666 {
				t.Fatalf("%v: the device was replaced or chmodded: %v %v", args, err, fi.Mode())
			}
		}
	})
	t.Run("stdout", func(t *testing.T) {
		for _, c := range []struct {
			args []string
			want string
		}{
			{[]string{"export", proj, "freq", "-o", "-"}, "Toistuvat liitepyynnöt"},
			{[]string{"export", proj, "freq", "--format", "xlsx", "-o", "-"}, "PK\x03\x04"},
			{[]string{"export", proj, "qdpx", "-o", "-"}, "PK\x03\x04"},
		} {
			out, errs, err := run(c.args...)
			if err != nil || !strings.HasPrefix(string(out), c.want) && !strings.Contains(string(out), c.want) {
				t.Errorf("%v: %v, %d bytes on stdout: %s", c.args, err, len(out), errs)
			}
		}
		if _, err := os.Lstat(filepath.Join(dir, "-")); err == nil {
			t.Error(`a file named "-" was written`)
		}
		if runtime.GOOS == "linux" { // a link to a pipe that names no file, as /dev/stdout is
			out, errs, err := run("export", proj, "qdpx", "-o", "/proc/self/fd/1")
			if err != nil || !strings.HasPrefix(string(out), "PK\x03\x04") {
				t.Errorf("-o /proc/self/fd/1: %v, %d bytes on stdout: %s", err, len(out), errs)
			}
		}
	})
}

// TestOutputSymlinks: a link to a regular file writes the file it names
// (the link stays); a link to nothing is refused.
func TestOutputSymlinks(t *testing.T) {
	proj, dir := codedProject(t)
	real := filepath.Join(dir, "reports", "themes.csv")
	os.Mkdir(filepath.Dir(real), 0o700)
	write(t, filepath.Dir(real), "themes.csv", []byte("old\n"))
	os.Chmod(real, 0o644)
	link := filepath.Join(dir, "themes.csv")
	if err := os.Symlink(filepath.Join("reports", "themes.csv"), link); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := avain(t, "export", proj, "freq", "-o", link); code != 0 {
		t.Fatalf("through a link: %s", errs)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v", err)
	}
	b, err := os.ReadFile(real)
	if fi, serr := os.Stat(real); err != nil || serr != nil || !strings.Contains(string(b), "Byrokratialoukut") || fi.Mode().Perm() != 0o600 {
		t.Errorf("the file the link names: %v, mode %v, %q", err, fi.Mode(), b)
	}
	dangling := filepath.Join(dir, "gone.csv")
	if err := os.Symlink(filepath.Join(dir, "nowhere", "x.csv"), dangling); err != nil {
		t.Fatal(err)
	}
	code, _, errs := avain(t, "export", proj, "freq", "-o", dangling)
	if code != 1 || !strings.Contains(errs, dangling) || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
		t.Errorf("a link to nothing: exit %d, %q", code, errs)
	}
	if fi, err := os.Lstat(dangling); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link to nothing was replaced: %v", err)
	}
}

// TestOutputFormats: an extension avain does not write is refused, naming
// the formats, unless --format says which; qdpx wants .qdpx, the codebook
// its own extensions.
func TestOutputFormats(t *testing.T) {
	proj, dir := codedProject(t)
	at := func(name string) string { return filepath.Join(dir, name) }
	for _, c := range []struct {
		args  []string
		file  string
		names []string // what the message names
	}{
		{[]string{"export", proj, "freq", "-o", at("x.pdf")}, "x.pdf", []string{".pdf", ".csv", ".tsv", ".md", ".json", ".xlsx", "--format"}},
		{[]string{"export", proj, "segments", "-o", at("x.txt")}, "x.txt", []string{".txt", ".csv", "--format"}},
		{[]string{"export", proj, "qdpx", "-o", at("x.zip")}, "x.zip", []string{".qdpx", "--format qdpx"}},
		{[]string{"export", proj, "qdpx", "-o", at("x.csv")}, "x.csv", []string{".qdpx"}},
		{[]string{"export", proj, "qdpx", "--format", "csv", "-o", at("y.qdpx")}, "y.qdpx", []string{"qdpx"}},
		{[]string{"codebook", proj, "--export", at("x.pdf")}, "x.pdf", []string{".qdc", ".yaml", ".yml", ".md"}},
	} {
		code, _, errs := avain(t, c.args...)
		first, _, _ := strings.Cut(errs, "\n")
		if code == 0 {
			t.Errorf("%v: accepted", c.args)
		}
		for _, n := range c.names {
			if !strings.Contains(first, n) {
				t.Errorf("%v: the message does not name %s: %q", c.args, n, first)
			}
		}
		if _, err := os.Stat(at(c.file)); err == nil {
			t.Errorf("%v: %s was written", c.args, c.file)
		}
	}
	for _, c := range []struct {
		args []string
		file string
		want string // the file begins so
	}{
		{[]string{"export", proj, "freq", "--format", "csv", "-o", at("x.pdf")}, "x.pdf", ",kaikki (n = "},
		{[]string{"export", proj, "freq", "--format", "json", "-o", at("f.csv")}, "f.csv", "["},
		{[]string{"export", proj, "freq", "--layout", "data", "-o", at("noext")}, "noext", "code_id,"},
		{[]string{"export", proj, "qdpx", "--format", "qdpx", "-o", at("x.zip")}, "x.zip", "PK\x03\x04"},
		{[]string{"export", proj, "qdpx", "-o", at("X.QDPX")}, "X.QDPX", "PK\x03\x04"},
	} {
		if code, _, errs := avain(t, c.args...); code != 0 {
			t.Errorf("%v: %s", c.args, errs)
			continue
		}
		if b, err := os.ReadFile(at(c.file)); err != nil || !strings.HasPrefix(string(b), c.want) {
			t.Errorf("%v: %v, %.40q", c.args, err, b)
		}
	}
}
