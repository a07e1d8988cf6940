package tui

import (
	"strings"
	"testing"
)

// helpBar returns the last line of m's view: the one-line help.
func helpBar(m Model) string {
	lines := screenLines(m)
	return lines[len(lines)-1]
}

// TestBackToSearchLandsOnTheHits: esc from a hit opened in the reader
// returns to the list of hits, as it was left, with the list's keys and
// help; the query field does not take the keys. (Before, the query field
// took them while the help showed the list's.)
func TestBackToSearchLandsOnTheHits(t *testing.T) {
	m, _, _ := coder(t, 80, 24)
	m = do(t, m, "/")
	m = typeText(t, m, "liite")
	m = do(t, m, "enter", "j", "enter")
	if m.focus != screenReader {
		t.Fatalf("enter on a hit: focus %v", m.focus)
	}
	m = do(t, m, "esc")
	if m.focus != screenSearch || m.search.Typing() || m.typing() || m.search.cursor != 1 {
		t.Fatalf("esc: focus %v, typing %v, cursor %d; want the hits, the second selected", m.focus, m.typing(), m.search.cursor)
	}
	if h := helpBar(m); !strings.Contains(h, "open in reader") || !strings.Contains(h, "edit query") {
		t.Errorf("help bar on the hits: %q", h)
	}
	m = do(t, m, "j")
	if m.search.input.Value() != "liite" || m.search.cursor != 2 {
		t.Errorf("j on the hits: query %q, cursor %d", m.search.input.Value(), m.search.cursor)
	}
	// The search key from elsewhere still starts a new query.
	m = do(t, m, "D", "/")
	if m.focus != screenSearch || !m.search.Typing() {
		t.Errorf("/ from the documents: typing %v", m.search.Typing())
	}
	if h := helpBar(m); strings.Contains(h, "q quit") {
		t.Errorf("help bar while typing the query: %q", h)
	}
}
