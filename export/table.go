package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
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
)

// Cell is one value of a table.
type Cell struct {
	Kind Kind
	Text string
	Num  float64
}

// T makes a text cell, N a whole-number cell, P a percentage cell (of a
// share 0–1).
func T(s string) Cell      { return Cell{Kind: Text, Text: s} }
func N(n int) Cell         { return Cell{Kind: Int, Num: float64(n)} }
func P(share float64) Cell { return Cell{Kind: Percent, Num: share} }

// F makes a decimal cell (a coefficient such as kappa); NaN, a value that
// is not defined, shows as empty.
func F(x float64) Cell { return Cell{Kind: Decimal, Num: x} }

// String renders the cell as plain text: numbers as plain numbers, a
// percentage with one decimal and no sign ("33.3").
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
	}
	return c.Text
}

// Table is a named grid with a header row. Notes are lines that explain
// it (written above a Markdown table, and as a second sheet nowhere:
// formats without room for them leave them out).
type Table struct {
	Name   string
	Header []string
	Rows   [][]Cell
	Notes  []string
}

// Write writes the tables in format: csv, tsv, md and json write them
// one after another (CSV and TSV separated by a blank line, JSON as an
// array of arrays); xlsx writes a sheet per table.
func Write(w io.Writer, format string, tables ...Table) error {
	switch format {
	case "", "csv":
		return writeDelimited(w, ',', tables)
	case "tsv":
		return writeDelimited(w, '\t', tables)
	case "md":
		return writeMarkdown(w, tables)
	case "json":
		return writeJSON(w, tables)
	case "xlsx":
		return writeXLSX(w, tables)
	}
	return fmt.Errorf("unknown format %q (use %s)", format, strings.Join(Formats, ", "))
}

func writeDelimited(w io.Writer, sep rune, tables []Table) error {
	cw := csv.NewWriter(w)
	cw.Comma = sep
	cw.UseCRLF = sep == ',' // RFC 4180
	for i, t := range tables {
		if i > 0 {
			if err := cw.Write(nil); err != nil {
				return err
			}
		}
		if err := cw.Write(t.Header); err != nil {
			return err
		}
		for _, r := range t.Rows {
			rec := make([]string, len(r))
			for j, c := range r {
				rec[j] = c.String()
				if sep == '\t' {
					rec[j] = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(rec[j])
				}
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// mdEscape makes s safe inside a Markdown table cell.
func mdEscape(s string) string {
	return strings.NewReplacer("|", "\\|", "\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}

func writeMarkdown(w io.Writer, tables []Table) error {
	var b bytes.Buffer
	for i, t := range tables {
		if i > 0 {
			b.WriteString("\n")
		}
		if t.Name != "" {
			fmt.Fprintf(&b, "### %s\n\n", mdEscape(t.Name))
		}
		for _, n := range t.Notes {
			fmt.Fprintf(&b, "%s\n", n)
		}
		if len(t.Notes) > 0 {
			b.WriteString("\n")
		}
		b.WriteString("|")
		for _, h := range t.Header {
			b.WriteString(" " + mdEscape(h) + " |")
		}
		b.WriteString("\n|")
		for j := range t.Header {
			align := "---"
			if len(t.Rows) > 0 && j < len(t.Rows[0]) && t.Rows[0][j].Kind != Text {
				align = "--:"
			}
			b.WriteString(" " + align + " |")
		}
		b.WriteString("\n")
		for _, r := range t.Rows {
			b.WriteString("|")
			for _, c := range r {
				b.WriteString(" " + mdEscape(c.String()) + " |")
			}
			b.WriteString("\n")
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

// writeJSON writes one object per row, keyed by the header; with several
// tables, an object of arrays keyed by table name.
func writeJSON(w io.Writer, tables []Table) error {
	rows := func(t Table) []map[string]any {
		out := make([]map[string]any, 0, len(t.Rows))
		for _, r := range t.Rows {
			o := make(map[string]any, len(r))
			for j, c := range r {
				if j >= len(t.Header) {
					break
				}
				switch c.Kind {
				case Int:
					o[t.Header[j]] = int64(c.Num)
				case Percent:
					o[t.Header[j]] = math.Round(c.Num*1000) / 10
				case Decimal:
					if math.IsNaN(c.Num) {
						o[t.Header[j]] = nil
					} else {
						o[t.Header[j]] = math.Round(c.Num*1000) / 1000
					}
				default:
					o[t.Header[j]] = c.Text
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

func writeXLSX(w io.Writer, tables []Table) error {
	f := excelize.NewFile()
	defer f.Close()
	header, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	pct, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("0.0%")})
	if err != nil {
		return err
	}
	used := map[string]bool{}
	for i, t := range tables {
		name := sheetName(t.Name, used)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			return err
		}
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		hdr := make([]any, len(t.Header))
		for j, h := range t.Header {
			hdr[j] = excelize.Cell{StyleID: header, Value: h}
		}
		if err := sw.SetRow("A1", hdr); err != nil {
			return err
		}
		for r, row := range t.Rows {
			vals := make([]any, len(row))
			for j, c := range row {
				switch c.Kind {
				case Int:
					vals[j] = int64(c.Num)
				case Percent:
					vals[j] = excelize.Cell{StyleID: pct, Value: c.Num}
				case Decimal:
					if !math.IsNaN(c.Num) {
						vals[j] = c.Num
					}
				default:
					vals[j] = c.Text
				}
			}
			cell, err := excelize.CoordinatesToCellName(1, r+2)
			if err != nil {
				return err
			}
			if err := sw.SetRow(cell, vals); err != nil {
				return err
			}
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}

func ptr[T any](v T) *T { return &v }
