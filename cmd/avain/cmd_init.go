package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/toituavain/avain/codebooks"
	"github.com/toituavain/avain/project"
)

func initCmd() *command {
	c := &command{name: "init", args: "PROJECT.avain [--codebook NAME|FILE]", summary: "create a new project file with a codebook"}
	c.help = `Creates PROJECT.avain (SQLite, private to you: mode 0600) with a codebook:
an embedded one by name (` + strings.Join(codebooks.Names(), ", ") + `), or a .yaml or REFI-QDA .qdc
file. Its search index is kept beside it in PROJECT.avain.index/ and rebuilt
whenever needed.`
	c.run = func(ctx context.Context, e *env, args []string) error {
		fs := flagSet(e, c)
		book := fs.String("codebook", codebooks.Default, "the codebook: an embedded name, or a .yaml or .qdc file")
		coder := coderFlag(fs)
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if err := exactly(pos, 1, "PROJECT.avain"); err != nil {
			return err
		}
		p, n, err := project.CreateWithCodebook(ctx, pos[0], *book, resolveCoder(*coder))
		if err != nil {
			return err
		}
		if err := p.Close(); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "created %s with the codebook %s (%d codes)\nnext: avain import %s FILE... --kind client|professional\n",
			pos[0], *book, n, pos[0])
		return nil
	}
	return c
}
