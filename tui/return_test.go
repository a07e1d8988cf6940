package tui

import (
	"testing"
)

// TestStatusAndReturns: opening from the compare view the document
// already open says so; going to a turn past the last goes to the last
// and says so; esc from the segments of a theme returns to the themes.
func TestStatusAndReturns(t *testing.T) {
	m, s, _ := coder(t, 100, 30)
	codeAs(t, s, m.reader.Document(), codeKela, 4, 0, "ville")
	m = do(t, m, "C", "enter")
	if m.focus != screenReader || m.status != "opened haastattelu-01" {
		t.Errorf("enter in compare: focus %v, status %q", m.focus, m.status)
	}

	m = do(t, m, ":", "9", "9", "enter")
	last := m.reader.Document().Turns[len(m.reader.Document().Turns)-1]
	if m.reader.jumping || m.reader.Pos() != last.Start {
		t.Errorf(":99: jumping %v, caret %d, want the last turn at %d", m.reader.jumping, m.reader.Pos(), last.Start)
	}
	if want := "turn 99: the document has 16 turns; at turn 16"; m.status != want {
		t.Errorf(":99: status %q, want %q", m.status, want)
	}

	m = do(t, m, "T", "G", "k", "enter")
	if m.focus != screenRetrieval {
		t.Fatalf("drill-down: focus %v", m.focus)
	}
	m = do(t, m, "esc")
	if m.focus != screenThemes {
		t.Errorf("esc from a theme's segments: focus %v, want the themes", m.focus)
	}
	m = do(t, m, "B")
	if m.focus != screenCodebook {
		t.Errorf("B after the drill-down: focus %v, want the codebook tree", m.focus)
	}
}
