package tui

import (
	"fmt"
	"math/bits"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
	"github.com/toituavain/avain/coding"
)

// View renders the title, the visible lines, the side pane and, under
// them, the picker or the go-to prompt.
func (r Reader) View() string {
	w, h, st := r.c.Width, r.c.Height, r.c.Styles
	if w <= 0 || h <= 0 {
		return ""
	}
	if r.doc == nil {
		msg := "No document open."
		if r.loading != "" {
			msg = "Loading…"
		}
		return fit(st.Dim.Render(msg), w, h)
	}
	ls := r.lines()
	cur := r.cursorLine()
	t := r.txt.turns[r.txt.turnIndex(r.caret())]
	title := st.Title.Render(r.doc.Name) + st.Dim.Render(fmt.Sprintf(" · %s · turn %d/%d · %d codings · line %d/%d",
		r.doc.Kind, t.N, len(r.txt.turns), len(r.codings), cur+1, len(ls)))
	rows := r.rows()
	var b strings.Builder // one buffer for the title and the text lines
	b.Grow((rows + 1) * (w + 16) * 4)
	b.WriteString(title)
	focus := r.focus() // the coding whose extent is emphasised
	var pane []string
	rule := ""
	if r.wide() { // each text line is exactly the text box wide, then the pane
		rule = " " + r.look.dim.render("│")
		pane = strings.Split(r.paneView(r.paneW(), rows), "\n")
	}
	for i := range rows {
		b.WriteByte('\n')
		switch n := r.offset + i; {
		case n < len(ls):
			r.renderLine(&b, ls[n], n == cur, focus)
		case pane != nil:
			b.WriteString(strings.Repeat(" ", r.textBoxWidth()))
		}
		if pane != nil {
			b.WriteString(rule)
			b.WriteString(pane[i])
		}
	}
	parts := []string{b.String()}
	if ph := r.bottomPane(); ph > 0 {
		parts = append(parts, r.paneView(w, ph))
	}
	switch {
	case r.pick != pickNone:
		parts = append(parts, fit(r.picker.View(), w, r.overlayHeight()))
	case r.jumping:
		prompt := fmt.Sprintf("Go to turn (1–%d): ", len(r.txt.turns))
		parts = append(parts, st.Filter.Render(prompt+fieldView(r.jump, w-ansi.StringWidth(prompt))))
	}
	return fit(strings.Join(parts, "\n"), w, h)
}

// textBoxWidth is the width of the text column, gutter and speaker
// included.
func (r Reader) textBoxWidth() int {
	if r.wide() {
		return r.c.Width - r.paneW() - 2
	}
	return r.c.Width
}

// renderLine draws one line into b: cursor mark, stripes, speaker, and
// the text with its coded runs, the extent of focus (or nil), the
// selection and the caret shown, exactly the text box wide.
func (r Reader) renderLine(b *strings.Builder, l line, cur bool, focus *coding.Coding) {
	lk := r.look
	if cur {
		put(b, lk.speaker, "›")
	} else {
		b.WriteString(" ")
	}
	r.gutter(b, l)
	b.WriteString(" ")
	writeSpeaker(b, lk.speaker, r.txt, l, r.speakerW)
	base := lk.text
	if cur {
		base = lk.cursorLine
	}
	caret := r.caret()
	tw := r.textWidth()
	text, width := l.text, l.cells
	if width > tw { // a line is never wider than the text column, but be safe
		text, width = ansi.Truncate(text, tw, ""), tw
	}
	r.writeText(b, l, text, base, cur, focus)
	if cur && caret >= l.end && l.start == l.end {
		put(b, lk.caret, " ")
		width++
	}
	if rest := tw - width; rest > 0 {
		put(b, base, strings.Repeat(" ", rest))
	}
}

// writeSpeaker draws the speaker column of line l, w cells and a space
// (nothing when no turn names a speaker): the turn's speaker on its first
// line, blank on the others.
func writeSpeaker(b *strings.Builder, st ansiStyle, t text, l line, w int) {
	sp := ""
	if l.first {
		sp = t.turns[l.turn].Speaker
	}
	b.WriteString(st.render(pad(sp, w)))
	if w > 0 {
		b.WriteString(" ")
	}
}

// gutter draws one stripe per code whose codings cover part of l, from
// the coded runs on it; codes past the gutter's width share its last
// column, drawn in the colour of the first of them there.
func (r Reader) gutter(b *strings.Builder, l line) {
	if r.slots == 0 {
		return
	}
	var codes uint64
	end := max(l.end, l.start+1)
	for k := runAt(r.runs, l.start); k < len(r.runs) && r.runs[k].start < end; k++ {
		codes |= r.runs[k].codes
	}
	for i := range r.slots {
		here := codes >> i
		if i < maxStripes-1 {
			here &= 1
		}
		if here != 0 {
			rank := min(i+bits.TrailingZeros64(here), len(r.order)-1)
			put(b, r.stripe[r.order[rank]], "▌")
		} else {
			b.WriteByte(' ')
		}
	}
}

// paneView draws the side pane: the codings on the cursor line with
// their code's full path (wrapped, never cut), coder and memo, then the
// document's memo. When the chosen coding would fall below the pane, the
// list scrolls to show it whole.
func (r Reader) paneView(w, h int) string {
	lk := r.look
	head := "Codes here"
	if r.pane {
		head = "› " + head
	}
	var b []string
	here := r.here()
	if len(here) == 0 {
		b = append(b, lk.dim.render("none on this line"))
	}
	from, to := 0, 0 // the chosen coding's lines in b
	for i, c := range here {
		chosen := r.pane && i == r.paneSel
		if len(b) >= h && (!r.pane || i > r.paneSel) {
			break // the rest is below the pane
		}
		mark, style := " ", lk.row
		if chosen {
			mark, style, from = "›", lk.chosen, len(b)
		}
		sw := r.stripe[c.CodeID].render("▌")
		// The first line's name starts 3 cells in (mark, stripe, space),
		// the lines after it 5 cells in.
		for j, l := range wrapName(r.codeName(c.CodeID), max(1, w-3), max(1, w-5)) {
			if j == 0 {
				b = append(b, mark+sw+style.render(pad(" "+l, max(0, w-2))))
			} else {
				b = append(b, "  "+style.render(pad("   "+l, max(0, w-2))))
			}
		}
		b = append(b, lk.dim.render(fmt.Sprintf("   %s · %s", c.Coder, r.where(c.Span()))))
		if c.Memo != "" {
			for _, l := range wrapWords(c.Memo, max(1, w-3), 3) {
				b = append(b, "   "+lk.text.render(l))
			}
		}
		if chosen {
			to = len(b)
		}
	}
	if r.memo != "" && len(b) < h {
		b = append(b, "", lk.header.render("Document memo"))
		for _, l := range wrapWords(r.memo, max(1, w), 4) {
			b = append(b, lk.text.render(l))
		}
	}
	if rows := h - 1; to > rows { // scroll the chosen coding into view
		b = b[min(from, to-rows):]
	}
	return fit(lk.header.render(head)+"\n"+strings.Join(b, "\n"), w, h)
}

// wrapName wraps a code's path to a first line of at most first cells and
// further lines of at most w cells, breaking after a "/" or at a space,
// and cutting only a word longer than a line.
func wrapName(s string, first, w int) []string {
	var out []string
	room := func() int { // the width of the line being filled
		if len(out) == 0 {
			return first
		}
		return w
	}
	line, width := "", 0
	for len(s) > 0 {
		n := strings.IndexAny(s, " /") + 1
		if n == 0 {
			n = len(s)
		}
		word := s[:n]
		s = s[n:]
		if width > 0 && width+ansi.StringWidth(strings.TrimRight(word, " ")) > room() {
			out = append(out, strings.TrimRight(line, " "))
			line, width = "", 0
		}
		for width == 0 && ansi.StringWidth(strings.TrimRight(word, " ")) > room() {
			cut := ansi.Truncate(word, room(), "")
			if cut == "" { // a character wider than the line
				_, size := utf8.DecodeRuneInString(word)
				cut = word[:size]
			}
			out = append(out, cut)
			word = word[len(cut):]
		}
		line, width = line+word, width+ansi.StringWidth(word)
	}
	if line != "" || len(out) == 0 {
		out = append(out, strings.TrimRight(line, " "))
	}
	return out
}

// wrapWords wraps s to lines of at most w cells, at most n lines (the
// last ending in "…" when cut).
func wrapWords(s string, w, n int) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		for _, l := range wrap([]rune(para), 0, len([]rune(para)), w) {
			out = append(out, l.text)
		}
	}
	if len(out) > n {
		out = out[:n]
		out[n-1] = strings.TrimRight(out[n-1], " ") + "…"
	}
	return out
}

// ShortHelp returns the reader's one-line help.
func (r Reader) ShortHelp() []key.Binding {
	switch {
	case r.confirm != nil: // confirm.go
		return []key.Binding{r.c.Keys.Yes, r.c.Keys.No}
	case r.pick != pickNone:
		return r.picker.ShortHelp()
	case r.jumping:
		return []key.Binding{r.c.Keys.Choose, r.c.Keys.Cancel}
	}
	k := r.keys()
	if r.pane {
		return []key.Binding{k.Up, k.Down, k.Remove, k.Recode, k.Memo, k.Pane}
	}
	if r.anchor >= 0 {
		return []key.Binding{k.WordNext, k.SentenceNext, k.Code, k.Back}
	}
	return []key.Binding{k.Code, k.Select, k.Pane, k.Back}
}

// FullHelp returns the reader's expanded help.
func (r Reader) FullHelp() [][]key.Binding {
	switch {
	case r.confirm != nil: // confirm.go
		return [][]key.Binding{{r.c.Keys.Yes, r.c.Keys.No}}
	case r.pick != pickNone:
		return r.picker.FullHelp()
	case r.jumping:
		return [][]key.Binding{{r.c.Keys.Choose, r.c.Keys.Cancel}}
	}
	k := r.keys()
	if r.pane {
		return [][]key.Binding{{k.Up, k.Down, k.Open}, {k.Remove, k.Recode, k.Memo, k.Pane, k.Back}}
	}
	return [][]key.Binding{
		{k.Up, k.Down, k.WordNext, k.WordPrev, k.SentenceNext, k.SentencePrev},
		{k.TurnNext, k.TurnPrev, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.GoTo, k.Select, k.Code, k.Shortcut, k.Repeat, k.InVivo, k.Back},
		{k.Remove, k.Recode, k.Memo, k.DocMemo, k.Pane, k.Compare},
	}
}
