package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestScreensRouteByFocus: each screen is reached by its key, and then the
// root draws that screen, names its mode and gives it the keys.
func TestScreensRouteByFocus(t *testing.T) {
	m0, _, _ := coder(t, 100, 30)
	tests := []struct {
		keys  []string
		focus screen
		mode  string
		shows string
	}{
		{[]string{"D"}, screenDocuments, "DOCUMENTS", "Documents (2)"},
		{[]string{"D", "tab"}, screenReader, "READ", "haastattelu-01 ·"},
		{[]string{"B"}, screenCodebook, "CODEBOOK", "Jonottaminen"},
		{[]string{"/"}, screenSearch, "SEARCH", "all words required"},
		{[]string{"T"}, screenThemes, "THEMES", "Themes · all documents"},
		{[]string{"C"}, screenCompare, "COMPARE", "Compare · haastattelu-01"},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			m := do(t, m0, tt.keys...)
			if m.focus != tt.focus || m.focused() != m.screens()[tt.focus] {
				t.Fatalf("%v: focus %v, want %v", tt.keys, m.focus, tt.focus)
			}
			v := ansi.Strip(m.View().Content)
			if !strings.Contains(v, " "+tt.mode+" ") || !strings.Contains(v, tt.shows) {
				t.Errorf("%v: the view lacks the mode %s or %q:\n%s", tt.keys, tt.mode, tt.shows, v)
			}
		})
	}
}

// TestChangeRefreshesTheScreenInFront: a coding undone from the compare
// view is gone from it at once (the root refreshes the screen in front
// after a change made here, as it does for the list, the codebook and the
// themes).
func TestChangeRefreshesTheScreenInFront(t *testing.T) {
	m, _, _ := coder(t, 100, 30)
	m = do(t, m, "1", "C") // Jonottaminen on turn 1, by testaaja
	count := func(m Model) (n int) {
		for _, c := range m.compare.codings {
			if c.Coder == "testaaja" {
				n++
			}
		}
		return n
	}
	if count(m) != 1 {
		t.Fatalf("compare shows %d codings by testaaja, want the one just made", count(m))
	}
	if m = do(t, m, "u"); count(m) != 0 {
		t.Errorf("after undo, compare still shows %d codings by testaaja", count(m))
	}
}
