package coding

import "fmt"

// Coding applies a code to a span of a document: the core act of
// qualitative coding.
type Coding struct {
	Record
	DocumentID string
	CodeID     string
	Start, End int // code points into the document's text, end exclusive
	Memo       string
}

// Span is a code-point range [Start, End) of a document's text.
type Span struct{ Start, End int }

// Len returns the span's length in code points.
func (s Span) Len() int { return s.End - s.Start }

// Overlaps reports whether s and o share at least one code point.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// Contains reports whether the code point at p lies in s.
func (s Span) Contains(p int) bool { return p >= s.Start && p < s.End }

// Span returns the coding's span.
func (c *Coding) Span() Span { return Span{c.Start, c.End} }

// ValidateSpan checks that [start, end) is a non-empty span inside a text of
// textLen code points.
func ValidateSpan(start, end, textLen int) error {
	switch {
	case start < 0 || end > textLen:
		return fmt.Errorf("%w: span [%d,%d) lies outside the text (0 to %d)", ErrInvalid, start, end, textLen)
	case end <= start:
		return fmt.Errorf("%w: span [%d,%d) is empty", ErrInvalid, start, end)
	}
	return nil
}

// TurnSpan returns the span of turn n (1-based) of d.
func (d *Document) TurnSpan(n int) (Span, error) {
	if n < 1 || n > len(d.Turns) {
		return Span{}, fmt.Errorf("%w: document %s has turns 1 to %d, not %d", ErrInvalid, d.Name, len(d.Turns), n)
	}
	t := d.Turns[n-1]
	return Span{t.Start, t.End}, nil
}

// TurnAt returns the number of the turn that holds code point p, or 0 when
// p lies between turns (in a label, say).
func (d *Document) TurnAt(p int) int {
	lo, hi := 0, len(d.Turns)
	for lo < hi {
		m := (lo + hi) / 2
		switch t := d.Turns[m]; {
		case p < t.Start:
			hi = m
		case p >= t.End:
			lo = m + 1
		default:
			return t.N
		}
	}
	return 0
}

// MemoTarget names what a memo is written on.
type MemoTarget string

// The things a memo can be written on.
const (
	MemoCoding   MemoTarget = "coding"
	MemoDocument MemoTarget = "document"
	MemoCode     MemoTarget = "code"
)
