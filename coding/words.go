package coding

import (
	"encoding/binary"
	"fmt"
	"unicode"
	"unicode/utf8"
)

// asciiWord marks the ASCII bytes that are letters or digits, the word
// characters of CountWords.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for b := range t {
		t[b] = unicode.IsLetter(rune(b)) || unicode.IsDigit(rune(b))
	}
	return t
}()

// Index finds the words of text, as IndexWords does, reusing w's memory:
// counting the words of many documents one after another allocates once.
func (w *Words) Index(text string) {
	w.start, w.end = w.start[:0], w.end[:0]
	eachWord(text, func(start, end int32) {
		w.start = append(w.start, start)
		w.end = append(w.end, end)
	})
}

// eachWord calls fn with each word of text, its start and end code-point
// positions. ASCII is classified by a table, other code points as
// CountWords does.
func eachWord(text string, fn func(start, end int32)) {
	in, i, from := false, int32(0), int32(0)
	for b := 0; b < len(text); i++ {
		var isWord bool
		if c := text[b]; c < utf8.RuneSelf {
			isWord = asciiWord[c]
			b++
		} else {
			r, size := utf8.DecodeRuneInString(text[b:])
			isWord = unicode.IsLetter(r) || unicode.IsDigit(r)
			b += size
		}
		if isWord != in {
			if isWord {
				from = i
			} else {
				fn(from, i)
			}
			in = isWord
		}
	}
	if in {
		fn(from, i)
	}
}

// AppendWordSpans appends the words of text, as Index finds them, to buf
// in the compact form Decode reads: for each word, an unsigned varint of
// its length times three plus how it follows the word before it (or the
// text's start): 0 after one other code point, 1 after two, 2 after the
// varint that follows. A word of up to 41 code points after a space, or
// a comma and a space, takes one byte.
func AppendWordSpans(buf []byte, text string) []byte {
	prev := int32(0)
	eachWord(text, func(start, end int32) {
		switch gap := start - prev; gap {
		case 1, 2:
			buf = binary.AppendUvarint(buf, uint64(end-start)*3+uint64(gap-1))
		default:
			buf = binary.AppendUvarint(buf, uint64(end-start)*3+2)
			buf = binary.AppendUvarint(buf, uint64(gap))
		}
		prev = end
	})
	return buf
}

// Decode sets w to the words b holds, as AppendWordSpans wrote them,
// reusing w's memory. Bytes that are not such a list are ErrInvalid.
func (w *Words) Decode(b []byte) error {
	w.start, w.end = w.start[:0], w.end[:0]
	at := uint64(0)
	for len(b) > 0 {
		v, n := binary.Uvarint(b)
		if n <= 0 || v < 3 || v/3 > MaxDocumentChars {
			return fmt.Errorf("%w: word positions: a truncated, empty or too long word", ErrInvalid)
		}
		b = b[n:]
		gap := v%3 + 1
		if gap == 3 {
			if gap, n = binary.Uvarint(b); n <= 0 || gap > MaxDocumentChars {
				return fmt.Errorf("%w: word positions: a truncated or too long gap", ErrInvalid)
			}
			b = b[n:]
		}
		start := at + gap
		at = start + v/3
		if at > MaxDocumentChars {
			return fmt.Errorf("%w: word positions past the longest document", ErrInvalid)
		}
		w.start = append(w.start, int32(start))
		w.end = append(w.end, int32(at))
	}
	return nil
}

// InAll returns how many words the spans cover at least part of, each
// span's words counted (spans that neither overlap nor touch count each
// word once).
func (w *Words) InAll(spans []Span) int {
	n := 0
	for _, s := range spans {
		n += w.In(s)
	}
	return n
}
