package tui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
	"github.com/toituavain/avain/pseudo"
	"github.com/toituavain/avain/voikko"
)

// pseudonymised opens a model on a project into which an interview naming
// Matti Virtanen was imported pseudonymised.
func pseudonymised(t *testing.T) (Model, *project.Project) {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv(voikko.EnvDisable, "1")
	m, p, _ := coder(t, 80, 24)
	load := func(string) (*coding.Document, error) {
		return turnsDoc("virtanen.txt", coding.KindClient, [][2]string{{"H", "Kuka?"}, {"V", "Matti Virtanen."}}), nil
	}
	ps := &project.Pseudonymizer{Detector: &pseudo.Detector{Names: []string{"Matti Virtanen"}}}
	if failed, err := p.ImportWith(context.Background(), load, []string{"virtanen.txt"}, project.ImportOptions{Pseudo: ps}, nil); err != nil || failed > 0 {
		t.Fatalf("import: %d failed, %v", failed, err)
	}
	return m, p
}

// TestMemoGuard: in a pseudonymised project, a memo with personal data is
// not stored until the findings are answered: r replaces them, k keeps
// the memo as typed, esc goes back to editing; quitting replaces them.
func TestMemoGuard(t *testing.T) {
	const typed = "Soitin Virtaselle, 131052-308T."
	for _, tc := range []struct {
		name, answer, want string
	}{
		{"replace", "r", "Soitin [HENKILÖ-1], [HETU]."},
		{"keep", "k", typed},
		{"back to editing, then quit", "esc", "Soitin [HENKILÖ-1], [HETU]. Lisää."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, p := pseudonymised(t)
			ctx := context.Background()
			docID := m.reader.doc.ID
			m = do(t, m, "M")
			m = typeText(t, m, typed)
			m = do(t, m, "esc")
			if !m.memo.IsOpen() {
				t.Fatal("the memo was stored without asking")
			}
			if got, _ := p.Memo(ctx, coding.MemoDocument, docID); got != "" {
				t.Fatalf("stored before the answer: %q", got)
			}
			view := ansi.Strip(m.View().Content)
			if !strings.Contains(view, "HENKILÖ  Soitin »Virtaselle«, 131052-308T.") || !strings.Contains(view, "HETU") ||
				!strings.Contains(view, "r replace with placeholders · k keep as typed · esc back to editing") {
				t.Errorf("view:\n%s", view)
			}
			m = do(t, m, tc.answer)
			if tc.answer == "esc" {
				if !m.memo.IsOpen() || m.memo.ta.Value() != typed {
					t.Fatalf("esc: editor open %v with %q", m.memo.IsOpen(), m.memo.ta.Value())
				}
				m = typeText(t, m, " Lisää.")
				var cmd tea.Cmd
				m, cmd = send(t, m, press("ctrl+c"))
				m = drain(t, m, cmd)
			}
			if got, _ := p.Memo(ctx, coding.MemoDocument, docID); got != tc.want {
				t.Errorf("memo %q, want %q", got, tc.want)
			}
		})
	}
	// A memo without personal data is stored at once.
	m, p := pseudonymised(t)
	m = do(t, m, "M")
	m = typeText(t, m, "Haastattelu keskeytyi.")
	m = do(t, m, "esc")
	if got, _ := p.Memo(context.Background(), coding.MemoDocument, m.reader.doc.ID); m.memo.IsOpen() || got != "Haastattelu keskeytyi." {
		t.Errorf("plain memo: open %v, %q", m.memo.IsOpen(), got)
	}
}
