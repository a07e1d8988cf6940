package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/toituavain/avain/chart"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/export"
	"github.com/toituavain/avain/project"
)

func chartCmd() *command {
	c := &command{name: "chart", args: "PROJECT freq|cooccur|agreement [flags] -o FILE.svg|png|pdf",
		summary: "draw theme frequencies, co-occurrence or coder agreement as a chart (SVG, PNG, PDF)"}
	c.help = `freq       grouped bars: a cluster per group of documents (--by kind,region;
           all documents without --by), a bar per theme (--level themes: the
           top-level codes, each counting its child codes) or code (--level
           codes: the codes without child codes that have codings), in the
           codes' colours. More than 8 groups lie as rows, a group's name on
           one line, the chart as tall as they need. Groups and attributes
           are named in --lang's words (laji = asiakas; kind = client).
           With --code THEME alone, the themes are THEME's child codes.
           --measure says what a bar counts: codings (coded segments, each
           coder's), passages (distinct coded spans, coders merged), documents
           (with a coding), share (% of the group's documents) or words.
cooccur    a heat map of the themes (or --level codes: every code): turns that
           carry both (--unit turn), or pairs of overlapping codings (--unit
           overlap); a theme counts its child codes; the diagonal is grey,
           off the colour scale. No --by.
agreement  the agreement of two coders (--coders A,B) per code: percent
           agreement and Cohen's kappa, over the documents both coded, as
           avain agreement counts it (--unit turn or char). No --by.

The file type follows -o's extension: .svg (fits inline in a web page), .png
(300 dpi) or .pdf; any other is refused. Titles, names and notes follow
--lang (fi or en); the title says what is counted. A letter the chart's font
lacks (台北) is named in a warning: a PNG leaves it blank, a PDF prints "?", an
SVG leaves it to the browser's fonts. The file is written readable by you
only, and only once whole.`
	c.run = func(ctx context.Context, e *env, args []string) error { return runChart(ctx, e, c, args) }
	return c
}

// chartArgs are a chart's flags.
type chartArgs struct {
	what, out, level, measure, lang, unit, title string
	proj                                         string // as named on the command line
	by, codes, coders, docs                      listFlag
	width, height                                float64 // centimetres
}

// runChart checks the arguments, computes the numbers and writes the
// chart.
func runChart(ctx context.Context, e *env, c *command, args []string) error {
	var a chartArgs
	fs := flagSet(e, c)
	fs.Var(&a.by, "by", "freq: split by these attributes (repeat or comma-separate)")
	fs.Var(&a.codes, "code", "only this code and its child codes (repeatable)")
	fs.Var(&a.coders, "coder", "freq, cooccur: only these coders' codings (repeatable)")
	fs.Var(&a.coders, "coders", "agreement: the two coders to compare: A,B")
	fs.Var(&a.docs, "doc", "agreement: only this document, by name or id (repeatable)")
	fs.StringVar(&a.level, "level", "themes", "freq, cooccur: themes or codes")
	fs.StringVar(&a.measure, "measure", "codings", "freq: codings, passages, documents, share or words")
	fs.StringVar(&a.unit, "unit", "turn", "cooccur: turn or overlap; agreement: turn or char")
	fs.StringVar(&a.lang, "lang", "fi", "language of names and labels: fi or en")
	fs.StringVar(&a.title, "title", "", "a title of your own")
	fs.StringVar(&a.out, "o", "", "the chart file: .svg, .png or .pdf")
	fs.Float64Var(&a.width, "width", 0, "width in centimetres (default 16, more for a big heat map)")
	fs.Float64Var(&a.height, "height", 0, "height in centimetres (default 10, more for a long legend or many groups)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := exactly(pos, 2, "PROJECT and what to draw (freq, cooccur or agreement)"); err != nil {
		return err
	}
	a.what, a.proj = pos[1], pos[0]
	o, err := a.check(pos[0])
	if err != nil {
		return err
	}
	o.Warn = func(line string) { fmt.Fprintf(e.stderr, "warning: %s\n", line) }
	p, prog, err := openProject(ctx, e, pos[0])
	if err != nil {
		return err
	}
	defer p.Close()
	drawChart, detail, said, err := a.build(ctx, p, o)
	prog.clear()
	if err != nil {
		return err
	}
	record := func() error {
		return p.Log(ctx, coderIn(p.Store, ""), "chart", a.what, fmt.Sprintf("format=%s %s", o.Format, detail))
	}
	if err := project.WriteRecorded(a.out, p.Path(), drawChart, record); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wrote %s: %s\n", a.out, said)
	return nil
}

// measureNames name the measures of --measure, in coding.Measures order.
var measureNames = []string{"codings", "passages", "documents", "share", "words"}

// check refuses what cannot be drawn, before the project at proj is
// opened, and returns the chart's options. -o is checked before its
// extension, so that the project itself is refused as such.
func (a *chartArgs) check(proj string) (chart.Options, error) {
	var o chart.Options
	if !slices.Contains([]string{"freq", "cooccur", "agreement"}, a.what) {
		return o, usagef("unknown chart %q: use freq, cooccur or agreement", a.what)
	}
	if a.out == "" {
		return o, usagef("name the chart file: -o FILE.svg, FILE.png or FILE.pdf")
	}
	if err := project.CheckOutput(a.out, proj); err != nil {
		return o, err
	}
	format, err := chart.FormatOf(a.out)
	if err != nil {
		return o, asUsage(err) // as export's -o x.pdf
	}
	m := slices.Index(measureNames, a.measure)
	switch {
	case m < 0:
		return o, usagef("unknown --measure %q: use %s", a.measure, strings.Join(measureNames, ", "))
	case a.level != chart.LevelThemes && a.level != chart.LevelCodes:
		return o, usagef("unknown --level %q: use themes or codes", a.level)
	case !coding.ValidLang(a.lang):
		return o, usagef("--lang is fi or en")
	case a.width < 0 || a.width > 100 || a.height < 0 || a.height > 100 || math.IsNaN(a.width+a.height):
		return o, usagef("--width and --height are centimetres, up to 100")
	case a.what != "freq" && len(a.by) > 0:
		return o, usagef("--by splits only a freq chart, not %s", a.what)
	case a.what == "agreement" && len(a.coders) != 2:
		return o, usagef("%s", codersHint(context.Background(), proj)) // the project's coders as the example
	case a.what == "agreement" && a.unit != export.UnitTurn && a.unit != export.UnitChar:
		return o, usagef("unknown --unit %q: use turn or char", a.unit)
	case a.what == "cooccur" && a.unit != coding.UnitTurn && a.unit != coding.UnitOverlap:
		return o, usagef("unknown --unit %q: use turn or overlap", a.unit)
	}
	const pointsPerCm = 72 / 2.54
	o = chart.Options{Format: format, Width: a.width * pointsPerCm, Height: a.height * pointsPerCm,
		Lang: a.lang, Measure: coding.Measures[m], Level: a.level, Title: a.title}
	if a.what != "agreement" { // agreement's two coders are its title
		o.Coders = a.coders
	}
	return o, nil
}

// build computes the chart's numbers and returns what draws it, with a
// few words on what it holds for the audit trail, and a phrase saying it
// to the user.
func (a *chartArgs) build(ctx context.Context, p *project.Project, o chart.Options) (draw func(io.Writer) error, detail, said string, err error) {
	eo := export.Options{By: a.by, Coders: a.coders, Codes: a.codes, Lang: a.lang, Unit: a.unit}
	switch a.what {
	case "freq":
		t, cb, err := export.Frequencies(ctx, p, eo)
		if err != nil {
			return nil, "", "", err
		}
		if total := t.Rows[len(t.Rows)-1].Cells; len(total) == 0 || total[0].Codings == 0 {
			return nil, "", "", a.noCodings()
		}
		detail := fmt.Sprintf("%s by %s, %s", a.level, orAll(a.by), a.measure)
		what := "the " + a.level
		if id, ok := chart.SoleTheme(t); ok && a.level == chart.LevelThemes {
			what = "the codes of " + cb.Code(id).Name(a.lang)
		}
		over := "over all documents"
		if len(a.by) > 0 {
			over = "by " + strings.Join(a.by, " and ")
		}
		said := fmt.Sprintf("bars of %s %s: %s%s", what, over, o.Measure.Label(coding.LangEnglish), a.whose())
		return func(w io.Writer) error { return chart.FreqBars(w, t, cb, o) }, detail, said, nil
	case "cooccur":
		m, err := cooccurMatrix(ctx, p, eo, a.level)
		if err != nil {
			return nil, "", "", err
		}
		if !anyCount(m.Counts) {
			return nil, "", "", a.noCodings()
		}
		o.Note = chart.CooccurrenceNote(a.lang, a.unit)
		detail := fmt.Sprintf("%d × %d %s, unit %s", len(m.Labels), len(m.Labels), a.level, a.unit)
		what := fmt.Sprintf("%d %s", len(m.Labels), a.level)
		if m.Theme != "" {
			what = fmt.Sprintf("the %d codes of %s", len(m.Labels), m.Theme)
		}
		said := fmt.Sprintf("a heat map of how often %s occur together, in one turn%s", what, a.whose())
		if a.unit == coding.UnitOverlap {
			said = fmt.Sprintf("a heat map of how often the codings of %s overlap%s", what, a.whose())
		}
		return func(w io.Writer) error { return chart.Heatmap(w, m, o) }, detail, said, nil
	default:
		return a.agreement(ctx, p, o)
	}
}

// whose says whose codings a chart counts when --coder chose some: ",
// aino's codings only".
func (a *chartArgs) whose() string {
	switch len(a.coders) {
	case 0:
		return ""
	case 1:
		return ", " + a.coders[0] + "'s codings only"
	case 2:
		return ", " + a.coders[0] + "'s and " + a.coders[1] + "'s codings only"
	}
	return ", the codings of " + strings.Join(a.coders[:len(a.coders)-1], ", ") + " and " + a.coders[len(a.coders)-1] + " only"
}

// orAll names the split, or all documents.
func orAll(by []string) string {
	if len(by) == 0 {
		return "all documents"
	}
	return strings.Join(by, ",")
}

// cooccurMatrix is the co-occurrence of the themes or of every code o
// selects, labelled in o.Lang, and the name of the theme whose codes it
// holds in its place when o selects one theme ("" otherwise).
func cooccurMatrix(ctx context.Context, p *project.Project, o export.Options, level string) (chart.Matrix, error) {
	cooccur := export.ThemeCooccurrence
	if level == chart.LevelCodes {
		cooccur = export.CooccurrenceMatrix
	}
	m, cb, err := cooccur(ctx, p, o)
	if err != nil {
		return chart.Matrix{}, err
	}
	out := chart.Matrix{Labels: chart.CodeLabels(cb, m.Codes, o.Lang), Counts: m.Counts}
	if level == chart.LevelThemes && len(m.Codes) > 0 {
		parent := cb.Code(m.Codes[0]).ParentID
		same := parent != ""
		for _, id := range m.Codes {
			same = same && cb.Code(id).ParentID == parent
		}
		if same {
			out.Theme = cb.Code(parent).Name(o.Lang)
		}
	}
	return out, nil
}

// agreement computes the agreement of the two coders per code.
func (a *chartArgs) agreement(ctx context.Context, p *project.Project, o chart.Options) (draw func(io.Writer) error, detail, said string, err error) {
	res, err := export.Agreement(ctx, p, export.AgreementOptions{A: a.coders[0], B: a.coders[1],
		Codes: a.codes, Docs: a.docs, Unit: a.unit, Lang: a.lang})
	if err != nil {
		return nil, "", "", err
	}
	if len(res.Documents) == 0 {
		return nil, "", "", fmt.Errorf("%s and %s have not both coded any document", a.coders[0], a.coders[1])
	}
	cb, err := p.Codebook(ctx)
	if err != nil {
		return nil, "", "", err
	}
	ids := make([]string, len(res.Rows))
	for i, r := range res.Rows {
		ids[i] = r.CodeID
	}
	names := chart.CodeLabels(cb, ids, a.lang)
	bars := make([]chart.AgreementBar, len(res.Rows))
	for i, r := range res.Rows {
		bars[i] = chart.AgreementBar{Label: names[i], Kappa: r.Kappa(), Percent: 100 * r.Percent()}
		if c := cb.Code(r.CodeID); c != nil {
			bars[i].Color = c.Color
		}
	}
	if o.Title == "" {
		o.Title = chart.AgreementTitle(a.lang, a.coders[0], a.coders[1])
	}
	o.Note = chart.AgreementNote(a.lang, len(res.Documents), a.unit)
	detail = fmt.Sprintf("%s and %s, %d codes over %d documents", a.coders[0], a.coders[1], len(bars), len(res.Documents))
	unit := map[string]string{export.UnitTurn: "speaker turn", export.UnitChar: "character"}[a.unit]
	said = fmt.Sprintf("bars of %s's and %s's agreement on %s, over the %s both coded, by %s", a.coders[0], a.coders[1],
		pluralS(len(bars), "code", "codes"), pluralS(len(res.Documents), "document", "documents"), unit)
	return func(w io.Writer) error { return chart.AgreementBars(w, bars, o) }, detail, said, nil
}

// noCodings refuses a chart of no codings (not drawn as empty axes or
// zeros), naming the project and whether the selection or the project
// holds none.
func (a *chartArgs) noCodings() error {
	if len(a.coders) > 0 || len(a.codes) > 0 {
		return fmt.Errorf("%s: no codings to chart: the selection (--coder, --code) holds none", a.proj)
	}
	return fmt.Errorf("%s: no codings to chart: the project has none yet (code passages first: avain open)", a.proj)
}

// anyCount reports whether a matrix holds a count above zero.
func anyCount(counts [][]int) bool {
	for _, row := range counts {
		for _, n := range row {
			if n > 0 {
				return true
			}
		}
	}
	return false
}
