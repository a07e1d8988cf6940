package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/toituavain/avain/coding"
)

func newProject(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "p.avain")
	s, err := Create(context.Background(), path)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func sampleDoc(name, text string) *coding.Document {
	d := &coding.Document{Name: name, Kind: coding.KindClient, Lang: "fi", Format: "txt", Text: text,
		Attrs: map[string]string{"region": "Kuopio"}}
	// One turn per line, after the "X: " label.
	off := 0
	for i, line := range strings.Split(text, "\n") {
		n := coding.RuneLen(line)
		d.Turns = append(d.Turns, coding.Turn{N: i + 1, Speaker: line[:1], Start: off + 3, End: off + n})
		off += n + 1
	}
	return d
}

func TestCreateOpenPragmasAndMode(t *testing.T) {
	s, path := newProject(t)
	ctx := context.Background()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("project mode %v, want 0600", fi.Mode().Perm())
	}
	var mode string
	var fk, busy int
	// Check on several pooled connections at once: pragmas live in the DSN.
	conns := make([]*sql.Conn, 3)
	for i := range conns {
		c, err := s.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns[i] = c
		if err := c.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
			t.Fatal(err)
		}
		c.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk)
		c.QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&busy)
		if mode != "wal" || fk != 1 || busy < 1000 {
			t.Errorf("connection %d: journal_mode=%s foreign_keys=%d busy_timeout=%d", i, mode, fk, busy)
		}
	}
	if v, err := s.Version(ctx); err != nil || v != SchemaVersion() || v < 1 {
		t.Errorf("Version = %d, %v; want %d", v, err, SchemaVersion())
	}
	if _, err := Create(ctx, path); !errors.Is(err, ErrExists) {
		t.Errorf("Create over an existing file: %v, want ErrExists", err)
	}
}

func TestOpenRefusals(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	if _, err := Open(ctx, filepath.Join(dir, "missing.avain")); !errors.Is(err, ErrNoProject) {
		t.Errorf("missing: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "missing.avain")); !os.IsNotExist(err) {
		t.Errorf("Open created the missing file")
	}

	garbage := filepath.Join(dir, "garbage.avain")
	os.WriteFile(garbage, []byte(strings.Repeat("this is not a database\n", 200)), 0o600)
	if _, err := Open(ctx, garbage); !errors.Is(err, ErrNotProject) {
		t.Errorf("garbage: %v, want ErrNotProject", err)
	}

	other := filepath.Join(dir, "other.db")
	db, err := sql.Open("sqlite", "file:"+other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE x(a)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := Open(ctx, other); !errors.Is(err, ErrNotProject) {
		t.Errorf("foreign sqlite: %v, want ErrNotProject", err)
	}

	s, path := newProject(t)
	if _, err := s.db.Exec("INSERT INTO schema_migrations(version, name, applied) VALUES (999, 'future', 0)"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err = Open(ctx, path)
	if !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("newer schema: %v, want ErrNewerSchema", err)
	}
	if !strings.Contains(err.Error(), "999") || strings.Contains(err.Error(), "\n") {
		t.Errorf("message should name the version on one line: %q", err)
	}
}

func TestImportDocumentRoundTrip(t *testing.T) {
	s, path := newProject(t)
	ctx := context.Background()
	fixed := time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)
	s.Now = func() time.Time { return fixed }
	v0, _ := s.ContentVersion(ctx)

	d := sampleDoc("asiakas_01.txt", "H: Miten hakemus eteni?\nV: Kelasta pyydettiin liitteitä kolme kertaa.")
	d.Turns[0].HasTime, d.Turns[0].Time = true, 754*time.Second
	if err := s.ImportDocument(ctx, d, "aino"); err != nil {
		t.Fatalf("ImportDocument: %v", err)
	}
	if d.ID == "" || d.Coder != "aino" || !d.Created.Equal(fixed) {
		t.Errorf("record not filled: %+v", d.Record)
	}
	v1, _ := s.ContentVersion(ctx)
	if v1 == v0 {
		t.Errorf("content version did not change on import: %s", v1)
	}

	// Reopen from disk and compare.
	s.Close()
	s2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	got, err := s2.Document(ctx, "asiakas_01.txt")
	if err != nil {
		t.Fatal(err)
	}
	if got.Text != d.Text || got.Hash != d.Hash || got.Kind != d.Kind || got.Attrs["region"] != "Kuopio" {
		t.Errorf("document changed on the way: %+v", got)
	}
	if len(got.Turns) != 2 || got.Turns[1] != d.Turns[1] || !got.Turns[0].HasTime || got.Turns[0].Time != 754*time.Second {
		t.Errorf("turns: %+v", got.Turns)
	}
	if txt := got.TurnText(got.Turns[1]); txt != "Kelasta pyydettiin liitteitä kolme kertaa." {
		t.Errorf("turn 2 text %q", txt)
	}
	byID, err := s2.Document(ctx, d.ID)
	if err != nil || byID.Name != d.Name {
		t.Errorf("by id: %v %v", byID, err)
	}

	docs, err := s2.Documents(ctx)
	if err != nil || len(docs) != 1 {
		t.Fatalf("Documents: %v %v", docs, err)
	}
	if docs[0].Turns != 2 || docs[0].Words != d.Words() || docs[0].Attrs["region"] != "Kuopio" {
		t.Errorf("summary %+v", docs[0])
	}
	log, err := s2.AuditLog(ctx)
	if err != nil || len(log) != 1 || log[0].Action != "import" || log[0].Coder != "aino" {
		t.Errorf("audit log %+v %v", log, err)
	}
	if strings.Contains(log[0].Detail, "Kelasta") {
		t.Errorf("audit log holds interview text: %q", log[0].Detail)
	}
}

func TestImportDuplicateAndInvalid(t *testing.T) {
	s, _ := newProject(t)
	ctx := context.Background()
	text := "H: Kysymys?\nV: Vastaus."
	if err := s.ImportDocument(ctx, sampleDoc("a.txt", text), "aino"); err != nil {
		t.Fatal(err)
	}
	err := s.ImportDocument(ctx, sampleDoc("copy-of-a.txt", text), "aino")
	var dup *DuplicateError
	if !errors.As(err, &dup) || !errors.Is(err, coding.ErrDuplicate) || dup.ExistingName != "a.txt" {
		t.Fatalf("duplicate: %v", err)
	}
	bad := sampleDoc("b.txt", "H: Toinen?\nV: Niin.")
	bad.Turns[1].End = 999
	if err := s.ImportDocument(ctx, bad, "aino"); !errors.Is(err, coding.ErrInvalid) {
		t.Errorf("invalid turns: %v", err)
	}
	docs, _ := s.Documents(ctx)
	if len(docs) != 1 {
		t.Errorf("refused imports changed the project: %d documents", len(docs))
	}
	var turns int
	s.db.QueryRow("SELECT count(*) FROM turns").Scan(&turns)
	if turns != 2 {
		t.Errorf("turns left behind: %d", turns)
	}
}

func TestAuditLogIsAppendOnly(t *testing.T) {
	s, _ := newProject(t)
	ctx := context.Background()
	if err := s.ImportDocument(ctx, sampleDoc("a.txt", "H: Kysymys?\nV: Vastaus."), "aino"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec("UPDATE audit_log SET coder = 'x'"); err == nil {
		t.Error("audit log row was updated")
	}
	if _, err := s.db.Exec("DELETE FROM audit_log"); err == nil {
		t.Error("audit log row was deleted")
	}
}

func TestResolveAmbiguousName(t *testing.T) {
	s, _ := newProject(t)
	ctx := context.Background()
	s.ImportDocument(ctx, sampleDoc("same.txt", "H: Yksi?\nV: Kaksi."), "aino")
	s.ImportDocument(ctx, sampleDoc("same.txt", "H: Kolme?\nV: Neljä."), "aino")
	if _, err := s.ResolveDocument(ctx, "same.txt"); !errors.Is(err, coding.ErrConflict) {
		t.Errorf("ambiguous: %v", err)
	}
	if _, err := s.ResolveDocument(ctx, "nope.txt"); !errors.Is(err, coding.ErrNotFound) {
		t.Errorf("missing: %v", err)
	}
}

func TestCheckCleanAndCloseCheckpoints(t *testing.T) {
	s, path := newProject(t)
	ctx := context.Background()
	s.ImportDocument(ctx, sampleDoc("a.txt", "H: Kysymys?\nV: Vastaus."), "aino")
	problems, err := s.Check(ctx)
	if err != nil || len(problems) != 0 {
		t.Errorf("Check on a good project: %v %v", problems, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
		t.Errorf("WAL not checkpointed on close: %d bytes", fi.Size())
	}
	// A plain copy of the closed project is complete.
	data, _ := os.ReadFile(path)
	cp := filepath.Join(t.TempDir(), "copy.avain")
	os.WriteFile(cp, data, 0o600)
	c, err := Open(ctx, cp)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if docs, _ := c.Documents(ctx); len(docs) != 1 {
		t.Errorf("copy has %d documents", len(docs))
	}
}

// TestCheckFindsTurnsPastTheText: a turn that reaches past its document's
// text (as a broken older import could leave) is reported, and only such.
func TestCheckFindsTurnsPastTheText(t *testing.T) {
	s, _ := newProject(t)
	ctx := context.Background()
	if err := s.ImportDocument(ctx, sampleDoc("a.txt", "H: Kysymys?\nV: Vastaus."), "aino"); err != nil {
		t.Fatal(err)
	}
	if err := s.ImportDocument(ctx, sampleDoc("b.txt", "H: Toinen?\nV: Niin."), "aino"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().ExecContext(ctx, `UPDATE turns SET end = end + 1000
		WHERE n = 2 AND document_id = (SELECT id FROM documents WHERE name = 'a.txt')`); err != nil {
		t.Fatal(err)
	}
	problems, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || !strings.Contains(problems[0], "1 turns reach past the end") {
		t.Errorf("Check: %q, want one turn past the end", problems)
	}
}

// TestCheckNamesACodebookTooDeep: a code tree an older version let grow
// past coding.MaxCodeDepth opens, and Check names the code too deep.
func TestCheckNamesACodebookTooDeep(t *testing.T) {
	s, _ := newProject(t)
	ctx := context.Background()
	parent := ""
	for i := 1; i <= coding.MaxCodeDepth+1; i++ {
		id := fmt.Sprintf("c%02d", i)
		if _, err := s.DB().ExecContext(ctx, `INSERT INTO codes (id, parent_id, name_fi, name_en, color, coder, created, updated)
			VALUES (?, NULLIF(?, ''), ?, '', '#336699', 'aino', 1, 1)`,
			id, parent, fmt.Sprintf("Taso %d", i)); err != nil {
			t.Fatal(err)
		}
		parent = id
	}
	problems, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || !strings.Contains(problems[0], "Taso 17") || !strings.Contains(problems[0], "16") {
		t.Errorf("Check: %q, want the code 17 levels deep named", problems)
	}
}

// twoCoded makes a project of two short documents and two codes, A and B
// (made by aino), and returns it with them and a function that adds a
// coding of a code to a document, span [start, end), by coder.
func twoCoded(t *testing.T) (s *Store, d1, d2 *coding.Document, a, b *coding.Code, code func(doc, code string, start, end int, coder string) *coding.Coding) {
	t.Helper()
	s, _ = newProject(t)
	ctx := context.Background()
	d1, d2 = sampleDoc("a.txt", "H: Miten meni?\nV: Hyvin meni."), sampleDoc("b.txt", "H: Entä sitten?\nV: Kela soitti.")
	for _, d := range []*coding.Document{d1, d2} {
		if err := s.ImportDocument(ctx, d, "aino"); err != nil {
			t.Fatal(err)
		}
	}
	a, b = &coding.Code{NameFi: "A"}, &coding.Code{NameFi: "B"}
	for _, c := range []*coding.Code{a, b} {
		if err := s.AddCode(ctx, c, "aino"); err != nil {
			t.Fatal(err)
		}
	}
	code = func(doc, code string, start, end int, coder string) *coding.Coding {
		t.Helper()
		c := &coding.Coding{Record: coding.Record{Coder: coder}, DocumentID: doc, CodeID: code, Start: start, End: end}
		if _, err := s.AddCoding(ctx, c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	return s, d1, d2, a, b, code
}
