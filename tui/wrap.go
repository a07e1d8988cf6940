package tui

import (
	"sort"

	"github.com/charmbracelet/x/ansi"
)

// line is one wrapped screen line of a turn.
type line struct {
	turn       int    // index into the turns shown
	first      bool   // the turn's first line, which shows the speaker
	text       string // plain text
	start, end int    // code-point span of text in the document
	cells      int    // the text's width in cells
}

// textWidth is the width left for text after the cursor mark, the gutter,
// the speaker column and a side pane on the right.
func (r Reader) textWidth() int {
	w := r.c.Width
	if r.wide() {
		w -= r.paneW() + 2
	}
	return max(8, w-1-r.slots-1-r.speakerW-1)
}

// lines returns the document's wrapped lines for the current width,
// wrapping once per width.
func (r *Reader) lines() []line {
	if r.doc == nil || r.c.Width <= 0 {
		return nil
	}
	w := r.textWidth()
	if ls, ok := r.cache[w]; ok {
		return ls
	}
	if len(r.cache) >= 8 { // many resizes: drop the old widths
		clear(r.cache)
	}
	var ls []line
	for i, t := range r.txt.turns {
		first := true
		for _, l := range wrap(r.txt.r, t.Start, t.End, w) {
			l.turn, l.first = i, first
			first = false
			ls = append(ls, l)
		}
	}
	r.cache[w] = ls
	return ls
}

// lineAt returns the index of the line holding code point p (the next
// line when p falls between lines).
func (r *Reader) lineAt(p int) int {
	ls := r.lines()
	i := sort.Search(len(ls), func(i int) bool { return ls[i].end > p || ls[i].start >= p })
	return clamp(i, 0, len(ls)-1)
}

// wrap splits text[start:end] into lines of at most w cells, breaking at
// spaces and at newlines, and cutting words longer than a line.
func wrap(text []rune, start, end, w int) []line {
	var out []line
	emit := func(s, e int) {
		out = append(out, line{text: string(text[s:e]), start: s, end: e, cells: runesWidth(text[s:e])})
	}
	ls, width, lastSpace := start, 0, -1
	for i := start; i < end; i++ {
		c := text[i]
		if c == '\n' {
			emit(ls, i)
			ls, width, lastSpace = i+1, 0, -1
			continue
		}
		cw := runeWidth(c)
		if width+cw > w && i > ls {
			if c == ' ' {
				emit(ls, i)
				ls, width, lastSpace = i+1, 0, -1
				continue
			}
			brk := i
			if lastSpace > ls {
				brk = lastSpace
			}
			emit(ls, brk)
			if brk == lastSpace {
				ls = brk + 1
			} else {
				ls = brk
			}
			width, lastSpace = runesWidth(text[ls:i]), -1
		}
		if c == ' ' {
			lastSpace = i
		}
		width += cw
	}
	if ls < end || len(out) == 0 {
		emit(ls, end)
	}
	return out
}

// runeWidth is the cells c takes: one for the printable characters below
// U+0300 (Latin, Finnish and Swedish letters, punctuation), which are
// most of a transcript, measured by ansi.StringWidth otherwise.
func runeWidth(c rune) int {
	if c >= 0x20 && c < 0x7f || c >= 0xa0 && c < 0x300 {
		return 1
	}
	return max(0, ansi.StringWidth(string(c)))
}

// runesWidth is the cells rs takes, as ansi.StringWidth measures them.
func runesWidth(rs []rune) int {
	for _, c := range rs {
		if runeWidth(c) != 1 { // a wide or combining character: measure graphemes
			return ansi.StringWidth(string(rs))
		}
	}
	return len(rs)
}
