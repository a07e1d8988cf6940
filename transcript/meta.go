package transcript

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// ReadMeta reads a CSV sidecar that gives documents their attributes: a
// `file` column with each file's base name and one column per attribute.
// A `kind` and a `lang` column are returned as attributes too; the caller
// decides what they mean. Column names are trimmed and lower-cased, cells
// trimmed, and empty cells left out. Comma, semicolon (a Finnish
// spreadsheet's CSV) and tab separators are recognised from the header.
// It returns base name -> attribute -> value; errors name the CSV file and
// line ("PATH:LINE: reason").
func ReadMeta(file string) (map[string]map[string]string, error) {
	data, err := readLimited(file)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return ParseMeta(file, data)
}

// ParseMeta is ReadMeta for a sidecar already read; name stands for the
// file in error messages.
func ParseMeta(file string, data []byte) (map[string]map[string]string, error) {
	text, _, err := decodeText(data)
	if err == nil {
		text, err = normalizeText(text)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	meta, line, err := parseMeta(text)
	if err != nil {
		return nil, fmt.Errorf("%s:%d: %w", file, line, err)
	}
	return meta, nil
}

// parseMeta parses the decoded CSV text; on error it returns the line.
func parseMeta(text string) (map[string]map[string]string, int, error) {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = separator(text)
	r.TrimLeadingSpace = r.Comma != '\t' // with tabs it would merge empty cells
	header, err := r.Read()
	if err != nil {
		return nil, csvLine(err, 1), csvError(err)
	}
	cols := make([]string, len(header))
	fileCol := -1
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if h == "" {
			return nil, 1, errorf(ErrSyntax, "column %d has no name", i+1)
		}
		for _, c := range cols[:i] {
			if c == h {
				return nil, 1, errorf(ErrSyntax, "column %q appears twice", h)
			}
		}
		cols[i] = h
		if h == "file" {
			fileCol = i
		}
	}
	if fileCol < 0 {
		quoted := make([]string, len(cols))
		for i, c := range cols {
			quoted[i] = strconv.Quote(c)
		}
		return nil, 1, errorf(ErrSyntax, `no "file" column (columns: %s)`, strings.Join(quoted, ", "))
	}
	meta := map[string]map[string]string{}
	firstLine := map[string]int{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return meta, 0, nil
		}
		if err != nil {
			return nil, csvLine(err, 0), csvError(err)
		}
		line, _ := r.FieldPos(0)
		name := baseName(rec[fileCol])
		if name == "" {
			return nil, line, errorf(ErrSyntax, "no file name")
		}
		if prev, ok := firstLine[name]; ok {
			return nil, line, errorf(ErrSyntax, "file %q is listed twice (first on line %d)", name, prev)
		}
		firstLine[name] = line
		attrs := map[string]string{}
		for i, v := range rec {
			if v = strings.TrimSpace(v); i != fileCol && v != "" {
				attrs[cols[i]] = v
			}
		}
		meta[name] = attrs
	}
}

// separator picks the most frequent of comma, semicolon and tab on the
// first line.
func separator(text string) rune {
	first, _, _ := strings.Cut(text, "\n")
	best, n := ',', strings.Count(first, ",")
	for _, c := range []rune{';', '\t'} {
		if k := strings.Count(first, string(c)); k > n {
			best, n = c, k
		}
	}
	return best
}

// baseName returns the base name of a file cell, which may hold a path
// with either kind of slash.
func baseName(cell string) string {
	cell = strings.TrimSpace(strings.ReplaceAll(cell, `\`, "/"))
	if cell == "" {
		return ""
	}
	return path.Base(cell)
}

// csvLine returns the line of a CSV parse error, or def.
func csvLine(err error, def int) int {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Line
	}
	return def
}

// csvError turns a CSV reader error into ErrSyntax with a one-line reason.
func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if err == io.EOF {
		return errorf(ErrEmpty, "no header line")
	}
	return errorf(ErrSyntax, "%s", oneLine(err.Error()))
}
