package tui

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
)

// coder opens the first document of a project whose codebook also has
// the theme child Odottaminen/Jonottaminen with shortcut 1; the cursor is
// on turn 1, which has no codings.
func coder(t *testing.T, w, h int) (Model, *project.Project, *coding.Code) {
	t.Helper()
	s, _ := newProject(t)
	queue := &coding.Code{ParentID: codeWait, NameFi: "Jonottaminen", NameEn: "Queueing", Color: "#6aa84f", Shortcut: "1"}
	if err := s.AddCode(context.Background(), queue, "aino"); err != nil {
		t.Fatal(err)
	}
	m := New(s, "testi", "testaaja")
	m, _ = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	m = listDocuments(t, m, s)
	m, cmd := send(t, m, press("enter"))
	m, cmd = send(t, m, cmd())
	m, _ = send(t, m, cmd())
	if m.reader.Document() == nil {
		t.Fatal("no document open")
	}
	return m, s, queue
}

func init() { positionSaveDelay = time.Millisecond }

// drain runs cmd and the commands that follow from it, feeding each
// message to m; the commands of a batch run in order, and a quit ends it.
func drain(t *testing.T, m Model, cmd tea.Cmd) Model {
	t.Helper()
	var run func(cmd tea.Cmd, depth int)
	run = func(cmd tea.Cmd, depth int) {
		if cmd == nil {
			return
		}
		if depth > 20 {
			t.Fatal("commands do not settle")
		}
		switch msg := cmd().(type) {
		case nil, tea.QuitMsg:
		case tea.BatchMsg:
			for _, c := range msg {
				run(c, depth+1)
			}
		case tea.Msg:
			if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
				for i := range v.Len() { // a tea.Sequence
					run(v.Index(i).Interface().(tea.Cmd), depth+1)
				}
				return
			}
			var next tea.Cmd
			m, next = send(t, m, msg)
			run(next, depth+1)
		}
	}
	run(cmd, 0)
	return m
}

// do presses each key and runs the resulting commands.
func do(t *testing.T, m Model, ks ...string) Model {
	t.Helper()
	for _, k := range ks {
		var cmd tea.Cmd
		m, cmd = send(t, m, press(k))
		m = drain(t, m, cmd)
	}
	return m
}

// live returns the live codings of code in the store.
func live(t *testing.T, s *project.Project, codeID string) []*coding.Coding {
	t.Helper()
	cs, err := s.Codings(context.Background(), coding.CodingFilter{CodeIDs: []string{codeID}})
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// turnOf returns the turn number of coding c in the open document.
func turnOf(m Model, c *coding.Coding) int {
	for _, t := range m.reader.Document().Turns {
		if t.Start == c.Start && t.End == c.End {
			return t.N
		}
	}
	return 0
}

func assertStatus(t *testing.T, m Model, want string) {
	t.Helper()
	if v := ansi.Strip(m.View().Content); !strings.Contains(v, want) {
		t.Errorf("status lacks %q:\n%s", want, v)
	}
}

func TestPickerFilter(t *testing.T) {
	tests := []struct {
		query, want string
	}{
		{"", "Odottaminen"},
		{"jono", "Jonottaminen"},
		{"QUEUE", "Jonottaminen"},
		{"kela", "Kela"},
		{"wait", "Odottaminen"},
		{"odjon", "Jonottaminen"}, // subsequence over the path Odottaminen/Jonottaminen
	}
	m0, _, _ := coder(t, 80, 24)
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			m := keys(t, m0, "c")
			for _, r := range tt.query {
				m = keys(t, m, string(r))
			}
			if got := m.reader.picker.Selected(); got == nil || got.NameFi != tt.want {
				t.Errorf("best match for %q: got %v, want %s", tt.query, got, tt.want)
			}
		})
	}
	m := keys(t, m0, "c", "z", "z", "z")
	if got := m.reader.picker.Selected(); got != nil {
		t.Errorf("zzz matched %s", got.NameFi)
	}
	assertFits(t, m, 80, 24)
}

func TestPickerEnterApplies(t *testing.T) {
	m, s, queue := coder(t, 80, 24)
	m = keys(t, m, "c", "j", "o", "n", "o", "down", "up")
	m, cmd := send(t, m, press("enter"))
	if m.reader.Typing() || cmd == nil {
		t.Fatalf("enter: picker open %v, cmd %v", m.reader.Typing(), cmd)
	}
	m = drain(t, m, cmd)
	cs := live(t, s, queue.ID)
	if len(cs) != 1 || turnOf(m, cs[0]) != 1 || cs[0].Coder != "testaaja" {
		t.Fatalf("store holds %+v, want one coding of turn 1 by testaaja", cs)
	}
	assertStatus(t, m, "coded turn 1: Odottaminen/Jonottaminen")
	if len(m.reader.codings) != 3 {
		t.Errorf("reader did not reload the codings: %d", len(m.reader.codings))
	}
	m = do(t, m, "c", "j", "o", "n", "o", "enter")
	assertStatus(t, m, "already coded turn 1")
	if n := len(live(t, s, queue.ID)); n != 1 {
		t.Errorf("coding twice made %d codings", n)
	}
}

func TestPickerEscCancels(t *testing.T) {
	m, s, _ := coder(t, 80, 24)
	before, _ := s.Codings(context.Background(), coding.CodingFilter{})
	m, cmd := send(t, keys(t, m, "c", "k"), press("esc"))
	if cmd != nil || m.reader.Typing() || m.focus != screenReader {
		t.Fatalf("esc: cmd %v, picking %v, focus %v", cmd, m.reader.Typing(), m.focus)
	}
	after, _ := s.Codings(context.Background(), coding.CodingFilter{})
	if len(after) != len(before) {
		t.Errorf("esc changed the store: %d codings, was %d", len(after), len(before))
	}
}

func TestPickerTypesQ(t *testing.T) {
	m, _, _ := coder(t, 80, 24)
	m, cmd := send(t, keys(t, m, "c"), press("q"))
	if cmd != nil {
		t.Fatalf("q in the picker returned a command (quit?)")
	}
	if m.reader.picker.query != "q" || !m.reader.Typing() {
		t.Errorf("q in the picker: query %q, picking %v", m.reader.picker.query, m.reader.Typing())
	}
	if m.keys.Quit.Enabled() {
		t.Errorf("quit is enabled in help while typing")
	}
}

func TestShortcutAndRepeat(t *testing.T) {
	m, s, queue := coder(t, 80, 24)
	m = do(t, m, "1")
	assertStatus(t, m, "coded turn 1: Odottaminen/Jonottaminen")
	m = do(t, m, "j", ".") // line 2 is turn 2
	cs := live(t, s, queue.ID)
	if len(cs) != 2 || turnOf(m, cs[0]) != 1 || turnOf(m, cs[1]) != 2 {
		t.Fatalf("store holds %+v, want turns 1 and 2", cs)
	}
	assertStatus(t, m, "coded turn 2: Odottaminen/Jonottaminen")
	if m.reader.Cursor() != 1 {
		t.Errorf("reload moved the cursor to %d", m.reader.Cursor())
	}
}

func TestRemoveUndoRedo(t *testing.T) {
	m, s, queue := coder(t, 80, 24)
	ctx := context.Background()
	m = do(t, m, "1")
	id := live(t, s, queue.ID)[0].ID
	deleted := func() bool {
		t.Helper()
		c, err := s.Coding(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return c.Deleted
	}
	steps := []struct {
		key, status string
		deleted     bool
	}{
		{"x", "removed turn 1: Odottaminen/Jonottaminen", true},
		{"u", "undone: removed turn 1", false},
		{"u", "undone: coded turn 1", true},
		{"ctrl+r", "redone: coded turn 1", false},
		{"ctrl+r", "redone: removed turn 1", true},
		{"u", "undone: removed turn 1", false},
	}
	for _, st := range steps {
		m = do(t, m, st.key)
		assertStatus(t, m, st.status)
		if got := deleted(); got != st.deleted {
			t.Fatalf("after %s: deleted %v, want %v", st.key, got, st.deleted)
		}
	}
	if len(m.hist.redo) != 1 || len(m.hist.undo) != 1 {
		t.Errorf("stacks: undo %d, redo %d", len(m.hist.undo), len(m.hist.redo))
	}
	m = do(t, m, "j", "1") // a new action clears redo
	if len(m.hist.redo) != 0 {
		t.Errorf("redo kept after a new action")
	}
	// Redo with nothing to redo says so (and is in the full help).
	m = do(t, m, "ctrl+r")
	assertStatus(t, m, "nothing to redo")
	m = do(t, m, "u", "u", "u") // the two steps on the stack, then none
	assertStatus(t, m, "nothing to undo")
}

func TestRemoveNewest(t *testing.T) {
	m, s, _ := coder(t, 80, 24)
	m = do(t, m, "j")                                             // turn 2 holds the fixture's Kela and Odottaminen codings
	s.Now = func() time.Time { return time.Now().Add(time.Hour) } // newer than the fixture's, whatever the clock's grain
	m = do(t, m, "c", "k", "e", "l", "a", "enter")
	newest := live(t, s, codeKela)
	m = do(t, m, "x")
	after := live(t, s, codeKela)
	if len(newest) != 2 || len(after) != 1 || after[0].End-after[0].Start != 20 {
		t.Errorf("x removed the wrong coding: before %d, after %+v", len(newest), after)
	}
}

func TestWriteErrorShows(t *testing.T) {
	m, s, _ := coder(t, 80, 24)
	s.Close()
	m = do(t, m, "1")
	assertStatus(t, m, "coding turn 1")
	if m.err == nil {
		t.Fatal("no error after a failed write")
	}
	m = keys(t, m, "j")
	if m.reader.Cursor() != 1 {
		t.Errorf("UI stopped after an error")
	}
	assertFits(t, m, 80, 24)
}

func TestPickerFits(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {40, 10}, {20, 5}, {10, 3}, {1, 1}} {
		m, _, _ := coder(t, sz[0], sz[1])
		assertFits(t, keys(t, m, "c", "o"), sz[0], sz[1])
		assertFits(t, keys(t, m, "c", "o", "?"), sz[0], sz[1])
	}
}

func TestReaderFullHelpFits(t *testing.T) {
	m, _, _ := coder(t, 80, 24)
	m = do(t, m, "1", "?")
	assertFits(t, m, 80, 24)
	v := ansi.Strip(m.View().Content)
	for _, want := range []string{"code turn", "shortcut", "repeat", "remove coding", "undo", "quit"} {
		if !strings.Contains(v, want) {
			t.Errorf("full help lacks %q:\n%s", want, v)
		}
	}
}

func TestCodingWaitsForALockedProject(t *testing.T) {
	m, s, queue := coder(t, 80, 24)
	ctx := context.Background()
	// Another process (here a second connection) holds the write lock for a
	// moment, as an import or a merge would.
	other, err := project.Open(ctx, s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.DB().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	released := make(chan struct{})
	go func() {
		time.Sleep(300 * time.Millisecond)
		conn.ExecContext(ctx, "COMMIT")
		close(released)
	}()
	m = do(t, m, "1")
	<-released
	assertStatus(t, m, "coded turn 1: Odottaminen/Jonottaminen")
	if n := len(live(t, s, queue.ID)); n != 1 {
		t.Fatalf("after the lock was released: %d codings, want 1", n)
	}
}

func TestFuzzyScoreRanks(t *testing.T) {
	tests := []struct {
		q, s string
		ok   bool
	}{
		{"jono", "Jonottaminen", true},
		{"ottam", "Jonottaminen", true},
		{"jtm", "Jonottaminen", true}, // a subsequence
		{"sairas", "Saadut palvelut ja etuudet/Perustoimeentulotuki", false},
		{"", "Kela", true},
	}
	for _, tt := range tests {
		if _, ok := fuzzyScore(tt.q, tt.s); ok != tt.ok {
			t.Errorf("fuzzyScore(%q, %q) matches %v, want %v", tt.q, tt.s, ok, tt.ok)
		}
	}
	word, _ := fuzzyScore("kela", "Kela")
	inner, _ := fuzzyScore("ela", "Kela")
	sub, _ := fuzzyScore("kla", "Kela")
	if !(word < inner && inner < sub) {
		t.Errorf("scores: word start %d, inside %d, subsequence %d; want that order", word, inner, sub)
	}
}
