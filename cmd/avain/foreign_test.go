package main

import (
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sqliteSides lists SQLite's files beside path that exist.
func sqliteSides(path string) []string {
	var out []string
	for _, suf := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Lstat(path + suf); err == nil {
			out = append(out, filepath.Base(path)+suf)
		}
	}
	return out
}

// untouched records a file's bytes, mtime and SQLite side files, and
// returns a check that they are the same.
func untouched(t *testing.T, path string) func(what string) {
	t.Helper()
	read := func() ([]byte, time.Time, string) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		return data, st.ModTime(), strings.Join(sqliteSides(path), ",")
	}
	data, mtime, sides := read()
	return func(what string) {
		t.Helper()
		d, m, s := read()
		if !bytes.Equal(d, data) {
			t.Errorf("%s: the bytes of %s changed", what, filepath.Base(path))
		}
		if !m.Equal(mtime) {
			t.Errorf("%s: the mtime of %s changed", what, filepath.Base(path))
		}
		if s != sides {
			t.Errorf("%s: beside %s were [%s], now [%s]", what, filepath.Base(path), sides, s)
		}
	}
}

// TestForeignDatabaseIsLeftAlone: another program's SQLite database (in
// rollback-journal mode, SQLite's default) given to any command that opens
// a project is refused in one line naming it, and is left exactly as it
// was: its bytes, its mtime, its journal mode; no -wal or -shm beside it.
func TestForeignDatabaseIsLeftAlone(t *testing.T) {
	dir := t.TempDir()
	foreign := filepath.Join(dir, "muistiinpanot.db")
	db, err := sql.Open("sqlite", "file:"+foreign)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)",
		"INSERT INTO notes(body) VALUES ('Matti soitti tiistaina')"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	os.Chtimes(foreign, old, old)
	header := func() byte {
		b, _ := os.ReadFile(foreign)
		return b[18] // 1 in rollback-journal mode, 2 in WAL mode
	}
	if header() != 1 {
		t.Fatal("the foreign database is not in rollback-journal mode")
	}
	target := filepath.Join(dir, "t.avain")
	mustRun(t, "init", target)
	txt := write(t, dir, "x.txt", []byte(clientInterview))
	same := untouched(t, foreign)
	for _, args := range [][]string{
		{"check", foreign},
		{"check", foreign, "--reindex"},
		{"docs", foreign},
		{"search", foreign, "Kela"},
		{"codings", foreign},
		{"codebook", foreign},
		{"log", foreign},
		{"export", foreign, "segments", "-o", filepath.Join(dir, "out.csv")},
		{"import", foreign, txt},
		{"merge", target, foreign},
		{"merge", target, foreign, "--dry-run"},
		{"merge", foreign, target},
		{"copy", foreign, filepath.Join(dir, "copy.avain")},
		{"code", foreign, "--doc", "x", "--turn", "1", "--code", "y"},
		{"agreement", foreign, "--coders", "a,b"},
		{"open", foreign},
	} {
		name := strings.Join(args, " ")
		code, out, errs := avain(t, args...)
		if code != 1 {
			t.Errorf("%s: exit %d, want 1\n%s%s", name, code, out, errs)
		}
		if lines := strings.Split(strings.TrimRight(errs, "\n"), "\n"); len(lines) != 1 ||
			!strings.Contains(errs, foreign) || !strings.Contains(errs, "not an avain project") {
			t.Errorf("%s: want one line naming the file and saying it is not an avain project, got %q", name, errs)
		}
		same(name)
		if header() != 1 {
			t.Fatalf("%s switched the database to WAL", name)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "copy.avain")); err == nil {
		t.Error("copy wrote a copy of a foreign database")
	}
}
