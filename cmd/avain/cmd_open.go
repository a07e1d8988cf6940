package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
	"github.com/toituavain/avain/search/finnish"
	"github.com/toituavain/avain/tui"
)

func openCmd() *command {
	c := &command{name: "open", args: "PROJECT [--coder NAME] [--doc NAME] [--lang fi|en]", summary: "open the project in the terminal UI (also: avain PROJECT)"}
	c.help = `The terminal UI: a documents list, a reader that shows a document's speaker
turns with coding stripes in the codes' colours, a codebook with retrieval of
coded segments, and search. Every action is written to the project at once.

` + tui.KeysHelp(tui.DefaultKeyMap(), 78) + `

In the reader, v starts a selection that the moving keys extend; in the code
picker a name no code has makes that code. x and r on another coder's coding
ask y/n first. u and ctrl+r undo and redo codings, memos and codebook edits;
ctrl+c quits even while typing. ? shows the keys of the screen in front.

The coder is --coder, else $AVAIN_CODER, else your user name. The reader
reopens each document where you left it. The themes view counts, and saves,
its table with code names in Finnish, as avain export does; --lang en makes
it, and the tables the retrieval view saves, English.`
	c.run = func(ctx context.Context, e *env, args []string) error {
		fs := flagSet(e, c)
		coder := fs.String("coder", "", "who the codings are by (default $AVAIN_CODER or your user name)")
		doc := fs.String("doc", "", "open this document (name or ID) in the reader at once")
		lang := fs.String("lang", coding.LangFinnish, "the language of the tables the UI counts and saves: fi or en")
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if err := exactly(pos, 1, "PROJECT"); err != nil {
			return err
		}
		if !coding.ValidLang(*lang) {
			return usagef("--lang is fi or en")
		}
		p, err := project.Open(ctx, pos[0])
		if err != nil {
			return err
		}
		defer p.Close()
		docID := ""
		if *doc != "" {
			if docID, err = p.Store.ResolveDocument(ctx, *doc); err != nil {
				return err
			}
		}
		return runTUI(ctx, e, p, coderIn(p.Store, *coder), docID, *lang)
	}
	return c
}

// runTUI runs the terminal UI on an open project until the user quits.
// A panic inside it restores the terminal and leaves a crash report.
// docID, when set, is opened in the reader at start.
func runTUI(ctx context.Context, e *env, p *project.Project, coder, docID, lang string) error {
	name := strings.TrimSuffix(filepath.Base(p.Path()), filepath.Ext(p.Path()))
	tui.Version = version // named in the tables the workspace saves, as avain export names it
	m := tui.NewIn(p, name, coder, lang)
	m.OpenOnStart(docID)
	m.Follow() // show what other processes change
	if n := finnish.Notice(); n != "" {
		m.Notify(n)
	}
	g := tui.NewGuard(m, crashDir())
	prog := tea.NewProgram(g, tea.WithContext(ctx))
	p.Notice = func(note string) { go prog.Send(tui.NoticeMsg(note)) }
	_, err := prog.Run()
	if crash := g.Crash(); crash != "" {
		return errors.New("the terminal UI stopped on an internal error; every action reported done is in the project; details: " + crash)
	}
	if errors.Is(err, tea.ErrProgramPanic) {
		return errors.New("the terminal UI stopped on an internal error (details above); every action reported done is in the project")
	}
	return err
}

// crashDir is where crash reports go: avain's private cache directory.
func crashDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return os.TempDir()
	}
	dir = filepath.Join(dir, "avain")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return os.TempDir()
	}
	return dir
}
