package export

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// maxOutline is the deepest row outline level Excel knows.
const maxOutline = 7

// xlsxStyles are the cell styles of a workbook, made once.
type xlsxStyles struct {
	f                      *excelize.File
	header, band, pct, dec int
	title, wrap            int
	code                   map[[2]int]int // by depth and theme
}

func newStyles(f *excelize.File) (*xlsxStyles, error) {
	s := &xlsxStyles{f: f, code: map[[2]int]int{}}
	var err error
	for _, st := range []struct {
		id    *int
		style excelize.Style
	}{
		{&s.header, excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "bottom"}}},
		{&s.band, excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center"}}},
		{&s.pct, excelize.Style{CustomNumFmt: ptr("0.0%")}},
		{&s.dec, excelize.Style{CustomNumFmt: ptr("0.000")}},
		{&s.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&s.wrap, excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
	} {
		if *st.id, err = f.NewStyle(&st.style); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// codeStyle is the style of a code's name: indented by its depth, bold
// when it is a theme.
func (s *xlsxStyles) codeStyle(depth int, theme bool) (int, error) {
	k := [2]int{min(depth, 15), 0}
	if theme {
		k[1] = 1
	}
	if id, ok := s.code[k]; ok {
		return id, nil
	}
	id, err := s.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: theme}, Alignment: &excelize.Alignment{Indent: k[0]}})
	s.code[k] = id
	return id, err
}

// value is a cell as excelize writes it: numbers as numbers, shares as
// fractions in a percentage format, code names indented and themes bold.
func (s *xlsxStyles) value(c Cell) (any, error) {
	switch c.Kind {
	case Int:
		return int64(c.Num), nil
	case Percent:
		return excelize.Cell{StyleID: s.pct, Value: c.Num}, nil
	case Decimal, Real:
		if math.IsNaN(c.Num) {
			return nil, nil
		}
		if c.Kind == Decimal {
			return excelize.Cell{StyleID: s.dec, Value: c.Num}, nil
		}
		return c.Num, nil
	case Code:
		id, err := s.codeStyle(c.Depth, c.Theme)
		return excelize.Cell{StyleID: id, Value: c.Text}, err
	}
	return c.Text, nil
}

// sheetName makes a valid, unique Excel sheet name.
func sheetName(name string, used map[string]bool) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '-'
		}
		return r
	}, name)
	if name == "" {
		name = "Table"
	}
	if r := []rune(name); len(r) > 31 {
		name = string(r[:31])
	}
	base := name
	for i := 2; used[strings.ToLower(name)]; i++ {
		suffix := fmt.Sprintf(" %d", i)
		r := []rune(base)
		name = string(r[:min(len(r), 31-len(suffix))]) + suffix
	}
	used[strings.ToLower(name)] = true
	return name
}

// writeXLSX writes a workbook: the About sheet first when about is
// given, then a sheet per table, and after each table with a chart a
// sheet with the chart and the numbers it draws.
func writeXLSX(w io.Writer, about *About, tables []Table) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	used := map[string]bool{}
	first := true
	sheet := func(name string) (string, error) {
		name = sheetName(name, used)
		if first {
			first = false
			return name, f.SetSheetName("Sheet1", name)
		}
		_, err := f.NewSheet(name)
		return name, err
	}
	if about != nil {
		name, err := sheet(View{Lang: about.Lang}.word("Tietoja", "About"))
		if err != nil {
			return err
		}
		if err := writeAboutSheet(f, st, name, about, tables); err != nil {
			return err
		}
	}
	for _, t := range tables {
		name, err := sheet(t.Name)
		if err != nil {
			return err
		}
		if err := writeTableSheet(f, st, name, t); err != nil {
			return err
		}
		if t.Chart != nil && len(t.Chart.Rows) > 0 && len(t.Chart.Cols) > 0 {
			chartSheet, err := sheet(t.Name + View{Lang: t.Lang}.word(" – kaavio", " – chart"))
			if err != nil {
				return err
			}
			if err := writeChartSheet(f, st, chartSheet, t); err != nil {
				return err
			}
		}
	}
	_, err = f.WriteTo(w)
	return err
}

// colWidths fits each column to its widest text: the header, a band
// over this column alone, and every cell as shown (a code indented by its
// depth), within 8 and 60 characters.
func colWidths(t Table) []float64 {
	widths := make([]float64, len(t.Header))
	fit := func(j int, s string, extra int) {
		if j >= len(widths) {
			return
		}
		widest := 0
		for _, line := range strings.Split(s, "\n") {
			widest = max(widest, utf8.RuneCountInString(line))
		}
		widths[j] = max(widths[j], float64(widest+extra)*1.1+2)
	}
	for j, h := range t.Header {
		fit(j, h, 0)
	}
	for j, b := range t.bandRow() {
		if b != "" && (j+1 >= len(t.Header) || t.bandOf(j+1) != b) {
			fit(j, b, 0)
		}
	}
	for _, r := range t.Rows {
		for j, c := range r {
			extra := 0
			if c.Kind == Code {
				extra = 3 * c.Depth // an indent level is about three characters wide
			}
			fit(j, c.String(), extra)
		}
	}
	for j := range widths {
		widths[j] = min(max(widths[j], 8), 60)
	}
	return widths
}

// heatRange is the cells a heat map of rows × cols numbers (column B on,
// under headRows) shades: all of them but, for a square matrix, the
// diagonal, whose counts (a code with itself) are the largest and would
// set the colour scale for the rest.
func heatRange(rows, cols, headRows int) string {
	cell := func(c, r int) string { s, _ := excelize.CoordinatesToCellName(c, r); return s }
	if rows != cols {
		return cell(2, headRows+1) + ":" + cell(cols+1, headRows+rows)
	}
	var areas []string
	for i := range rows {
		r := headRows + 1 + i
		if i > 0 { // left of the diagonal
			areas = append(areas, cell(2, r)+":"+cell(1+i, r))
		}
		if i < cols-1 { // right of it
			areas = append(areas, cell(3+i, r)+":"+cell(cols+1, r))
		}
	}
	if len(areas) == 0 { // one code: its count alone
		return cell(2, headRows+1)
	}
	return strings.Join(areas, " ")
}

// writeTableSheet writes a table on its sheet: the bands merged over
// their columns and the header in bold, frozen with the first column of
// a people table; columns as wide as their content; a people table's
// rows outlined by depth so that a theme's codes fold under it.
func writeTableSheet(f *excelize.File, st *xlsxStyles, name string, t Table) error {
	if t.People {
		if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{OutlineSummaryBelow: ptr(false)}); err != nil {
			return err
		}
	}
	headRows := 1
	if len(t.Bands) > 0 {
		headRows = 2
	}
	if t.Heat && len(t.Rows) > 0 && len(t.Header) > 1 { // set before the rows stream: kept by Flush
		if err := f.SetConditionalFormat(name, heatRange(len(t.Rows), len(t.Header)-1, headRows), []excelize.ConditionalFormatOptions{{Type: "2_color_scale",
			Criteria: "=", MinType: "min", MaxType: "max", MinColor: "#FFFFFF", MaxColor: "#E0703C"}}); err != nil {
			return err
		}
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	widths := colWidths(t)
	for j := len(widths) - 1; j >= 0; j-- { // excelize puts each before the last: the file lists them in order, as Excel wants
		if err := sw.SetColWidth(j+1, j+1, widths[j]); err != nil {
			return err
		}
	}
	panes := &excelize.Panes{Freeze: true, YSplit: headRows, TopLeftCell: fmt.Sprintf("A%d", headRows+1), ActivePane: "bottomLeft"}
	if t.People {
		panes.XSplit, panes.TopLeftCell, panes.ActivePane = 1, fmt.Sprintf("B%d", headRows+1), "bottomRight"
	}
	if err := sw.SetPanes(panes); err != nil {
		return err
	}
	row := 1
	if len(t.Bands) > 0 {
		if err := writeBands(sw, st, t); err != nil {
			return err
		}
		row++
	}
	hdr := make([]any, len(t.Header))
	for j, h := range t.Header {
		hdr[j] = excelize.Cell{StyleID: st.header, Value: h}
	}
	if err := sw.SetRow(fmt.Sprintf("A%d", row), hdr); err != nil {
		return err
	}
	for _, r := range t.Rows {
		row++
		vals := make([]any, len(r))
		var opts []excelize.RowOpts
		for j, c := range r {
			if vals[j], err = st.value(c); err != nil {
				return err
			}
			if j == 0 && c.Kind == Code && c.Depth > 0 {
				opts = append(opts, excelize.RowOpts{OutlineLevel: min(c.Depth, maxOutline)})
			}
		}
		if err := sw.SetRow(fmt.Sprintf("A%d", row), vals, opts...); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// writeBands writes the first row of a table with bands: each band's
// label merged over its columns.
func writeBands(sw *excelize.StreamWriter, st *xlsxStyles, t Table) error {
	vals := make([]any, 0, len(t.Header))
	col := 1
	for _, b := range t.Bands {
		vals = append(vals, excelize.Cell{StyleID: st.band, Value: b.Label})
		for range b.Span - 1 {
			vals = append(vals, excelize.Cell{StyleID: st.band})
		}
		if b.Span > 1 {
			from, _ := excelize.CoordinatesToCellName(col, 1)
			to, _ := excelize.CoordinatesToCellName(col+b.Span-1, 1)
			if err := sw.MergeCell(from, to); err != nil {
				return err
			}
		}
		col += b.Span
	}
	return sw.SetRow("A1", vals)
}

// writeAboutSheet writes what the file holds, what each number counts,
// each table's notes, and how the tables were made.
func writeAboutSheet(f *excelize.File, st *xlsxStyles, name string, a *About, tables []Table) error {
	v := View{Lang: a.Lang}
	type line struct {
		text  string
		style int
	}
	lines := []line{{a.Title, st.title}, {}}
	if len(a.Counts) > 0 {
		lines = append(lines, line{v.word("Mitä luvut laskevat", "What the numbers count"), st.header})
		for _, c := range a.Counts {
			lines = append(lines, line{c, st.wrap})
		}
		lines = append(lines, line{})
	}
	for _, t := range tables {
		if len(t.Notes) == 0 || slices.Equal(t.Notes, a.Counts) {
			continue
		}
		lines = append(lines, line{t.Name, st.header})
		for _, n := range t.Notes {
			lines = append(lines, line{n, st.wrap})
		}
		lines = append(lines, line{})
	}
	lines = append(lines, line{v.word("Miten taulukot tehtiin", "How the tables were made"), st.header})
	for _, l := range a.made() {
		lines = append(lines, line{l, st.wrap})
	}
	if err := f.SetColWidth(name, "A", "A", 110); err != nil {
		return err
	}
	for i, l := range lines {
		cell := fmt.Sprintf("A%d", i+1)
		if l.text == "" {
			continue
		}
		if err := f.SetCellStr(name, cell, l.text); err != nil {
			return err
		}
		if err := f.SetCellStyle(name, cell, cell, l.style); err != nil {
			return err
		}
	}
	return nil
}

func ptr[T any](v T) *T { return &v }
