package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// fileState is what must not change in a file avain refuses: its bytes,
// its modification time, and whether SQLite's side files exist.
type fileState struct {
	data  []byte
	mtime time.Time
	sides []string
}

func stateOf(t *testing.T, path string) fileState {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fileState{data: data, mtime: st.ModTime(), sides: sideFiles(path)}
}

// sideFiles lists SQLite's files beside path that exist.
func sideFiles(path string) []string {
	var out []string
	for _, suf := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Lstat(path + suf); err == nil {
			out = append(out, filepath.Base(path+suf))
		}
	}
	return out
}

func sameState(t *testing.T, what string, before, after fileState) {
	t.Helper()
	if !bytes.Equal(before.data, after.data) {
		t.Errorf("%s: the file's bytes changed", what)
	}
	if !before.mtime.Equal(after.mtime) {
		t.Errorf("%s: the file's mtime changed (%v -> %v)", what, before.mtime, after.mtime)
	}
	if strings.Join(before.sides, ",") != strings.Join(after.sides, ",") {
		t.Errorf("%s: files beside it were %v, now %v", what, before.sides, after.sides)
	}
}

// foreignDB writes another program's SQLite database (rollback journal,
// the SQLite default) and returns its path.
func foreignDB(t *testing.T, dir, name string, appID int) string {
	t.Helper()
	path := filepath.Join(dir, name)
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)",
		"INSERT INTO notes(body) VALUES ('Matti soitti tiistaina')",
		"PRAGMA application_id = " + strconv.Itoa(appID)} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	// An mtime in the past, so a write in this second would show.
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	return path
}

func journalMode(t *testing.T, path string) string {
	t.Helper()
	// Read the mode from the header (bytes 18 and 19 are 2 in WAL mode),
	// without opening the file through SQLite.
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) < 20 {
		return "empty"
	}
	if data[18] == 2 || data[19] == 2 {
		return "wal"
	}
	return "rollback"
}

// TestOpenLeavesForeignFilesAlone: another program's SQLite database, or a
// file that is no database, is refused without being changed: not its
// bytes, not its mtime, not its journal mode, and no -wal or -shm left.
func TestOpenLeavesForeignFilesAlone(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	cases := map[string]string{
		"another program's database":             foreignDB(t, dir, "other.db", 0),
		"a database with another application id": foreignDB(t, dir, "tagged.db", 0x12345678),
		"another program's database in WAL mode": func() string {
			p := filepath.Join(dir, "wal.db")
			db, err := sql.Open("sqlite", "file:"+p+"?_pragma=journal_mode(WAL)")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec("CREATE TABLE notes(body TEXT)"); err != nil {
				t.Fatal(err)
			}
			db.Close()
			return p
		}(),
		"an empty file": func() string {
			p := filepath.Join(dir, "empty.avain")
			os.WriteFile(p, nil, 0o600)
			return p
		}(),
		"a text file": func() string {
			p := filepath.Join(dir, "notes.avain")
			os.WriteFile(p, []byte(strings.Repeat("Haastattelu 1\n", 50)), 0o600)
			return p
		}(),
		"a short file with the magic": func() string {
			p := filepath.Join(dir, "short.avain")
			os.WriteFile(p, []byte("SQLite format 3\x00"), 0o600)
			return p
		}(),
	}
	for name, path := range cases {
		t.Run(name, func(t *testing.T) {
			before := stateOf(t, path)
			mode := journalMode(t, path)
			s, err := Open(ctx, path)
			if err == nil {
				s.Close()
				t.Fatal("opened")
			}
			if !errors.Is(err, ErrNotProject) {
				t.Errorf("err = %v, want ErrNotProject", err)
			}
			if msg := err.Error(); strings.Contains(msg, "\n") || !strings.Contains(msg, path) {
				t.Errorf("message %q: want one line naming the file", msg)
			}
			sameState(t, "Open", before, stateOf(t, path))
			if got := journalMode(t, path); got != mode {
				t.Errorf("journal mode %s -> %s", mode, got)
			}

			// A merge given it as a source leaves it alone too.
			target, _ := newProject(t)
			if _, err := target.Merge(ctx, []string{path}, MergeOptions{}); !errors.Is(err, ErrNotProject) {
				t.Errorf("merge: %v, want ErrNotProject", err)
			}
			sameState(t, "Merge", before, stateOf(t, path))
		})
	}
}

// TestOpenProjectWhoseHeaderIsInItsWAL: a project made by an avain that
// set its application id only in the WAL, and stopped before the first
// checkpoint, has that id in the -wal alone; it is still recognised (from
// the WAL's newest committed first page) and opens with what it holds.
func TestOpenProjectWhoseHeaderIsInItsWAL(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "p.avain")
	db, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, q := range []string{"PRAGMA wal_autocheckpoint = 0",
		"PRAGMA application_id = " + strconv.Itoa(ApplicationID),
		"CREATE TABLE kept(v TEXT)",
		"INSERT INTO kept(v) VALUES ('aino')"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	// Copy the files as a kill leaves them: the file, and its WAL.
	crashed := filepath.Join(dir, "crashed.avain")
	for _, suf := range []string{"", "-wal"} {
		data, err := os.ReadFile(path + suf)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(crashed+suf, data, 0o600)
	}
	if isProjectHeader(stateOf(t, crashed).data) {
		t.Fatal("the id reached the file; the test would prove nothing")
	}
	s, err := Open(ctx, crashed)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()
	var got string
	if err := s.DB().QueryRow("SELECT v FROM kept").Scan(&got); err != nil || got != "aino" {
		t.Errorf("kept %q, %v; want aino", got, err)
	}

	// A WAL cut inside its last frame: that transaction never committed.
	os.Remove(crashed + "-wal")
	wal, _ := os.ReadFile(path + "-wal")
	torn := filepath.Join(dir, "torn.avain")
	os.WriteFile(torn, stateOf(t, path).data, 0o600)
	os.WriteFile(torn+"-wal", wal[:32+24+100], 0o600)
	if err := identify(torn); !errors.Is(err, ErrNotProject) {
		t.Errorf("a WAL without a committed first page: %v, want ErrNotProject", err)
	}
}

// TestMergeLeavesNoTraceBesideSources: merging reads each source without
// writing beside it. A cleanly closed source gains no -wal or -shm and
// keeps its bytes and mtime; a source open elsewhere, whose newest
// documents are only in its un-checkpointed WAL, is read with them, and
// its files are as they were; so is a source whose process was killed
// with its WAL full.
func TestMergeLeavesNoTraceBesideSources(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	newSource := func(name string) string {
		path := filepath.Join(dir, name)
		s, err := Create(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.ImportDocument(ctx, sampleDoc(name+".txt", "H: kysymys\nV: vastaus"), "aino"); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		return path
	}
	docNames := func(path string) string {
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		docs, err := s.Documents(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, d := range docs {
			names = append(names, d.Name)
		}
		return strings.Join(names, ",")
	}

	t.Run("closed", func(t *testing.T) {
		a, b := newSource("a.avain"), newSource("b.avain")
		beforeA, beforeB := stateOf(t, a), stateOf(t, b)
		target, _ := newProject(t)
		rep, err := target.Merge(ctx, []string{a, b}, MergeOptions{Coder: "lead"})
		if err != nil || !rep.Changed {
			t.Fatalf("merge: %v (changed %v)", err, rep != nil && rep.Changed)
		}
		target.Close()
		sameState(t, "a.avain", beforeA, stateOf(t, a))
		sameState(t, "b.avain", beforeB, stateOf(t, b))
	})

	t.Run("a -shm left alone", func(t *testing.T) {
		// A reader killed by SIGPIPE can leave -shm behind with no -wal.
		a := newSource("shm.avain")
		if err := os.WriteFile(a+"-shm", make([]byte, 32768), 0o600); err != nil {
			t.Fatal(err)
		}
		before := stateOf(t, a)
		target, _ := newProject(t)
		if _, err := target.Merge(ctx, []string{a}, MergeOptions{Coder: "lead"}); err != nil {
			t.Fatalf("merge: %v", err)
		}
		target.Close()
		sameState(t, "shm.avain", before, stateOf(t, a))
	})

	t.Run("open elsewhere with its WAL", func(t *testing.T) {
		live := newSource("live.avain")
		s, err := Open(ctx, live)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.db.Exec("PRAGMA wal_autocheckpoint = 0"); err != nil {
			t.Fatal(err)
		}
		if err := s.ImportDocument(ctx, sampleDoc("only-in-wal.txt", "H: uusi\nV: vain WAL:ssa"), "aino"); err != nil {
			t.Fatal(err)
		}
		before := stateOf(t, live)
		if len(before.sides) != 2 {
			t.Fatalf("an open project has %v beside it; want its -wal and -shm", before.sides)
		}
		target, tpath := newProject(t)
		if _, err := target.Merge(ctx, []string{live}, MergeOptions{Coder: "lead"}); err != nil {
			t.Fatal(err)
		}
		target.Close()
		if got := docNames(tpath); !strings.Contains(got, "only-in-wal.txt") {
			t.Errorf("the merge missed what the source's WAL holds: %s", got)
		}
		sameState(t, "live.avain", before, stateOf(t, live))
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if got := sideFiles(live); len(got) != 0 {
			t.Errorf("after the source's own process closed it, %v remain beside it", got)
		}
	})

	t.Run("killed with its WAL", func(t *testing.T) {
		src := newSource("src.avain")
		s, err := Open(ctx, src)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, err := s.db.Exec("PRAGMA wal_autocheckpoint = 0"); err != nil {
			t.Fatal(err)
		}
		if err := s.ImportDocument(ctx, sampleDoc("unsaved.txt", "H: uusi\nV: vain WAL:ssa"), "aino"); err != nil {
			t.Fatal(err)
		}
		// What a kill leaves: the file, its -wal and -shm, no process.
		killed := filepath.Join(dir, "killed.avain")
		for _, suf := range []string{"", "-wal", "-shm"} {
			data, err := os.ReadFile(src + suf)
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(killed+suf, data, 0o600)
		}
		before := stateOf(t, killed)
		target, tpath := newProject(t)
		if _, err := target.Merge(ctx, []string{killed}, MergeOptions{Coder: "lead"}); err != nil {
			t.Fatal(err)
		}
		target.Close()
		if got := docNames(tpath); !strings.Contains(got, "unsaved.txt") {
			t.Errorf("the merge missed what the killed source's WAL holds: %s", got)
		}
		after := stateOf(t, killed)
		if !bytes.Equal(before.data, after.data) || strings.Join(before.sides, ",") != strings.Join(after.sides, ",") {
			t.Errorf("the killed source changed: files %v -> %v", before.sides, after.sides)
		}
	})
}
