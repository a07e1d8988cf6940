package report

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"slices"

	"github.com/toituavain/avain/chart"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/export"
)

// maxHeatCodes is the most codes the heat map shows: more make cells too
// small to read on a page.
const maxHeatCodes = 20

// heatmap is the co-occurrence section's chart and what it covers.
type heatmap struct {
	SVG     template.HTML
	Caption string
}

// cooccurrence draws the co-occurrence by turn of the codes with codings
// (those without child codes; the maxHeatCodes with the most passages),
// or returns nil when fewer than two codes have codings. Its caption says
// how many codes with child codes that are coded directly it leaves out.
func cooccurrence(ctx context.Context, src export.Source, t coding.FreqTable, cb *coding.Codebook, direct int, o Options, l labels) (*heatmap, error) {
	ids := heatCodes(t)
	if len(ids) < 2 {
		return nil, nil
	}
	cm, _, err := export.CooccurrenceMatrix(ctx, src, export.Options{Codes: ids, Coders: o.Coders, Lang: o.Lang, Unit: coding.UnitTurn})
	if err != nil {
		return nil, err
	}
	m := chart.Matrix{Counts: cm.Counts, Labels: chart.CodeLabels(cb, cm.Codes, o.Lang)}
	side := float64(200 + 26*len(ids))
	svg, err := drawSVG(func(b *bytes.Buffer) error {
		return chart.Heatmap(b, m, chart.Options{Format: "svg", Lang: o.Lang, Level: chart.LevelCodes, Width: side + 120, Height: side})
	})
	if err != nil {
		return nil, fmt.Errorf("heat map of co-occurrence: %w", err)
	}
	caption := fmt.Sprintf(l.CooccurCap, len(ids))
	if direct > 0 { // a parent's cell would count its subtree, its codes' cells again
		caption += " " + fmt.Sprintf(l.CooccurDirect, direct)
	}
	return &heatmap{SVG: svg, Caption: caption}, nil
}

// heatCodes picks the codes of the heat map from the theme table: codes
// without child codes that have passages, the maxHeatCodes with the most,
// in codebook order.
func heatCodes(t coding.FreqTable) []string {
	type coded struct {
		id       string
		at, many int
	}
	var cs []coded
	for i, r := range t.Rows {
		if r.CodeID != "" && !r.Parent && r.Cells[0].Passages > 0 {
			cs = append(cs, coded{r.CodeID, i, r.Cells[0].Passages})
		}
	}
	slices.SortStableFunc(cs, func(a, b coded) int { return b.many - a.many })
	cs = cs[:min(len(cs), maxHeatCodes)]
	slices.SortFunc(cs, func(a, b coded) int { return a.at - b.at })
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.id
	}
	return ids
}
