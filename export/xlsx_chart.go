package export

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// writeChartSheet writes a table's chart on its own sheet: the numbers
// it draws (a row per category, a column per series) and beside them a
// native bar chart of them, which Excel and LibreOffice redraw when the
// numbers are edited.
func writeChartSheet(f *excelize.File, st *xlsxStyles, name string, t Table) error {
	ch := t.Chart
	series := make([]string, len(ch.Cols))
	for i, col := range ch.Cols {
		if i < len(ch.Series) {
			series[i] = ch.Series[i]
		} else if series[i] = t.bandOf(col); series[i] == "" {
			series[i] = t.Header[col]
		}
	}
	put := func(col, row int, v any, style int) error {
		cell, _ := excelize.CoordinatesToCellName(col, row)
		if c, ok := v.(excelize.Cell); ok {
			v, style = c.Value, c.StyleID
		}
		if err := f.SetCellValue(name, cell, v); err != nil || style == 0 {
			return err
		}
		return f.SetCellStyle(name, cell, cell, style)
	}
	for i, h := range append([]string{t.Header[0]}, series...) {
		if err := put(i+1, 1, h, st.header); err != nil {
			return err
		}
	}
	widest := len([]rune(t.Header[0]))
	for i, r := range ch.Rows {
		widest = max(widest, len([]rune(t.Rows[r][0].Text)))
		if err := put(1, i+2, t.Rows[r][0].Text, 0); err != nil {
			return err
		}
		for j, col := range ch.Cols {
			v, err := st.value(t.Rows[r][col])
			if err != nil {
				return err
			}
			if err := put(j+2, i+2, v, 0); err != nil {
				return err
			}
		}
	}
	if err := f.SetColWidth(name, "A", "A", float64(min(widest+2, 50))); err != nil {
		return err
	}
	end, _ := excelize.ColumnNumberToName(len(series) + 1)
	if err := f.SetColWidth(name, "B", end, 14); err != nil {
		return err
	}
	ref := "'" + strings.ReplaceAll(name, "'", "''") + "'!"
	last := len(ch.Rows) + 1
	chart := &excelize.Chart{
		Type:       excelize.Bar,
		Title:      excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: ch.Title}}},
		Legend:     excelize.ChartLegend{Position: "bottom"},
		VaryColors: ptr(false),                             // a colour per series, not per bar
		XAxis:      excelize.ChartAxis{ReverseOrder: true}, // the first category on top, as in the table
		Dimension: excelize.ChartDimension{Width: 760,
			Height: uint(min(max(120+22*len(ch.Rows)*max(len(series), 2), 360), 1400))},
	}
	for i := range series {
		col, _ := excelize.ColumnNumberToName(i + 2)
		chart.Series = append(chart.Series, excelize.ChartSeries{
			Name:       fmt.Sprintf("%s$%s$1", ref, col),
			Categories: fmt.Sprintf("%s$A$2:$A$%d", ref, last),
			Values:     fmt.Sprintf("%s$%s$2:$%s$%d", ref, col, col, last),
		})
	}
	at, _ := excelize.CoordinatesToCellName(len(series)+3, 2)
	return f.AddChart(name, at, chart)
}
