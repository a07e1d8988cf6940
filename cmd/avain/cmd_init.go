package main

import (
	"context"
	"fmt"

	"github.com/toituavain/avain/project"
)

func initCmd() *command {
	c := &command{name: "init", args: "PROJECT.avain", summary: "create a new, empty project file"}
	c.help = `Creates PROJECT.avain (SQLite, private to you: mode 0600). Its search index is
kept beside it in PROJECT.avain.index/ and rebuilt whenever needed.`
	c.run = func(ctx context.Context, e *env, args []string) error {
		fs := flagSet(e, c)
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if err := exactly(pos, 1, "PROJECT.avain"); err != nil {
			return err
		}
		p, err := project.Create(ctx, pos[0])
		if err != nil {
			return err
		}
		if err := p.Close(); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "created %s\nnext: avain import %s FILE... --kind client|professional\n", pos[0], pos[0])
		return nil
	}
	return c
}
