package tui

import (
	"context"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestRecodeAnswerClearsQuestion: once the question about another coder's
// coding is answered, y or n, the status line no longer asks it.
func TestRecodeAnswerClearsQuestion(t *testing.T) {
	for _, answer := range []string{"y", "n", "esc"} {
		t.Run(answer, func(t *testing.T) {
			m, _, _ := coder(t, 100, 30)
			m = do(t, m, "]", "r")
			assertStatus(t, m, "recode aino's coding of turn 2")
			m = do(t, m, answer)
			if v := ansi.Strip(m.View().Content); strings.Contains(v, "aino's coding") {
				t.Errorf("after %s the question stays:\n%s", answer, v)
			}
			if answer == "y" && m.reader.pick != pickRecode {
				t.Errorf("y did not open the picker")
			}
		})
	}
}

// TestRedoCodingLoggedAsCode: the redo of a coding (u, then ctrl+r) is in
// the audit log as what it does, a coding made again, not a recode.
func TestRedoCodingLoggedAsCode(t *testing.T) {
	m, s, _ := coder(t, 100, 30)
	ctx := context.Background()
	before, err := s.AuditLog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	m = do(t, m, "v", "w", "i") // an in-vivo code, applied to the words
	assertStatus(t, m, "new code; coded")
	m = do(t, m, "u", "ctrl+r")
	log, err := s.AuditLog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range log[len(before):] {
		actions = append(actions, e.Action)
	}
	want := "codebook.add code uncode codebook.delete codebook.restore code"
	if got := strings.Join(actions, " "); got != want {
		t.Errorf("audit after i, u, ctrl+r: %s; want %s", got, want)
	}
}
