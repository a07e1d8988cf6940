package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

// codeRows dumps the codes and codings tables as an undo must leave them:
// every column but the times and who changed a code last.
func codeRows(t *testing.T, s *Store) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT id, coalesce(parent_id, ''), name_fi, name_en, color, position, deleted, coalesce(merged_into, '') FROM codes ORDER BY id`,
		`SELECT id, code_id, document_id, start, end, coder, deleted, '' FROM codings ORDER BY id`,
	} {
		rows, err := s.db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			v := make([]any, 8)
			p := make([]any, 8)
			for i := range v {
				p[i] = &v[i]
			}
			if err := rows.Scan(p...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(&b, v...)
		}
		rows.Close()
	}
	return b.String()
}

// undoProject codes the sample project so that a merge of Odottaminen
// into Liitepyynnöt moves one coding and drops one, and gives it a child.
func undoProject(t *testing.T) (*Store, string, string, string) {
	t.Helper()
	s, _ := codedProject(t)
	ctx := context.Background()
	e := coding.Engine{Repo: s}
	const theme, attach, wait = "00000000-0000-0000-0000-0000000000a1", "00000000-0000-0000-0000-0000000000c1", "00000000-0000-0000-0000-0000000000c2"
	for _, a := range []struct {
		turn int
		code string
	}{{2, attach}, {2, wait}, {1, wait}} {
		if _, _, err := e.Apply(ctx, "a.txt", coding.Selection{Turn: a.turn}, a.code, "aino", ""); err != nil {
			t.Fatal(err)
		}
	}
	child, err := coding.NewCode(&coding.Code{Record: coding.Record{ID: wait}}, coding.Code{NameFi: "Jonossa"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddCode(ctx, child, "aino"); err != nil {
		t.Fatal(err)
	}
	return s, theme, attach, wait
}

func TestUnmergeCodeRestoresExactly(t *testing.T) {
	s, _, attach, wait := undoProject(t)
	ctx := context.Background()
	before := codeRows(t, s)
	m, err := s.MergeCodeRecorded(ctx, wait, attach, "aino")
	if err != nil || len(m.Moved) != 1 || len(m.Dropped) != 1 || len(m.Children) != 1 {
		t.Fatalf("merge: %+v %v", m, err)
	}
	if codeRows(t, s) == before {
		t.Fatal("the merge changed nothing")
	}
	if err := s.UnmergeCode(ctx, m, "veikko"); err != nil {
		t.Fatal(err)
	}
	if got := codeRows(t, s); got != before {
		t.Errorf("after unmerge:\n%s\nwant:\n%s", got, before)
	}
	if log, _ := s.AuditLog(ctx); log[len(log)-1].Action != "codebook.unmerge" || log[len(log)-1].Coder != "veikko" {
		t.Errorf("audit: %+v", log[len(log)-1])
	}
	// Taken back once, it cannot be taken back again.
	if err := s.UnmergeCode(ctx, m, "veikko"); !errors.Is(err, ErrChangedElsewhere) {
		t.Errorf("second unmerge: %v", err)
	}
}

func TestUnmergeCodeRefusesWhatChangedSince(t *testing.T) {
	s, _, attach, wait := undoProject(t)
	ctx := context.Background()
	m, err := s.MergeCodeRecorded(ctx, wait, attach, "aino")
	if err != nil {
		t.Fatal(err)
	}
	// Another process removes the moved coding.
	if _, err := (coding.Engine{Repo: s}).Remove(ctx, m.Moved[0], "aino"); err != nil {
		t.Fatal(err)
	}
	after := codeRows(t, s)
	if err := s.UnmergeCode(ctx, m, "aino"); !errors.Is(err, ErrChangedElsewhere) {
		t.Fatalf("unmerge after a change: %v", err)
	}
	if got := codeRows(t, s); got != after {
		t.Errorf("a refused unmerge wrote:\n%s\nwant:\n%s", got, after)
	}
}

func TestRestoreCodeRestoresExactly(t *testing.T) {
	s, theme, _, _ := undoProject(t)
	ctx := context.Background()
	before := codeRows(t, s)
	if _, err := s.DeleteCodeRecorded(ctx, theme, "aino", false); !errors.Is(err, ErrCodeInUse) {
		t.Fatalf("unforced delete of a theme: %v", err)
	}
	d, err := s.DeleteCodeRecorded(ctx, theme, "aino", true)
	if err != nil || len(d.Codes) != 4 || len(d.Codings) != 3 || d.Codes[0] != theme {
		t.Fatalf("delete: %+v %v", d, err)
	}
	if err := s.RestoreCode(ctx, d, "veikko"); err != nil {
		t.Fatal(err)
	}
	if got := codeRows(t, s); got != before {
		t.Errorf("after restore:\n%s\nwant:\n%s", got, before)
	}
	if log, _ := s.AuditLog(ctx); log[len(log)-1].Action != "codebook.restore" {
		t.Errorf("audit: %+v", log[len(log)-1])
	}

	// Deleted again, and a new top-level code takes the theme's name in
	// the meantime: the restore is refused and writes nothing.
	d, err = s.DeleteCodeRecorded(ctx, theme, "aino", true)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddCode(ctx, &coding.Code{NameFi: "Byrokratialoukut"}, "aino"); err != nil {
		t.Fatal(err)
	}
	after := codeRows(t, s)
	if err := s.RestoreCode(ctx, d, "aino"); !errors.Is(err, coding.ErrInvalid) {
		t.Errorf("restore onto a taken name: %v", err)
	}
	if got := codeRows(t, s); got != after {
		t.Errorf("a refused restore wrote:\n%s\nwant:\n%s", got, after)
	}
}

func TestRestoreCodeRefusesWhatChangedSince(t *testing.T) {
	s, theme, _, _ := undoProject(t)
	ctx := context.Background()
	d, err := s.DeleteCodeRecorded(ctx, theme, "aino", true)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RestoreCode(ctx, d, "aino"); err != nil {
		t.Fatal(err)
	}
	// A second restore of the same deletion finds the codes live.
	if err := s.RestoreCode(ctx, d, "aino"); !errors.Is(err, ErrChangedElsewhere) {
		t.Errorf("second restore: %v", err)
	}
}

// TestUndoneCodeEditsReachMerges: a copy made before a code merge and a
// deletion that were then taken back, merged with the project, keeps
// every code and coding as it was (the undo leaves no deletion behind),
// and holds the audit entries of the edits and their undoing.
func TestUndoneCodeEditsReachMerges(t *testing.T) {
	s, theme, attach, wait := undoProject(t)
	ctx := context.Background()
	c := &clock{}
	s.Now = c.now
	want := codeRows(t, s)
	if err := s.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(t.TempDir(), "copy.avain")
	cp(t, s.path, copyPath)
	m, err := s.MergeCodeRecorded(ctx, wait, attach, "aino")
	if err != nil {
		t.Fatal(err)
	}
	d, err := s.DeleteCodeRecorded(ctx, theme, "aino", true)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RestoreCode(ctx, d, "aino"); err != nil {
		t.Fatal(err)
	}
	if err := s.UnmergeCode(ctx, m, "aino"); err != nil {
		t.Fatal(err)
	}
	if err := s.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	other := openAt(t, copyPath, c)
	defer other.Close()
	if _, err := other.Merge(ctx, []string{s.path}, MergeOptions{Coder: "veikko"}); err != nil {
		t.Fatal(err)
	}
	if got := codeRows(t, other); got != want {
		t.Errorf("the copy after the merge:\n%s\nwant:\n%s", got, want)
	}
	log, err := other.AuditLog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range log {
		seen[e.Action] = true
	}
	for _, a := range []string{"codebook.merge", "codebook.delete", "codebook.restore", "codebook.unmerge"} {
		if !seen[a] {
			t.Errorf("the merged audit trail lacks %s", a)
		}
	}
}

// TestUndoReachesCopiesMadeAfterTheEdit: a copy made after a code was
// deleted and another merged, then the project took both back (undo):
// merged in either direction, the codes, their codings and child codes are
// live again, as in the project (a deletion or merge otherwise wins over
// every edit; a restore made after it wins over it).
func TestUndoReachesCopiesMadeAfterTheEdit(t *testing.T) {
	for _, into := range []string{"the project", "the copy"} {
		t.Run("merged into "+into, func(t *testing.T) {
			s, theme, attach, wait := undoProject(t)
			ctx := context.Background()
			c := &clock{}
			s.Now = c.now
			want := codeRows(t, s)
			m, err := s.MergeCodeRecorded(ctx, wait, attach, "aino")
			if err != nil {
				t.Fatal(err)
			}
			d, err := s.DeleteCodeRecorded(ctx, theme, "aino", true)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Checkpoint(ctx); err != nil {
				t.Fatal(err)
			}
			copyPath := filepath.Join(t.TempDir(), "copy.avain")
			cp(t, s.path, copyPath) // the copy has the code deleted and merged
			if err := s.RestoreCode(ctx, d, "aino"); err != nil {
				t.Fatal(err)
			}
			if err := s.UnmergeCode(ctx, m, "aino"); err != nil {
				t.Fatal(err)
			}
			if got := codeRows(t, s); got != want {
				t.Fatalf("the project after the undo:\n%s\nwant:\n%s", got, want)
			}
			if err := s.Checkpoint(ctx); err != nil {
				t.Fatal(err)
			}
			other := openAt(t, copyPath, c)
			defer other.Close()
			target, source := s, copyPath
			if into == "the copy" {
				target, source = other, s.path
			}
			if _, err := target.Merge(ctx, []string{source}, MergeOptions{Coder: "veikko"}); err != nil {
				t.Fatal(err)
			}
			if got := codeRows(t, target); got != want {
				t.Errorf("%s after the merge:\n%s\nwant:\n%s", into, got, want)
			}
		})
	}
}
