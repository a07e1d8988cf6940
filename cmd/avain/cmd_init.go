package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/toituavain/avain/codebooks"
	"github.com/toituavain/avain/project"
)

func initCmd() *command {
	c := &command{name: "init", args: "PROJECT.avain [--codebook NAME|FILE | --from FILE.qdpx]", summary: "create a new project file with a codebook"}
	c.help = `Creates PROJECT.avain (SQLite, private to you: mode 0600) with a codebook:
an embedded one by name (` + strings.Join(codebooks.Names(), ", ") + `), or a .yaml or REFI-QDA .qdc
file. Its search index is kept beside it in PROJECT.avain.index/ and rebuilt
whenever needed.

--from FILE.qdpx makes the project from a REFI-QDA project written by NVivo,
ATLAS.ti, MAXQDA, QualCoder or avain: its codebook, documents, codings, coders,
memos and attributes. Should that fail, no project is left behind.`
	c.run = func(ctx context.Context, e *env, args []string) error {
		fs := flagSet(e, c)
		book := fs.String("codebook", codebooks.Default, "the codebook: an embedded name, or a .yaml or .qdc file")
		from := fs.String("from", "", "a REFI-QDA project (.qdpx or .qde) to make the project from")
		coder := coderFlag(fs)
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if err := exactly(pos, 1, "PROJECT.avain"); err != nil {
			return err
		}
		if *from != "" {
			return initFrom(ctx, e, pos[0], *from, resolveCoder(*coder))
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

// initFrom creates path from a REFI-QDA project, removing it again when
// the import fails.
func initFrom(ctx context.Context, e *env, path, from, coder string) error {
	p, err := project.Create(ctx, path)
	if err != nil {
		return err
	}
	rep, err := p.ImportQDPX(ctx, from, coder)
	if cerr := p.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		os.RemoveAll(project.IndexDir(path))
		return err
	}
	fmt.Fprintf(e.stdout, "created %s from %s\n", path, from)
	printQDPXReport(e, rep)
	return nil
}

// printQDPXReport prints what a REFI-QDA import carried and what not.
func printQDPXReport(e *env, rep project.QDPXReport) {
	fmt.Fprintln(e.stdout, rep.Summary())
	printQDPXNotes(e, rep)
}
