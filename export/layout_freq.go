package export

import (
	"strings"

	"github.com/toituavain/avain/coding"
)

// measureKey names a measure in the data layout: a stable English name
// whatever the view's language.
func measureKey(m coding.Measure) string {
	return [...]string{"codings", "passages", "documents", "share", "words"}[m]
}

// measureCell is one measure of a cell: a count, or the share of the
// group's documents (a percentage for people, 0–1 at full precision as
// data).
func measureCell(c coding.FreqCell, m coding.Measure, data bool) Cell {
	switch m {
	case coding.MeasureCodings:
		return N(c.Codings)
	case coding.MeasurePassages:
		return N(c.Passages)
	case coding.MeasureDocuments:
		return N(c.Documents)
	case coding.MeasureShare:
		if data {
			return R(c.Share)
		}
		return P(c.Share)
	}
	return N(c.Words)
}

// FreqTable lays a theme table out in the view's layout. For people: a
// row per code, its name indented by depth and themes (codes with child
// codes) marked, then the totals; over each group of documents (all
// documents first) a band naming it and its size, over its measures
// (coding.Measures); a chart of the first measure of the top-level codes
// by group. As data: a row per code × group × measure (LayoutData).
// The notes say what each number counts (coding.CountsAbout); Uncoded
// says the totals count no codings.
func FreqTable(t coding.FreqTable, v View) Table {
	out := freqTable(t, v)
	out.Uncoded = true
	for _, r := range t.Rows {
		if r.CodeID == "" && len(r.Cells) > 0 && r.Cells[0].Codings > 0 {
			out.Uncoded = false
		}
	}
	return out
}

// freqTable lays the theme table out in v's layout.
func freqTable(t coding.FreqTable, v View) Table {
	if v.data() {
		return freqData(t, v)
	}
	out := Table{Name: v.word("Frekvenssit", "Frequencies"), People: true, Lang: v.Lang,
		Header: []string{v.word("Koodi", "Code")}, Bands: []Band{{Span: 1}}, Notes: coding.CountsAbout(v.Lang)}
	for _, g := range t.Groups {
		out.Bands = append(out.Bands, Band{Label: v.groupBand(t.By, g), Span: len(coding.Measures)})
		for _, m := range coding.Measures {
			out.Header = append(out.Header, m.Label(v.Lang))
		}
	}
	chart := &Chart{Title: v.word("Koodaukset: ylimmän tason koodit ryhmittäin", "Codings: top-level codes by group")}
	for _, r := range t.Rows {
		row := []Cell{C(v.word("Yhteensä", "Total"), 0, false)}
		if r.CodeID != "" {
			row[0] = C(r.Path[len(r.Path)-1], r.Depth, r.Parent)
			if r.Depth == 0 {
				chart.Rows = append(chart.Rows, len(out.Rows))
			}
		}
		for _, c := range r.Cells {
			for _, m := range coding.Measures {
				row = append(row, measureCell(c, m, false))
			}
		}
		out.Rows = append(out.Rows, row)
	}
	for gi := range t.Groups {
		if gi > 0 || len(t.Groups) == 1 { // the groups, or all documents when not split
			chart.Cols = append(chart.Cols, 1+gi*len(coding.Measures))
		}
	}
	if len(chart.Rows) > 0 {
		label := []rune(coding.Measures[0].Label(v.Lang))
		chart.Title = strings.ToUpper(string(label[:1])) + string(label[1:]) + strings.TrimPrefix(chart.Title, v.word("Koodaukset", "Codings"))
		out.Chart = chart
	}
	return out
}

// freqData is a theme table in the data layout: code_id, code_path,
// code, depth, is_theme, group, the --by attributes, group_n, measure
// and value; the totals row has no code_id and the path "(total)".
func freqData(t coding.FreqTable, v View) Table {
	out := Table{Name: "frequencies", Header: []string{"code_id", "code_path", "code", "depth", "is_theme", "group"},
		Notes: coding.CountsAbout(v.Lang)}
	out.Header = append(append(out.Header, t.By...), "group_n", "measure", "value")
	for _, r := range t.Rows {
		head := []Cell{T(""), T("(total)"), T("(total)"), N(0), T("true")}
		if r.CodeID != "" {
			head = []Cell{T(r.CodeID), T(strings.Join(r.Path, "/")), T(r.Path[len(r.Path)-1]), N(r.Depth), T(boolText(r.Parent))}
		}
		for gi, c := range r.Cells {
			g := t.Groups[gi]
			group := append(head[:len(head):len(head)], T(g.Label()))
			for i := range t.By {
				val := ""
				if len(g.Values) > 0 {
					val = g.Values[i]
				}
				group = append(group, T(val))
			}
			group = append(group, N(g.Docs))
			for _, m := range coding.Measures {
				out.Rows = append(out.Rows, append(group[:len(group):len(group)], T(measureKey(m)), measureCell(c, m, true)))
			}
		}
	}
	return out
}

// boolText is "true" or "false", as R and pandas read them.
func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
