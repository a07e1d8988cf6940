package store

import (
	"context"
	"errors"
	"testing"

	"github.com/toituavain/avain/coding"
)

// codedProject makes a project with one document and a small codebook.
func codedProject(t *testing.T) (*Store, *coding.Document) {
	t.Helper()
	s, _ := newProject(t)
	ctx := context.Background()
	d := sampleDoc("a.txt", "H: Miten hakemus eteni?\nV: Kelasta pyydettiin liitteitä kolme kertaa.")
	if err := s.ImportDocument(ctx, d, "aino"); err != nil {
		t.Fatal(err)
	}
	codes := []*coding.Code{ // a child before its parent: allowed
		{Record: coding.Record{ID: "00000000-0000-0000-0000-0000000000c1"}, ParentID: "00000000-0000-0000-0000-0000000000a1", NameFi: "Liitepyynnöt", NameEn: "Attachment requests", Color: "#e06666"},
		{Record: coding.Record{ID: "00000000-0000-0000-0000-0000000000a1"}, NameFi: "Byrokratialoukut", NameEn: "Bureaucracy traps", Color: "#c0392b"},
		{Record: coding.Record{ID: "00000000-0000-0000-0000-0000000000c2"}, ParentID: "00000000-0000-0000-0000-0000000000a1", NameFi: "Odottaminen", NameEn: "Waiting", Position: 1},
	}
	res, err := s.ImportCodes(ctx, codes, "aino")
	if err != nil || res.Added != 3 {
		t.Fatalf("ImportCodes: %+v %v", res, err)
	}
	return s, d
}

func TestImportCodesIdempotentAndUpdates(t *testing.T) {
	s, _ := codedProject(t)
	ctx := context.Background()
	cb, err := s.Codebook(ctx)
	if err != nil || cb.Len() != 3 || cb.PathString("00000000-0000-0000-0000-0000000000c1", "en") != "Bureaucracy traps/Attachment requests" {
		t.Fatalf("codebook: %v %v", cb, err)
	}
	again := cb.Codes()
	again[0].Color = "#112233"
	res, err := s.ImportCodes(ctx, again, "aino")
	if err != nil || res.Updated != 1 || res.Unchanged != 2 {
		t.Errorf("reimport: %+v %v", res, err)
	}
	bad := []*coding.Code{{Record: coding.Record{ID: "x"}, ParentID: "nope", NameFi: "Orpo"}}
	if _, err := s.ImportCodes(ctx, bad, "aino"); err == nil {
		t.Error("a code with an unknown parent was imported")
	}
	if cb2, _ := s.Codebook(ctx); cb2.Len() != 3 {
		t.Errorf("failed import left %d codes", cb2.Len())
	}
}

func TestEngineApplyRemoveRestore(t *testing.T) {
	s, d := codedProject(t)
	ctx := context.Background()
	e := coding.Engine{Repo: s}
	c, created, err := e.Apply(ctx, "a.txt", coding.Selection{Turn: 2}, "Byrokratialoukut/Liitepyynnöt", "aino", "kolmas kerta")
	if err != nil || !created {
		t.Fatalf("Apply: %v %v", created, err)
	}
	if got := coding.Slice(d.Text, c.Start, c.End); got != "Kelasta pyydettiin liitteitä kolme kertaa." {
		t.Errorf("coded text %q", got)
	}
	again, created, err := e.Apply(ctx, d.ID, coding.Selection{Turn: 2}, "attachment requests", "aino", "")
	if err != nil || created || again.ID != c.ID {
		t.Errorf("same coding twice: created=%v id=%s err=%v", created, again.ID, err)
	}
	if _, created, _ := e.Apply(ctx, d.ID, coding.Selection{Turn: 2}, "attachment requests", "eero", ""); !created {
		t.Error("another coder's identical coding was refused")
	}
	for name, sel := range map[string]coding.Selection{"outside": {Span: coding.Span{Start: 10, End: 500}}, "empty": {Span: coding.Span{Start: 5, End: 5}}, "no turn": {Turn: 9}} {
		if _, _, err := e.Apply(ctx, "a.txt", sel, "Waiting", "aino", ""); !errors.Is(err, coding.ErrInvalid) {
			t.Errorf("%s span: %v", name, err)
		}
	}
	if _, _, err := e.Apply(ctx, "a.txt", coding.Selection{Turn: 1}, "Nothing", "aino", ""); !errors.Is(err, coding.ErrNotFound) {
		t.Errorf("unknown code: %v", err)
	}
	list, _ := s.Codings(ctx, coding.CodingFilter{Coder: "aino"})
	if len(list) != 1 || list[0].Memo != "kolmas kerta" {
		t.Fatalf("codings: %+v", list)
	}
	if _, err := e.Remove(ctx, c.ID, "aino"); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.Codings(ctx, coding.CodingFilter{Coder: "aino"}); len(list) != 0 {
		t.Errorf("removed coding still listed")
	}
	if _, err := e.Remove(ctx, c.ID, "aino"); !errors.Is(err, coding.ErrNotFound) {
		t.Errorf("second remove: %v", err)
	}
	if _, err := e.Restore(ctx, c.ID, "aino"); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.Codings(ctx, coding.CodingFilter{Coder: "aino"}); len(list) != 1 {
		t.Errorf("restored coding not listed")
	}
	var rows int
	s.db.QueryRow("SELECT count(*) FROM codings").Scan(&rows)
	if rows != 2 {
		t.Errorf("tombstones must keep rows: %d rows", rows)
	}
}

func TestCodeEditsKeepCodings(t *testing.T) {
	s, _ := codedProject(t)
	ctx := context.Background()
	e := coding.Engine{Repo: s}
	const theme, attach, wait = "00000000-0000-0000-0000-0000000000a1", "00000000-0000-0000-0000-0000000000c1", "00000000-0000-0000-0000-0000000000c2"
	a, _, _ := e.Apply(ctx, "a.txt", coding.Selection{Turn: 2}, attach, "aino", "")
	w, _, _ := e.Apply(ctx, "a.txt", coding.Selection{Turn: 2}, wait, "aino", "")
	w1, _, _ := e.Apply(ctx, "a.txt", coding.Selection{Turn: 1}, wait, "aino", "")

	if _, err := s.UpdateCode(ctx, wait, "aino", "rename", func(c *coding.Code) error { c.NameFi = "Liitepyynnöt"; return nil }); !errors.Is(err, coding.ErrInvalid) {
		t.Errorf("rename onto a sibling's name: %v", err)
	}
	if _, err := s.UpdateCode(ctx, theme, "aino", "move", func(c *coding.Code) error { c.ParentID = attach; return nil }); !errors.Is(err, coding.ErrInvalid) {
		t.Errorf("move under own child: %v", err)
	}
	if _, err := s.UpdateCode(ctx, wait, "aino", "rename", func(c *coding.Code) error { c.NameFi = "Jonottaminen"; return nil }); err != nil {
		t.Fatal(err)
	}

	// Merge: the duplicate on turn 2 is tombstoned, turn 1 moves over.
	moved, err := s.MergeCode(ctx, wait, attach, "aino")
	if err != nil || moved != 1 {
		t.Fatalf("merge: moved %d, %v", moved, err)
	}
	list, _ := s.Codings(ctx, coding.CodingFilter{CodeIDs: []string{attach}})
	if len(list) != 2 {
		t.Errorf("after merge %d codings on the target, want 2", len(list))
	}
	if got, _ := s.Coding(ctx, w1.ID); got.CodeID != attach || got.Deleted {
		t.Errorf("moved coding: %+v", got)
	}
	if got, _ := s.Coding(ctx, w.ID); !got.Deleted {
		t.Errorf("duplicate coding not tombstoned")
	}
	var into string
	s.db.QueryRow("SELECT merged_into FROM codes WHERE id = ?", wait).Scan(&into)
	if into != attach {
		t.Errorf("merge not recorded: %q", into)
	}

	if _, _, err := s.DeleteCode(ctx, attach, "aino", false); !errors.Is(err, ErrCodeInUse) {
		t.Errorf("delete in use: %v", err)
	}
	codes, codings, err := s.DeleteCode(ctx, theme, "aino", true)
	if err != nil || codes != 2 || codings != 2 {
		t.Errorf("forced delete: %d codes %d codings %v", codes, codings, err)
	}
	if got, _ := s.Coding(ctx, a.ID); !got.Deleted {
		t.Errorf("coding of a force-deleted code is live")
	}
	log, _ := s.AuditLog(ctx)
	actions := map[string]int{}
	for _, l := range log {
		actions[l.Action]++
	}
	for _, want := range []string{"codebook.import", "code", "codebook.rename", "codebook.merge", "codebook.delete"} {
		if actions[want] == 0 {
			t.Errorf("audit log lacks %s: %v", want, actions)
		}
	}
}

func TestMemos(t *testing.T) {
	s, d := codedProject(t)
	ctx := context.Background()
	if err := s.SetMemo(ctx, coding.MemoDocument, d.ID, "Haastattelu keskeytyi kerran.", "aino"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetMemo(ctx, coding.MemoDocument, d.ID, "Korjattu muistio.", "eero"); err != nil {
		t.Fatal(err)
	}
	if m, _ := s.Memo(ctx, coding.MemoDocument, d.ID); m != "Korjattu muistio." {
		t.Errorf("memo %q", m)
	}
	if err := s.SetMemo(ctx, coding.MemoCode, "nope", "x", "aino"); !errors.Is(err, coding.ErrNotFound) {
		t.Errorf("memo on a missing code: %v", err)
	}
	if err := s.SetMemo(ctx, coding.MemoDocument, d.ID, "", "aino"); err != nil {
		t.Fatal(err)
	}
	if m, _ := s.Memo(ctx, coding.MemoDocument, d.ID); m != "" {
		t.Errorf("cleared memo %q", m)
	}
}

func TestImportCodesAppendsAfterExistingSiblings(t *testing.T) {
	s, _ := codedProject(t)
	ctx := context.Background()
	more := []*coding.Code{{Record: coding.Record{ID: "00000000-0000-0000-0000-0000000000b1"}, NameFi: "Uusi teema", NameEn: "New theme"}}
	if _, err := s.ImportCodes(ctx, more, "aino"); err != nil {
		t.Fatal(err)
	}
	cb, _ := s.Codebook(ctx)
	codes := cb.Codes()
	if last := codes[len(codes)-1]; last.NameFi != "Uusi teema" {
		t.Errorf("imported theme not last: %s", last.NameFi)
	}
}
