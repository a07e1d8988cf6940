package tui

import (
	"context"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
)

// typeText sends each rune of s as a key press.
func typeText(t *testing.T, m Model, s string) Model {
	t.Helper()
	for _, r := range s {
		m = do(t, m, string(r))
	}
	return m
}

// codedText returns the text of the live codings of code, in order.
func codedText(t *testing.T, s *project.Project, m Model, codeID string) []string {
	t.Helper()
	var out []string
	for _, c := range live(t, s, codeID) {
		out = append(out, coding.Slice(m.reader.doc.Text, c.Start, c.End))
	}
	return out
}

func TestSelectExtendAndCode(t *testing.T) {
	m, s, _ := coder(t, 80, 24)
	m = do(t, m, "]") // turn 2: "Kelasta pyydettiin liitteitä kolme kertaa, ja …"
	if sel, ok := m.reader.Selection(); ok {
		t.Fatalf("selection before v: %v", sel)
	}
	steps := []struct{ key, want string }{
		{"v", "Kelasta"},
		{"w", "Kelasta pyydettiin"},
		{"w", "Kelasta pyydettiin liitteitä"},
		{"b", "Kelasta pyydettiin"},
		{")", "Kelasta pyydettiin liitteitä kolme kertaa, ja joka kerta odotin viikkoja ennen kuin kukaan vastasi."},
	}
	for _, st := range steps {
		m = do(t, m, st.key)
		sel, ok := m.reader.Selection()
		if got := coding.Slice(m.reader.doc.Text, sel.Start, sel.End); !ok || got != st.want {
			t.Fatalf("after %s: selection %q, want %q", st.key, got, st.want)
		}
		if mode := m.reader.Mode(); mode != "SELECT" {
			t.Fatalf("mode %s while selecting", mode)
		}
	}
	m = do(t, m, "c")
	if v := ansi.Strip(m.View().Content); !strings.Contains(v, "Code turn 2, 14 words") {
		t.Errorf("picker title does not name the selection:\n%s", v)
	}
	m = typeText(t, m, "kela")
	m = do(t, m, "enter")
	got := codedText(t, s, m, codeKela)
	want := []string{"", steps[4].want}
	if len(got) != 2 || !slices.Contains(got, want[1]) {
		t.Fatalf("Kela codings: %q, want one on the selected sentence", got)
	}
	if _, ok := m.reader.Selection(); ok {
		t.Error("the selection stayed after coding it")
	}
	assertStatus(t, m, "coded turn 2, 14 words: Kela")
}

func TestSelectionLineAndEsc(t *testing.T) {
	m, _, _ := coder(t, 80, 24)
	m = do(t, m, "]", "v", "j")
	sel, _ := m.reader.Selection()
	ls := m.reader.lines()
	if sel.End != ls[1].end {
		t.Errorf("v j: selection ends at %d, want the end of the line, %d", sel.End, ls[1].end)
	}
	m = do(t, m, "j")
	if sel, _ = m.reader.Selection(); sel.End != ls[2].end {
		t.Errorf("v j j: selection ends at %d, want %d", sel.End, ls[2].end)
	}
	m = do(t, m, "esc")
	if _, ok := m.reader.Selection(); ok || m.focus != screenReader {
		t.Errorf("esc: selection kept %v, focus %v; want the selection gone and the reader kept", ok, m.focus)
	}
}

func TestGoToTurn(t *testing.T) {
	m, _, _ := coder(t, 80, 24)
	m = do(t, m, ":")
	if !m.reader.Typing() || !m.typing() {
		t.Fatal(": does not take the turn number")
	}
	m = do(t, m, "1", "2", "q", "enter") // q is typed (and ignored), not quit
	if n := m.reader.doc.TurnAt(m.reader.Pos()); n != 12 {
		t.Fatalf("went to turn %d, want 12", n)
	}
	m = do(t, m, ":", "9", "9", "enter")
	if n := m.reader.doc.TurnAt(m.reader.Pos()); n != 16 { // the last, said in the status line (return_test.go)
		t.Errorf("a turn past the end moved the caret to turn %d, want the last, 16", n)
	}
	m = do(t, m, "[", "[")
	if n := m.reader.doc.TurnAt(m.reader.Pos()); n != 14 {
		t.Errorf("[ [ from turn 16: turn %d", n)
	}
}

func TestPaneRemoveRecodeUndo(t *testing.T) {
	m, s, queue := coder(t, 120, 30) // wide: the pane is on the right
	m = do(t, m, "]")
	v := ansi.Strip(m.View().Content)
	if !strings.Contains(v, "Codes here") || !strings.Contains(v, "Kela") || !strings.Contains(v, "Odottaminen") {
		t.Fatalf("side pane lacks the codings of turn 2:\n%s", v)
	}
	m = do(t, m, "tab")
	if m.reader.Mode() != "CODES" {
		t.Fatalf("tab: mode %s", m.reader.Mode())
	}
	here := m.reader.here()
	if len(here) != 2 || here[0].CodeID != codeKela {
		t.Fatalf("codings here: %d, first %s", len(here), here[0].CodeID)
	}
	// Recode the Kela coding as Jonottaminen.
	m = do(t, m, "r", "y") // aino's coding: confirmed first
	m = typeText(t, m, "jono")
	m = do(t, m, "enter")
	if n := len(live(t, s, codeKela)); n != 0 {
		t.Fatalf("recode left %d Kela codings", n)
	}
	q := live(t, s, queue.ID)
	if len(q) != 1 || q[0].Start != here[0].Start || q[0].End != here[0].End {
		t.Fatalf("recode: Jonottaminen codings %+v, want one on %d–%d", q, here[0].Start, here[0].End)
	}
	m = do(t, m, "u")
	if len(live(t, s, codeKela)) != 1 || len(live(t, s, queue.ID)) != 0 {
		t.Fatalf("undo of a recode: Kela %d, Jonottaminen %d", len(live(t, s, codeKela)), len(live(t, s, queue.ID)))
	}
	// Remove the second coding through the pane.
	m = do(t, m, "tab", "j", "x", "y") // aino's: confirmed first
	if n := len(live(t, s, codeWait)); n != 0 {
		t.Errorf("x in the pane left %d Odottaminen codings", n)
	}
	assertFits(t, m, 120, 30)
}

func TestMemosOnCodingAndDocument(t *testing.T) {
	m, s, _ := coder(t, 80, 24)
	ctx := context.Background()
	m = do(t, m, "]", "m")
	if !m.memo.IsOpen() || m.mode() != "MEMO" {
		t.Fatal("m did not open the memo editor")
	}
	m = typeText(t, m, "Odotus toistuu; q ei lopeta.")
	m = do(t, m, "esc")
	if m.memo.IsOpen() {
		t.Fatal("esc left the editor open")
	}
	newest := m.reader.newestHere()
	c, err := s.Coding(ctx, newest.ID)
	if err != nil || c.Memo != "Odotus toistuu; q ei lopeta." {
		t.Fatalf("coding memo %q (%v)", c.Memo, err)
	}
	assertStatus(t, m, "memo saved")
	m = do(t, m, "M")
	m = typeText(t, m, "Haastattelu keskeytyi kerran.")
	m, cmd := send(t, m, press("ctrl+c")) // quitting saves the open memo first
	m = drain(t, m, cmd)
	if memo, _ := s.Memo(ctx, coding.MemoDocument, m.reader.doc.ID); memo != "Haastattelu keskeytyi kerran." {
		t.Errorf("document memo after ctrl+c: %q", memo)
	}
}

// TestMemoFollowsARecode: a memo opened on a coding whose recode was
// written before the reader showed it (the key pressed right after the
// recode) is saved on the coding the recode made, says so, and is undone
// there; it was refused as the memo of a coding not found, and what was
// typed was lost.
func TestMemoFollowsARecode(t *testing.T) {
	m, s, queue := coder(t, 80, 24)
	ctx := context.Background()
	m = do(t, m, "]", "m")
	if !m.memo.IsOpen() {
		t.Fatal("m did not open the memo editor")
	}
	old := m.reader.newestHere()
	// The recode, as the reader's r writes it: the new coding by this UI's
	// coder, then the old one removed.
	e := coding.Engine{Repo: s}
	doc, err := s.Document(ctx, old.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	made, _, err := e.ApplyTo(ctx, doc, queue, coding.Selection{Span: old.Span()}, "testaaja", old.Memo)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Remove(ctx, old.ID, "testaaja"); err != nil {
		t.Fatal(err)
	}
	m = typeText(t, m, "Jono vai odotus?")
	m = do(t, m, "esc")
	assertStatus(t, m, "memo saved on the recoded coding")
	if c, err := s.Coding(ctx, made.ID); err != nil || c.Memo != "Jono vai odotus?" {
		t.Fatalf("the recoded coding's memo %q (%v)", c.Memo, err)
	}
	m = do(t, m, "u")
	if c, err := s.Coding(ctx, made.ID); err != nil || c.Memo != old.Memo {
		t.Errorf("after undo the recoded coding's memo is %q (%v), want %q", c.Memo, err, old.Memo)
	}
}

func TestPositionSurvivesRestart(t *testing.T) {
	m, s, _ := coder(t, 80, 24)
	m = do(t, m, ":", "7", "enter", "w", "w")
	want := m.reader.Pos()
	m, cmd := send(t, m, press("q"))
	drain(t, m, cmd)
	path := s.Path()
	s.Close()
	p, err := project.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	m2 := New(p, "testi", "testaaja")
	m2, _ = send(t, m2, tea.WindowSizeMsg{Width: 80, Height: 24})
	m2 = drain(t, m2, loadDocuments(p))
	m2 = do(t, m2, "enter")
	if got := m2.reader.Pos(); got != want {
		t.Fatalf("reopened at %d, want %d (turn %d)", got, want, m2.reader.doc.TurnAt(want))
	}
	if l := m2.reader.Cursor(); l < m2.reader.offset || l >= m2.reader.offset+m2.reader.rows() {
		t.Errorf("the saved position is off screen")
	}
	// Another coder starts at the top.
	m3 := New(p, "testi", "toinen")
	m3, _ = send(t, m3, tea.WindowSizeMsg{Width: 80, Height: 24})
	m3 = drain(t, m3, loadDocuments(p))
	if m3 = do(t, m3, "enter"); m3.reader.Pos() != m3.reader.txt.turns[0].Start {
		t.Errorf("another coder opened at %d", m3.reader.Pos())
	}
}

func TestOpenAtPlacesCaret(t *testing.T) {
	m, doc := started(t, 80, 24)
	pos := doc.Turns[9].Start + 8
	m = drain(t, m, func() tea.Msg { return openAtMsg{DocID: doc.ID, Pos: pos} })
	if m.focus != screenReader || m.reader.Pos() != pos {
		t.Fatalf("openAt: focus %v, caret %d, want %d", m.focus, m.reader.Pos(), pos)
	}
	// In the open document it moves without a reload.
	m, cmd := send(t, m, openAtMsg{DocID: doc.ID, Pos: doc.Turns[2].Start})
	m = drain(t, m, cmd)
	if m.reader.Pos() != doc.Turns[2].Start {
		t.Errorf("second openAt: caret %d", m.reader.Pos())
	}
}

func TestDocumentsSortAndFilterAttributes(t *testing.T) {
	m, _ := started(t, 80, 24)
	if n := len(m.docs.docs); n != 2 {
		t.Fatalf("%d documents", n)
	}
	// The first interview has codings on 1 of 16 turns; the second none.
	m = do(t, m, "s", "s") // progress, ascending
	if d, _ := m.docs.Selected(); d.Name != "haastattelu-01" || m.docs.cursor != 1 {
		t.Errorf("sorted by progress: cursor %d on %s, want it kept on haastattelu-01 (row 2)", m.docs.cursor, d.Name)
	}
	m = do(t, m, "s", "s") // back to name
	if m.docs.sortBy != sortName {
		t.Errorf("sort cycles to %v", m.docs.sortBy)
	}
	m = do(t, m, "f")
	m = typeText(t, m, "profes")
	m = do(t, m, "enter")
	if d, _ := m.docs.Selected(); len(m.docs.shown) != 1 || d.Name != "haastattelu-02" {
		t.Errorf("filter on kind: %d shown", len(m.docs.shown))
	}
}

func TestDocumentsListRefreshesAfterCoding(t *testing.T) {
	m, _, _ := coder(t, 80, 24)
	m = do(t, m, "1", "]", "]", ".")
	m, cmd := send(t, m, press("esc"))
	m = drain(t, m, cmd)
	if m.focus != screenDocuments {
		t.Fatalf("esc: focus %v", m.focus)
	}
	d, _ := m.docs.Selected()
	if d.Codings != 4 || d.CodedTurns != 3 {
		t.Errorf("list after coding: %d codings on %d turns, want 4 on 3", d.Codings, d.CodedTurns)
	}
	if v := ansi.Strip(m.View().Content); !strings.Contains(v, " 19%") {
		t.Errorf("progress not shown as 19%% (3 of 16 turns):\n%s", v)
	}
}
