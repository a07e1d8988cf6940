package store

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/toituavain/avain/coding"
)

// TestMemosListsEveryTargetAndHidesDeleted: the list has the project's,
// a document's, a code's and a coding's memo, with their targets'
// places; a memo on a removed coding or a cleared memo is not listed.
func TestMemosListsEveryTargetAndHidesDeleted(t *testing.T) {
	s, d := codedProject(t)
	ctx := context.Background()
	e := coding.Engine{Repo: s}
	kept, _, err := e.Apply(ctx, d.ID, coding.Selection{Turn: 2}, "Liitepyynnöt", "aino", "")
	if err != nil {
		t.Fatal(err)
	}
	gone, _, err := e.Apply(ctx, d.ID, coding.Selection{Turn: 1}, "Odottaminen", "aino", "")
	if err != nil {
		t.Fatal(err)
	}
	const code = "00000000-0000-0000-0000-0000000000c2"
	for _, m := range []struct {
		target   coding.MemoTarget
		id, text string
		coder    string
	}{
		{coding.MemoProject, coding.ProjectMemoID, "Tutkimuksen muistio.", "lead"},
		{coding.MemoDocument, d.ID, "Keskeytyi kerran.", "aino"},
		{coding.MemoCode, code, "Odotus jonossa.", "eero"},
		{coding.MemoCoding, kept.ID, "Kolmas kerta.", "aino"},
		{coding.MemoCoding, gone.ID, "Poistuu.", "aino"},
	} {
		if err := s.SetMemo(ctx, m.target, m.id, m.text, m.coder); err != nil {
			t.Fatalf("SetMemo %s: %v", m.target, err)
		}
	}
	if _, err := e.Remove(ctx, gone.ID, "aino"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetMemo(ctx, coding.MemoCode, code, "", "eero"); err != nil {
		t.Fatal(err)
	}
	if m, err := s.Memo(ctx, coding.MemoProject, coding.ProjectMemoID); err != nil || m != "Tutkimuksen muistio." {
		t.Errorf("project memo %q, %v", m, err)
	}
	list, err := s.Memos(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range list {
		got = append(got, string(m.Target)+" "+m.Text+" "+m.Coder)
		if m.Superseded {
			t.Errorf("%s marked superseded", m.Text)
		}
	}
	want := []string{"project Tutkimuksen muistio. lead", "document Keskeytyi kerran. aino", "coding Kolmas kerta. aino"}
	if len(got) != len(want) {
		t.Fatalf("memos %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("memo %d = %q, want %q", i, got[i], want[i])
		}
	}
	if c := list[2]; c.DocumentID != d.ID || c.CodeID != kept.CodeID || c.Start != kept.Start || c.End != kept.End {
		t.Errorf("coding memo's place %+v, want %s %s %d-%d", c, d.ID, kept.CodeID, kept.Start, kept.End)
	}
	if list[1].DocumentID != d.ID || list[1].Created.IsZero() {
		t.Errorf("document memo %+v", list[1])
	}
	if err := s.SetMemo(ctx, "project", "other", "x", "lead"); err == nil {
		t.Error("a memo on project other was taken")
	}
}

// TestMemosListsBothOfAMergeConflict: two copies each write the project
// memo and a document memo; after the merge both of each are listed, the
// older marked superseded, and Memo reads the newer.
func TestMemosListsBothOfAMergeConflict(t *testing.T) {
	dir := t.TempDir()
	c := &clock{}
	base := filepath.Join(dir, "base.avain")
	s, err := Create(context.Background(), base)
	if err != nil {
		t.Fatal(err)
	}
	s.Now = c.now
	ctx := context.Background()
	d := sampleDoc("a.txt", "H: Miten hakemus eteni?\nV: Kelasta pyydettiin liitteitä.")
	if err := s.ImportDocument(ctx, d, "aino"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	a, b := filepath.Join(dir, "a.avain"), filepath.Join(dir, "b.avain")
	cp(t, base, a)
	cp(t, base, b)
	for _, w := range []struct{ path, coder string }{{a, "aino"}, {b, "eero"}} {
		s := openAt(t, w.path, c)
		if err := s.SetMemo(ctx, coding.MemoProject, coding.ProjectMemoID, "Projekti: "+w.coder, w.coder); err != nil {
			t.Fatal(err)
		}
		if err := s.SetMemo(ctx, coding.MemoDocument, d.ID, "Dokumentti: "+w.coder, w.coder); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	mergeInto(t, a, c, MergeOptions{}, b)
	s = openAt(t, a, c)
	defer s.Close()
	list, err := s.Memos(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range list {
		mark := ""
		if m.Superseded {
			mark = " (older)"
		}
		got = append(got, m.Text+mark)
	}
	want := []string{"Projekti: eero", "Projekti: aino (older)", "Dokumentti: eero", "Dokumentti: aino (older)"}
	if len(got) != len(want) {
		t.Fatalf("memos %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("memo %d = %q, want %q", i, got[i], want[i])
		}
	}
	if m, _ := s.Memo(ctx, coding.MemoProject, coding.ProjectMemoID); m != "Projekti: eero" {
		t.Errorf("project memo read %q, want the newer", m)
	}
}
