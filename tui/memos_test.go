package tui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
)

// mergedMemos makes the retrieval project, copies it twice, has aino
// write the project memo, a document memo and a coding memo in one copy
// and eero the project memo and a code memo in the other (later), and
// merges the second into the first: two project memos on one target. It
// returns the first copy, open.
func mergedMemos(t *testing.T) (*project.Project, []*coding.Document) {
	t.Helper()
	ctx := context.Background()
	base, docs := retrievalProject(t)
	dir := t.TempDir()
	a, b := filepath.Join(dir, "aino.avain"), filepath.Join(dir, "eero.avain")
	for _, path := range []string{a, b} {
		if err := base.CopyTo(ctx, path); err != nil {
			t.Fatal(err)
		}
	}
	at := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { at = at.Add(time.Minute); return at }
	open := func(path string) *project.Project {
		p, err := project.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		p.Now = clock
		return p
	}
	cs, err := base.Codings(ctx, coding.CodingFilter{DocumentID: docs[2].ID})
	if err != nil || len(cs) != 1 {
		t.Fatalf("codings of %s: %d, %v", docs[2].Name, len(cs), err)
	}
	for _, w := range []struct {
		path   string
		coder  string
		target coding.MemoTarget
		id     string
		text   string
	}{
		{a, "aino", coding.MemoProject, coding.ProjectMemoID, "Aineisto kerätty syksyllä."},
		{a, "aino", coding.MemoDocument, docs[1].ID, "Haastattelu keskeytyi kerran."},
		{a, "aino", coding.MemoCoding, cs[0].ID, "Ammattilainen puhuu Kelasta yleisesti."},
		{b, "eero", coding.MemoProject, coding.ProjectMemoID, "Aineisto kerätty syksyllä 2026, 3 haastattelua."},
		{b, "eero", coding.MemoCode, codeQueue, "Odotus viikkoina."},
	} {
		p := open(w.path)
		if err := p.SetMemo(ctx, w.target, w.id, w.text, w.coder); err != nil {
			t.Fatal(err)
		}
		p.Close()
	}
	p := open(a)
	t.Cleanup(func() { p.Close() })
	o := project.MergeOptions{NoBackup: true}
	o.Coder = "lead"
	if _, _, err := p.Merge(ctx, []string{b}, o); err != nil {
		t.Fatal(err)
	}
	return p, docs
}

// memoHeads returns the memos view's memos as "target coder text".
func memoHeads(m Model) []string {
	var out []string
	for _, i := range m.memos.shown {
		r := m.memos.data.list[i]
		s := string(r.Target) + " " + r.Coder + " " + r.Text
		if r.Superseded {
			s += " (older)"
		}
		out = append(out, s)
	}
	return out
}

// TestMemosViewListsAMergeConflict: after a merge kept two project memos,
// the memos view lists both, the older marked; the filter keeps an
// author's or a kind's; enter opens each memo's target.
func TestMemosViewListsAMergeConflict(t *testing.T) {
	zone := memoZone
	memoZone = time.UTC
	t.Cleanup(func() { memoZone = zone })
	p, docs := mergedMemos(t)
	if m, _ := p.Memo(context.Background(), coding.MemoProject, coding.ProjectMemoID); !strings.Contains(m, "2026") {
		t.Fatalf("the project memo read after the merge: %q, want eero's, the newer", m)
	}
	m := New(p, "haku", "virta")
	m, _ = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m = do(t, listDocuments(t, m, p), "O")
	if m.focus != screenMemos {
		t.Fatalf("O: focus %v", m.focus)
	}
	sameList(t, "memos", memoHeads(m), []string{
		"project eero Aineisto kerätty syksyllä 2026, 3 haastattelua.",
		"project aino Aineisto kerätty syksyllä. (older)",
		"document aino Haastattelu keskeytyi kerran.",
		"code eero Odotus viikkoina.",
		"coding aino Ammattilainen puhuu Kelasta yleisesti.",
	})
	golden(t, "memos_80x24", m)
	for _, c := range []struct {
		filter string
		want   int
	}{{"author:eero", 2}, {"kind:coding", 1}, {"kind:project author:aino", 1}, {"kelasta", 1}, {"region:x", 0}} {
		f := do(t, typeText(t, do(t, m, "f"), c.filter), "enter")
		if len(f.memos.shown) != c.want {
			t.Errorf("filter %q: %q, want %d", c.filter, memoHeads(f), c.want)
		}
	}
	// enter on the coding memo: the reader at the coding.
	r := do(t, m, "G", "enter")
	if r.focus != screenReader || r.reader.Document() == nil || r.reader.Document().ID != docs[2].ID || r.reader.Pos() != docs[2].Turns[1].Start {
		t.Fatalf("enter on the coding memo: focus %v, caret %d", r.focus, r.reader.Pos())
	}
	if r = do(t, r, "esc"); r.focus != screenMemos {
		t.Errorf("esc from the reader: focus %v, want the memos", r.focus)
	}
	// On the code memo: the codebook, on the code.
	c := do(t, m, "G", "k", "enter")
	if sel := c.codebook.selected(); c.focus != screenCodebook || sel == nil || sel.ID != codeQueue {
		t.Errorf("enter on the code memo: focus %v, on %v", c.focus, sel)
	}
	// On the document memo: the document.
	d := do(t, m, "j", "j", "enter")
	if d.focus != screenReader || d.reader.Document() == nil || d.reader.Document().ID != docs[1].ID {
		t.Errorf("enter on the document memo: focus %v", d.focus)
	}
	for _, sz := range [][2]int{{20, 5}, {200, 60}, {1, 1}} {
		s := m
		s, _ = send(t, s, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		assertFits(t, s, sz[0], sz[1])
		assertFits(t, do(t, s, "f"), sz[0], sz[1])
	}
}

// TestMemosViewWritesTheProjectMemo: p opens the editor on the project
// memo (none yet), esc saves it, and the list shows it.
func TestMemosViewWritesTheProjectMemo(t *testing.T) {
	p, _ := retrievalProject(t)
	m := New(p, "haku", "virta")
	m, _ = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m = do(t, listDocuments(t, m, p), "O")
	if !strings.Contains(ansi.Strip(m.View().Content), "No memos yet") {
		t.Errorf("empty memos view:\n%s", ansi.Strip(m.View().Content))
	}
	m = do(t, m, "p")
	if !m.memo.IsOpen() {
		t.Fatal("p: no memo editor")
	}
	m = do(t, typeText(t, m, "Kolme haastattelua."), "esc")
	if got, _ := p.Memo(context.Background(), coding.MemoProject, coding.ProjectMemoID); got != "Kolme haastattelua." {
		t.Errorf("project memo %q", got)
	}
	sameList(t, "memos", memoHeads(m), []string{"project virta Kolme haastattelua."})
	m = do(t, m, "m") // edits it again, with its text
	if !m.memo.IsOpen() || m.memo.ta.Value() != "Kolme haastattelua." {
		t.Errorf("m: editor open %v with %q", m.memo.IsOpen(), m.memo.ta.Value())
	}
}

// TestMemosReloadKeepsTheMemo: read again after a memo was removed, the
// list keeps the cursor on its memo.
func TestMemosReloadKeepsTheMemo(t *testing.T) {
	p, _ := mergedMemos(t)
	m := New(p, "haku", "virta")
	m, _ = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m = do(t, listDocuments(t, m, p), "O", "G") // the coding memo, last
	if err := p.SetMemo(context.Background(), coding.MemoCode, codeQueue, "", "eero"); err != nil {
		t.Fatal(err)
	}
	m = drain(t, m, m.memos.Refresh())
	if r, _ := m.memos.current(); len(m.memos.shown) != 4 || r.Target != coding.MemoCoding {
		t.Errorf("after the removal: %d memos, on a %s memo", len(m.memos.shown), r.Target)
	}
}
