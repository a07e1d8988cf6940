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
	// units is the length of the raw text in the tool's units: the
	// positions a selection may have are 0 to units.
	units int
	// pos maps a position in the tool's units to a code point of text;
	// positions outside the raw text map to its nearer end.
	pos func(int) int
}

// normalize puts raw in avain's form and maps positions counted in
// units on raw to code points of the result. Its maps hold 32-bit
// indexes: a text within coding.MaxDocumentChars fits, at a fraction of
// the memory.
func normalize(raw string, units Units) normalized {
	// 1. Line ends: the "\n"-text, each raw rune's index in it, and (for
	// UTF-16 units) each raw rune's unit offset, in one pass over raw.
	nRaw := utf8.RuneCountInString(raw)
	toNL := make([]int32, nRaw+1)
	var unitStart []int32 // unit offset of each raw rune, and the end
	if units == UTF16 {
		unitStart = make([]int32, nRaw+1)
	}
	var nlb strings.Builder
	nlb.Grow(len(raw))
	i, nlLen, u, prevCR := 0, 0, 0, false
	for _, r := range raw {
		if unitStart != nil {
			unitStart[i] = int32(u)
			u += utf16.RuneLen(r)
		}
		switch {
		case r == '\n' && prevCR: // the "\n" of a "\r\n": one line end, written at the "\r"
			toNL[i] = int32(nlLen - 1)
		case r == '\r':
			toNL[i] = int32(nlLen)
			nlb.WriteByte('\n')
			nlLen++
		default:
			toNL[i] = int32(nlLen)
			nlb.WriteRune(r)
			nlLen++
		}
		prevCR = r == '\r'
		i++
	}
	toNL[nRaw] = int32(nlLen)
	if unitStart != nil {
		unitStart[nRaw] = int32(u)
	}
	// 2. NFC, segment by segment: each "\n"-text rune's index in the result.
	nlText := nlb.String()
	toNFC := make([]int32, nlLen+1)
	var out strings.Builder
	out.Grow(len(nlText))
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
				toNFC[in+k] = int32(outRunes + k)
			} else {
				toNFC[in+k] = int32(outRunes) // inside a recomposed cluster: its start
			}
		}
		in += inRunes
		outRunes += segRunes
		out.Write(seg)
	}
	toNFC[nlLen] = int32(outRunes)
	text := strings.TrimRightFunc(out.String(), unicode.IsSpace)
	n := utf8.RuneCountInString(text)
	// 3. The tool's units: each unit offset's raw rune.
	total := nRaw
	switch units {
	case UTF16:
		total = u
	case CodePointsCRLFAsOne:
		pos := func(p int) int {
			p = max(0, min(p, nlLen))
			return min(int(toNFC[p]), n)
		}
		return normalized{text: text, units: nlLen, pos: pos}
	}
	pos := func(p int) int {
		p = max(0, min(p, total))
		i := p
		if unitStart != nil { // the first raw rune starting at or after p
			lo, hi := 0, len(unitStart)-1
			for lo < hi {
				m := (lo + hi) / 2
				if int(unitStart[m]) < p {
					lo = m + 1
				} else {
					hi = m
				}
			}
			i = lo
		}
		return min(int(toNFC[toNL[i]]), n)
	}
	return normalized{text: text, units: total, pos: pos}
}
