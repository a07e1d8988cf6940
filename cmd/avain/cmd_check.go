package main

import (
	"context"
	"fmt"

	"github.com/toituavain/avain/search/finnish"
)

func checkCmd() *command {
	c := &command{name: "check", args: "PROJECT [--reindex]", summary: "check the project's integrity and its search index"}
	c.help = `Runs SQLite's integrity and foreign-key checks and avain's own, and verifies
that every speaker turn is in the search index. The index is derived data:
--reindex rebuilds it from the project, records the word positions of
documents imported before avain recorded them, and drops the counts kept
for theme tables (the next count rebuilds them from the codings).`
	c.run = func(ctx context.Context, e *env, args []string) error {
		fs := flagSet(e, c)
		reindex := fs.Bool("reindex", false, "rebuild the search index from the project (and record missing word positions, and drop the theme tables' kept counts)")
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if err := exactly(pos, 1, "PROJECT"); err != nil {
			return err
		}
		p, prog, err := openProject(ctx, e, pos[0])
		if err != nil {
			return err
		}
		defer p.Close()
		if *reindex {
			err = p.Reindex(ctx)
			prog.clear()
			if err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, "search index rebuilt")
			n, err := p.RecordWords(ctx)
			if err != nil {
				return err
			}
			if n > 0 {
				fmt.Fprintf(e.stdout, "word positions recorded for %d documents\n", n)
			}
			if n, err = p.DropCodedSpans(ctx); err != nil {
				return err
			} else if n > 0 {
				fmt.Fprintf(e.stdout, "theme tables' kept counts dropped for %d documents (the next count rebuilds them)\n", n)
			}
		}
		rep, err := p.Check(ctx)
		prog.clear()
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "project: %s (schema %d), %d documents, %d turns\n", pos[0], rep.Schema, rep.Documents, rep.Turns)
		fmt.Fprintf(e.stdout, "search index: %d turns indexed, analysis %s\n", rep.IndexedTurns, finnish.AnalysisID())
		if n := finnish.Notice(); n != "" {
			fmt.Fprintln(e.stdout, "note:", n)
		}
		for _, line := range rep.Problems {
			fmt.Fprintln(e.stdout, "problem:", line)
		}
		if len(rep.Problems) > 0 {
			fmt.Fprintf(e.stdout, "%d problems found\n", len(rep.Problems))
			return exitError{1}
		}
		fmt.Fprintln(e.stdout, "ok")
		return nil
	}
	return c
}
