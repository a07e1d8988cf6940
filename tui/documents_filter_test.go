package tui

import (
	"strings"
	"testing"
)

// TestDocumentsFilterKeys: while the filter is typed, the help says that
// enter keeps it and esc clears it, and ↑/↓ move in the list.
func TestDocumentsFilterKeys(t *testing.T) {
	m, _, _ := coder(t, 100, 24)
	m = do(t, m, "D", "g", "f")
	h := helpBar(m)
	for _, want := range []string{"enter keep filter", "esc clear filter", "↑ up", "↓ down"} {
		if !strings.Contains(h, want) {
			t.Errorf("help bar while filtering lacks %q: %q", want, h)
		}
	}
	m = typeText(t, m, "haastattelu")
	m = do(t, m, "down")
	if m.docs.cursor != 1 || !m.docs.filtering || m.docs.filter != "haastattelu" {
		t.Fatalf("down while filtering: cursor %d, filtering %v, filter %q", m.docs.cursor, m.docs.filtering, m.docs.filter)
	}
	m = do(t, m, "up")
	if m.docs.cursor != 0 {
		t.Errorf("up while filtering: cursor %d", m.docs.cursor)
	}
}
