package tui

import (
	"bytes"
	"os"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// boom is a model that panics on the key "!".
type boom struct{ n int }

func (b boom) Init() tea.Cmd { return nil }
func (b boom) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if k.Text == "!" {
			var list []int
			_ = list[b.n+3] // index out of range
		}
		b.n++
	}
	return b, nil
}
func (b boom) View() tea.View { return tea.NewView("fine") }

func TestGuardTurnsPanicIntoReport(t *testing.T) {
	dir := t.TempDir()
	g := NewGuard(boom{}, dir)
	next, cmd := g.Update(press("a"))
	if cmd != nil || g.Crash() != "" {
		t.Fatalf("a plain key: cmd %v, crash %q", cmd, g.Crash())
	}
	next, cmd = next.Update(press("!"))
	if cmd == nil {
		t.Fatal("no quit after a panic")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("the command after a panic is not quit")
	}
	path := next.(Guard).Crash()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatalf("crash report %q: %v", path, err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("crash report mode %v, want 0600", info.Mode().Perm())
	}
	body, _ := os.ReadFile(path)
	if !strings.Contains(string(body), "index out of range") || !strings.Contains(string(body), "guard_test.go") {
		t.Errorf("report lacks the panic or the stack:\n%s", body)
	}
	if v := next.View(); v.Content != "" {
		t.Errorf("view after a crash: %q", v.Content)
	}
}

func TestGuardInARealProgram(t *testing.T) {
	g := NewGuard(boom{}, t.TempDir())
	var out bytes.Buffer
	p := tea.NewProgram(g, tea.WithInput(strings.NewReader("ab!")), tea.WithOutput(&out))
	if _, err := p.Run(); err != nil {
		t.Fatalf("run: %v", err)
	}
	if g.Crash() == "" {
		t.Fatal("the panic was not reported")
	}
}
