package refiqda

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"
)

// Units says how a tool counts the startPosition and endPosition of a
// PlainTextSelection in its plain text.
type Units int

const (
	// CodePoints on the text as written, as the standard says; "\r\n"
	// counts two.
	CodePoints Units = iota
	// UTF16 code units of the text without its byte-order mark, "\r\n"
	// two, as NVivo counts.
	UTF16
	// CodePointsCRLFAsOne: code points, "\r\n" counted as one, as
	// ATLAS.ti counts.
	CodePointsCRLFAsOne
)

// UnitsOf guesses a tool's units from the project's origin attribute.
func UnitsOf(origin string) Units {
	o := strings.ToLower(origin)
	switch {
	case strings.Contains(o, "nvivo"):
		return UTF16
	case strings.Contains(o, "atlas"):
		return CodePointsCRLFAsOne
	}
	return CodePoints
}

// decodeSource turns a source file's bytes into text: UTF-8 with or
// without a byte-order mark, UTF-16 with one, else Windows-1252.
func decodeSource(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return string(data[3:])
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		dec := xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM).NewDecoder()
		if out, err := dec.Bytes(data); err == nil {
			return string(out)
		}
	case utf8.Valid(data):
		return string(data)
	}
	out, _ := charmap.Windows1252.NewDecoder().Bytes(data)
	return string(out)
}

// normalized is a source text in avain's form (line ends "\n", NFC, no
// trailing white space) with a map from the tool's positions to ours.
type normalized struct {
	text string
	// pos maps a position in the tool's units to a code point of text;
	// positions past the end map to its length.
	pos func(int) int
}

// normalize puts raw in avain's form and maps positions counted in
// units on raw to code points of the result.
func normalize(raw string, units Units) normalized {
	rs := []rune(raw)
	// 1. Line ends: the "\n"-text, and each raw rune's index in it.
	nl := make([]rune, 0, len(rs))
	toNL := make([]int, len(rs)+1)
	for i := 0; i < len(rs); i++ {
		toNL[i] = len(nl)
		switch {
		case rs[i] == '\r' && i+1 < len(rs) && rs[i+1] == '\n':
			toNL[i+1] = len(nl)
			nl = append(nl, '\n')
			i++
		case rs[i] == '\r':
			nl = append(nl, '\n')
		default:
			nl = append(nl, rs[i])
		}
	}
	toNL[len(rs)] = len(nl)
	// 2. NFC, segment by segment: each "\n"-text rune's index in the result.
	nlText := string(nl)
	toNFC := make([]int, len(nl)+1)
	var out strings.Builder
	var it norm.Iter
	it.InitString(norm.NFC, nlText)
	in, outRunes := 0, 0 // runes of nlText consumed, runes written
	for !it.Done() {
		before := it.Pos()
		seg := it.Next()
		after := it.Pos()
		inRunes := utf8.RuneCountInString(nlText[before:after])
		segRunes := utf8.RuneCount(seg)
		for k := 0; k < inRunes; k++ {
			if inRunes == segRunes {
				toNFC[in+k] = outRunes + k
			} else {
				toNFC[in+k] = outRunes // inside a recomposed cluster: its start
			}
		}
		in += inRunes
		outRunes += segRunes
		out.Write(seg)
	}
	toNFC[len(nl)] = outRunes
	text := strings.TrimRightFunc(out.String(), unicode.IsSpace)
	n := utf8.RuneCountInString(text)
	// 3. The tool's units: each unit offset's raw rune.
	var unitStart []int // unit offset of each raw rune, and the end
	switch units {
	case UTF16:
		unitStart = make([]int, len(rs)+1)
		u := 0
		for i, r := range rs {
			unitStart[i] = u
			u += utf16.RuneLen(r)
		}
		unitStart[len(rs)] = u
	case CodePointsCRLFAsOne:
		pos := func(p int) int {
			if p < 0 {
				p = 0
			}
			if p > len(nl) {
				p = len(nl)
			}
			return min(toNFC[p], n)
		}
		return normalized{text: text, pos: pos}
	}
	pos := func(p int) int {
		if p < 0 {
			p = 0
		}
		i := p
		if unitStart != nil { // the first raw rune starting at or after p
			lo, hi := 0, len(rs)
			for lo < hi {
				m := (lo + hi) / 2
				if unitStart[m] < p {
					lo = m + 1
				} else {
					hi = m
				}
			}
			i = lo
		}
		if i > len(rs) {
			i = len(rs)
		}
		return min(toNFC[toNL[i]], n)
	}
	return normalized{text: text, pos: pos}
}
