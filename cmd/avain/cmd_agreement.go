package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/export"
	"github.com/toituavain/avain/project"
)

// repeatFlag collects a flag given several times, each value whole.
type repeatFlag []string

func (r *repeatFlag) String() string     { return strings.Join(*r, "; ") }
func (r *repeatFlag) Set(v string) error { *r = append(*r, strings.TrimSpace(v)); return nil }

func agreementCmd() *command {
	c := &command{name: "agreement", args: "PROJECT --coders A,B [--code CODE]... [--doc DOC]... [--unit turn|char] [--format text|csv|tsv|md|json|xlsx] [--layout people|data] [-o FILE]",
		summary: "inter-coder agreement of two coders: percent, Cohen's kappa, Krippendorff's alpha"}
	c.help = `Compares two coders over the documents both of them coded, per code and
pooled over all codes: how many units both coded, only one coded, or neither;
percent agreement; Cohen's kappa; Krippendorff's alpha (nominal). A code is
in the table when either coder used it in those documents.

--unit turn (the default): a unit is a speaker turn, and a coder applied a
code in it when one of their codings of the code overlaps the turn.
--unit char: a unit is a character of the documents, coded or not (the
method of NVivo's coding comparison).

Then the disagreements: each turn where one coder applied a code and the
other did not, with its text, to discuss as a team.

Without --format or -o the tables are printed as text. With -o FILE the
format follows its extension (.csv, .tsv, .md, .json, .xlsx); --format
csv|tsv|md|json writes to standard output. The tables are laid out for
people (codes indented by depth, themes marked, labels in --lang; an XLSX
file adds a chart of kappa per code and a first sheet saying how they were
made) unless --layout data asks for the long form for R or pandas: a row
per code × measure, with ids (JSON is always this form). In the UI (avain open),
C in the reader shows them on the document, the two coders side by side.`
	c.run = func(ctx context.Context, e *env, args []string) error {
		fs := flagSet(e, c)
		var coders listFlag
		var codes, docs repeatFlag
		fs.Var(&coders, "coders", "the two coders to compare: A,B")
		fs.Var(&codes, "code", "only this code and its child codes (repeatable)")
		fs.Var(&docs, "doc", "only this document, by name or id (repeatable)")
		unit := fs.String("unit", "turn", "the unit: turn or char")
		format := fs.String("format", "", "text, csv, tsv, md, json or xlsx (default: from -o, else text)")
		lang := fs.String("lang", "fi", "language of code names and labels: fi or en")
		layout := fs.String("layout", "", "people (the default) or data (long, with ids; JSON's only form)")
		out := fs.String("o", "", "write to this file (- for standard output)")
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if err := exactly(pos, 1, "PROJECT"); err != nil {
			return err
		}
		if len(coders) != 2 {
			return usagef("%s", codersHint(ctx, pos[0]))
		}
		f, err := agreementFormat(*format, *out, pos[0])
		if err != nil {
			return err
		}
		view, err := tableView(*layout, f, *lang)
		if err != nil {
			return err
		}
		p, prog, err := openProject(ctx, e, pos[0])
		if err != nil {
			return err
		}
		defer p.Close()
		res, err := export.Agreement(ctx, p, export.AgreementOptions{A: coders[0], B: coders[1], Codes: codes, Docs: docs, Unit: *unit, Lang: *lang})
		prog.clear()
		if err != nil {
			return err
		}
		if len(res.Documents) == 0 {
			return fmt.Errorf("%s and %s have not both coded any document", coders[0], coders[1])
		}
		if f == "text" {
			printAgreement(e, export.AgreementTable(res, coders[0], coders[1], *unit, view), res, view)
			return nil
		}
		at, dt := export.AgreementTable(res, coders[0], coders[1], *unit, view), export.DisagreementTable(res, view)
		about := &export.About{Title: view.Title("agreement"), Project: filepath.Base(pos[0]), Made: time.Now(),
			Coders: coders, Version: version, Lang: *lang, Filters: agreementFilters(codes, docs, *unit)}
		x := tableExport{what: "agreement", format: f, out: *out, view: view, about: about}
		if raw := *e; !e.ttyOut && raw.rawStdout != nil { // piped, the file must stay exact (CRLF, XLSX), as export's
			raw.stdout = raw.rawStdout
			return x.write(ctx, &raw, p, at, dt)
		}
		return x.write(ctx, e, p, at, dt)
	}
	return c
}

// codersHint says that --coders takes two coders, with an example from
// the project's own coders and their names, when it can be read.
func codersHint(ctx context.Context, path string) string {
	known, err := func() ([]string, error) {
		p, err := project.Open(ctx, path)
		if err != nil {
			return nil, err
		}
		defer p.Close()
		return export.Coders(ctx, p)
	}()
	name := filepath.Base(path)
	switch {
	case err != nil:
		return "--coders takes two coders, such as --coders A,B"
	case len(known) == 0:
		return fmt.Sprintf("--coders takes two coders, such as --coders A,B (%s has no codings yet)", name)
	case len(known) == 1:
		return fmt.Sprintf("--coders takes two coders, such as --coders %s,B (%s's coders: %s)", known[0], name, known[0])
	}
	return fmt.Sprintf("--coders takes two coders, such as --coders %s,%s (%s's coders: %s)", known[0], known[1], name, strings.Join(known, ", "))
}

// printAgreement prints the agreement table and the disagreements as
// text, labels in the view's language.
func printAgreement(e *env, at export.Table, res *export.AgreementResult, v export.View) {
	for _, n := range at.Notes {
		fmt.Fprintln(e.stdout, n)
	}
	fmt.Fprintln(e.stdout)
	names, wide := make([]string, len(at.Rows)), len([]rune(at.Header[0]))
	for i, r := range at.Rows { // indented by depth, left-aligned
		names[i] = strings.Repeat("  ", r[0].Depth) + clipName(r[0].Text, 48-2*r[0].Depth)
		wide = max(wide, len([]rune(names[i])))
	}
	pad := func(s string) string { return s + strings.Repeat(" ", wide-len([]rune(s))) }
	tw := tabwriter.NewWriter(e.stdout, 2, 8, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, strings.Join(append([]string{pad(at.Header[0])}, at.Header[1:]...), "\t")+"\t")
	for i, r := range at.Rows {
		cells := []string{pad(names[i])}
		for _, c := range r[1:] {
			if s := at.CellText(c); s != "" || c.Kind == export.Text { // a theme's heading has no numbers; decimals as the language writes them
				cells = append(cells, s)
			} else {
				cells = append(cells, "–") // undefined
			}
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t")+"\t")
	}
	tw.Flush()
	en := v.Lang == coding.LangEnglish
	say := func(fi, english string) string {
		if en {
			return english
		}
		return fi
	}
	fmt.Fprintf(e.stdout, say("\n%d erimielisyyttä", "\n%d disagreements"), len(res.Disagreements))
	if len(res.Disagreements) > 0 {
		fmt.Fprint(e.stdout, say(" (vuorot, joissa toinen koodaaja käytti koodia ja toinen ei):",
			" (turns where one coder applied a code and the other did not):"))
	}
	fmt.Fprintln(e.stdout)
	for _, d := range res.Disagreements {
		speaker := "" // a turn without a speaker is named by its number alone
		if d.Speaker != "" {
			speaker = " (" + d.Speaker + ")"
		}
		fmt.Fprintf(e.stdout, say("\n%s, vuoro %d%s — %s, vain %s koodasi\n  %s\n", "\n%s, turn %d%s — %s, coded by %s only\n  %s\n"),
			d.Doc, d.Turn, speaker, d.Code, d.Coder, clipName(oneLine(d.Text), 300))
	}
}

// agreementFormat is the format of the agreement tables: --format when
// given, else -o's extension, else text. The output is checked before
// anything is read; xlsx needs a file.
func agreementFormat(format, out, projectPath string) (string, error) {
	if format == "text" && out == "" || format == "" && out == "" {
		return "text", nil
	}
	if format == "text" {
		return "", usagef("text goes to the terminal only; give a format for -o: %s", strings.Join(export.Formats, ", "))
	}
	if out != "" && out != "-" {
		if err := project.CheckOutput(out, projectPath); err != nil {
			return "", err
		}
	}
	f, err := tableFormat(out, format)
	if err == nil && f == "xlsx" && out == "" {
		return "", usagef("xlsx needs a file: -o FILE.xlsx, or -o - for standard output")
	}
	return f, err
}

// agreementFilters spells the options that chose what was compared.
func agreementFilters(codes, docs []string, unit string) []string {
	var out []string
	for _, c := range codes {
		out = append(out, "--code "+c)
	}
	for _, d := range docs {
		out = append(out, "--doc "+d)
	}
	return append(out, "--unit "+unit)
}

// clipName shortens s to n code points with an ellipsis.
func clipName(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
