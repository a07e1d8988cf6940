package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
	"github.com/toituavain/avain/report"
)

func reportCmd() *command {
	c := &command{name: "report", args: "PROJECT -o FILE.html [--by ATTR] [--lang fi|en] [--quotes N] [--pick HOW] [--coder C]... [--code CODE]...",
		summary: "write the study's report: one HTML page with its numbers, themes, charts, agreement, quotations and codebook"}
	c.help = `Writes one self-contained HTML page (-o FILE.html) to open in any browser,
offline, or to print: the study in numbers (documents by kind and by the
--by attribute, coders and their codings, codings, passages, coded
documents); the themes table, split by --by (kind by default), with bar
charts of the themes by group; the co-occurrence heat map of the codes;
the coders' agreement (every pair of the four coders with the most
codings, and per code for the two with the most); --quotes quotations per
code (3 by default, 0 for none); what every number counts; and the
codebook with its definitions as an appendix. --lang gives its labels and
code names in Finnish (fi, the default) or English (en).

The page has its style and charts inline and names no outside address: it
needs no network. It holds quoted interview text unless --quotes 0: keep
it as safe as the project. It is written readable by you only (0600), once
whole, and recorded in the project's audit log.`
	c.run = func(ctx context.Context, e *env, args []string) error { return runReport(ctx, e, c, args) }
	return c
}

// runReport checks the arguments, builds the report and writes it.
func runReport(ctx context.Context, e *env, c *command, args []string) error {
	fs := flagSet(e, c)
	var sel selection
	sel.declare(fs, "split the themes by these attributes (default kind)")
	out := fs.String("o", "", "the HTML file to write (- for standard output)")
	lang := fs.String("lang", "fi", "language of the labels and code names: fi or en")
	quotes := fs.Int("quotes", 3, "quotations per code (0: none)")
	pick := fs.String("pick", "", "which quotations: first (default), longest, shortest or ATTR=VALUE")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	by, coders, codes := sel.by, sel.coders, sel.codes
	if err := exactly(pos, 1, "PROJECT"); err != nil {
		return err
	}
	if !coding.ValidLang(*lang) {
		return usagef("--lang is fi or en")
	}
	if *quotes < 0 {
		return usagef("--quotes is 0 or more")
	}
	if *out == "" {
		return usagef("the report needs a file: -o FILE.html, or -o - for standard output")
	}
	if *out != "-" {
		if err := project.CheckOutput(*out, pos[0]); err != nil { // before anything is read or written
			return err
		}
		if ext := strings.ToLower(filepath.Ext(*out)); ext != ".html" && ext != ".htm" && !project.IsStream(*out) {
			return usagef("-o %s: the report is an HTML page; name it FILE.html", *out)
		}
	}
	if len(by) == 0 {
		by = listFlag{"kind"}
	}
	p, prog, err := openProject(ctx, e, pos[0])
	if err != nil {
		return err
	}
	defer p.Close()
	r, err := report.Build(ctx, p, report.Options{Project: strings.TrimSuffix(filepath.Base(pos[0]), ".avain"),
		By: by, Coders: coders, Codes: codes, Lang: *lang, Quotes: *quotes, Pick: *pick, Made: time.Now()})
	prog.clear()
	if err != nil {
		if m := err.Error(); strings.HasPrefix(m, pos[0]+": ") || strings.HasPrefix(m, filepath.Base(pos[0])+": ") { // export's refusals name the project already
			return err
		}
		return fmt.Errorf("%s: %w", pos[0], err)
	}
	return writeReport(ctx, e, p, r, *out, by)
}

// writeReport writes the report whole to out (or standard output) and
// records it in the audit log before it replaces a file.
func writeReport(ctx context.Context, e *env, p *project.Project, r *report.Report, out string, by []string) error {
	record := func() error { // its own action: a report is no export of one table
		return p.Log(ctx, coderIn(p.Store, ""), "report", out,
			fmt.Sprintf("%s: documents=%d codings=%d quotations=%d by=%s", out, r.Documents, r.Codings, r.Quotations, strings.Join(by, ",")))
	}
	dest := "standard output"
	if out == "-" {
		var buf strings.Builder // whole, so that a failed report prints nothing
		if err := r.WriteHTML(&buf); err != nil {
			return err
		}
		if err := record(); err != nil {
			return err
		}
		w := e.stdout // piped, the page exactly; on a terminal, escaped
		if !e.ttyOut && e.rawStdout != nil {
			w = e.rawStdout
		}
		if _, err := io.WriteString(w, buf.String()); err != nil {
			return fmt.Errorf("standard output: %w", err)
		}
	} else {
		if err := project.WriteRecorded(out, p.Path(), r.WriteHTML, record); err != nil {
			return err
		}
		dest = out
		fmt.Fprintf(e.stderr, "wrote %s: the report of %d documents, %d codings, %d quotations\n", out, r.Documents, r.Codings, r.Quotations)
	}
	if r.Quotations > 0 {
		fmt.Fprintf(e.stderr, "note: %s holds quoted interview text; keep it as safe as the project\n", dest)
	}
	return nil
}
