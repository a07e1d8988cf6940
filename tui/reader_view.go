package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
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
	text := make([]string, 0, rows)
	end := min(len(ls), r.offset+rows)
	for i := r.offset; i < end; i++ {
		text = append(text, r.renderLine(ls[i], i == cur))
	}
	body := fit(strings.Join(text, "\n"), r.textBoxWidth(), rows)
	if r.wide() {
		rule := strings.Repeat(st.Dim.Render("│")+"\n", max(0, rows-1)) + st.Dim.Render("│")
		body = lipgloss.JoinHorizontal(lipgloss.Top, body, rule, r.paneView(paneWidth, rows))
	}
	parts := []string{title, body}
	if ph := r.bottomPane(); ph > 0 {
		parts = append(parts, r.paneView(w, ph))
	}
	switch {
	case r.pick != pickNone:
		parts = append(parts, fit(r.picker.View(), w, r.overlayHeight()))
	case r.jumping:
		parts = append(parts, st.Filter.Render(fmt.Sprintf("Go to turn (1–%d): %s▏", len(r.txt.turns), r.jumpTo)))
	}
	return fit(strings.Join(parts, "\n"), w, h)
}

// textBoxWidth is the width of the text column, gutter and speaker
// included.
func (r Reader) textBoxWidth() int {
	if r.wide() {
		return r.c.Width - paneWidth - 1
	}
	return r.c.Width
}

// renderLine draws one line: cursor mark, stripes, speaker, and the text
// with the selection and the caret shown.
func (r Reader) renderLine(l line, cur bool) string {
	st := r.c.Styles
	var b strings.Builder
	if cur {
		b.WriteString(st.Speaker.Render("›"))
	} else {
		b.WriteString(" ")
	}
	b.WriteString(r.gutter(l))
	b.WriteString(" ")
	sp := ""
	if l.first {
		sp = r.txt.turns[l.turn].Speaker
	}
	b.WriteString(st.Speaker.Render(pad(sp, r.speakerW)))
	if r.speakerW > 0 {
		b.WriteString(" ")
	}
	base := st.Text
	if cur {
		base = st.CursorLine
	}
	sel, selecting := r.Selection()
	caret := r.caret()
	// Runs of code points drawn in one style: the line's, the selection's
	// or the caret's.
	styles := [3]lipgloss.Style{base, st.Selection, st.Caret}
	width, style := 0, -1
	var run strings.Builder
	flush := func() {
		if run.Len() > 0 {
			b.WriteString(styles[style].Render(run.String()))
			run.Reset()
		}
	}
	for p := l.start; p < l.end; p++ {
		s := 0
		switch {
		case cur && p == caret:
			s = 2
		case selecting && p >= sel.Start && p < sel.End:
			s = 1
		}
		if s != style {
			flush()
			style = s
		}
		c := r.txt.r[p]
		run.WriteRune(c)
		width += max(0, lipgloss.Width(string(c)))
	}
	flush()
	if cur && caret >= l.end && l.start == l.end {
		b.WriteString(st.Caret.Render(" "))
		width++
	}
	if rest := r.textWidth() - width; rest > 0 {
		b.WriteString(base.Render(strings.Repeat(" ", rest)))
	}
	return b.String()
}

// gutter draws one stripe per code whose codings cover part of l.
func (r Reader) gutter(l line) string {
	if r.slots == 0 {
		return ""
	}
	cells := make([]string, r.slots)
	span := coding.Span{Start: l.start, End: max(l.end, l.start+1)}
	for _, c := range r.codings {
		if !c.Span().Overlaps(span) {
			continue
		}
		if i, ok := r.slot[c.CodeID]; ok && cells[i] == "" {
			cells[i] = r.stripe[c.CodeID].Render("▌")
		}
	}
	for i, c := range cells {
		if c == "" {
			cells[i] = " "
		}
	}
	return strings.Join(cells, "")
}

// paneView draws the side pane: the codings on the cursor line with
// their coder and memo, then the document's memo.
func (r Reader) paneView(w, h int) string {
	st := r.c.Styles
	var b []string
	here := r.here()
	head := "Codes here"
	if r.pane {
		head = "› " + head
	}
	b = append(b, st.Header.Render(head))
	if len(here) == 0 {
		b = append(b, st.Dim.Render("none on this line"))
	}
	for i, c := range here {
		mark, style := " ", st.Row
		if r.pane && i == r.paneSel {
			mark, style = "›", st.Selected
		}
		sw := r.stripe[c.CodeID].Render("▌")
		b = append(b, mark+sw+style.Render(pad(" "+r.codeName(c.CodeID), max(0, w-2))))
		info := fmt.Sprintf("   %s · %s", c.Coder, r.where(c.Span()))
		b = append(b, st.Dim.Render(info))
		if c.Memo != "" {
			for _, l := range wrapWords(c.Memo, max(1, w-3), 3) {
				b = append(b, "   "+st.Text.Render(l))
			}
		}
	}
	if r.memo != "" {
		b = append(b, "", st.Header.Render("Document memo"))
		for _, l := range wrapWords(r.memo, max(1, w), 4) {
			b = append(b, st.Text.Render(l))
		}
	}
	return fit(strings.Join(b, "\n"), w, h)
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
	case r.pick != pickNone:
		return r.picker.FullHelp()
	case r.jumping:
		return [][]key.Binding{{r.c.Keys.Choose, r.c.Keys.Cancel}}
	}
	k := r.keys()
	if r.pane {
		return [][]key.Binding{{k.Up, k.Down, k.Open}, {k.Remove, k.Recode, k.Memo, k.Pane}}
	}
	return [][]key.Binding{
		{k.Up, k.Down, k.WordNext, k.WordPrev, k.SentenceNext, k.SentencePrev},
		{k.TurnNext, k.TurnPrev, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.GoTo, k.Select, k.Code, k.Shortcut, k.Repeat, k.Back},
		{k.Remove, k.Recode, k.Memo, k.DocMemo, k.Pane},
	}
}
