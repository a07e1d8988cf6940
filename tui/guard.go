package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	tea "charm.land/bubbletea/v2"
)

// Guard wraps a model so that a panic in its Update or View does not take
// the terminal down with it: the details go to a private file in dir, and
// the program quits cleanly, restoring the terminal. After Run, Crash
// names that file. (Bubble Tea restores the terminal after a panic in a
// command too, printing the stack itself.)
type Guard struct {
	inner tea.Model
	dir   string
	crash *string // shared by the copies Bubble Tea keeps
}

// NewGuard wraps m, writing crash reports into dir.
func NewGuard(m tea.Model, dir string) Guard {
	return Guard{inner: m, dir: dir, crash: new(string)}
}

// Crash returns the crash report's path, or "" when nothing crashed.
func (g Guard) Crash() string { return *g.crash }

// Init initialises the wrapped model.
func (g Guard) Init() tea.Cmd { return g.inner.Init() }

// Update updates the wrapped model, turning a panic into a clean quit.
func (g Guard) Update(msg tea.Msg) (out tea.Model, cmd tea.Cmd) {
	if *g.crash != "" {
		return g, tea.Quit
	}
	defer func() {
		if r := recover(); r != nil {
			g.report(r)
			out, cmd = g, tea.Quit
		}
	}()
	g.inner, cmd = g.inner.Update(msg)
	return g, cmd
}

// View draws the wrapped model; after a panic it draws nothing.
func (g Guard) View() (v tea.View) {
	if *g.crash != "" {
		return tea.NewView("")
	}
	defer func() {
		if r := recover(); r != nil {
			g.report(r)
			v = tea.NewView("")
		}
	}()
	return g.inner.View()
}

// report writes the panic and the stack to a new private file.
func (g Guard) report(r any) {
	name := filepath.Join(g.dir, fmt.Sprintf("avain-crash-%s.txt", time.Now().UTC().Format("20060102T150405.000")))
	body := fmt.Sprintf("avain terminal UI: internal error at %s\n\n%v\n\n%s",
		time.Now().UTC().Format(time.RFC3339), r, debug.Stack())
	if err := os.WriteFile(name, []byte(body), 0o600); err != nil {
		*g.crash = "(the crash report could not be written: " + err.Error() + ")"
		return
	}
	*g.crash = name
}
