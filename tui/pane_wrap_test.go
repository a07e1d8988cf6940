package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/toituavain/avain/project"
)

// openDemoDoc opens the coded demo project's document name in the reader
// at w×h, as `avain open --doc` would.
func openDemoDoc(t *testing.T, p *project.Project, name string, w, h int) Model {
	t.Helper()
	id, err := p.Store.ResolveDocument(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	m := New(p, "demo", "testaaja")
	m.OpenOnStart(id)
	m, _ = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
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
				continue
			}
			var more tea.Cmd
			m, more = send(t, m, msg)
			queue = append(queue, more)
		}
	}
	if d := m.reader.Document(); d == nil || d.ID != id {
		t.Fatalf("%s is not open in the reader", name)
	}
	return m
}

// At every width the codes pane shows each code path on the cursor line
// whole, wrapped across its lines: the demo's turn 3 of
// asiakas_01_kuopio.txt has "Saadut palvelut ja etuudet/Mielenterveys- ja
// päihdepalvelut", once cut at 118–122 columns.
func TestCodesPaneWholeAtEveryWidth(t *testing.T) {
	p := countsDemo(t)
	m := openDemoDoc(t, p, "asiakas_01_kuopio.txt", 120, 40)
	m = do(t, m, "]", "]")
	if i := m.reader.txt.turnIndex(m.reader.pos); m.reader.txt.turns[i].N != 3 {
		t.Fatalf("the caret is on turn %d, want 3", m.reader.txt.turns[i].N)
	}
	here := m.reader.here()
	if len(here) == 0 {
		t.Fatal("turn 3 has no codings in the coded demo")
	}
	for w := 60; w <= 220; w++ {
		m, _ = send(t, m, tea.WindowSizeMsg{Width: w, Height: 40})
		if w < wideWidth {
			m = do(t, m, "tab") // the pane shows under the text while focused
		}
		pane := paneText(ansi.Strip(m.View().Content), w >= wideWidth)
		for _, c := range here {
			if name := m.reader.codeName(c.CodeID); !strings.Contains(pane, name) {
				t.Errorf("%d columns: the pane does not show %q whole:\n%s", w, name, pane)
			}
		}
		assertFits(t, m, w, 40)
		if w < wideWidth {
			m = do(t, m, "esc")
		}
	}
}
