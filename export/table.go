package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Formats lists the output formats, the default first.
var Formats = []string{"csv", "tsv", "md", "json", "xlsx"}

// Kind says how a cell's value is to be read.
type Kind int

const (
	Text    Kind = iota
	Int          // a whole number
	Percent      // a share 0–1, shown as a percentage
	Decimal      // a coefficient such as kappa, three decimals; NaN is empty
	Real         // a number at full precision (a share 0–1 in the data layout); NaN is empty
	Code         // a code's name, indented by its depth, a theme marked
)

// Cell is one value of a table. A Code cell also carries its code's depth
// in the codebook and whether it is a theme (a code with child codes, or
// the totals), which the people layout shows as indentation and bold.
type Cell struct {
	Kind  Kind
	Text  string
	Num   float64
	Depth int
	Theme bool
}

// T makes a text cell, N a whole-number cell, P a percentage cell (of a
// share 0–1).
func T(s string) Cell      { return Cell{Kind: Text, Text: s} }
func N(n int) Cell         { return Cell{Kind: Int, Num: float64(n)} }
func P(share float64) Cell { return Cell{Kind: Percent, Num: share} }

// F makes a decimal cell (a coefficient such as kappa); NaN, a value that
// is not defined, shows as empty.
func F(x float64) Cell { return Cell{Kind: Decimal, Num: x} }

// R makes a number cell kept at full precision.
func R(x float64) Cell { return Cell{Kind: Real, Num: x} }

// C makes a code-name cell: the name, its depth (0 at the top) and
// whether it is a theme.
func C(name string, depth int, theme bool) Cell {
	return Cell{Kind: Code, Text: name, Depth: depth, Theme: theme}
}

// String renders the cell as plain text: numbers as plain numbers, a
// percentage with one decimal and no sign ("33.3"), a code's name alone.
func (c Cell) String() string {
	switch c.Kind {
	case Int:
		return strconv.FormatInt(int64(c.Num), 10)
	case Percent:
		return strconv.FormatFloat(math.Round(c.Num*1000)/10, 'f', 1, 64)
	case Decimal:
		if math.IsNaN(c.Num) {
			return ""
		}
		return strconv.FormatFloat(c.Num, 'f', 3, 64)
	case Real:
		if math.IsNaN(c.Num) {
			return ""
		}
		return strconv.FormatFloat(c.Num, 'g', -1, 64)
	}
	return c.Text
}

// Band is a label over Span adjacent columns of a table's header: a group
// of documents over its measures.
type Band struct {
	Label string
	Span  int
}

// Table is a named grid with a header row. Notes are lines that explain
// it (written above a Markdown table and on the About sheet of an XLSX
// file; CSV, TSV and JSON leave them out).
//
// A table for people (People) may have Bands, a header row above Header
// that groups its columns, and Code cells; its numbers follow Lang's
// decimal mark (a comma in Finnish) and its shares are percentages. A
// Chart, when set, is drawn on a sheet of its own in XLSX.
type Table struct {
	Name   string
	Header []string
	Bands  []Band
	Rows   [][]Cell
	Notes  []string
	People bool
	Lang   string
	Chart  *Chart
	Heat   bool // in XLSX, the numbers shaded by size (a heat map)

	Uncoded bool // the selection held no codings: every count is 0
}

// Chart says which of a table's numbers an XLSX chart draws: a bar per
// row of Rows (named by the row's first cell) in each series of Cols
// (named by Series when given, else by the column's band, or its header
// without bands).
type Chart struct {
	Title  string
	Rows   []int
	Cols   []int
	Series []string // the series' names, one per column of Cols
}

// Write writes the tables in format: csv, tsv, md and json write them
// one after another (CSV and TSV separated by a blank line, JSON as an
// array of objects); xlsx writes a sheet per table.
func Write(w io.Writer, format string, tables ...Table) error {
	return WriteAbout(w, format, nil, tables...)
}

// WriteAbout is Write that also says how the tables were made: on an
// XLSX file's first sheet, and under Markdown's tables.
func WriteAbout(w io.Writer, format string, about *About, tables ...Table) error {
	switch format {
	case "", "csv":
		return writeDelimited(w, ',', about, tables)
	case "tsv":
		return writeDelimited(w, '\t', about, tables)
	case "md":
		return writeMarkdown(w, about, tables)
	case "json":
		return writeJSON(w, tables)
	case "xlsx":
		return writeXLSX(w, about, tables)
	}
	return fmt.Errorf("unknown format %q (use %s)", format, strings.Join(Formats, ", "))
}

// bandRow spreads the bands over the header's columns: each band's label
// in its first column, empty under the rest.
func (t Table) bandRow() []string {
	if len(t.Bands) == 0 {
		return nil
	}
	row := make([]string, 0, len(t.Header))
	for _, b := range t.Bands {
		row = append(row, b.Label)
		for range b.Span - 1 {
			row = append(row, "")
		}
	}
	for len(row) < len(t.Header) {
		row = append(row, "")
	}
	return row
}

// bandOf returns the label of the band over column col ("" when none).
func (t Table) bandOf(col int) string {
	at := 0
	for _, b := range t.Bands {
		if col < at+b.Span {
			return b.Label
		}
		at += b.Span
	}
	return ""
}

// CellText renders a cell as the table's CSV shows it: for people, a
// number with the language's decimal mark, a code's name indented.
func (t Table) CellText(c Cell) string { return t.text(c) }

// text renders a cell as a delimited or Markdown table shows it: in a
// people table, numbers with the language's decimal mark and code names
// indented two spaces a level, a theme led by "▸ ".
func (t Table) text(c Cell) string {
	if !t.People {
		return c.String()
	}
	switch c.Kind {
	case Code:
		name := c.Text
		if c.Theme {
			name = "▸ " + name
		}
		return strings.Repeat("  ", c.Depth) + name
	case Percent, Decimal, Real:
		s := c.String()
		if t.Lang != "en" {
			s = strings.Replace(s, ".", ",", 1)
		}
		return s
	}
	return c.String()
}

// writeDelimited writes the tables as CSV (sep ',', CRLF as RFC 4180
// has it) or TSV. Tables for people end, after a blank row, with their
// notes and how they were made (about), a line each (padded with empty
// cells to the table's width), and their text
// cells are defused (defuse); data tables hold the data alone, exact.
func writeDelimited(w io.Writer, sep rune, about *About, tables []Table) error {
	cw := csv.NewWriter(w)
	cw.Comma = sep
	cw.UseCRLF = sep == ',' // RFC 4180
	clean := func(s string) string {
		if sep == '\t' {
			return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
		}
		return s
	}
	var notes []string
	for i, t := range tables {
		if i > 0 {
			if err := cw.Write(nil); err != nil {
				return err
			}
		}
		safe := func(cells []string) []string {
			out := make([]string, len(cells))
			for j, c := range cells {
				if out[j] = c; t.People {
					out[j] = defuse(c)
				}
				out[j] = clean(out[j])
			}
			return out
		}
		if bands := t.bandRow(); bands != nil {
			if err := cw.Write(safe(bands)); err != nil {
				return err
			}
		}
		if err := cw.Write(safe(t.Header)); err != nil {
			return err
		}
		for _, r := range t.Rows {
			rec := make([]string, len(r))
			for j, c := range r {
				rec[j] = t.text(c)
				if t.People && (c.Kind == Text || c.Kind == Code) {
					rec[j] = defuse(rec[j])
				}
				rec[j] = clean(rec[j])
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		if t.People {
			for _, n := range t.Notes {
				if !slices.Contains(notes, n) {
					notes = append(notes, n)
				}
			}
			if about != nil && len(notes) > 0 && i == len(tables)-1 {
				notes = append(notes, about.made()...)
			}
		}
	}
	if len(notes) > 0 { // rows as wide as the table's, for readers that want every row so
		width := max(1, len(tables[len(tables)-1].Header))
		if err := cw.Write(make([]string, width)); err != nil {
			return err
		}
		for _, n := range notes {
			rec := make([]string, width)
			rec[0] = clean(defuse(n))
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// defuse leads with an apostrophe a people table's text that a
// spreadsheet would take for a formula: one beginning with = + - @, a
// tab or a carriage return (OWASP's advice on CSV injection).
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// mdEscape makes s safe inside a Markdown table cell.
func mdEscape(s string) string {
	return strings.NewReplacer("|", "\\|", "\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}

// mdCell renders a cell for a Markdown table: a code's name indented by
// non-breaking spaces, a theme in bold.
func (t Table) mdCell(c Cell) string {
	if c.Kind != Code {
		return mdEscape(t.text(c))
	}
	name := mdEscape(c.Text)
	if c.Theme {
		name = "**" + name + "**"
	}
	return strings.Repeat("&nbsp;&nbsp;", c.Depth) + name
}

// writeMarkdown writes each table as a pipe table under its name and
// notes. A table with bands has them as its header, and the column
// names as its first row in italics, since a pipe table has one header
// row; about, when given, is said under the last table.
func writeMarkdown(w io.Writer, about *About, tables []Table) error {
	var b bytes.Buffer
	line := func(cells []string) {
		b.WriteString("|")
		for _, c := range cells {
			b.WriteString(" " + c + " |")
		}
		b.WriteString("\n")
	}
	for i, t := range tables {
		if i > 0 {
			b.WriteString("\n")
		}
		if t.Name != "" {
			fmt.Fprintf(&b, "### %s\n\n", mdEscape(t.Name))
		}
		for _, n := range t.Notes { // a line each: a hard line break
			fmt.Fprintf(&b, "%s  \n", n)
		}
		if len(t.Notes) > 0 {
			b.WriteString("\n")
		}
		head, names := t.Header, []string(nil)
		if bands := t.bandRow(); bands != nil {
			head = append([]string{t.Header[0]}, bands[1:]...)
			names = append([]string{""}, t.Header[1:]...)
		}
		cells := make([]string, len(head))
		for j, h := range head {
			cells[j] = mdEscape(h)
		}
		line(cells)
		for j := range head {
			cells[j] = "---"
			if len(t.Rows) > 0 && j < len(t.Rows[0]) && t.Rows[0][j].Kind != Text && t.Rows[0][j].Kind != Code {
				cells[j] = "--:"
			}
		}
		line(cells)
		if names != nil {
			for j, h := range names {
				cells[j] = ""
				if h != "" {
					cells[j] = "*" + mdEscape(h) + "*"
				}
			}
			line(cells)
		}
		for _, r := range t.Rows {
			cells := make([]string, len(r))
			for j, c := range r {
				cells[j] = t.mdCell(c)
			}
			line(cells)
		}
	}
	if about != nil {
		b.WriteString("\n")
		for _, l := range about.made() {
			fmt.Fprintf(&b, "%s  \n", mdEscape(l))
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

// jsonValue is a cell's value in JSON: numbers as numbers (a percentage
// 0–100 with one decimal), an undefined coefficient as null.
func jsonValue(c Cell) any {
	switch c.Kind {
	case Int:
		return int64(c.Num)
	case Percent:
		return math.Round(c.Num*1000) / 10
	case Decimal:
		if math.IsNaN(c.Num) {
			return nil
		}
		return math.Round(c.Num*1000) / 1000
	case Real:
		if math.IsNaN(c.Num) {
			return nil
		}
		return c.Num
	}
	return c.Text
}

// writeJSON writes one object per row, keyed by the header (under bands,
// by the band and the column name); with several tables, an object of
// arrays keyed by table name.
func writeJSON(w io.Writer, tables []Table) error {
	rows := func(t Table) []map[string]any {
		keys := slices.Clone(t.Header)
		for j := range keys {
			if b := t.bandOf(j); b != "" {
				keys[j] = b + ": " + keys[j]
			}
		}
		out := make([]map[string]any, 0, len(t.Rows))
		for _, r := range t.Rows {
			o := make(map[string]any, len(r))
			for j, c := range r {
				if j < len(keys) {
					o[keys[j]] = jsonValue(c)
				}
			}
			out = append(out, o)
		}
		return out
	}
	var v any
	if len(tables) == 1 {
		v = rows(tables[0])
	} else {
		m := map[string]any{}
		for _, t := range tables {
			m[t.Name] = rows(t)
		}
		v = m
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
