package tui

import (
	"fmt"
	"math"
	"strings"

	"github.com/toituavain/avain/coding"
)

// View draws the title, the lines with both coders' gutters, and two
// lines on the disagreement shown.
func (v CompareView) View() string {
	w, h, st := v.c.Width, v.c.Height, v.c.Styles
	if w <= 0 || h <= 0 {
		return ""
	}
	if v.doc == nil {
		return fit(st.Dim.Render("No document to compare: open one in the reader and press C."), w, h)
	}
	title := st.Title.Render("Compare · "+v.doc.Name) + st.Dim.Render(" · "+v.focusName())
	if v.loading && v.codings == nil {
		return fit(title+"\n"+st.Dim.Render("Loading…"), w, h)
	}
	if v.b == "" {
		msg := "Nobody has coded this document yet."
		if v.a != "" {
			msg = "Only " + v.a + " has coded this document. Merge a copy coded by someone else (avain merge) to compare."
		}
		return fit(title+"\n"+strings.Join(wrapWords(msg, max(1, w), h), "\n"), w, h)
	}
	who := st.Dim.Render("left ") + st.Header.Render(v.a) + st.Dim.Render(" · right ") + st.Header.Render(v.b) +
		st.Dim.Render(fmt.Sprintf(" · %s · turns %s", pluralize(len(v.diffs), "disagreement"), agreementSummary(v.table)))
	parts := []string{title, who}
	curTurn := -1
	if v.cur >= 0 {
		curTurn = v.diffs[v.cur].turn
	}
	differs := map[int]bool{}
	for _, d := range v.diffs {
		differs[d.turn] = true
	}
	rows := v.rows()
	end := min(len(v.lines), v.offset+rows)
	for i := v.offset; i < end; i++ {
		l := v.lines[i]
		parts = append(parts, v.renderLine(l, l.turn == curTurn, differs[l.turn]))
	}
	for i := end - v.offset; i < rows; i++ {
		parts = append(parts, "")
	}
	parts = append(parts, v.details(w)...)
	return fit(strings.Join(parts, "\n"), w, h)
}

// focusName says which codes are compared.
func (v CompareView) focusName() string {
	if v.focus == "" {
		return "every code"
	}
	return v.codeName(v.focus)
}

// details are the two lines under the text: the disagreement shown, and
// the agreement on its code over the document.
func (v CompareView) details(w int) []string {
	st := v.c.Styles
	if v.cur < 0 {
		return []string{st.Header.Render(fmt.Sprintf("%s and %s agree on every turn of this document", v.a, v.b)), ""}
	}
	d := v.diffs[v.cur]
	t := v.txt.turns[d.turn]
	yes, no := v.a, v.b
	if !d.byA {
		yes, no = v.b, v.a
	}
	sw := v.stripe[d.code].render("▌")
	first := st.Header.Render(fmt.Sprintf("%d/%d · turn %d", v.cur+1, len(v.diffs), t.N)) + " " + sw +
		st.Text.Render(fmt.Sprintf("%s: %s coded it, %s did not", v.codeName(d.code), yes, no))
	second := st.Dim.Render(fmt.Sprintf("this code over the document's %d turns: %s", len(v.txt.turns), agreementSummary(v.byCode[d.code])))
	return []string{first, second}
}

// agreementSummary is "92.0% agreement · κ 0.71", with "–" for a kappa
// that is not defined.
func agreementSummary(a coding.Agreement) string {
	k := "–"
	if x := a.Kappa(); !math.IsNaN(x) {
		k = fmt.Sprintf("%.2f", x)
	}
	p := "–"
	if x := a.Percent(); !math.IsNaN(x) {
		p = fmt.Sprintf("%.1f%%", 100*x)
	}
	return p + " agreement · κ " + k
}

// renderLine draws one line: a mark (› on the disagreement shown, ≠ on
// other turns with one), the left and the right coder's stripes, the
// speaker and the text.
func (v CompareView) renderLine(l line, cur, differs bool) string {
	lk := v.look
	var b strings.Builder
	switch {
	case cur:
		b.WriteString(lk.mark.render("›"))
	case differs:
		b.WriteString(lk.differs.render("≠"))
	default:
		b.WriteString(" ")
	}
	var missing string // the code of the disagreement shown, drawn on the side without it
	var missingA bool
	if cur && v.cur >= 0 {
		missing, missingA = v.diffs[v.cur].code, !v.diffs[v.cur].byA
	}
	v.gutter(&b, l, v.a, missing, missingA)
	b.WriteString(lk.rule.render("┊"))
	v.gutter(&b, l, v.b, missing, !missingA)
	b.WriteString(" ")
	writeSpeaker(&b, lk.speaker, v.txt, l, v.speakerW)
	style := lk.text
	if cur {
		style = lk.cur
	}
	b.WriteString(style.render(pad(l.text, v.textWidth())))
	return b.String()
}

// gutter draws coder who's stripes on line l, one column per code; on
// the side that lacks it, the code of the disagreement shown is a dot.
func (v CompareView) gutter(b *strings.Builder, l line, who, missing string, lacks bool) {
	if v.slots == 0 {
		return
	}
	var cells [maxStripes]string
	span := coding.Span{Start: l.start, End: max(l.end, l.start+1)}
	for _, c := range v.codings {
		if c.Coder != who || !c.Span().Overlaps(span) {
			continue
		}
		if i, ok := v.slot[c.CodeID]; ok && cells[i] == "" {
			cells[i] = v.stripe[c.CodeID].render("▌")
		}
	}
	if missing != "" && lacks {
		if i, ok := v.slot[missing]; ok && cells[i] == "" {
			cells[i] = v.stripe[missing].render("·")
		}
	}
	for _, c := range cells[:v.slots] {
		if c == "" {
			c = " "
		}
		b.WriteString(c)
	}
}
