package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// A note from the project (an index rebuilt for another analysis) stays
// on the status line beside the messages that follow it, such as the
// search's hit count that comes right after, until the user presses a key.
func TestNoticeStaysUntilAKey(t *testing.T) {
	p := countsDemo(t)
	m := demoDocuments(t, p, 120, 16)
	const note = "Voikko is now installed: the search index is rebuilt with full Finnish morphology"
	m, _ = send(t, m, NoticeMsg(note))
	m, _ = send(t, m, statusMsg("12 hits for «kela»"))
	line := ansi.Strip(m.statusLine())
	if !strings.Contains(line, "Voikko is now installed") || !strings.Contains(line, "12 hits") {
		t.Fatalf("status line %q: want the note and the hit count", line)
	}
	m, _ = send(t, m, tea.KeyPressMsg{Code: tea.KeyDown})
	if line := ansi.Strip(m.statusLine()); strings.Contains(line, "Voikko") {
		t.Errorf("after a key: %q", line)
	}
}
