package export

import (
	"fmt"
	"strings"

	"github.com/toituavain/avain/coding"
)

// FreqTable lays a theme table out: a row per code (with its id, path,
// depth and whether it rolls up child codes) and the totals; for each
// group, its codings, passages, documents, share of the group's documents
// (%) and words coded, the group's size in the column names. The notes
// say what each number counts (coding.CountsNote).
func FreqTable(t coding.FreqTable) Table {
	out := Table{Name: "Frequencies", Header: []string{"code_id", "path", "code", "depth", "rolls_up"}}
	for _, g := range t.Groups {
		label := g.Label()
		if len(t.By) > 0 && len(g.Values) > 0 {
			label = strings.Join(t.By, "/") + "=" + label
		}
		label = fmt.Sprintf("%s (n=%d)", label, g.Docs)
		out.Header = append(out.Header, label+" "+coding.LabelCodings, label+" "+coding.LabelPassages,
			label+" "+coding.LabelDocuments, label+" "+coding.LabelDocuments+" %", label+" words")
	}
	for _, r := range t.Rows {
		row := []Cell{T(r.CodeID), T(strings.Join(r.Path, "/")), T(""), N(r.Depth), T("")}
		if r.CodeID == "" {
			row[1], row[2] = T("(total)"), T("(total)")
			row[4] = T("yes")
		} else {
			row[2] = T(r.Path[len(r.Path)-1])
			if r.Parent {
				row[4] = T("yes")
			} else {
				row[4] = T("no")
			}
		}
		for _, c := range r.Cells {
			row = append(row, N(c.Codings), N(c.Passages), N(c.Documents), P(c.Share), N(c.Words))
		}
		out.Rows = append(out.Rows, row)
	}
	out.Notes = []string{
		coding.CountsNote + " Codes with child codes: rolls_up = yes (bold in Markdown).",
		"Documents %: the share of the group's documents (n) with at least one coding. Words: words inside the passages, each counted once.",
	}
	return out
}

// FreqMarkdown lays a theme table out for pasting into a text: the code
// indented by depth (codes that roll up child codes in bold) and, for each
// group, codings, passages, documents, % and words.
func FreqMarkdown(t coding.FreqTable) Table {
	full := FreqTable(t)
	out := Table{Name: full.Name, Notes: full.Notes, Header: append([]string{"Code"}, full.Header[5:]...)}
	for i, r := range t.Rows {
		name := "**Total**"
		if r.CodeID != "" {
			name = r.Path[len(r.Path)-1]
			if r.Parent {
				name = "**" + name + "**"
			}
			name = strings.Repeat("&nbsp;&nbsp;", r.Depth) + name
		}
		out.Rows = append(out.Rows, append([]Cell{T(name)}, full.Rows[i][5:]...))
	}
	return out
}
