package tui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
)

// byHand makes the follower's ticks the test's to send, for the length
// of the test.
func byHand(t *testing.T) {
	t.Helper()
	saved := followTick
	followTick = func() tea.Cmd { return nil }
	t.Cleanup(func() { followTick = saved })
}

// following turns following on in m and has it read the first mark.
func following(t *testing.T, m Model) Model {
	t.Helper()
	m.Follow()
	if m.follow.src == nil {
		t.Fatal("a project's workspace does not follow it")
	}
	return drain(t, m, m.follow.look())
}

// tick sends one follower tick and runs what it asks for.
func tick(t *testing.T, m Model) Model {
	t.Helper()
	m, cmd := send(t, m, followTickMsg{})
	return drain(t, m, cmd)
}

// otherProcess opens a second handle on the project, as another process
// (the command line, another UI) would.
func otherProcess(t *testing.T, p *project.Project) *project.Project {
	t.Helper()
	other, err := project.Open(context.Background(), p.Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	return other
}

func TestReaderFollowsOtherProcesses(t *testing.T) {
	byHand(t)
	ctx := context.Background()
	m, s, queue := coder(t, 80, 12)
	m = following(t, m)
	m = do(t, m, "]", "]", "]", "]", "]", "]", "]", "]", "]", "j") // down the document, scrolled
	line, offset, pos := m.reader.Cursor(), m.reader.offset, m.reader.Pos()
	if offset == 0 {
		t.Fatal("the reader did not scroll; the test needs it to")
	}
	doc := m.reader.Document()
	turn := doc.Turns[slices.IndexFunc(doc.Turns, func(tn coding.Turn) bool { return tn.Start <= pos && pos < tn.End })]
	codings := len(m.reader.codings)

	other := otherProcess(t, s)
	c := &coding.Coding{DocumentID: doc.ID, CodeID: queue.ID, Start: turn.Start, End: turn.End}
	c.Coder = "toinen"
	if _, err := other.AddCoding(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := other.SetMemo(ctx, coding.MemoDocument, doc.ID, "Toisen muistio", "toinen"); err != nil {
		t.Fatal(err)
	}
	added := &coding.Code{NameFi: "Uusi koodi", NameEn: "New code", Color: "#ff9900"}
	if err := other.AddCode(ctx, added, "toinen"); err != nil {
		t.Fatal(err)
	}
	if len(m.reader.codings) != codings {
		t.Fatal("the reader changed before the tick")
	}

	m = tick(t, m)
	if len(m.reader.codings) != codings+1 || !slices.ContainsFunc(m.reader.here(), func(h *coding.Coding) bool { return h.ID == c.ID }) {
		t.Errorf("after the tick the reader holds %d codings (%d before), the caret's line %d of them; want the other process's coding there",
			len(m.reader.codings), codings, len(m.reader.here()))
	}
	if m.reader.memo != "Toisen muistio" {
		t.Errorf("document memo %q, want the other process's", m.reader.memo)
	}
	if m.reader.codebook.Code(added.ID) == nil {
		t.Error("the reader's codebook lacks the code added elsewhere")
	}
	if m.reader.Cursor() != line || m.reader.offset != offset || m.reader.Pos() != pos {
		t.Errorf("after the reload: line %d, scroll %d, caret %d; want %d, %d, %d",
			m.reader.Cursor(), m.reader.offset, m.reader.Pos(), line, offset, pos)
	}
	if !strings.Contains(screenLines(m)[m.reader.Cursor()-m.reader.offset], "▌") {
		t.Errorf("no stripe on the caret's line:\n%s", strings.Join(screenLines(m), "\n"))
	}

	// Nothing changed: a tick reads nothing but the mark.
	m, cmd := send(t, m, followTickMsg{})
	msg := cmd()
	if _, ok := msg.(markReadMsg); !ok {
		t.Fatalf("a tick gave %T, want the mark read", msg)
	}
	if _, cmd = send(t, m, msg); cmd != nil {
		t.Errorf("an unchanged mark asked for %T", cmd())
	}
}

func TestDocumentListFollowsOtherProcesses(t *testing.T) {
	byHand(t)
	m, _ := started(t, 80, 24)
	m = following(t, m)
	other := otherProcess(t, m.c.Svc.(displaySvc).Services.(*project.Project))
	doc := turnsDoc("haastattelu-03", coding.KindClient, [][2]string{{"H", "Mitä kuuluu?"}, {"V", "Hyvää."}})
	if err := other.ImportDocument(context.Background(), doc, "toinen"); err != nil {
		t.Fatal(err)
	}
	assertNo := func(m Model) {
		t.Helper()
		if strings.Contains(strings.Join(screenLines(m), "\n"), "haastattelu-03") {
			t.Fatal("the list shows the new document before the tick")
		}
	}
	assertNo(m)
	m = tick(t, m)
	assertStatus(t, m, "haastattelu-03")
	if !strings.Contains(strings.Join(screenLines(m), "\n"), "Documents (3)") {
		t.Errorf("the list does not count 3 documents:\n%s", strings.Join(screenLines(m), "\n"))
	}
}

func TestUndoOfCodingChangedElsewhere(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		keys    []string // what the UI does first
		deleted bool     // what the other process then does to the coding
		press   string   // then the UI's key
		status  string
	}{
		{"coded, then removed elsewhere", []string{"1"}, true, "u",
			"nothing to undo: 1 coding already removed in another process (coded turn 1"},
		{"removed, then restored elsewhere", []string{"1", "x"}, false, "u",
			"nothing to undo: 1 coding already back in another process (removed turn 1"},
		{"removed here after it was removed elsewhere", []string{"1"}, true, "x",
			"nothing to remove: 1 coding already removed in another process (removed turn 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, s, _ := coder(t, 100, 24)
			m = do(t, m, tt.keys...)
			id := m.hist.undo[len(m.hist.undo)-1].ops[0].codingID
			other := otherProcess(t, s)
			if _, err := other.SetCodingDeleted(ctx, id, "toinen", tt.deleted); err != nil {
				t.Fatal(err)
			}
			undos := len(m.hist.undo)
			m = do(t, m, tt.press)
			assertStatus(t, m, tt.status)
			if want := map[string]int{"u": undos - 1, "x": undos}[tt.press]; len(m.hist.undo) != want || len(m.hist.redo) != 0 {
				t.Errorf("stacks: undo %d (was %d), redo %d; want no step for what was not done here", len(m.hist.undo), undos, len(m.hist.redo))
			}
			if c, err := s.Coding(ctx, id); err != nil || c.Deleted != tt.deleted {
				t.Errorf("the coding: %+v, %v; want it as the other process left it", c, err)
			}
		})
	}
}

// TestFollowInARunningProgram runs the workspace as a program with its
// own ticks: a document imported elsewhere shows in the list by itself.
func TestFollowInARunningProgram(t *testing.T) {
	saved := followInterval
	followInterval = 20 * time.Millisecond
	t.Cleanup(func() { followInterval = saved })
	p, _ := newProject(t)
	m := New(p, "testi", "virta")
	m.Follow()
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	t.Cleanup(func() { tm.Quit() })
	waitFor(t, tm, "haastattelu-02")
	other := otherProcess(t, p)
	doc := turnsDoc("haastattelu-03", coding.KindClient, [][2]string{{"H", "Mitä kuuluu?"}, {"V", "Hyvää."}})
	if err := other.ImportDocument(context.Background(), doc, "toinen"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tm, "haastattelu-03")
}

// A document imported elsewhere leaves the open document's text as it
// is; one pseudonymised elsewhere is read again, the caret kept in its
// turn.
func TestReaderRereadsOnlyAReplacedText(t *testing.T) {
	byHand(t)
	ctx := context.Background()
	m, _ := started(t, 80, 24)
	p := m.c.Svc.(displaySvc).Services.(*project.Project)
	m = following(t, m)
	m = do(t, m, "j", "enter", "]")
	doc := m.reader.Document()
	if doc == nil || doc.Name != "haastattelu-02" {
		t.Fatalf("open: %v; want haastattelu-02", doc)
	}
	pos := m.reader.Pos()
	other := otherProcess(t, p)
	if err := other.ImportDocument(ctx, turnsDoc("haastattelu-03", coding.KindClient, [][2]string{{"H", "Mitä kuuluu?"}}), "toinen"); err != nil {
		t.Fatal(err)
	}
	m = tick(t, m)
	if m.reader.Document() != doc {
		t.Error("another document's import read the open one's text again")
	}
	replaced := turnsDoc("haastattelu-02", coding.KindProfessional, [][2]string{
		{"H", "Kuvailisitko työtäsi?"},
		{"V", "Teen [nimi] kanssa aikuissosiaalityötä."},
	})
	replaced.ID = doc.ID
	if err := other.ReplaceText(ctx, replaced, "toinen", "1 name", nil); err != nil {
		t.Fatal(err)
	}
	m = tick(t, m)
	if got := m.reader.Document(); got == doc || got.Text != replaced.Text {
		t.Fatalf("after the tick the reader shows %q; want the replaced text", got.Text)
	}
	if tn := replaced.Turns[1]; m.reader.Pos() < tn.Start || m.reader.Pos() >= tn.End || m.reader.Pos() != min(pos, tn.End-1) {
		t.Errorf("caret at %d (was %d); want it kept in turn 2 [%d,%d)", m.reader.Pos(), pos, tn.Start, tn.End)
	}
	assertStatus(t, m, "[nimi]")
}

// TestRedoOfACodingMadeAgainElsewhere: a coding undone here and then made
// again by another process as the same coder (the same code on the same
// span) is not redone a second time: the project holds it once, and the
// status line says so. It was stored twice, and counted twice.
func TestRedoOfACodingMadeAgainElsewhere(t *testing.T) {
	ctx := context.Background()
	m, s, _ := coder(t, 100, 24)
	m = do(t, m, "1", "u")
	id := m.hist.redo[len(m.hist.redo)-1].ops[0].codingID
	first, err := s.Coding(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	other := otherProcess(t, s)
	again := &coding.Coding{Record: coding.Record{Coder: first.Coder}, DocumentID: first.DocumentID, CodeID: first.CodeID,
		Start: first.Start, End: first.End}
	if created, err := other.AddCoding(ctx, again); err != nil || !created {
		t.Fatalf("coding again elsewhere: %v, %v", created, err)
	}
	m = do(t, m, "ctrl+r")
	assertStatus(t, m, "1 coding already back in another process")
	live, err := s.Codings(ctx, coding.CodingFilter{DocumentID: first.DocumentID, Coder: first.Coder})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range live {
		if c.CodeID == first.CodeID && c.Start == first.Start && c.End == first.End {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the coding is stored %d times, want once", n)
	}
}
