package tui

import (
	"fmt"
	"image/color"
	"slices"
	"sort"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/toituavain/avain/coding"
)

// codedRun is a stretch of the document's text covered by the same
// codings. The runs of a document are computed when its codings change
// (buildRuns), so that drawing a line only walks the runs it holds.
type codedRun struct {
	start, end int    // code points, end exclusive
	inner      int32  // index in Reader.codings of the shortest coding covering it
	depth      int32  // how many codings cover it
	codes      uint64 // bit i: the code of gutter rank i covers it (ranks past 63 share bit 63)
}

// buildRuns returns the runs of text covered by codings, sorted and
// disjoint; text no coding covers has no run. rank gives each code's
// place in the gutter.
func buildRuns(codings []*coding.Coding, rank map[string]int) []codedRun {
	type edge struct {
		pos int
		i   int32 // coding index; negative (-i-1) where it ends
	}
	edges := make([]edge, 0, 2*len(codings))
	for i, c := range codings {
		if c.End > c.Start {
			edges = append(edges, edge{c.Start, int32(i)}, edge{c.End, -int32(i) - 1})
		}
	}
	slices.SortFunc(edges, func(a, b edge) int { return a.pos - b.pos })
	var runs []codedRun
	var active []int32
	for k := 0; k < len(edges); {
		pos := edges[k].pos
		for ; k < len(edges) && edges[k].pos == pos; k++ {
			if i := edges[k].i; i >= 0 {
				active = append(active, i)
			} else {
				active = slices.DeleteFunc(active, func(a int32) bool { return a == -i-1 })
			}
		}
		if len(active) == 0 || k == len(edges) {
			continue
		}
		run := codedRun{start: pos, end: edges[k].pos, inner: active[0], depth: int32(len(active))}
		for _, i := range active {
			c, in := codings[i], codings[run.inner]
			if n, m := c.End-c.Start, in.End-in.Start; n < m || n == m && c.Created.After(in.Created) {
				run.inner = i
			}
			run.codes |= 1 << min(rank[c.CodeID], 63)
		}
		runs = append(runs, run)
	}
	return runs
}

// runAt returns the index of the first run that ends after p.
func runAt(runs []codedRun, p int) int {
	return sort.Search(len(runs), func(i int) bool { return runs[i].end > p })
}

// spanLook is how one code's coded text is drawn: covered by one coding,
// by several (overlap), and as the focused coding's extent.
type spanLook struct{ one, overlap, focus, focusOverlap ansiStyle }

// colourless reports whether profile p draws no colours (NO_COLOR) or
// only 16, where a tint of a code's colour is lost or turns into a
// clashing one: coded text is then drawn with underline, bold and
// reverse alone.
func colourless(p colorprofile.Profile) bool {
	return p == colorprofile.ANSI || p == colorprofile.ASCII || p == colorprofile.NoTTY
}

// buildLooks compiles each code's span looks for the terminal's colour
// profile and background. In colour, coded text has a tint of its code's
// colour as background, underlined where codings overlap (the shortest
// one's colour is shown), and the focused coding has its code's full
// colour, bold. Without colour, coded text is underlined, bold where
// codings overlap, and the focused coding reversed.
func (r *Reader) buildLooks() {
	st := r.c.Styles
	base := st.Text
	r.looks = make(map[string]*spanLook, len(r.order))
	if colourless(r.profile) {
		r.look.selection = compile(base.Reverse(true))
		r.look.caretIn = compile(base.Bold(true).Underline(true))
		l := &spanLook{one: compile(base.Underline(true)), overlap: compile(base.Underline(true).Bold(true)),
			focus: compile(base.Reverse(true)), focusOverlap: compile(base.Reverse(true).Underline(true))}
		for _, id := range r.order {
			r.looks[id] = l
		}
		return
	}
	r.look.caretIn = r.look.caret
	for _, id := range r.order {
		col := color.Color(lipgloss.Color("#808080"))
		if r.codebook != nil {
			if c := r.codebook.Code(id); c != nil && coding.ValidColor(c.Color) {
				col = lipgloss.Color(c.Color)
			}
		}
		tint := base.Background(mix(col, st.Dark))
		focus := lipgloss.NewStyle().Background(col).Foreground(contrast(col)).Bold(true)
		r.looks[id] = &spanLook{one: compile(tint), overlap: compile(tint.Underline(true)),
			focus: compile(focus), focusOverlap: compile(focus.Underline(true))}
	}
}

// mix returns a tint of c for a background: 40 % of c over a dark
// background, 35 % over a light one, so that the text stays readable.
func mix(c color.Color, dark bool) color.Color {
	r, g, b, _ := c.RGBA()
	paper, share := 0xff, 0.35
	if dark {
		paper, share = 0x12, 0.40
	}
	m := func(v uint32) int { return int(share*float64(v>>8) + (1-share)*float64(paper) + 0.5) }
	return lipgloss.Color(fmt.Sprintf("#%02x%02x%02x", m(r), m(g), m(b)))
}

// contrast returns black or white, whichever reads better on c.
func contrast(c color.Color) color.Color {
	r, g, b, _ := c.RGBA()
	if 0.299*float64(r>>8)+0.587*float64(g>>8)+0.114*float64(b>>8) > 140 {
		return lipgloss.Color("#000000")
	}
	return lipgloss.Color("#ffffff")
}

// focus returns the coding whose extent is emphasised: the one chosen in
// the codes pane while it has the focus, else the shortest coding under
// the caret; nil while selecting or when there is none.
func (r Reader) focus() *coding.Coding {
	if r.pane {
		if here := r.here(); len(here) > 0 {
			return here[clamp(r.paneSel, 0, len(here)-1)]
		}
		return nil
	}
	if r.anchor >= 0 {
		return nil
	}
	if k := runAt(r.runs, r.pos); k < len(r.runs) && r.runs[k].start <= r.pos {
		return r.codings[r.runs[k].inner]
	}
	return nil
}

// Kinds of drawn character, in the order they win.
const (
	drawBase = iota
	drawCaret
	drawCaretIn // the caret inside a reversed stretch (colourless)
	drawSelection
	drawFocus
	drawFocusOverlap
	drawCoded
	drawOverlap
)

// writeText draws text, the part of line l shown, in runs of one style:
// the caret, the selection, the extent of f (the focused coding, or nil)
// and the coded runs over the line's base style.
func (r Reader) writeText(b *strings.Builder, l line, text string, base ansiStyle, cur bool, f *coding.Coding) {
	sel, selecting := r.Selection()
	caret := r.caret()
	runs := r.runs
	k := runAt(runs, l.start)
	touched := cur && caret >= l.start && caret < l.end || selecting && sel.Start < l.end && sel.End > l.start
	var fs coding.Span
	var fl *spanLook
	if f != nil && f.Start < l.end && f.End > l.start {
		fs, fl, touched = f.Span(), r.looks[f.CodeID], true
	}
	if !touched && (k == len(runs) || runs[k].start >= l.end) {
		put(b, base, text) // nothing on this line but its text
		return
	}
	colourless := colourless(r.profile)
	style := func(kind int, look *spanLook) ansiStyle {
		if look == nil && kind >= drawFocus {
			return base
		}
		switch kind {
		case drawCaret:
			return r.look.caret
		case drawCaretIn:
			return r.look.caretIn
		case drawSelection:
			return r.look.selection
		case drawFocus:
			return look.focus
		case drawFocusOverlap:
			return look.focusOverlap
		case drawCoded:
			return look.one
		case drawOverlap:
			return look.overlap
		}
		return base
	}
	var runLook, look *spanLook
	runLookOf := -1
	from, kind, i := 0, -1, 0
	for pos := range text {
		p := l.start + i
		for k < len(runs) && runs[k].end <= p {
			k++
		}
		inRun := k < len(runs) && runs[k].start <= p
		overlap := inRun && runs[k].depth > 1
		kd, lk := drawBase, (*spanLook)(nil)
		inFocus := p >= fs.Start && p < fs.End
		switch {
		case cur && p == caret:
			kd = drawCaret
			if selecting || colourless && inFocus {
				kd = drawCaretIn
			}
		case selecting && p >= sel.Start && p < sel.End:
			kd = drawSelection
		case inFocus:
			kd, lk = drawFocus, fl
			if overlap {
				kd = drawFocusOverlap
			}
		case inRun:
			if runLookOf != k {
				runLook, runLookOf = r.looks[r.codings[runs[k].inner].CodeID], k
			}
			kd, lk = drawCoded, runLook
			if overlap {
				kd = drawOverlap
			}
		}
		if kd != kind || lk != look {
			if kind >= 0 {
				put(b, style(kind, look), text[from:pos])
			}
			from, kind, look = pos, kd, lk
		}
		i++
	}
	if kind >= 0 {
		put(b, style(kind, look), text[from:])
	}
}

// put writes text in style st to b (nothing when text is empty).
func put(b *strings.Builder, st ansiStyle, text string) {
	if text != "" {
		b.WriteString(st.open)
		b.WriteString(text)
		b.WriteString(st.close)
	}
}
