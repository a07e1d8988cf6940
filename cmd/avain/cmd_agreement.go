package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/toituavain/avain/export"
)

// repeatFlag collects a flag given several times, each value whole.
type repeatFlag []string

func (r *repeatFlag) String() string     { return strings.Join(*r, "; ") }
func (r *repeatFlag) Set(v string) error { *r = append(*r, strings.TrimSpace(v)); return nil }

func agreementCmd() *command {
	c := &command{name: "agreement", args: "PROJECT --coders A,B [--code CODE]... [--doc DOC]... [--unit turn|char] [--format text|csv|tsv|md|json]",
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
other did not, with its text, to discuss as a team. In the UI (avain open),
C in the reader shows them on the document, the two coders side by side.`
	c.run = func(ctx context.Context, e *env, args []string) error {
		fs := flagSet(e, c)
		var coders listFlag
		var codes, docs repeatFlag
		fs.Var(&coders, "coders", "the two coders to compare: A,B")
		fs.Var(&codes, "code", "only this code and its child codes (repeatable)")
		fs.Var(&docs, "doc", "only this document, by name or id (repeatable)")
		unit := fs.String("unit", "turn", "the unit: turn or char")
		format := fs.String("format", "text", "text, csv, tsv, md or json")
		lang := fs.String("lang", "fi", "language of code names: fi or en")
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if err := exactly(pos, 1, "PROJECT"); err != nil {
			return err
		}
		if len(coders) != 2 {
			return usagef("--coders takes two coders: --coders aino,ville")
		}
		switch *format {
		case "text", "csv", "tsv", "md", "json":
		default:
			return usagef("unknown format %q (use text, csv, tsv, md or json)", *format)
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
		at, dt := export.AgreementTable(res, coders[0], coders[1], *unit), export.DisagreementTable(res)
		if *format != "text" {
			return export.Write(e.stdout, *format, at, dt)
		}
		printAgreement(e, at, res)
		return nil
	}
	return c
}

// printAgreement prints the agreement table and the disagreements as
// text.
func printAgreement(e *env, at export.Table, res *export.AgreementResult) {
	for _, n := range at.Notes {
		fmt.Fprintln(e.stdout, n)
	}
	fmt.Fprintln(e.stdout)
	tw := tabwriter.NewWriter(e.stdout, 2, 8, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, strings.Join(append([]string{"code"}, at.Header[1:]...), "\t")+"\t")
	for _, r := range at.Rows {
		cells := make([]string, len(r))
		for i, c := range r {
			cells[i] = c.String()
			if cells[i] == "" {
				cells[i] = "–"
			}
		}
		cells[0] = clipName(cells[0], 48)
		fmt.Fprintln(tw, strings.Join(cells, "\t")+"\t")
	}
	tw.Flush()
	fmt.Fprintf(e.stdout, "\n%d disagreements", len(res.Disagreements))
	if len(res.Disagreements) > 0 {
		fmt.Fprint(e.stdout, " (turns where one coder applied a code and the other did not):")
	}
	fmt.Fprintln(e.stdout)
	for _, d := range res.Disagreements {
		fmt.Fprintf(e.stdout, "\n%s, turn %d (%s) — %s, coded by %s only\n  %s\n", d.Doc, d.Turn, d.Speaker, d.Code, d.Coder, clipName(oneLine(d.Text), 300))
	}
}

// clipName shortens s to n code points with an ellipsis.
func clipName(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
