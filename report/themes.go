package report

import (
	"bytes"
	"fmt"
	"html/template"

	"github.com/toituavain/avain/chart"
	"github.com/toituavain/avain/coding"
)

// themes is the themes table: a column group per group of documents, a
// row per theme and per code with codings.
type themes struct {
	Groups   []groupHead
	Measures []string // the measures shown for each group
	Rows     []themeRow
	Parts    []themePart // the table as printed: at most maxTableGroups groups each
	Wide     bool        // a part has four groups or more: printed across the paper
	LeftOut  string      // which codes are left out, "" when none
}

// maxTableGroups is the most groups one themes table shows: more are
// shown in further tables, each with the codes again, so that every group
// reaches the page on screen and on A4 paper across.
const maxTableGroups = 4

// themePart is one table of the themes: some of the groups, and each
// row's cells of those groups.
type themePart struct {
	Groups []groupHead
	Rows   []themeRow
}

// groupHead names a group of documents and its size.
type groupHead struct{ Label, N string }

// themeRow is one code's numbers, or the totals.
type themeRow struct {
	Name   string
	Color  string
	Depth  int
	Theme  bool // a top-level code
	Parent bool // it rolls up child codes
	Total  bool
	Cells  []cell
}

// cell is one number of the themes table, and the share of the group's
// documents it is, when it is a count of documents.
type cell struct{ N, Share string }

// shown are the measures the themes table gives each group; the
// documents' column also gives their share of the group.
var shown = []coding.Measure{coding.MeasureCodings, coding.MeasurePassages, coding.MeasureDocuments}

// themesTable lays the theme table out for people: the themes always, the
// codes with codings, indented by depth; for each group its codings,
// passages, and documents with their share of the group.
func themesTable(t coding.FreqTable, cb *coding.Codebook, o Options, l labels) themes {
	var out themes
	for _, m := range shown {
		out.Measures = append(out.Measures, m.Label(o.Lang))
	}
	out.Measures[len(shown)-1] += " (%)"
	for _, g := range t.Groups {
		out.Groups = append(out.Groups, groupHead{groupLabel(g, t.By, l, o.Lang), "n=" + num(g.Docs, o.Lang)})
	}
	left := 0
	for _, r := range t.Rows {
		row := themeRow{Depth: r.Depth, Parent: r.Parent}
		if r.CodeID == "" {
			row.Name, row.Total = l.Total, true
		} else {
			if r.Depth > 0 && r.Cells[0].Codings == 0 {
				left++
				continue
			}
			c := cb.Code(r.CodeID)
			row.Name, row.Color, row.Theme = c.Name(o.Lang), c.Color, r.Depth == 0
		}
		for _, c := range r.Cells {
			row.Cells = append(row.Cells, cell{N: num(c.Codings, o.Lang)}, cell{N: num(c.Passages, o.Lang)},
				cell{N: num(c.Documents, o.Lang), Share: pct(c.Share, o.Lang)})
		}
		out.Rows = append(out.Rows, row)
	}
	if left > 0 {
		out.LeftOut = fmt.Sprintf(l.LeftOut, left)
	}
	out.Parts = splitThemes(out.Groups, out.Rows)
	out.Wide = len(out.Parts) > 0 && len(out.Parts[0].Groups) > 3 // four are too wide for A4 upright
	return out
}

// splitThemes splits the groups into as few tables of at most
// maxTableGroups groups as there must be, of sizes as even as can be,
// each with every row and its cells of its groups.
func splitThemes(groups []groupHead, rows []themeRow) []themePart {
	tables := (len(groups) + maxTableGroups - 1) / maxTableGroups
	var out []themePart
	for i, from := 0, 0; i < tables; i++ {
		to := from + (len(groups)-from+tables-i-1)/(tables-i) // the rest shared evenly
		p := themePart{Groups: groups[from:to]}
		for _, r := range rows {
			part := r
			part.Cells = r.Cells[from*len(shown) : to*len(shown)]
			p.Rows = append(p.Rows, part)
		}
		out = append(out, p)
		from = to
	}
	return out
}

// themeCharts draws the themes by group as bars: their passages, and
// their documents' share of each group.
func themeCharts(t coding.FreqTable, cb *coding.Codebook, o Options) ([]template.HTML, error) {
	t = chartGroups(t, o.Lang)
	var out []template.HTML
	for _, m := range []coding.Measure{coding.MeasurePassages, coding.MeasureShare} {
		svg, err := drawSVG(func(b *bytes.Buffer) error {
			return chart.FreqBars(b, t, cb, chart.Options{Format: "svg", Lang: o.Lang, Measure: m, Level: chart.LevelThemes, Width: 720, Height: 360})
		})
		if err != nil {
			return nil, fmt.Errorf("chart of the themes: %w", err)
		}
		out = append(out, svg)
	}
	return out, nil
}

// chartGroups is t with its split attributes and their values named as
// every output names them (kind as laji, client as asiakas in Finnish:
// coding.AttrName, coding.AttrValue), for a chart that shows them as they
// are.
func chartGroups(t coding.FreqTable, lang string) coding.FreqTable {
	by := make([]string, len(t.By))
	for i, a := range t.By {
		by[i] = coding.AttrName(a, lang)
	}
	groups := make([]coding.FreqGroup, len(t.Groups))
	for i, g := range t.Groups {
		groups[i] = coding.FreqGroup{Docs: g.Docs, Values: make([]string, len(g.Values))}
		for j, v := range g.Values {
			groups[i].Values[j] = v
			if j < len(t.By) && v != coding.NoValue { // the chart names a missing value itself
				groups[i].Values[j] = coding.AttrValue(t.By[j], v, lang)
			}
		}
	}
	t.By, t.Groups = by, groups
	return t
}
