package coding

import (
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
// ASCII is classified by a table, other code points as CountWords does.
func (w *Words) Index(text string) {
	w.start, w.end = w.start[:0], w.end[:0]
	in, i := false, int32(0)
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
				w.start = append(w.start, i)
			} else {
				w.end = append(w.end, i)
			}
			in = isWord
		}
	}
	if in {
		w.end = append(w.end, i)
	}
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
