package project

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/refiqda"
)

// memoRecords are a project's memo records with their authors and times,
// and its audit entries about memos, one line each.
func memoRecords(t *testing.T, p *Project) string {
	t.Helper()
	rows, err := p.DB().Query(`SELECT target, target_id, text, coder, created, updated, deleted FROM memos
		UNION ALL SELECT 'audit', action, target, coder, at, 0, 0 FROM audit_log WHERE action = 'memo'
		ORDER BY 1, 2, 3`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var a, id, text, coder string
		var created, updated, deleted int64
		if err := rows.Scan(&a, &id, &text, &coder, &created, &updated, &deleted); err != nil {
			t.Fatal(err)
		}
		b.WriteString(strings.Join([]string{a, id, text, coder, time.UnixMilli(created).String(), time.UnixMilli(updated).String()}, "|"))
		if deleted != 0 {
			b.WriteString("|deleted")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// A project's own export imported back, later and by another coder,
// leaves every memo as it was: no author, date or audit entry changes,
// none is counted.
func TestQDPXImportBackLeavesUnchangedMemos(t *testing.T) {
	ctx := context.Background()
	a := codedDemo(t)
	if err := a.SetMemo(ctx, coding.MemoProject, coding.ProjectMemoID, "Hankkeen muistio.", "ville"); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out.qdpx")
	if _, err := a.ExportQDPX(ctx, out, "fi", "aino"); err != nil {
		t.Fatal(err)
	}
	before := memoRecords(t, a)
	later := time.Now().Add(72 * time.Hour)
	a.Store.Now = func() time.Time { return later }
	rep, err := a.ImportQDPX(ctx, out, "ulla")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Memos != 0 || len(rep.Conflicts) != 0 {
		t.Errorf("%d memos, conflicts %v", rep.Memos, rep.Conflicts)
	}
	if after := memoRecords(t, a); after != before {
		t.Errorf("memos changed:\n%s\nwas\n%s", after, before)
	}
}

// A coding removed here after the export is not brought back by the
// export, and the report says so.
func TestQDPXImportDoesNotBringBackARemovedCoding(t *testing.T) {
	ctx := context.Background()
	a := codedDemo(t)
	out := filepath.Join(t.TempDir(), "out.qdpx")
	if _, err := a.ExportQDPX(ctx, out, "fi", "aino"); err != nil {
		t.Fatal(err)
	}
	cs, err := a.Codings(ctx, coding.CodingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	gone := cs[0]
	if _, err := a.SetCodingDeleted(ctx, gone.ID, "aino", true); err != nil {
		t.Fatal(err)
	}
	rep, err := a.ImportQDPX(ctx, out, "aino")
	if err != nil {
		t.Fatal(err)
	}
	now, err := a.Codings(ctx, coding.CodingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Codings != 0 || len(now) != len(cs)-1 {
		t.Errorf("%d codings imported, %d live of %d", rep.Codings, len(now), len(cs))
	}
	if !strings.Contains(strings.Join(rep.Skipped, "\n"), "coding "+gone.ID+" ") ||
		!strings.Contains(strings.Join(rep.Skipped, "\n"), "was removed here; not brought back") {
		t.Errorf("not reported: %q", rep.Skipped)
	}
}

// A file that went through a tool giving its codes new ids is refused
// with a hint at --match-codes-by-name.
func TestQDPXClashByNameSuggestsMatching(t *testing.T) {
	ctx := context.Background()
	a := codedDemo(t)
	dir := t.TempDir()
	out, back := filepath.Join(dir, "out.qdpx"), filepath.Join(dir, "back.qdpx")
	if _, err := a.ExportQDPX(ctx, out, "fi", "aino"); err != nil {
		t.Fatal(err)
	}
	throughOtherTool(t, out, back)
	_, err := a.ImportQDPX(ctx, back, "eero")
	if err == nil || !strings.Contains(err.Error(), "share the name") || !strings.HasSuffix(err.Error(), "try --match-codes-by-name)") {
		t.Errorf("refusal %v", err)
	}
}

// A category here named "Annotations" stays a category, with no codings:
// a file's annotations go onto a code made for them under it, matching
// codes by name or not.
func TestQDPXImportAnnotationsUnderACategoryHere(t *testing.T) {
	for _, byName := range []bool{false, true} {
		ctx := context.Background()
		file := zipDir(t, filepath.Join("testdata", "qualcoder-maxqda-line-endings"))
		p, err := Create(ctx, filepath.Join(t.TempDir(), "p.avain"))
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		cat := &coding.Code{NameFi: "Annotations", NotCodable: true}
		if err := p.AddCode(ctx, cat, "aino"); err != nil {
			t.Fatal(err)
		}
		rep, err := p.ImportQDPXWith(ctx, file, "eero", QDPXImportOptions{MatchCodesByName: byName})
		if err != nil {
			t.Fatal(err)
		}
		cb, _ := p.Codebook(ctx)
		made := cb.Code(refiqda.AnnotationsGUID)
		if !cb.Code(cat.ID).NotCodable || made == nil || made.ParentID != cat.ID {
			t.Errorf("by name %v: the category %+v, the code for annotations %+v", byName, cb.Code(cat.ID), made)
		}
		for _, c := range rep.Conflicts {
			t.Errorf("by name %v: conflict %s", byName, c)
		}
		on, _ := p.Codings(ctx, coding.CodingFilter{CodeIDs: []string{cat.ID}})
		ann, _ := p.Codings(ctx, coding.CodingFilter{CodeIDs: []string{refiqda.AnnotationsGUID}})
		if len(on) != 0 || len(ann) != 1 {
			t.Errorf("by name %v: %d codings of the category, %d of the annotations' code", byName, len(on), len(ann))
		}
	}
}

// Matching codes by name gives the file's foreign descriptions the ids
// here too.
func TestMatchCodesByNameRemapsForeignDescriptions(t *testing.T) {
	here, err := coding.NewCodebook([]*coding.Code{{Record: coding.Record{ID: "t1"}, NameFi: "Byrokratia"}})
	if err != nil {
		t.Fatal(err)
	}
	f := &fileCodes{}
	f.add("F1", "", "Byrokratia")
	f.add("F2", "", "Uusi")
	q := f.project()
	q.ForeignDescriptions = map[string]bool{"F1": true, "F2": true}
	matchCodesByName(here, q)
	if !q.ForeignDescriptions["t1"] || !q.ForeignDescriptions["F2"] || q.ForeignDescriptions["F1"] || len(q.ForeignDescriptions) != 2 {
		t.Errorf("foreign descriptions %v", q.ForeignDescriptions)
	}
}

// A .qdpx of a project whose codebook gives its codes the shortcuts the
// codes here hold (two teams' codebooks each using 0–9) is imported: its
// new codes come without those shortcuts, each reported, and the codes
// here keep theirs. The import was refused whole.
func TestQDPXImportTakenShortcuts(t *testing.T) {
	ctx := context.Background()
	theirs := codedDemo(t)
	out := filepath.Join(t.TempDir(), "theirs.qdpx")
	if _, err := theirs.ExportQDPX(ctx, out, "fi", "aino"); err != nil {
		t.Fatal(err)
	}
	ours, _, err := CreateWithCodebook(ctx, filepath.Join(t.TempDir(), "ours.avain"), "generic", "ville")
	if err != nil {
		t.Fatal(err)
	}
	defer ours.Close()
	before, err := ours.Codebook(ctx)
	if err != nil {
		t.Fatal(err)
	}
	held := map[string]string{} // shortcut -> code here
	for _, c := range before.Codes() {
		if c.Shortcut != "" {
			held[c.Shortcut] = c.ID
		}
	}
	rep, err := ours.ImportQDPX(ctx, out, "ville")
	if err != nil {
		t.Fatalf("a file whose codes use the shortcuts held here: %v", err)
	}
	after, err := ours.Codebook(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for s, id := range held {
		if c := after.Code(id); c == nil || c.Shortcut != s {
			t.Errorf("the code here lost its shortcut %q: %+v", s, c)
		}
	}
	shortcuts := 0
	for _, c := range rep.Conflicts {
		if c.Kind == "shortcut" && c.Resolution == "added without a shortcut" {
			shortcuts++
		}
	}
	if len(held) == 0 || shortcuts != len(held) || rep.Codings == 0 {
		t.Errorf("%d shortcuts held here, %d reported taken, %d codings imported: %+v", len(held), shortcuts, rep.Codings, rep.Conflicts)
	}
	if problems, err := ours.Store.Check(ctx); err != nil || len(problems) != 0 {
		t.Errorf("check after the import: %q %v", problems, err)
	}
}
