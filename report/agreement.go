package report

import (
	"bytes"
	"context"
	"fmt"
	"html/template"

	"github.com/toituavain/avain/chart"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/export"
)

// maxPairCoders is the most coders whose every pair the report compares
// (six pairs); with more, the pairs of those with the most codings.
const maxPairCoders = 4

// agreementPart is the agreement section: a row per pair of coders, and
// the agreement per code of the two coders with the most codings.
type agreementPart struct {
	Note    string // why there is no agreement, when there is none
	Which   string // which pairs are compared
	Pairs   []pairRow
	Main    string // whose agreement per code the chart shows
	SVG     template.HTML
	PerCode []pairRow // the main pair's agreement per code
}

// pairRow is the pooled agreement of a pair of coders, or one code's.
type pairRow struct {
	Label, Docs, Units, Percent, Kappa, Alpha string
}

// agreement compares the coders pair by pair over the documents both
// coded (every pair of the maxPairCoders coders with the most codings),
// and draws the agreement per code of the two with the most.
func agreement(ctx context.Context, src export.Source, cb *coding.Codebook, coders []coderCount, o Options, l labels) (*agreementPart, error) {
	out := &agreementPart{}
	selected := len(o.Coders) > 0 || len(o.Codes) > 0 // the selection, not the project, may hold too few
	switch {
	case len(coders) == 0 && selected:
		out.Note = l.NoneSelected
		return out, nil
	case len(coders) == 0:
		out.Note = l.OnlyOne
		return out, nil
	case len(coders) == 1 && selected:
		out.Note = fmt.Sprintf(l.OneSelected, coders[0].Coder)
		return out, nil
	case len(coders) == 1:
		out.Note = l.NoAgreement
		return out, nil
	}
	out.Which = l.AgreementOf
	if len(coders) > maxPairCoders {
		out.Which = fmt.Sprintf(l.AgreementCut, maxPairCoders)
		coders = coders[:maxPairCoders]
	}
	var main *export.AgreementResult
	for i, a := range coders {
		for _, b := range coders[i+1:] {
			res, err := export.Agreement(ctx, src, export.AgreementOptions{A: a.Coder, B: b.Coder, Codes: o.Codes, Unit: export.UnitTurn, Lang: o.Lang})
			if err != nil {
				return nil, err
			}
			row := agreementRow(a.Coder+" – "+b.Coder, res.Overall, o.Lang)
			row.Docs = num(len(res.Documents), o.Lang)
			if len(res.Documents) == 0 {
				row.Units = l.NoCommon
			}
			out.Pairs = append(out.Pairs, row)
			if main == nil {
				main = res
			}
		}
	}
	if len(main.Documents) == 0 {
		return out, nil
	}
	out.Main = fmt.Sprintf(l.AgreementMain, coders[0].Coder, coders[1].Coder)
	ids := make([]string, len(main.Rows))
	for i, r := range main.Rows {
		ids[i] = r.CodeID
	}
	names := chart.CodeLabels(cb, ids, o.Lang) // a name two codes share, by its path
	var bars []chart.AgreementBar
	for i, r := range main.Rows {
		bars = append(bars, chart.AgreementBar{Label: names[i], Color: cb.Code(r.CodeID).Color, Kappa: r.Kappa(), Percent: 100 * r.Percent()})
		out.PerCode = append(out.PerCode, agreementRow(names[i], r.Agreement, o.Lang))
	}
	svg, err := drawSVG(func(b *bytes.Buffer) error {
		return chart.AgreementBars(b, bars, chart.Options{Format: "svg", Lang: o.Lang, Width: 720, Height: float64(120 + 22*len(bars))})
	})
	if err != nil {
		return nil, fmt.Errorf("chart of agreement: %w", err)
	}
	out.SVG = svg
	return out, nil
}

// agreementRow formats one agreement table.
func agreementRow(label string, a coding.Agreement, lang string) pairRow {
	return pairRow{Label: label, Units: num(a.Units(), lang), Percent: pct(a.Percent(), lang),
		Kappa: dec(a.Kappa(), lang), Alpha: dec(a.Alpha(), lang)}
}
