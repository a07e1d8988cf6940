package report

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/toituavain/avain/coding"
)

// numbers is the study in numbers: its documents by kind and by the split,
// its coders, and what was coded.
type numbers struct {
	Documents           string
	ByKind              []countRow
	SplitName           string     // the attributes of the split, "" when not split or split by kind alone
	BySplit             []countRow // the documents of each group of the split
	Coders              []countRow // each coder and their codings
	Codings, Passages   int
	CodingsS, PassagesS string
	CodedDocs           string // "7 / 10 (70 %)"
}

// countRow is a label and a number, formatted.
type countRow struct{ Label, N string }

// studyNumbers counts the study's documents, coders and codings; the
// codings, passages and coded documents are the theme table's totals, so
// that they count as every table does.
func studyNumbers(docs []coding.DocSummary, t coding.FreqTable, coders []coderCount, o Options, l labels) numbers {
	n := numbers{Documents: num(len(docs), o.Lang)}
	kinds := map[string]int{}
	for _, d := range docs {
		kinds[d.Kind]++
	}
	for _, k := range coding.Kinds {
		if kinds[k] > 0 {
			n.ByKind = append(n.ByKind, countRow{coding.AttrValue("kind", k, o.Lang), num(kinds[k], o.Lang)})
		}
	}
	if len(o.By) > 0 && !slices.Equal(o.By, []string{"kind"}) {
		names := make([]string, len(o.By))
		for i, a := range o.By {
			names[i] = coding.AttrName(a, o.Lang)
		}
		n.SplitName = strings.Join(names, " / ")
		for _, g := range t.Groups[1:] {
			n.BySplit = append(n.BySplit, countRow{groupLabel(g, t.By, l, o.Lang), num(g.Docs, o.Lang)})
		}
	}
	for _, c := range coders {
		n.Coders = append(n.Coders, countRow{c.Coder, num(c.Codings, o.Lang)})
	}
	if len(t.Rows) > 0 && len(t.Groups) > 0 {
		total := t.Rows[len(t.Rows)-1].Cells[0]
		n.Codings, n.Passages = total.Codings, total.Passages
		n.CodedDocs = num(total.Documents, o.Lang) + " / " + num(t.Groups[0].Docs, o.Lang) + " (" + pct(total.Share, o.Lang) + ")"
	}
	n.CodingsS, n.PassagesS = num(n.Codings, o.Lang), num(n.Passages, o.Lang)
	return n
}

// groupLabel names a group of documents: "all" in the labels' language,
// or its values as every output names them (coding.AttrValue: a kind or
// a language in the language's words).
func groupLabel(g coding.FreqGroup, by []string, l labels, lang string) string {
	if len(g.Values) == 0 {
		return l.All
	}
	vals := make([]string, len(g.Values))
	for i, v := range g.Values {
		vals[i] = v
		if i < len(by) {
			vals[i] = coding.AttrValue(by[i], v, lang)
		}
	}
	return strings.Join(vals, " / ")
}

// num writes n with its thousands grouped as the language does: 9 067 in
// Finnish (a no-break space), 9,067 in English.
func num(n int, lang string) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	sep := "\u00a0"
	if lang == coding.LangEnglish {
		sep = ","
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + sep + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// pct writes a share 0–1 as a percentage with one decimal: "66,7 %" in
// Finnish, "66.7%" in English; NaN as "–".
func pct(share float64, lang string) string {
	if math.IsNaN(share) {
		return "–"
	}
	s := strconv.FormatFloat(math.Round(share*1000)/10, 'f', 1, 64)
	if lang == coding.LangEnglish {
		return s + "%"
	}
	return strings.Replace(s, ".", ",", 1) + "\u00a0%"
}

// dec writes a coefficient with three decimals (a decimal comma in
// Finnish); NaN, a value not defined, as "–".
func dec(x float64, lang string) string {
	if math.IsNaN(x) {
		return "–"
	}
	s := strconv.FormatFloat(x, 'f', 3, 64)
	if lang == coding.LangEnglish {
		return s
	}
	return strings.Replace(s, ".", ",", 1)
}

// formatDate writes the day the report was made: 1.12.2026 in Finnish,
// 1 December 2026 in English.
func formatDate(t time.Time, lang string) string {
	if t.IsZero() {
		t = time.Now()
	}
	if lang == coding.LangEnglish {
		return t.Format("2 January 2006, 15:04")
	}
	return t.Format("2.1.2006 klo 15.04")
}

// filters says what the report was limited to, one line each.
func filters(o Options, l labels) []string {
	var out []string
	if len(o.By) > 0 {
		names := make([]string, len(o.By))
		for i, a := range o.By {
			names[i] = coding.AttrName(a, o.Lang)
		}
		out = append(out, l.FilterBy+": "+strings.Join(names, ", "))
	}
	if len(o.Coders) > 0 {
		out = append(out, l.FilterCoders+": "+strings.Join(o.Coders, ", "))
	}
	if len(o.Codes) > 0 {
		out = append(out, l.FilterCodes+": "+strings.Join(o.Codes, ", "))
	}
	if len(out) == 0 {
		out = append(out, l.NoFilters)
	}
	q := l.FilterQuotes + ": " + strconv.Itoa(o.Quotes)
	if o.Pick != "" && o.Quotes > 0 {
		q += " (" + o.Pick + ")"
	}
	out = append(out, q)
	return out
}
