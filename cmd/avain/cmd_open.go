package main

import (
	"context"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/toituavain/avain/project"
	"github.com/toituavain/avain/tui"
)

func openCmd() *command {
	c := &command{name: "open", args: "PROJECT", summary: "open the project in the terminal UI (also: avain PROJECT)"}
	c.help = `The terminal UI lists the documents and shows a document's speaker turns with
coding stripes in the codes' colours. Keys: j/k or arrows move, enter opens,
esc goes back, tab switches screens, ? shows all keys, q quits.`
	c.run = func(ctx context.Context, e *env, args []string) error {
		fs := flagSet(e, c)
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if err := exactly(pos, 1, "PROJECT"); err != nil {
			return err
		}
		p, err := project.Open(ctx, pos[0])
		if err != nil {
			return err
		}
		defer p.Close()
		return runTUI(ctx, p)
	}
	return c
}

// runTUI runs the terminal UI on an open project until the user quits.
func runTUI(ctx context.Context, p *project.Project) error {
	name := strings.TrimSuffix(filepath.Base(p.Path()), filepath.Ext(p.Path()))
	_, err := tea.NewProgram(tui.New(p.Store, name, resolveCoder("")), tea.WithContext(ctx)).Run()
	return err
}
