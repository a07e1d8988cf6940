package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/toituavain/avain/export"
	"github.com/toituavain/avain/project"
)

// listFlag is a flag that may be given many times, each value also split
// at commas: --by kind,region --by age.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

func exportCmd() *command {
	c := &command{name: "export", args: "PROJECT freq|cooccur|segments|qdpx [flags] [-o FILE]",
		summary: "export theme tables, co-occurrence, coded segments (CSV, TSV, Markdown, JSON, XLSX) or a REFI-QDA project"}
	c.help = `freq      coded frequencies: a row per code in codebook order (codes with child
          codes roll them up) and totals; for all documents and each group of
          the --by attributes: codings, documents with the code, their share of
          the group's documents (%) and words coded.
cooccur   a code × code matrix: turns that carry both codes (--unit turn), or
          pairs of overlapping codings (--unit overlap).
segments  every coded passage with document, attributes, turn, speaker, offsets,
          code, coder, memo and the quoted text, grouped by code.
qdpx      the whole project as a REFI-QDA project for NVivo, ATLAS.ti, MAXQDA
          and QualCoder (-o FILE.qdpx): coders, codebook, documents with their
          attributes, codings and memos.

--by takes kind, lang or any document attribute (avain docs shows them); give
two for their combinations: --by kind,region. The format follows -o's extension
unless --format is given; without -o the table goes to standard output (not
xlsx). Files are written readable by you only.`
	c.run = func(ctx context.Context, e *env, args []string) error {
		fs := flagSet(e, c)
		var by, coders, codes listFlag
		fs.Var(&by, "by", "split by these attributes (repeat or comma-separate)")
		fs.Var(&coders, "coder", "only these coders' codings (repeatable)")
		fs.Var(&codes, "code", "only this code and its child codes (repeatable)")
		format := fs.String("format", "", "csv, tsv, md, json or xlsx (default: from -o, else csv)")
		out := fs.String("o", "", "write to this file")
		unit := fs.String("unit", "turn", "co-occurrence unit: turn or overlap")
		lang := fs.String("lang", "fi", "language of code names: fi or en")
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if err := exactly(pos, 2, "PROJECT and what to export (freq, cooccur, segments or qdpx)"); err != nil {
			return err
		}
		what := pos[1]
		if !slices.Contains([]string{"freq", "cooccur", "segments", "qdpx"}, what) {
			return usagef("unknown export %q: use freq, cooccur, segments or qdpx", what)
		}
		if what == "qdpx" {
			if *out == "" {
				return usagef("qdpx needs a file: -o FILE.qdpx")
			}
			p, err := project.Open(ctx, pos[0])
			if err != nil {
				return err
			}
			defer p.Close()
			rep, err := p.ExportQDPX(ctx, *out, *lang, coderIn(p.Store, ""))
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "wrote %s: %s\n", *out, rep.Summary())
			fmt.Fprintf(e.stderr, "note: %s holds the interview texts; keep it as safe as the project\n", *out)
			return nil
		}
		f := *format
		if f == "" {
			f = strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")
			if !slices.Contains(export.Formats, f) {
				f = "csv"
			}
		}
		if !slices.Contains(export.Formats, f) {
			return usagef("unknown format %q: use %s", f, strings.Join(export.Formats, ", "))
		}
		if f == "xlsx" && *out == "" {
			return usagef("xlsx needs a file: -o FILE.xlsx")
		}
		if *lang != "fi" && *lang != "en" {
			return usagef("--lang is fi or en")
		}
		p, err := project.Open(ctx, pos[0])
		if err != nil {
			return err
		}
		defer p.Close()
		o := export.Options{By: by, Coders: coders, Codes: codes, Lang: *lang, Unit: *unit}
		var table export.Table
		switch what {
		case "freq":
			t, _, err := export.Frequencies(ctx, p, o)
			if err != nil {
				return err
			}
			table = export.FreqTable(t)
			if f == "md" {
				table = export.FreqMarkdown(t)
			}
		case "cooccur":
			if table, err = export.Cooccurrence(ctx, p, o); err != nil {
				return err
			}
		case "segments":
			if table, err = export.Segments(ctx, p, o); err != nil {
				return err
			}
		}
		dest := "standard output"
		if *out == "" {
			var buf bytes.Buffer // whole, so that a failed export prints nothing
			if err := export.Write(&buf, f, table); err != nil {
				return err
			}
			if _, err := e.stdout.Write(buf.Bytes()); err != nil {
				return err
			}
		} else {
			if err := project.WritePrivate(*out, func(w io.Writer) error { return export.Write(w, f, table) }); err != nil {
				return err
			}
			dest = *out
			fmt.Fprintf(e.stderr, "wrote %s: %s, %d rows\n", *out, table.Name, len(table.Rows))
		}
		if what == "segments" {
			fmt.Fprintf(e.stderr, "note: %s holds quoted interview text; keep it as safe as the project\n", dest)
		}
		return p.Log(ctx, coderIn(p.Store, ""), "export", what,
			fmt.Sprintf("format=%s rows=%d by=%s", f, len(table.Rows), strings.Join(by, ",")))
	}
	return c
}
