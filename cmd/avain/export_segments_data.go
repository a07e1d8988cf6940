package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/toituavain/avain/export"
	"github.com/toituavain/avain/project"
)

// writeSegmentsDataXLSX writes the data layout of segments as a
// workbook: a text longer than an Excel cell holds is cut to fit, ending
// in "…", and a warning says how many were cut and where they are whole.
func writeSegmentsDataXLSX(ctx context.Context, e *env, a segmentsArgs) error {
	if a.out == "" {
		return usagef("xlsx needs a file: -o FILE.xlsx, or -o - for standard output")
	}
	p, err := project.Open(ctx, a.proj)
	if err != nil {
		return err
	}
	defer p.Close()
	t, err := export.Segments(ctx, p, export.Options{By: a.by, Coders: a.coders, Codes: a.codes, Lang: a.lang})
	if err != nil {
		return err
	}
	cut := export.CutForXLSX(t)
	about, err := segmentsAbout(ctx, p, a)
	if err != nil {
		return err
	}
	about.Counts = export.SegmentsCounts(a.lang)
	write := func(w io.Writer) error { return export.WriteAbout(w, "xlsx", about, t) } // an About sheet first, as the tables'

	record := func() error {
		return p.Log(ctx, coderIn(p.Store, ""), "export", "segments",
			fmt.Sprintf("format=xlsx rows=%d by=%s", len(t.Rows), strings.Join(a.by, ",")))
	}
	dest := "standard output"
	if a.out == "-" {
		var buf strings.Builder // whole, so that a failed export prints nothing
		if err := write(&buf); err != nil {
			return err
		}
		if err := record(); err != nil {
			return err
		}
		if _, err := io.WriteString(e.stdout, buf.String()); err != nil {
			return fmt.Errorf("standard output: %w", err)
		}
	} else {
		if err := project.WriteRecorded(a.out, p.Path(), write, record); err != nil {
			return err
		}
		dest = a.out
		fmt.Fprintf(e.stderr, "wrote %s: %s, %s\n", a.out, exportNames["segments"], pluralS(len(t.Rows), "row", "rows"))
	}
	if cut > 0 {
		fmt.Fprintf(e.stderr, "warning: %s: %s; CSV, TSV or JSON keep them whole\n", dest, cutSaid(cut, "text"))
	}
	quotedNote(e, dest, len(t.Rows))
	return nil
}

// cutSaid says that n things (a text, a quotation) longer than an Excel
// cell holds are cut.
func cutSaid(n int, thing string) string {
	verb := "are"
	if n == 1 {
		verb = "is"
	}
	return fmt.Sprintf("%s longer than an Excel cell holds (%d characters) %s cut, ending in …", pluralS(n, thing, thing+"s"), export.MaxCellChars, verb)
}

// segmentsAbout says how an export of segments was made: the project, the
// date, the coders (the project's, unless --coder chose some), the
// options and avain's version.
func segmentsAbout(ctx context.Context, p *project.Project, a segmentsArgs) (*export.About, error) {
	view := export.View{Lang: a.lang}
	about := &export.About{Title: view.Title("segments"), Project: filepath.Base(a.proj), Made: time.Now(), Coders: a.coders,
		Version: version, Lang: a.lang, Filters: filterArgs(map[string][]string{"--by": a.by, "--code": a.codes, "--coder": a.coders}, "", false)}
	if len(a.coders) == 0 {
		var err error
		if about.Coders, err = export.Coders(ctx, p); err != nil {
			return nil, err
		}
	}
	return about, nil
}
