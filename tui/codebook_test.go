package tui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/toituavain/avain/coding"
)

// inCodebook returns the workspace at w×h on the codebook screen of the
// fixture project, whose codebook has Odottaminen with the child
// Jonottaminen, and Kela; one coding each of Odottaminen and Kela.
func inCodebook(t *testing.T, w, h int) (Model, *coding.Code) {
	t.Helper()
	m, s, queue := coder(t, w, h)
	if err := s.SetMemo(context.Background(), coding.MemoCode, codeKela, "Kela mainittu nimeltä.", "aino"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateCode(context.Background(), codeWait, "aino", "define", func(c *coding.Code) error {
		c.Definition = "Odottamista palvelun tai päätöksen vuoksi."
		c.WhenToUse = "Kun haastateltava kertoo odottaneensa."
		c.WhenNotUse = "Ei jonotukseen puhelimessa; siihen Jonottaminen."
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	m = do(t, m, "B")
	if m.focus != screenCodebook || !m.codebook.loaded {
		t.Fatalf("B: focus %v, loaded %v", m.focus, m.codebook.loaded)
	}
	return m, queue
}

func TestCodebookTreeAndFolding(t *testing.T) {
	m, queue := inCodebook(t, 80, 24)
	v := m.codebook
	if len(v.rowsIDs) != 3 || v.rowsIDs[0] != codeWait || v.rowsIDs[1] != queue.ID || v.rowsIDs[2] != codeKela {
		t.Fatalf("rows %v, want Odottaminen, Jonottaminen, Kela", v.rowsIDs)
	}
	screen := ansi.Strip(m.View().Content)
	for _, want := range []string{"▾ Odottaminen (Waiting)", "Jonottaminen (Queueing) [1]", "Kela ✎", "3 codes · 2 codings"} {
		if !strings.Contains(screen, want) {
			t.Errorf("tree lacks %q:\n%s", want, screen)
		}
	}
	m = do(t, m, "h") // collapse Odottaminen
	if len(m.codebook.rowsIDs) != 2 || !strings.Contains(ansi.Strip(m.View().Content), "▸ Odottaminen") {
		t.Fatalf("h: rows %v", m.codebook.rowsIDs)
	}
	m = do(t, m, "l", "j") // expand, down to the child
	if c := m.codebook.selected(); c == nil || c.ID != queue.ID {
		t.Fatalf("l j: on %v", c)
	}
	m = do(t, m, "h") // a leaf: to its parent
	if c := m.codebook.selected(); c.ID != codeWait {
		t.Errorf("h on a leaf: on %s, want the parent", c.NameFi)
	}
	m = do(t, m, "space")
	if len(m.codebook.rowsIDs) != 2 {
		t.Errorf("space did not fold")
	}
	// A reload (after a coding elsewhere) keeps the cursor and the folds.
	m = do(t, m, "G")
	m = drain(t, m, m.codebook.Load())
	if c := m.codebook.selected(); c.ID != codeKela || len(m.codebook.rowsIDs) != 2 {
		t.Errorf("reload: on %s with %d rows", c.NameFi, len(m.codebook.rowsIDs))
	}
}

func TestCodebookDetails(t *testing.T) {
	m, _ := inCodebook(t, 80, 24)
	m = do(t, m, "d")
	screen := ansi.Strip(m.View().Content)
	for _, want := range []string{"Definition", "Odottamista palvelun", "When to use", "When not to use", "Ei jonotukseen"} {
		if !strings.Contains(screen, want) {
			t.Errorf("details lack %q:\n%s", want, screen)
		}
	}
	assertFits(t, m, 80, 24)
	m = do(t, m, "d")
	if strings.Contains(ansi.Strip(m.View().Content), "When to use") {
		t.Error("d again left the details open")
	}
}

func TestCodebookRetrievalOpensReader(t *testing.T) {
	m, queue := inCodebook(t, 80, 24)
	m = do(t, m, "G", "enter") // Kela
	v := m.retrieval
	if m.focus != screenRetrieval || len(v.shown) != 1 {
		t.Fatalf("retrieval of Kela: focus %v, %d passages", m.focus, len(v.shown))
	}
	p, _ := v.current()
	if p.docName != "haastattelu-01" || p.turn != 2 || p.text != "Kelasta pyydettiin l" || strings.Join(p.coders, ",") != "aino" {
		t.Errorf("passage %+v", p)
	}
	if s := ansi.Strip(m.View().Content); !strings.Contains(s, "Kela — 1 passage in 1 document") {
		t.Errorf("retrieval header:\n%s", s)
	}
	m = do(t, m, "enter")
	if m.focus != screenReader || m.reader.Pos() != p.start {
		t.Fatalf("enter on a passage: focus %v, caret %d, want %d", m.focus, m.reader.Pos(), p.start)
	}
	m = do(t, m, "esc") // back to the retrieval list
	if m.focus != screenRetrieval {
		t.Fatalf("esc from the reader: focus %v", m.focus)
	}
	m = do(t, m, "esc", "g", "enter") // Odottaminen, with its child codes
	if m.focus != screenRetrieval || !m.retrieval.subtree || len(m.retrieval.shown) != 1 {
		t.Fatalf("Odottaminen with children: %d passages", len(m.retrieval.shown))
	}
	// Code the turn with the child in the reader; the list follows.
	m = do(t, m, "enter", "1", "esc")
	if m.focus != screenRetrieval || len(m.retrieval.shown) != 2 {
		t.Fatalf("after coding Jonottaminen: focus %v, %d passages", m.focus, len(m.retrieval.shown))
	}
	found := false
	for _, i := range m.retrieval.shown {
		found = found || slices.Contains(m.retrieval.data.list[i].codeIDs, queue.ID)
	}
	if !found {
		t.Errorf("the child's passage is missing")
	}
	m = do(t, m, "a") // Odottaminen alone
	if m.retrieval.subtree || len(m.retrieval.shown) != 1 {
		t.Errorf("a: subtree %v, %d passages", m.retrieval.subtree, len(m.retrieval.shown))
	}
}

func TestCodebookCodeMemo(t *testing.T) {
	m, _ := inCodebook(t, 80, 24)
	ctx := context.Background()
	m = do(t, m, "G", "m")
	if !m.memo.IsOpen() || !strings.Contains(m.memo.ta.Value(), "Kela mainittu") {
		t.Fatalf("m: editor open %v with %q", m.memo.IsOpen(), m.memo.ta.Value())
	}
	m = typeText(t, m, " Tarkista.")
	m = do(t, m, "esc")
	if got, _ := m.c.Svc.Memo(ctx, coding.MemoCode, codeKela); got != "Kela mainittu nimeltä. Tarkista." {
		t.Errorf("code memo %q", got)
	}
	if m.codebook.memos[codeKela] != "Kela mainittu nimeltä. Tarkista." {
		t.Errorf("screen shows memo %q", m.codebook.memos[codeKela])
	}
}

func TestCodebookFitsAndGolden(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {20, 5}, {200, 60}, {120, 30}, {1, 1}} {
		m, _ := inCodebook(t, sz[0], sz[1])
		assertFits(t, m, sz[0], sz[1])
		assertFits(t, do(t, m, "d"), sz[0], sz[1])
		assertFits(t, do(t, m, "enter"), sz[0], sz[1])
	}
	m, _ := inCodebook(t, 80, 24)
	golden(t, "codebook_80x24", m)
	golden(t, "codebook_details_80x24", do(t, m, "d"))
	golden(t, "retrieval_kela_80x24", do(t, m, "G", "enter"))
}
