package codebooks

import (
	"fmt"
	"strings"

	"github.com/toituavain/avain/coding"
)

// Problem is one thing wrong with a codebook file.
type Problem struct {
	File string
	Line int // 1-based; 0 when the problem has no single line
	Msg  string
}

// String formats the problem as "file:line: msg".
func (p Problem) String() string {
	if p.Line <= 0 {
		return fmt.Sprintf("%s: %s", p.File, p.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
}

// Error lists every problem found in a codebook file, in line order.
// errors.Is(err, coding.ErrInvalid) is true for it.
type Error struct {
	Problems []Problem
}

// Error prints one problem per line.
func (e *Error) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Unwrap makes errors.Is(err, coding.ErrInvalid) true.
func (e *Error) Unwrap() error { return coding.ErrInvalid }
