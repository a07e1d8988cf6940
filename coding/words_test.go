package coding

import (
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestWordsIndexCountsAsCountWords: the words a reused index finds in any
// span are those CountWords counts in the span's text, over ASCII,
// Finnish letters, digits, marks, symbols and a byte that is not UTF-8.
func TestWordsIndexCountsAsCountWords(t *testing.T) {
	parts := []string{"sana", " ", "Äiti", "öljy", "2024", ", ", "—", "\n\n", "x", "😀", "naïve", "é", "\xff", "Ω", "_", "a1b", "''", "٣"}
	rng := rand.New(rand.NewPCG(3, 5))
	var w, stored Words
	var buf []byte
	for doc := range 50 {
		var b strings.Builder
		for range rng.IntN(200) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		text := b.String()
		w.Index(text) // the same index, reused over texts long and short
		// The positions as recorded with a text count as the text's.
		buf = AppendWordSpans(buf[:0], text)
		if err := stored.Decode(buf); err != nil {
			t.Fatalf("doc %d: %v", doc, err)
		}
		n := len([]rune(text))
		if got, want := w.In(Span{0, n}), CountWords(text); got != want {
			t.Fatalf("doc %d: %d words in the whole text, CountWords %d: %q", doc, got, want, text)
		}
		for range 50 {
			s := rng.IntN(n + 1)
			e := s + rng.IntN(n-s+1)
			if got, want := w.In(Span{s, e}), CountWords(Slice(text, s, e)); got != want {
				t.Fatalf("doc %d [%d,%d): %d words, CountWords %d: %q", doc, s, e, got, want, Slice(text, s, e))
			}
			if got, want := stored.In(Span{s, e}), CountWords(Slice(text, s, e)); got != want {
				t.Fatalf("doc %d [%d,%d): %d words decoded, CountWords %d: %q", doc, s, e, got, want, Slice(text, s, e))
			}
		}
	}
}

// TestWordsDecodeRefusesBadBytes: bytes that are not a list of word
// positions (a number cut short, a word of no length, a gap missing,
// positions past the longest document) are ErrInvalid, not words.
func TestWordsDecodeRefusesBadBytes(t *testing.T) {
	for name, b := range map[string][]byte{
		"cut short":    {0x80},
		"empty word":   {0},
		"no gap":       {2},
		"gap too far":  append([]byte{2}, binary.AppendUvarint(nil, MaxDocumentChars+1)...),
		"too long":     binary.AppendUvarint(nil, 3<<40),
		"past the end": append(append([]byte{2}, binary.AppendUvarint(nil, MaxDocumentChars-1)...), 5*3),
	} {
		var w Words
		if err := w.Decode(b); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", name, err)
		}
	}
}

// BenchmarkWordsIndex indexes Finnish interview text with punctuation
// and speaker labels.
func BenchmarkWordsIndex(b *testing.B) {
	text := strings.Repeat("H: Miten kävi, kun haitte toimeentulotukea Kelasta vuonna 2019?\n\nV: No, se oli aika pitkä prosessi — odotin päätöstä kuusi viikkoa. ", 5000)
	var w Words
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		w.Index(text)
	}
}
