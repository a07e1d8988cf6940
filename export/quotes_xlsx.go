package export

import (
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// maxCellChars is the most characters an Excel cell holds.
const maxCellChars = excelize.TotalCellChars

// quoteColumns are the widths (in characters) of the quotation sheet's
// columns: theme, code, quotation, document, speaker, turn or time,
// attributes, coders, memo.
var quoteColumns = []float64{22, 26, 70, 24, 12, 12, 22, 16, 36}

// WriteQuotesXLSX writes the report as a workbook, labels in lang: one
// sheet of quotations (a bold row per theme, a row per code saying how
// many quotations it shows, then a row per quotation: theme, code,
// quotation, document, speaker, turn or time, attributes, coders, memo;
// text wrapped), after an About sheet saying what was selected.
func WriteQuotesXLSX(w io.Writer, r *QuoteReport, lang string) error {
	l := labelsFor(lang)
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}})
	if err != nil {
		return err
	}
	italic, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Italic: true}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	header, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#E8E8E8"}}})
	if err != nil {
		return err
	}
	sheet := l.title // after the About sheet, as in every workbook avain writes
	if err := f.SetSheetName("Sheet1", l.about); err != nil {
		return err
	}
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for i, width := range quoteColumns {
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	row := 1
	put := func(vals ...any) error {
		cell, err := excelize.CoordinatesToCellName(1, row)
		if err != nil {
			return err
		}
		row++
		return sw.SetRow(cell, vals)
	}
	cell := func(style int, s string) excelize.Cell { return excelize.Cell{StyleID: style, Value: s} }
	var hdr []any
	for _, h := range []string{l.theme, l.code, l.quotation, l.document, l.speaker, l.turnOrTime, l.attributes, l.coders, l.memo} {
		hdr = append(hdr, cell(header, h))
	}
	if err := put(hdr...); err != nil {
		return err
	}
	cut := false
	for _, t := range r.Themes {
		if err := put(cell(bold, t.Code.Name)); err != nil {
			return err
		}
		for _, c := range t.Codes {
			code := c.Code.below()
			if err := put(cell(italic, t.Code.Name), cell(italic, code), cell(italic, l.count(c))); err != nil {
				return err
			}
			for _, q := range c.Quotes {
				text, short := cellText(q.Text)
				cut = cut || short
				var as []string
				for _, a := range q.Attrs {
					as = append(as, l.attr(a))
				}
				memo, _ := cellText(strings.Join(q.Memos, "\n"))
				if err := put(cell(wrap, t.Code.Name), cell(wrap, code), cell(wrap, text), cell(wrap, q.Document), cell(wrap, q.Speaker),
					cell(wrap, l.where(q)), cell(wrap, strings.Join(as, "\n")), cell(wrap, strings.Join(q.Coders, ", ")), cell(wrap, memo)); err != nil {
					return err
				}
			}
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if err := writeQuotesAbout(f, l, r, cut, bold, wrap); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// writeQuotesAbout fills the About sheet: what the report selected, as
// label and value rows.
func writeQuotesAbout(f *excelize.File, l quoteLabels, r *QuoteReport, cut bool, bold, wrap int) error {
	rows := [][2]string{{l.item, l.value}}
	rows = append(rows, l.selection(r)...)
	if cut {
		rows = append(rows, [2]string{l.quotation, l.truncated})
	}
	for i, kv := range rows {
		for j, v := range kv {
			name, err := excelize.CoordinatesToCellName(j+1, i+1)
			if err != nil {
				return err
			}
			if err := f.SetCellStr(l.about, name, v); err != nil {
				return err
			}
			style := wrap
			if i == 0 || j == 0 {
				style = bold
			}
			if err := f.SetCellStyle(l.about, name, name, style); err != nil {
				return err
			}
		}
	}
	if err := f.SetColWidth(l.about, "A", "A", 28); err != nil {
		return err
	}
	return f.SetColWidth(l.about, "B", "B", 70)
}

// cellText is s cut to what an Excel cell holds, and whether it was cut.
func cellText(s string) (string, bool) {
	if utf8.RuneCountInString(s) <= maxCellChars {
		return s, false
	}
	return string([]rune(s)[:maxCellChars-1]) + "…", true
}

// QuotesCutForXLSX counts the quotations of r longer than an Excel cell
// holds, which WriteQuotesXLSX cuts to fit.
func QuotesCutForXLSX(r *QuoteReport) int {
	n := 0
	for _, t := range r.Themes {
		for _, c := range t.Codes {
			for _, q := range c.Quotes {
				if _, cut := cellText(q.Text); cut {
					n++
				}
			}
		}
	}
	return n
}
