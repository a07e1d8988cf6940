package export

// MaxCellChars is the most characters an Excel cell holds (32,767).
const MaxCellChars = maxCellChars

// CutForXLSX cuts every text of t longer than an Excel cell holds to fit,
// ending it in "…" as the quotation workbook does, and says how many it
// cut; t's rows are changed in place. Excel itself would drop the rest of
// such a text without a mark.
func CutForXLSX(t Table) int {
	n := 0
	for _, row := range t.Rows {
		for i, c := range row {
			if c.Kind != Text && c.Kind != Code {
				continue
			}
			if s, cut := cellText(c.Text); cut {
				row[i].Text = s
				n++
			}
		}
	}
	return n
}
