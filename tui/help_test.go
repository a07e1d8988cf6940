package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestFullHelpTakesTheNextKey: while the full help is shown, a key
// closes it and does nothing else on the screen hidden under it.
func TestFullHelpTakesTheNextKey(t *testing.T) {
	m, s, queue := coder(t, 80, 24)
	m = do(t, m, "?")
	if !m.help.ShowAll || !strings.Contains(ansi.Strip(m.View().Content), "any key closes") {
		t.Fatalf("?: the full help does not say how it closes:\n%s", ansi.Strip(m.View().Content))
	}
	m = do(t, m, "1")
	if m.help.ShowAll {
		t.Error("1 left the full help open")
	}
	if n := len(live(t, s, queue.ID)); n != 0 {
		t.Errorf("1 under the full help coded the turn unseen: %d codings", n)
	}
	pos := m.reader.Pos()
	m = do(t, m, "?", "j")
	if m.help.ShowAll || m.reader.Pos() != pos {
		t.Errorf("j under the full help: open %v, caret %d, was %d", m.help.ShowAll, m.reader.Pos(), pos)
	}
}
