package tui

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
)

// updating reports whether the golden files are to be rewritten (go test
// ./tui -update). The flag is teatest's golden package's, registered
// because flow_test.go imports teatest.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// turnsDoc builds a document whose text is "S: text" lines, one per turn.
func turnsDoc(name, kind string, turns [][2]string) *coding.Document {
	d := &coding.Document{Name: name, Kind: kind, Lang: coding.LangFinnish, Format: "txt"}
	var b strings.Builder
	pos := 0
	for i, t := range turns {
		prefix := t[0] + ": "
		b.WriteString(prefix + t[1] + "\n")
		start := pos + coding.RuneLen(prefix)
		end := start + coding.RuneLen(t[1])
		d.Turns = append(d.Turns, coding.Turn{N: i + 1, Speaker: t[0], Start: start, End: end})
		pos = end + 1
	}
	d.Text = b.String()
	return d
}

const (
	codeWait = "00000000-0000-0000-0000-0000000000c1"
	codeKela = "00000000-0000-0000-0000-0000000000c2"
)

// newProject makes a real project with two fictional Finnish interviews,
// two codes and codings on the first interview.
func newProject(t *testing.T) (*project.Project, *coding.Document) {
	t.Helper()
	ctx := context.Background()
	s, err := project.Create(ctx, filepath.Join(t.TempDir(), "testi.avain"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	var turns [][2]string
	for i := 0; i < 8; i++ {
		turns = append(turns,
			[2]string{"H", "Miten hakemuksesi eteni sen jälkeen, kun olit lähettänyt sen?"},
			[2]string{"V", "Kelasta pyydettiin liitteitä kolme kertaa, ja joka kerta odotin viikkoja ennen kuin kukaan vastasi. " +
				"Lopulta soitin asiakaspalveluun, mutta sielläkään ei osattu kertoa, missä vaiheessa käsittely oli."})
	}
	doc := turnsDoc("haastattelu-01", coding.KindClient, turns)
	if err := s.ImportDocument(ctx, doc, "aino"); err != nil {
		t.Fatal(err)
	}
	other := turnsDoc("haastattelu-02", coding.KindProfessional, [][2]string{
		{"H", "Kuvailisitko työtäsi sosiaalityöntekijänä?"},
		{"V", "Teen enimmäkseen aikuissosiaalityötä."},
	})
	if err := s.ImportDocument(ctx, other, "aino"); err != nil {
		t.Fatal(err)
	}
	codes := []*coding.Code{
		{Record: coding.Record{ID: codeWait}, NameFi: "Odottaminen", NameEn: "Waiting", Color: "#e06666"},
		{Record: coding.Record{ID: codeKela}, NameFi: "Kela", NameEn: "Kela", Color: "#3c78d8", Position: 1},
	}
	if _, err := s.ImportCodes(ctx, codes, "aino"); err != nil {
		t.Fatal(err)
	}
	t2 := doc.Turns[1]
	for _, c := range []*coding.Coding{
		{DocumentID: doc.ID, CodeID: codeKela, Start: t2.Start, End: t2.Start + 20},
		{DocumentID: doc.ID, CodeID: codeWait, Start: t2.Start + 40, End: t2.End},
	} {
		c.Coder = "aino"
		if _, err := s.AddCoding(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	return s, doc
}

// press makes the key message for a key name such as "j", "enter" or "ctrl+c".
func press(k string) tea.KeyPressMsg {
	named := map[string]rune{"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab,
		"up": tea.KeyUp, "down": tea.KeyDown, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
		"backspace": tea.KeyBackspace}
	if c, ok := named[k]; ok {
		return tea.KeyPressMsg{Code: c}
	}
	if c, ok := strings.CutPrefix(k, "ctrl+"); ok {
		return tea.KeyPressMsg{Code: []rune(c)[0], Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// send updates m with msg and returns the new model and command.
func send(t *testing.T, m Model, msg tea.Msg) (Model, tea.Cmd) {
	t.Helper()
	next, cmd := m.Update(msg)
	return next.(Model), cmd
}

// keys sends each key in turn, running no commands.
func keys(t *testing.T, m Model, ks ...string) Model {
	t.Helper()
	for _, k := range ks {
		m, _ = send(t, m, press(k))
	}
	return m
}

// started returns a model of size w×h with the document list loaded.
func started(t *testing.T, w, h int) (Model, *coding.Document) {
	t.Helper()
	s, doc := newProject(t)
	m := New(s, "testi", "testaaja")
	m, _ = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	m = listDocuments(t, m, s)
	return m, doc
}

// opened returns a started model with the first document open in the reader.
func opened(t *testing.T, w, h int) (Model, *coding.Document) {
	t.Helper()
	m, doc := started(t, w, h)
	m, cmd := send(t, m, press("enter"))
	open, ok := cmd().(openDocMsg)
	if !ok {
		t.Fatalf("enter: want openDocMsg")
	}
	m, cmd = send(t, m, open)
	m, _ = send(t, m, cmd())
	return m, doc
}

func TestDocumentsCursor(t *testing.T) {
	tests := []struct {
		name string
		keys []string
		want int
	}{
		{"start", nil, 0},
		{"down", []string{"j"}, 1},
		{"arrow down", []string{"down"}, 1},
		{"stops at the end", []string{"j", "j", "j"}, 1},
		{"up stops at the top", []string{"k", "up"}, 0},
		{"bottom", []string{"G"}, 1},
		{"bottom then top", []string{"G", "g"}, 0},
		{"page down", []string{"pgdown"}, 1},
	}
	m0, _ := started(t, 80, 24)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := keys(t, m0, tt.keys...)
			if m.docs.cursor != tt.want {
				t.Errorf("cursor = %d, want %d", m.docs.cursor, tt.want)
			}
		})
	}
}

func TestDocumentsFilterTakesKeys(t *testing.T) {
	m, _ := started(t, 80, 24)
	m = keys(t, m, "f", "0", "2")
	if got, _ := m.docs.Selected(); got.Name != "haastattelu-02" || len(m.docs.shown) != 1 {
		t.Fatalf("filter 02 selects %q (%d shown)", got.Name, len(m.docs.shown))
	}
	m, cmd := send(t, m, press("q"))
	if cmd != nil || m.docs.filter != "02q" {
		t.Fatalf("q while filtering: filter %q, cmd %v; want it typed", m.docs.filter, cmd)
	}
	m = keys(t, m, "esc")
	if m.docs.Typing() || len(m.docs.shown) != 2 {
		t.Fatalf("esc: typing %v, %d shown; want the filter gone", m.docs.Typing(), len(m.docs.shown))
	}
}

func TestOpenDocumentLoadsIt(t *testing.T) {
	m, doc := started(t, 80, 24)
	m, cmd := send(t, m, press("enter"))
	open, ok := cmd().(openDocMsg)
	if !ok || open.ID != doc.ID {
		t.Fatalf("enter: got %#v, want openDocMsg for %s", open, doc.ID)
	}
	m, cmd = send(t, m, open)
	if m.focus != screenReader || cmd == nil {
		t.Fatalf("openDocMsg: focus %v, cmd %v", m.focus, cmd)
	}
	loaded, ok := cmd().(docLoadedMsg)
	if !ok {
		t.Fatalf("load command: want docLoadedMsg")
	}
	if loaded.doc.ID != doc.ID || len(loaded.doc.Turns) != len(doc.Turns) || len(loaded.codings) != 2 {
		t.Fatalf("loaded %s with %d turns, %d codings", loaded.doc.Name, len(loaded.doc.Turns), len(loaded.codings))
	}
	m, _ = send(t, m, loaded)
	if m.reader.Document() == nil || m.status != "opened haastattelu-01" {
		t.Fatalf("after load: doc %v, status %q", m.reader.Document(), m.status)
	}
}

func TestReaderCursor(t *testing.T) {
	m0, _ := opened(t, 80, 24)
	n := len(m0.reader.lines())
	page := m0.reader.rows()
	if n <= page {
		t.Fatalf("document has %d lines; want more than a page (%d)", n, page)
	}
	tests := []struct {
		name string
		keys []string
		want int
	}{
		{"down", []string{"j", "down"}, 2},
		{"up stops at the top", []string{"k"}, 0},
		{"page down", []string{"pgdown"}, page},
		{"page down and up", []string{"pgdown", "pgup"}, 0},
		{"bottom", []string{"G"}, n - 1},
		{"bottom then top", []string{"G", "g"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := keys(t, m0, tt.keys...)
			r := m.reader
			if r.Cursor() != tt.want {
				t.Errorf("cursor = %d, want %d", r.Cursor(), tt.want)
			}
			if r.Cursor() < r.offset || r.Cursor() >= r.offset+r.rows() {
				t.Errorf("cursor %d outside the visible lines [%d,%d)", r.Cursor(), r.offset, r.offset+r.rows())
			}
		})
	}
}

func TestEscGoesBack(t *testing.T) {
	m, _ := opened(t, 80, 24)
	m, cmd := send(t, m, press("esc"))
	if cmd == nil {
		t.Fatal("esc: no command")
	}
	back, ok := cmd().(backMsg)
	if !ok {
		t.Fatal("esc: want backMsg")
	}
	m, _ = send(t, m, back)
	if m.focus != screenDocuments {
		t.Fatalf("focus = %v after esc, want documents", m.focus)
	}
	if m = keys(t, m, "tab"); m.focus != screenReader {
		t.Fatalf("tab: focus = %v, want the reader again", m.focus)
	}
}

func TestQuit(t *testing.T) {
	for _, k := range []string{"q", "ctrl+c"} {
		for _, open := range []bool{false, true} {
			t.Run(k, func(t *testing.T) {
				m, _ := started(t, 80, 24)
				if open {
					m, _ = opened(t, 80, 24)
				}
				_, cmd := send(t, m, press(k))
				if cmd == nil {
					t.Fatal("no command")
				}
				if _, ok := cmd().(tea.QuitMsg); !ok {
					t.Fatal("want tea.QuitMsg")
				}
			})
		}
	}
}

func TestHelpToggles(t *testing.T) {
	m, _ := started(t, 80, 24)
	m = keys(t, m, "?")
	v := ansi.Strip(m.View().Content)
	if !m.help.ShowAll || !strings.Contains(v, "Keys · any key closes") || !strings.Contains(v, "codebook") {
		t.Fatalf("? : ShowAll %v, view:\n%s", m.help.ShowAll, v)
	}
	assertFits(t, m, 80, 24)
	if m = keys(t, m, "?"); m.help.ShowAll || strings.Contains(ansi.Strip(m.View().Content), "any key closes") {
		t.Fatalf("? again left the full help open")
	}
}

// assertFits checks that the view is no wider and no taller than w×h.
func assertFits(t *testing.T, m Model, w, h int) {
	t.Helper()
	view := m.View().Content
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		t.Errorf("%d×%d: view has %d lines", w, h, len(lines))
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Errorf("%d×%d: line %d is %d wide: %q", w, h, i, lw, ansi.Strip(l))
		}
	}
}

func TestViewsFit(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}, {60, 20}, {20, 5}} {
		w, h := size[0], size[1]
		t.Run("documents", func(t *testing.T) {
			m, _ := started(t, w, h)
			assertFits(t, m, w, h)
		})
		t.Run("reader", func(t *testing.T) {
			m, _ := opened(t, w, h)
			assertFits(t, m, w, h)
			assertFits(t, keys(t, m, "G"), w, h)
		})
	}
}

func TestResize(t *testing.T) {
	m, _ := opened(t, 80, 24)
	m = keys(t, m, "pgdown")
	at := m.reader.lines()[m.reader.Cursor()].start
	m, _ = send(t, m, tea.WindowSizeMsg{Width: 60, Height: 20})
	if m.c.Width != 60 || m.docs.c.Width != 60 || m.reader.c.Width != 60 {
		t.Fatalf("resize did not reach every screen")
	}
	l := m.reader.lines()[m.reader.Cursor()]
	if at < l.start || at >= max(l.end, l.start+1) {
		t.Errorf("cursor moved off its text: line [%d,%d), was at %d", l.start, l.end, at)
	}
	assertFits(t, m, 60, 20)
	m, _ = send(t, m, backMsg{})
	assertFits(t, m, 60, 20)
}

func TestGolden(t *testing.T) {
	tests := []struct {
		name string
		make func(t *testing.T) Model
	}{
		{"documents_80x24", func(t *testing.T) Model { m, _ := started(t, 80, 24); return m }},
		{"documents_help_80x24", func(t *testing.T) Model { m, _ := started(t, 80, 24); return keys(t, m, "?") }},
		{"reader_80x24", func(t *testing.T) Model { m, _ := opened(t, 80, 24); return keys(t, m, "j", "j") }},
		{"reader_bottom_80x24", func(t *testing.T) Model { m, _ := opened(t, 80, 24); return keys(t, m, "G") }},
		{"picker_80x24", func(t *testing.T) Model { m, _, _ := coder(t, 80, 24); return keys(t, m, "c") }},
		{"picker_filtered_80x24", func(t *testing.T) Model { m, _, _ := coder(t, 80, 24); return keys(t, m, "c", "o", "d") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { golden(t, tt.name, tt.make(t)) })
	}
}

// golden compares m's view, without escape sequences, to
// testdata/name.golden (rewritten with go test ./tui -update).
func golden(t *testing.T, name string, m Model) {
	t.Helper()
	got := ansi.Strip(m.View().Content)
	path := filepath.Join("testdata", name+".golden")
	if updating() {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./tui -update)", err)
	}
	if got != string(want) {
		t.Errorf("view differs from %s:\n--- got ---\n%s\n--- want ---\n%s", path, got, want)
	}
}

func TestErrorsShowInStatus(t *testing.T) {
	s, doc := newProject(t)
	m := New(s, "testi", "testaaja")
	m, _ = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m, _ = send(t, m, openDocMsg{ID: doc.ID, Name: doc.Name})
	if v := ansi.Strip(m.View().Content); !strings.Contains(v, "Loading…") {
		t.Errorf("reader while loading:\n%s", v)
	}
	s.Close()
	msg := loadDocuments(s)()
	if _, ok := msg.(errMsg); !ok {
		t.Fatalf("loading from a closed project: got %T, want errMsg", msg)
	}
	m, _ = send(t, m, msg)
	if v := ansi.Strip(m.View().Content); !strings.Contains(v, "loading documents:") {
		t.Errorf("status line lacks the error:\n%s", v)
	}
	assertFits(t, m, 80, 24)
}

func TestStaleLoadIgnored(t *testing.T) {
	m, _ := started(t, 80, 24)
	first, _ := m.docs.Selected()
	m = keys(t, m, "j")
	second, _ := m.docs.Selected()
	m, cmd1 := send(t, m, openDocMsg{ID: first.ID, Name: first.Name})
	m, cmd2 := send(t, m, openDocMsg{ID: second.ID, Name: second.Name})
	m, _ = send(t, m, cmd1())
	if m.reader.Document() != nil {
		t.Fatalf("a stale load opened %s", m.reader.Document().Name)
	}
	m, _ = send(t, m, cmd2())
	if d := m.reader.Document(); d == nil || d.ID != second.ID {
		t.Fatalf("want %s open", second.Name)
	}
}

// `avain open --doc`: Init opens the document in the reader.
func TestOpenOnStart(t *testing.T) {
	p, _ := newProject(t)
	id, err := p.Store.ResolveDocument(context.Background(), "haastattelu-02")
	if err != nil {
		t.Fatal(err)
	}
	m := New(p, "testi", "testaaja")
	m.OpenOnStart(id)
	m, _ = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	queue := []tea.Cmd{m.Init()}
	for len(queue) > 0 {
		cmd := queue[0]
		queue = queue[1:]
		if cmd == nil {
			continue
		}
		switch msg := cmd().(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case nil:
		default:
			if strings.HasPrefix(fmt.Sprintf("%T", msg), "tea.") {
				continue // the background colour request: a terminal's
			}
			var more tea.Cmd
			m, more = send(t, m, msg)
			queue = append(queue, more)
		}
	}
	if d := m.reader.Document(); m.focus != screenReader || d == nil || d.ID != id {
		t.Fatalf("after Init: focus %v, document %v; want haastattelu-02 in the reader", m.focus, d)
	}
	if !strings.Contains(m.View().Content, "haastattelu-02") {
		t.Errorf("the reader does not show haastattelu-02:\n%s", m.View().Content)
	}
}

// listDocuments sends the document list, then its counts, as Init's
// commands would.
func listDocuments(t *testing.T, m Model, s Services) Model {
	t.Helper()
	m, cmd := send(t, m, loadDocuments(s)())
	if cmd == nil {
		t.Fatal("the listed documents ask for no counts")
	}
	msg, ok := cmd().(docsLoadedMsg)
	if !ok || !msg.counted {
		t.Fatalf("the counts command gave %#v", msg)
	}
	m, _ = send(t, m, msg)
	return m
}

// The list shows before its counts, then with them; a refresh keeps the
// counts shown until the new ones come.
func TestDocumentsListThenCounts(t *testing.T) {
	p, _ := newProject(t)
	m := New(p, "testi", "testaaja")
	m, _ = send(t, m, tea.WindowSizeMsg{Width: 100, Height: 20})
	m, cmd := send(t, m, loadDocuments(p)())
	v := ansi.Strip(m.View().Content)
	if !strings.Contains(v, "haastattelu-01") || !strings.Contains(v, "…") {
		t.Fatalf("before the counts: want the names and …:\n%s", v)
	}
	m, _ = send(t, m, cmd())
	counted := ansi.Strip(m.View().Content)
	if strings.Contains(counted, "…") {
		t.Fatalf("after the counts, still …:\n%s", counted)
	}
	m, _ = send(t, m, loadDocuments(p)())
	if v := ansi.Strip(m.View().Content); v != counted {
		t.Errorf("a refresh hid the counts:\n%s", v)
	}
}
