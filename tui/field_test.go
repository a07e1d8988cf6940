package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// TestLongFieldsScrollToTheCursor: in every text field drawn by
// fieldView, a text longer than the field's space scrolls so that the
// cursor and what is typed there stay in view: typed at the end, then at
// the start after home. (Before, the field was cut off at the right edge;
// then a hint after a full field still cut off its cursor cell.)
func TestLongFieldsScrollToTheCursor(t *testing.T) {
	long := strings.Repeat("abcdefghij", 10)
	tests := []struct {
		name  string
		w     int
		reach []string
		paste string
		line  string // the field's line, or the line above it (the picker's rule), starts with this
	}{
		{"documents filter", 80, []string{"D", "f"}, long, "Documents ("},
		{"code picker", 80, []string{"c"}, long, "── Code turn 1"},
		{"themes export name", 80, []string{"T", "x", "ctrl+u"}, long, "Write the table to: "},
		{"go to turn", 24, []string{":"}, "1234567", "Go to turn"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _, _ := coder(t, tt.w, 24)
			m = do(t, m, tt.reach...)
			m, _ = send(t, m, tea.PasteMsg{Content: tt.paste})
			end, start := "XYZ", "QRS"
			if tt.name == "go to turn" {
				end, start = "", ""
			}
			m = typeText(t, m, end)
			want := tt.paste[len(tt.paste)-3:] + end
			if l := fieldLine(t, m, tt.line); !strings.Contains(l, want) {
				t.Errorf("typed %q at the end of a long text; the field shows %q", want, l)
			}
			if start == "" {
				return
			}
			m = do(t, m, "ctrl+a")
			m = typeText(t, m, start)
			if l := fieldLine(t, m, tt.line); !strings.Contains(l, start+tt.paste[:3]) {
				t.Errorf("typed %q at the start of a long text; the field shows %q", start, l)
			}
		})
	}
}

// fieldLine returns the line of m's view starting with prefix, checking
// it fits the width.
func fieldLine(t *testing.T, m Model, prefix string) string {
	t.Helper()
	lines := screenLines(m)
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) {
			if strings.HasPrefix(l, "──") && i+1 < len(lines) {
				l = lines[i+1]
			}
			if ansi.StringWidth(l) > m.c.Width || strings.Contains(l, "…") {
				t.Errorf("line cut off (wider than %d, or …, which hides the cursor cell): %q", m.c.Width, l)
			}
			return l
		}
	}
	t.Fatalf("no line starts with %q:\n%s", prefix, strings.Join(screenLines(m), "\n"))
	return ""
}
