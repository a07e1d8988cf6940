package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/toituavain/avain/coding"
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

// selection is the --by, --coder and --code flags that export and report
// share.
type selection struct{ by, coders, codes listFlag }

// declare adds the flags to fs; byUsage says what --by splits.
func (s *selection) declare(fs *flag.FlagSet, byUsage string) {
	fs.Var(&s.by, "by", byUsage)
	fs.Var(&s.coders, "coder", "only these coders' codings (repeatable)")
	fs.Var(&s.codes, "code", "only this code and its child codes (repeatable)")
}

func exportCmd() *command {
	c := &command{name: "export", args: "PROJECT freq|cooccur|segments|qdpx [flags] [-o FILE]",
		summary: "export theme tables, co-occurrence, coded segments (CSV, TSV, Markdown, JSON, XLSX) or a REFI-QDA project"}
	c.help = `freq      coded frequencies: a row per code in codebook order and totals; for
          all documents and each group of the --by attributes: codings (coded
          segments, each coder's counted), passages (distinct coded spans,
          coders merged), documents with a coding, their share of the group's
          documents (%) and words coded. A code counts its child codes too (a
          theme its whole subtree), as the codebook and themes views do.
cooccur   a code × code matrix: turns that carry both codes (--unit turn), or
          pairs of overlapping codings (--unit overlap). A code counts with
          its child codes (a theme its whole subtree), as in freq, the charts
          and the report.
segments  every coded passage with document, attributes, turn, speaker, offsets,
          code, coder, memo and the quoted text, grouped by code.
qdpx      the whole project as a REFI-QDA project for NVivo, ATLAS.ti, MAXQDA
          and QualCoder (-o FILE.qdpx): coders, codebook, documents with their
          attributes, codings and memos.

freq, cooccur and agreement are laid out for people by default: code names
indented by depth, themes (codes with child codes) marked (▸ in CSV and TSV,
bold in Markdown and XLSX), each group of documents a header with its size
(n) over its numbers, shares as percentages, labels in --lang; no ids. XLSX
adds column widths, rows that fold under their theme, frozen headers, a
chart, and a first sheet that says what each number counts and how the
table was made; CSV and TSV end, after a blank row, with those lines, and a
text cell beginning with = + - @ is led by an apostrophe so that a
spreadsheet does not run it as a formula. --layout data gives the long form for R or pandas instead:
ids, paths and depths, one row per code × group × measure (JSON is always
this form).

--by takes kind, lang or any document attribute (avain docs shows them); give
two for their combinations: --by kind,region. The format follows -o's extension
(.csv, .tsv, .md, .json, .xlsx; a name without one gets CSV; any other is
refused) unless --format is given; without -o, or with -o -, the table goes to
standard output (xlsx only with -o -). Files are written readable by you only,
and only once whole: on any error the file already there is left as it was. A
pipe or a device is written in place. The project itself, its -wal, -shm and
index folder, and any other avain project are refused as -o.`
	c.run = func(ctx context.Context, e *env, args []string) error { return runExport(ctx, e, c, args) }
	return c
}

// tableExport is one export of a table: what (freq, cooccur or
// segments), in which format, to which output ("" or "-": standard
// output), split by which attributes.
type tableExport struct {
	what, format, out string
	by                []string
	view              export.View
	about             *export.About
}

// runExport checks the arguments, then builds the table and writes it, or
// the project as a REFI-QDA project.
func runExport(ctx context.Context, e *env, c *command, args []string) error {
	fs := flagSet(e, c)
	var sel selection
	sel.declare(fs, "split by these attributes (repeat or comma-separate)")
	format := fs.String("format", "", "csv, tsv, md, json or xlsx (default: from -o, else csv)")
	out := fs.String("o", "", "write to this file (- for standard output)")
	unit := fs.String("unit", "turn", "co-occurrence unit: turn or overlap")
	lang := fs.String("lang", "fi", "language of code names and labels: fi or en")
	layout := fs.String("layout", "", "people (the default) or data (long, with ids; JSON's only form)")
	seg := segmentFlags(fs, c) // the quotation report's (export_segments.go)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	by, coders, codes := sel.by, sel.coders, sel.codes
	if err := exactly(pos, 2, "PROJECT and what to export (freq, cooccur, segments or qdpx)"); err != nil {
		return err
	}
	what := pos[1]
	if !slices.Contains([]string{"freq", "cooccur", "segments", "qdpx"}, what) {
		return usagef("unknown export %q: use freq, cooccur, segments or qdpx", what)
	}
	if !coding.ValidLang(*lang) {
		return usagef("--lang is fi or en")
	}
	if what == "cooccur" && len(by) > 0 {
		return usagef("%v", export.ErrNoSplit)
	}
	if done, err := seg.export(ctx, e, segmentsArgs{proj: pos[0], what: what, format: *format, out: *out, lang: *lang,
		layout: *layout, by: by, coders: coders, codes: codes}); done || err != nil {
		return err
	}
	if what == "qdpx" {
		return exportQDPX(ctx, e, pos[0], *out, *format, *lang)
	}
	if *out != "" && *out != "-" { // refused before anything is read or written
		if err := project.CheckOutput(*out, pos[0]); err != nil {
			return err
		}
	}
	f, err := tableFormat(*out, *format)
	if err != nil {
		return err
	}
	if f == "xlsx" && *out == "" {
		return usagef("xlsx needs a file: -o FILE.xlsx, or -o - for standard output")
	}
	view, err := tableView(*layout, f, *lang)
	if err != nil {
		return err
	}
	p, err := project.Open(ctx, pos[0])
	if err != nil {
		return err
	}
	defer p.Close()
	x := tableExport{what: what, format: f, out: *out, by: by, view: view}
	x.about = &export.About{Project: filepath.Base(pos[0]), Made: time.Now(), Coders: coders, Version: version,
		Lang: *lang, Filters: filterArgs(map[string][]string{"--by": by, "--code": codes, "--coder": coders}, *unit, what == "cooccur")}
	if len(coders) == 0 && what != "segments" && (f == "md" || f == "xlsx" || view.Layout == export.LayoutPeople) { // the About lines name them
		if x.about.Coders, err = export.Coders(ctx, p); err != nil {
			return err
		}
	}
	table, err := x.build(ctx, p, export.Options{By: by, Coders: coders, Codes: codes, Lang: *lang, Unit: *unit})
	if err != nil {
		return err
	}
	if err := x.write(ctx, e, p, table); err != nil {
		return err
	}
	if table.Uncoded { // its zeros are no finding
		dest := x.out
		if dest == "" || dest == "-" {
			dest = "standard output"
		}
		fmt.Fprintf(e.stderr, "note: no codings: the selection holds none, so every count in %s is 0\n", dest)
	}
	return nil
}

// build makes the table of the project.
func (x tableExport) build(ctx context.Context, p *project.Project, o export.Options) (export.Table, error) {
	switch x.what {
	case "freq":
		t, _, err := export.Frequencies(ctx, p, o)
		if err != nil {
			return export.Table{}, err
		}
		x.about.Title = x.view.Title("freq")
		x.about.Counts = coding.CountsAbout(x.view.Lang)
		return export.FreqTable(t, x.view), nil
	case "cooccur":
		x.about.Title = x.view.Title("cooccur")
		return export.Cooccurrence(ctx, p, o, x.view)
	default:
		return export.Segments(ctx, p, o)
	}
}

// write writes the table whole and says where it went. The audit entry is
// written once the export is whole and before it replaces a file: a
// project that cannot record it (a full disk) leaves the old file as it
// was.
func (x tableExport) write(ctx context.Context, e *env, p *project.Project, tables ...export.Table) error {
	record := func() error {
		return p.Log(ctx, coderIn(p.Store, ""), "export", x.what,
			fmt.Sprintf("format=%s rows=%d by=%s", x.format, len(tables[0].Rows), strings.Join(x.by, ",")))
	}
	about := x.about
	if about != nil && about.Title == "" { // segments: said by their own notes
		about = nil
	}
	dest := "standard output"
	if x.out == "" || x.out == "-" {
		var buf bytes.Buffer // whole, so that a failed export prints nothing
		if err := export.WriteAbout(&buf, x.format, about, tables...); err != nil {
			return err
		}
		if err := record(); err != nil {
			return err
		}
		if _, err := e.stdout.Write(buf.Bytes()); err != nil {
			return fmt.Errorf("standard output: %w", err)
		}
	} else {
		if err := project.WriteRecorded(x.out, p.Path(), func(w io.Writer) error { return export.WriteAbout(w, x.format, about, tables...) }, record); err != nil {
			return err
		}
		dest = x.out
		fmt.Fprintf(e.stderr, "wrote %s: %s, %s\n", x.out, exportNames[x.what], pluralS(len(tables[0].Rows), "row", "rows"))
	}
	if x.what == "segments" {
		quotedNote(e, dest, len(tables[0].Rows))
	}
	return nil
}

// exportNames say in the lines of what was written what each export is,
// in English as avain's other messages (the tables' own names follow
// --lang).
var exportNames = map[string]string{"freq": "theme table", "cooccur": "co-occurrence matrix",
	"segments": "coded segments", "agreement": "agreement table"}

// quotedNote reminds that dest holds n quoted passages of interview text,
// or says plainly that there were none to quote.
func quotedNote(e *env, dest string, n int) {
	if n == 0 {
		fmt.Fprintf(e.stderr, "note: no quotations: the selection holds no coded passages\n")
		return
	}
	fmt.Fprintf(e.stderr, "note: %s holds quoted interview text; keep it as safe as the project\n", dest)
}

// tableFormat is the format of a table export to out: --format when
// given, else out's extension; CSV without either. An extension avain does
// not write is refused, so that -o x.pdf never holds CSV.
func tableFormat(out, format string) (string, error) {
	if format != "" {
		if !slices.Contains(export.Formats, format) {
			return "", usagef("unknown format %q: use %s", format, strings.Join(export.Formats, ", "))
		}
		return format, nil
	}
	ext := filepath.Ext(out)
	if out == "-" || ext == "" {
		return "csv", nil
	}
	if f := strings.ToLower(ext[1:]); slices.Contains(export.Formats, f) {
		return f, nil
	}
	return "", usagef("-o %s: avain does not write %s files; name a .%s file, or say which with --format",
		out, ext, strings.Join(export.Formats, ", ."))
}

// exportQDPX writes the project at path as a REFI-QDA project to out: a
// file named .qdpx (or any name with --format qdpx), a pipe or device, or
// standard output (-).
func exportQDPX(ctx context.Context, e *env, path, out, format, lang string) error {
	if format != "" && format != "qdpx" {
		return usagef("qdpx is written only as a .qdpx archive, not --format %s", format)
	}
	if out == "" {
		return usagef("qdpx needs a file: -o FILE.qdpx, or -o - for standard output")
	}
	if out != "-" {
		if err := project.CheckOutput(out, path); err != nil { // before anything is read or written
			return err
		}
		if format == "" && !strings.EqualFold(filepath.Ext(out), ".qdpx") && !project.IsStream(out) {
			return usagef("-o %s: a REFI-QDA project is a .qdpx file; name it FILE.qdpx, or give --format qdpx", out)
		}
	}
	p, err := project.Open(ctx, path)
	if err != nil {
		return err
	}
	defer p.Close()
	dest := "standard output"
	if out == "-" {
		if _, err := p.ExportQDPXTo(ctx, e.stdout, lang, coderIn(p.Store, "")); err != nil {
			return err
		}
	} else {
		rep, err := p.ExportQDPX(ctx, out, lang, coderIn(p.Store, ""))
		if err != nil {
			return err
		}
		dest = out
		fmt.Fprintf(e.stderr, "wrote %s: %s\n", out, rep.Summary())
	}
	fmt.Fprintf(e.stderr, "note: %s holds the interview texts; keep it as safe as the project\n", dest)
	return nil
}

// tableView is the layout of a table in format: --layout when given,
// else people, or data for JSON (which has no people layout).
func tableView(layout, format, lang string) (export.View, error) {
	switch {
	case layout == "" && format == "json":
		layout = export.LayoutData
	case layout == "":
		layout = export.LayoutPeople
	case !slices.Contains(export.Layouts, layout):
		return export.View{}, usagef("unknown layout %q: use %s", layout, strings.Join(export.Layouts, " or "))
	case layout == export.LayoutPeople && format == "json":
		return export.View{}, usagef("JSON is written in the data layout only: leave out --layout people, or choose csv, tsv, md or xlsx")
	}
	return export.View{Layout: layout, Lang: lang}, nil
}

// filterArgs spells the options that shaped a table as they were given:
// "--by kind,region --coder aino", and --unit for a co-occurrence table.
func filterArgs(lists map[string][]string, unit string, withUnit bool) []string {
	var out []string
	for _, name := range []string{"--by", "--code", "--coder"} {
		if len(lists[name]) > 0 {
			out = append(out, name+" "+strings.Join(lists[name], ","))
		}
	}
	if withUnit {
		out = append(out, "--unit "+unit)
	}
	return out
}
