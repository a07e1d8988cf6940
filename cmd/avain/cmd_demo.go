package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/toituavain/avain/codebooks"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
)

func demoCmd() *command {
	c := &command{name: "demo", args: "[PATH]", summary: "write a demo project of fictional interviews and open it"}
	c.help = `Writes PATH (default ./avain-demo.avain) from the fictional client and
professional interviews built into avain, then opens it in the terminal UI
(off a terminal it prints what it made and searches to try). Two
fictional coders, aino and ville, have coded it by keyword searches, so
the themes view and the exports have something to show; they agree on
most passages and differ on a few. --uncoded leaves their codings out.
An existing demo project at PATH is opened as it is, so the work done in
it is kept.`
	c.run = func(ctx context.Context, e *env, args []string) error {
		fs := flagSet(e, c)
		coder := coderFlag(fs)
		uncoded := fs.Bool("uncoded", false, "leave out the example codings of the fictional coders")
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if len(pos) > 1 {
			return usagef("unexpected argument %q", pos[1])
		}
		path := "avain-demo.avain"
		if len(pos) == 1 {
			path = pos[0]
		}
		var p *project.Project
		if _, err := os.Stat(path); err == nil {
			if p, err = project.Open(ctx, path); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "opened the existing demo project %s\n", path)
		} else if errors.Is(err, os.ErrNotExist) {
			if p, _, err = project.CreateWithCodebook(ctx, path, codebooks.Default, resolveCoder(*coder)); err != nil {
				return err
			}
			prog := &progress{e: e}
			p.Progress = prog.show
			n, err := p.ImportDemo(ctx, resolveCoder(*coder))
			prog.clear()
			examples := 0
			if err == nil && !*uncoded {
				examples, err = p.CodeDemoExamples(ctx)
			}
			if err != nil {
				p.Close()
				return err
			}
			fmt.Fprintf(e.stdout, "wrote the demo project %s: %d fictional interviews", path, n)
			if examples > 0 {
				fmt.Fprintf(e.stdout, ", with %d example codings by the fictional coders %s", examples, strings.Join(project.DemoCoders, " and "))
			}
			fmt.Fprintln(e.stdout)
		} else {
			return err
		}
		defer p.Close()
		if e.ttyOut && e.ttyIn {
			return runTUI(ctx, e, p, coderIn(p.Store, *coder), "", coding.LangFinnish)
		}
		docs, err := p.Store.Documents(ctx)
		if err != nil {
			return err
		}
		for _, d := range docs {
			fmt.Fprintf(e.stdout, "  %-34s %-12s %-2s %5d words  %s\n", d.Name, d.Kind, d.Lang, d.Words, formatAttrs(d.Attrs))
		}
		fmt.Fprintf(e.stdout, `
Try:
  avain search %[1]s toimeentulotuki          (finds toimeentulotuen, toimeentulotukea, …)
  avain search %[1]s 'kind:professional tiedonsiirto'
  avain search %[1]s '"liitteitä uudestaan"'
  avain docs %[1]s
  avain export %[1]s freq --by kind --format md
`, path)
		return nil
	}
	return c
}
