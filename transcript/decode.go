package transcript

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// decodeText turns the bytes of a text file into a string: UTF-16 with a
// byte-order mark, UTF-8 with or without one, and anything else as
// Windows-1252. A file whose lines are partly UTF-8 and partly not (two
// editors, a pasted quotation) is read line by line: notUTF8 lists the
// numbers of the lines read as Windows-1252. It rejects binary data and
// bytes Windows-1252 leaves undefined. The result is not yet normalised.
func decodeText(data []byte) (s string, notUTF8 []int, err error) {
	if len(data) == 0 {
		return "", nil, errorf(ErrEmpty, "empty file")
	}
	switch {
	case bytes.HasPrefix(data, bomUTF16LE), bytes.HasPrefix(data, bomUTF16BE):
		if s, err = decodeUTF16(data); err != nil {
			return "", nil, err
		}
		if strings.ContainsRune(s, 0) {
			return "", nil, errorf(ErrBinary, "binary data (NUL characters), not text")
		}
	case bytes.IndexByte(data, 0) >= 0:
		return "", nil, errorf(ErrBinary, "binary data (NUL bytes), not text")
	case bytes.HasPrefix(data, bomUTF8):
		data = data[len(bomUTF8):]
		if off := invalidUTF8(data); off >= 0 {
			return "", nil, errorf(ErrEncoding, "invalid UTF-8 at offset %d", off+len(bomUTF8))
		}
		s = string(data)
	case utf8.Valid(data):
		s = string(data)
	default:
		return decodeMixed(data)
	}
	if tooManyControls(s) {
		return "", nil, errorf(ErrBinary, "binary data (control characters), not text")
	}
	return s, nil, nil
}

// decodeMixed decodes data that is not valid UTF-8. When no line of it
// holds a UTF-8 sequence beyond ASCII, the whole is Windows-1252;
// otherwise each line is read as UTF-8 when it is valid UTF-8 and as
// Windows-1252 when not, and the numbers of the latter are returned.
func decodeMixed(data []byte) (string, []int, error) {
	var bad []int
	utf8Beyond := false // some valid line holds more than ASCII
	n := 1
	for rest := data; len(rest) > 0; n++ {
		ln, next, _ := bytes.Cut(rest, []byte{'\n'})
		if !utf8.Valid(ln) {
			bad = append(bad, n)
		} else if !utf8Beyond && !ascii(ln) {
			utf8Beyond = true
		}
		rest = next
	}
	if !utf8Beyond {
		s, err := decodeWindows1252(data, 0, true)
		return s, nil, err
	}
	var b strings.Builder
	b.Grow(len(data) + len(data)/8)
	n, off := 1, 0
	for k := 0; off < len(data); n++ {
		end := bytes.IndexByte(data[off:], '\n')
		if end < 0 {
			end = len(data)
		} else {
			end += off + 1 // with its line feed
		}
		if k < len(bad) && bad[k] == n {
			k++
			s, err := decodeWindows1252(data[off:end], off, false)
			if err != nil {
				return "", nil, err
			}
			b.WriteString(s)
		} else {
			b.Write(data[off:end])
		}
		off = end
	}
	s := b.String()
	if tooManyControls(s) {
		return "", nil, errorf(ErrBinary, "binary data (control bytes), not text")
	}
	return s, bad, nil
}

// ascii reports whether b is all ASCII.
func ascii(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// linesNote says which lines were read as Windows-1252: the first ten
// numbers, and how many more.
func linesNote(lines []int) string {
	const shown = 10
	if len(lines) == 1 {
		return fmt.Sprintf("line %d was not UTF-8; read as Windows-1252", lines[0])
	}
	nums := make([]string, 0, shown)
	for _, n := range lines[:min(len(lines), shown)] {
		nums = append(nums, strconv.Itoa(n))
	}
	list := strings.Join(nums, ", ")
	if len(lines) > shown {
		list += fmt.Sprintf(" and %d more", len(lines)-shown)
	}
	return "lines " + list + " were not UTF-8; read as Windows-1252"
}

// decodeUTF16 decodes data that starts with a UTF-16 byte-order mark.
func decodeUTF16(data []byte) (string, error) {
	if len(data)%2 != 0 {
		return "", errorf(ErrEncoding, "UTF-16 text with an odd number of bytes")
	}
	little := bytes.HasPrefix(data, bomUTF16LE)
	units := make([]uint16, 0, len(data)/2-1)
	for i := 2; i+1 < len(data); i += 2 {
		if little {
			units = append(units, uint16(data[i])|uint16(data[i+1])<<8)
		} else {
			units = append(units, uint16(data[i])<<8|uint16(data[i+1]))
		}
	}
	for i := 0; i < len(units); i++ {
		u := units[i]
		switch {
		case utf16.IsSurrogate(rune(u)) && u < 0xDC00 && i+1 < len(units) && units[i+1] >= 0xDC00 && units[i+1] <= 0xDFFF:
			i++ // a valid pair
		case utf16.IsSurrogate(rune(u)):
			return "", errorf(ErrEncoding, "undecodable bytes at offset %d (unpaired UTF-16 surrogate)", 2+2*i)
		}
	}
	return string(utf16.Decode(units)), nil
}

// decodeWindows1252 decodes data that is not UTF-8 as Windows-1252,
// refusing the five bytes it leaves undefined, and (whole: data is the
// whole file) binary data; at is data's offset in the file, for the error.
func decodeWindows1252(data []byte, at int, whole bool) (string, error) {
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", errorf(ErrEncoding, "undecodable text: %v", err)
	}
	s := string(out)
	if whole && tooManyControls(s) {
		return "", errorf(ErrBinary, "binary data (control bytes), not text")
	}
	for i, b := range data {
		switch b {
		case 0x81, 0x8D, 0x8F, 0x90, 0x9D:
			return "", errorf(ErrEncoding, "undecodable bytes at offset %d (neither UTF-8 nor Windows-1252)", at+i)
		}
	}
	return s, nil
}

// invalidUTF8 returns the offset of the first invalid UTF-8 sequence in
// data, or -1.
func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// tooManyControls reports whether more than one character in twenty of s
// is a control character other than tab, line feed, carriage return and
// form feed: the mark of binary data.
func tooManyControls(s string) bool {
	total, bad := 0, 0
	for _, r := range s {
		total++
		if unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' && r != '\f' {
			bad++
		}
	}
	return bad*20 > total
}

// normalizeText gives decoded text the form of Document.Text: line ends
// "\n", NFC, no leading byte-order marks (a file saved through several
// editors can carry more than one), no trailing white space.
func normalizeText(s string) (string, error) {
	s = strings.TrimLeft(s, "\uFEFF")
	s = unixLines(s)
	s = norm.NFC.String(s)
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	if strings.TrimSpace(s) == "" {
		return "", errorf(ErrEmpty, "no text (empty or only white space)")
	}
	return s, nil
}

// unixLines turns CRLF and CR line ends into LF in one pass.
func unixLines(s string) string {
	i := strings.IndexByte(s, '\r')
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i >= 0 {
		b.WriteString(s[:i])
		b.WriteByte('\n')
		s = s[i+1:]
		if len(s) > 0 && s[0] == '\n' {
			s = s[1:]
		}
		i = strings.IndexByte(s, '\r')
	}
	b.WriteString(s)
	return b.String()
}
