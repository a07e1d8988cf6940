package export

import "strings"

// QuotesTable lays the report out as one table for CSV and TSV, labels in
// lang: a row per quotation with its theme, code (the path below the
// theme), text, document, speaker, turn or time, cited attributes,
// coders and memos; no ids. With --by, the group each quotation was
// picked for follows the code, as freq names it ("laji = asiakas (n = 6)").
// The notes say what was selected; a people table, its text cells are
// defused when written.
func QuotesTable(r *QuoteReport, lang string) Table {
	l := labelsFor(lang)
	out := Table{Name: l.title, Header: []string{l.theme, l.code}, People: true, Lang: lang}
	for _, s := range l.selection(r) { // the project and the coders are said by About's lines
		if s[0] != l.project && s[0] != l.codersSel {
			r := []rune(s[0])
			out.Notes = append(out.Notes, strings.ToUpper(string(r[:1]))+string(r[1:])+": "+s[1])
		}
	}
	if len(r.By) > 0 { // which group a quotation was picked for
		out.Header = append(out.Header, l.group)
	}
	out.Header = append(out.Header, l.quotation, l.document, l.speaker, l.turnOrTime, l.attributes, l.coders, l.memo)
	for _, t := range r.Themes {
		for _, c := range t.Codes {
			code := c.Code.below()
			for _, q := range c.Quotes {
				var as []string
				for _, a := range q.Attrs {
					as = append(as, l.attr(a))
				}
				row := []Cell{T(t.Code.Name), T(code)}
				if len(r.By) > 0 {
					row = append(row, T(q.Group))
				}
				out.Rows = append(out.Rows, append(row, T(q.Text), T(q.Document), T(q.Speaker),
					T(l.where(q)), T(strings.Join(as, "; ")), T(strings.Join(q.Coders, ", ")), T(strings.Join(q.Memos, "\n"))))
			}
		}
	}
	return out
}
