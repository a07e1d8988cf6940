package search

import (
	"strings"
	"unicode"
)

// Snippet sizes, in code points.
const (
	snippetLen    = 160 // the most of a turn a snippet shows
	snippetBefore = 50  // context kept before the first match
)

const ellipsis = "…"

// snippet returns about snippetLen code points of text around the first of
// spans (code-point spans, sorted, not overlapping), on one line with runs
// of white space collapsed, cut at word boundaries with "…" where text goes
// on; and the spans inside it, shifted to the snippet.
func snippet(text string, spans [][2]int) (string, [][2]int) {
	r := []rune(text)
	from, to := window(r, spans)
	for from < to && unicode.IsSpace(r[from]) {
		from++
	}
	for to > from && unicode.IsSpace(r[to-1]) {
		to--
	}

	var b strings.Builder
	b.Grow(4 * (to - from + 2))
	pos := make([]int, to-from+1) // pos[i]: index in the snippet of r[from+i]
	n := 0
	cutBefore, cutAfter := !blank(r[:from]), !blank(r[to:])
	if cutBefore {
		b.WriteString(ellipsis)
		n++
	}
	space := false
	for i := from; i < to; i++ {
		pos[i-from] = n
		if unicode.IsSpace(r[i]) {
			if !space {
				b.WriteByte(' ')
				n++
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r[i])
		n++
	}
	pos[to-from] = n
	if cutAfter {
		b.WriteString(ellipsis)
	}

	var marks [][2]int
	for _, sp := range spans {
		if sp[0] >= from && sp[1] <= to {
			marks = append(marks, [2]int{pos[sp[0]-from], pos[sp[1]-from]})
		}
	}
	return b.String(), marks
}

// window chooses the code points [from, to) of r a snippet shows: the whole
// of a short turn, else snippetLen code points that start a little before
// the first span, moved inwards to word boundaries.
func window(r []rune, spans [][2]int) (from, to int) {
	if len(r) <= snippetLen {
		return 0, len(r)
	}
	first := [2]int{0, 0}
	if len(spans) > 0 {
		first = spans[0]
	}
	from = max(0, first[0]-snippetBefore)
	to = min(len(r), from+snippetLen)
	if to == len(r) {
		from = max(0, to-snippetLen)
	}
	to = max(to, first[1]) // a very long first match is shown whole
	if from > 0 && !unicode.IsSpace(r[from-1]) {
		for i := from; i < first[0]; i++ {
			if unicode.IsSpace(r[i]) {
				from = i + 1
				break
			}
		}
	}
	if to < len(r) && !unicode.IsSpace(r[to]) {
		for i := to - 1; i > first[1]; i-- {
			if unicode.IsSpace(r[i]) {
				to = i
				break
			}
		}
	}
	return from, to
}

// blank reports whether r is all white space.
func blank(r []rune) bool {
	for _, c := range r {
		if !unicode.IsSpace(c) {
			return false
		}
	}
	return true
}
