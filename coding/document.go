package coding

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Interview kinds a document may have.
const (
	KindClient       = "client"
	KindProfessional = "professional"
	KindOther        = "other"
)

// Kinds lists the valid interview kinds in display order.
var Kinds = []string{KindClient, KindProfessional, KindOther}

// ValidKind reports whether k is one of Kinds.
func ValidKind(k string) bool {
	for _, v := range Kinds {
		if v == k {
			return true
		}
	}
	return false
}

// Languages a document may have.
const (
	LangFinnish = "fi"
	LangEnglish = "en"
)

// Record holds what every record a team member creates carries: a UUID,
// its author and its times. Deleted records are tombstoned, never removed.
type Record struct {
	ID      string
	Coder   string
	Created time.Time
	Updated time.Time
	Deleted bool
}

// Turn is one speaker turn of a document: a span of its text.
type Turn struct {
	N       int    // 1-based number within the document
	Speaker string // "" when the transcript names no speaker
	Start   int    // code-point offset of the turn's first character
	End     int    // code-point offset just past the turn's last character
	// Time and TimeEnd are the turn's timestamps in the recording when the
	// transcript gives them (HasTime); TimeEnd is zero when only a start is known.
	Time    time.Duration
	TimeEnd time.Duration
	HasTime bool
}

// Document is one imported transcript. Its Text is immutable after import:
// NFC, with line ends normalised to "\n".
type Document struct {
	Record
	Name   string            // display name, usually the file's base name
	Kind   string            // one of Kinds
	Lang   string            // LangFinnish or LangEnglish
	Text   string            // the whole normalised text
	Hash   string            // ContentHash(Text)
	Format string            // the source format: txt, md, docx, odt, vtt, srt
	Attrs  map[string]string // document attributes such as region
	Turns  []Turn
}

// ContentHash is the hex SHA-256 of a normalised text; the same transcript
// imported twice has the same hash.
func ContentHash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// RuneLen returns the length of s in code points.
func RuneLen(s string) int { return utf8.RuneCountInString(s) }

// Slice returns the code points [start, end) of s. Out-of-range bounds are
// clamped.
func Slice(s string, start, end int) string {
	if start < 0 {
		start = 0
	}
	if end <= start {
		return ""
	}
	i, bs, be := 0, len(s), len(s)
	for b := range s {
		if i == start {
			bs = b
		}
		if i == end {
			be = b
			break
		}
		i++
	}
	if bs > be {
		return ""
	}
	return s[bs:be]
}

// TurnText returns the text of turn t of d.
func (d *Document) TurnText(t Turn) string { return Slice(d.Text, t.Start, t.End) }

// Words counts the words of d's turns (of its whole text when it has none).
func (d *Document) Words() int {
	if len(d.Turns) == 0 {
		return CountWords(d.Text)
	}
	// Through an index of the text (a few bytes for every 64 code points),
	// not a Slice per turn from the start, nor a copy of the text as runes
	// (four bytes a letter: 76 MB for a 19 MB interview).
	x := NewTextIndex(d.Text)
	n := 0
	for _, t := range d.Turns {
		if t.Start >= 0 && t.Start <= t.End && t.End <= x.runes {
			n += CountWords(x.Slice(t.Start, t.End))
		}
	}
	return n
}

// CountWords counts runs of letters or digits in s.
func CountWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r)
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

// TextIndex slices a text by code-point offsets without holding it as
// runes (four bytes each): it marks the byte offset of every 64th code
// point.
type TextIndex struct {
	text  string
	marks []int32
	runes int
}

// NewTextIndex indexes text.
func NewTextIndex(text string) TextIndex {
	x := TextIndex{text: text}
	r := 0
	for b := range text {
		if r%64 == 0 {
			x.marks = append(x.marks, int32(b))
		}
		r++
	}
	x.runes = r
	return x
}

// byteAt returns the byte offset of code point r (0 ≤ r ≤ the text's length).
func (x TextIndex) byteAt(r int) int {
	if r >= x.runes {
		return len(x.text)
	}
	b := int(x.marks[r/64])
	for i := r % 64; i > 0; i-- {
		_, size := utf8.DecodeRuneInString(x.text[b:])
		b += size
	}
	return b
}

// Slice returns code points [start, end) of the text, or "" when the span
// is empty or outside it.
func (x TextIndex) Slice(start, end int) string {
	if start < 0 || end > x.runes || start >= end {
		return ""
	}
	return x.text[x.byteAt(start):x.byteAt(end)]
}

// Words are the words of a text (as CountWords finds them) by code-point
// position, for counting the words of many spans of one text quickly.
type Words struct{ start, end []int32 }

// IndexWords finds the words of text.
func IndexWords(text string) Words {
	var w Words
	w.Index(text)
	return w
}

// In returns how many words sp covers at least part of: CountWords of the
// span's text, in logarithmic time.
func (w Words) In(sp Span) int {
	r := w.Range(sp)
	return r.End - r.Start
}

// Range returns the words sp covers at least part of as a range of word
// numbers, [first, past the last), counted from 0: the words ending after
// sp.Start up to those starting at or after sp.End. An empty span, or one
// between two words, is an empty range. Where spans sorted by start are
// merged, the merged span's range runs from the first one's start to the
// furthest end of theirs: In of the merged span is its length.
func (w Words) Range(sp Span) Span {
	first, _ := slices.BinarySearch(w.end, int32(sp.Start)+1)
	if sp.End <= sp.Start {
		return Span{Start: first, End: first}
	}
	last, _ := slices.BinarySearch(w.start, int32(sp.End))
	return Span{Start: first, End: max(first, last)}
}

// Validate checks d's invariants: a name, a known kind, non-empty text, and
// turns numbered from 1 that lie inside the text in order without overlap.
// Its name, attribute keys and values and speakers are each one line of
// text without control characters (ValidLine).
func (d *Document) Validate() error {
	if strings.TrimSpace(d.Name) == "" {
		return fmt.Errorf("%w: document has no name", ErrInvalid)
	}
	if err := ValidLine("document name", d.Name); err != nil {
		return err
	}
	for _, k := range slices.Sorted(maps.Keys(d.Attrs)) {
		if err := ValidLine("attribute name", k); err != nil {
			return err
		}
		if err := ValidLine("attribute "+Escape(k)+" value", d.Attrs[k]); err != nil {
			return err
		}
	}
	if !ValidKind(d.Kind) {
		return fmt.Errorf("%w: unknown interview kind %q (want client, professional or other)", ErrInvalid, d.Kind)
	}
	if strings.TrimSpace(d.Text) == "" {
		return fmt.Errorf("%w: document %s has no text", ErrInvalid, d.Name)
	}
	n, prev := RuneLen(d.Text), 0
	for i, t := range d.Turns {
		if t.N != i+1 {
			return fmt.Errorf("%w: turn %d is numbered %d", ErrInvalid, i+1, t.N)
		}
		if t.Start < prev || t.End <= t.Start || t.End > n {
			return fmt.Errorf("%w: turn %d span [%d,%d) is outside the text or overlaps", ErrInvalid, t.N, t.Start, t.End)
		}
		if err := ValidLine(fmt.Sprintf("speaker of turn %d", t.N), t.Speaker); err != nil {
			return err
		}
		prev = t.End
	}
	return nil
}
