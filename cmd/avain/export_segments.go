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

	"github.com/toituavain/avain/export"
	"github.com/toituavain/avain/project"
)

// segmentsHelp is what export's help says of segments for people.
const segmentsHelp = `segments for people (the default) is a quotation report: themes as headings,
their codes under them, each code's quotations cited (document, speaker, turn,
or the turn's start time in a timed transcript such as .vtt or .srt; the --cite
attributes, default kind), with the coders who coded the span (several coders
of one span are one quotation) and their memos. Markdown (-o x.md, and on
standard output), HTML (-o x.html: one page, nothing fetched, printable), XLSX
(a sheet of quotations and an About sheet), or CSV/TSV (a row per quotation).
--per-code N shows at most N per code (per --by group with --by), saying how
many there are in all; --pick first (document order, the default), longest,
shortest, or ATTR=VALUE[,...] (only documents with that value, such as
kind=client; several values of one attribute are alternatives; combine with
an order: longest,kind=client). --layout data (and JSON) gives the flat table
of every coding with ids and offsets, for programs.`

// segmentsFlags are the flags only the quotation report takes.
type segmentsFlags struct {
	perCode *int
	pick    *string
	cite    listFlag
	fs      *flag.FlagSet
}

// segmentFlags adds the quotation report's flags to export's, and what
// they do to its help.
func segmentFlags(fs *flag.FlagSet, c *command) *segmentsFlags {
	if !strings.Contains(c.help, segmentsHelp) {
		c.help += "\n\n" + segmentsHelp
	}
	s := &segmentsFlags{fs: fs}
	s.perCode = fs.Int("per-code", 0, "segments: at most this many quotations per code, or per --by group (0: all)")
	s.pick = fs.String("pick", "", "segments: first, longest, shortest or ATTR=VALUE[,...] (default first)")
	fs.Var(&s.cite, "cite", "segments: attributes each quotation's citation names (default kind)")
	return s
}

// segmentsArgs are the export flags the quotation report shares with the
// tables.
type segmentsArgs struct {
	proj, what, format, out, lang, layout string
	by, coders, codes                     []string
}

// given lists the quotation report's flags given on the command line.
func (s *segmentsFlags) given() []string {
	var out []string
	s.fs.Visit(func(f *flag.Flag) {
		if slices.Contains([]string{"per-code", "pick", "cite"}, f.Name) {
			out = append(out, "--"+f.Name)
		}
	})
	return out
}

// export writes the quotation report when a asks for segments in the
// people layout, and says it did (done). Its flags with another export
// or with the data layout, and HTML for any other export, are refused.
func (s *segmentsFlags) export(ctx context.Context, e *env, a segmentsArgs) (done bool, err error) {
	isHTML := a.format == "html" || (a.format == "" && slices.Contains([]string{".html", ".htm"}, strings.ToLower(filepath.Ext(a.out))))
	if a.what != "segments" {
		if isHTML {
			return false, usagef("%s is not written as HTML: only segments (a quotation report) is; %s writes .csv, .tsv, .md, .json or .xlsx", a.what, a.what)
		}
		if g := s.given(); len(g) > 0 {
			return false, usagef("%s is for export segments only, not %s", strings.Join(g, ", "), a.what)
		}
		return false, nil
	}
	if a.out != "" && a.out != "-" { // refused before anything is read or written
		if err := project.CheckOutput(a.out, a.proj); err != nil {
			return false, err
		}
	}
	f, err := segmentsFormat(a.out, a.format)
	if err != nil {
		return false, err
	}
	if a.layout == export.LayoutData || f == "json" {
		if g := s.given(); len(g) > 0 {
			return false, usagef("%s is for the quotation report, not the data layout (--layout data or JSON)", strings.Join(g, ", "))
		}
		if f == "html" {
			return false, usagef("--layout data is a table: write it as .csv, .tsv, .md, .json or .xlsx, not HTML")
		}
		if f == "xlsx" { // its long texts cut, and said so
			return true, writeSegmentsDataXLSX(ctx, e, a)
		}
		return false, nil
	}
	if a.layout != "" && a.layout != export.LayoutPeople {
		return false, usagef("unknown layout %q: use %s", a.layout, strings.Join(export.Layouts, " or "))
	}
	return true, writeSegments(ctx, e, a, f, export.QuoteOptions{
		Options: export.Options{By: a.by, Coders: a.coders, Codes: a.codes, Lang: a.lang},
		PerCode: *s.perCode, Pick: *s.pick, Cite: s.cite})
}

// segmentsFormat is the quotation report's format: --format when given,
// else -o's extension; Markdown on standard output or for a name without
// an extension.
func segmentsFormat(out, format string) (string, error) {
	formats := []string{"md", "html", "xlsx", "csv", "tsv", "json"}
	if format != "" {
		if !slices.Contains(formats, format) {
			return "", usagef("unknown format %q for segments: use %s", format, strings.Join(formats, ", "))
		}
		return format, nil
	}
	ext := strings.ToLower(filepath.Ext(out))
	switch {
	case out == "" || out == "-" || ext == "":
		return "md", nil
	case ext == ".htm":
		return "html", nil
	case slices.Contains(formats, strings.TrimPrefix(ext, ".")):
		return ext[1:], nil
	}
	return "", usagef("-o %s: avain does not write %s files; name a .%s file, or say which with --format",
		out, filepath.Ext(out), strings.Join(formats, ", ."))
}

// writeSegments reads the quotation report and writes it whole to a.out
// (standard output when "" or "-"), recorded in the audit log first.
func writeSegments(ctx context.Context, e *env, a segmentsArgs, format string, o export.QuoteOptions) error {
	if format == "xlsx" && a.out == "" {
		return usagef("xlsx needs a file: -o FILE.xlsx, or -o - for standard output")
	}
	p, err := project.Open(ctx, a.proj)
	if err != nil {
		return err
	}
	defer p.Close()
	r, err := export.Quotations(ctx, p, o)
	if err != nil {
		return err
	}
	r.Project = filepath.Base(a.proj)
	shown, total, codes := 0, 0, 0
	for _, t := range r.Themes {
		for _, c := range t.Codes {
			shown, total, codes = shown+len(c.Quotes), total+c.Total, codes+1
		}
	}
	write := func(w io.Writer) error {
		switch format {
		case "md":
			return export.WriteQuotesMarkdown(w, r, a.lang)
		case "html":
			return export.WriteQuotesHTML(w, r, a.lang)
		case "xlsx":
			return export.WriteQuotesXLSX(w, r, a.lang)
		}
		about, err := segmentsAbout(ctx, p, a)
		if err != nil {
			return err
		}
		return export.WriteAbout(w, format, about, export.QuotesTable(r, a.lang))
	}
	record := func() error {
		return p.Log(ctx, coderIn(p.Store, ""), "export", "segments",
			fmt.Sprintf("format=%s layout=people rows=%d of=%d per_code=%d pick=%s by=%s", format, shown, total, o.PerCode, o.Pick, strings.Join(a.by, ",")))
	}
	dest := "standard output"
	if a.out == "" || a.out == "-" {
		var buf bytes.Buffer // whole, so that a failed export prints nothing
		if err := write(&buf); err != nil {
			return err
		}
		if err := record(); err != nil {
			return err
		}
		if _, err := e.stdout.Write(buf.Bytes()); err != nil {
			return fmt.Errorf("standard output: %w", err)
		}
	} else {
		if err := project.WriteRecorded(a.out, p.Path(), write, record); err != nil {
			return err
		}
		dest = a.out
		fmt.Fprintf(e.stderr, "wrote %s: %s of %d in %s\n", a.out, pluralS(shown, "quotation", "quotations"), total, pluralS(codes, "code", "codes"))
	}
	if cut := export.QuotesCutForXLSX(r); format == "xlsx" && cut > 0 {
		fmt.Fprintf(e.stderr, "warning: %s: %s; Markdown, HTML, CSV or TSV keep them whole\n", dest, cutSaid(cut, "quotation"))
	}
	quotedNote(e, dest, shown)
	return nil
}
