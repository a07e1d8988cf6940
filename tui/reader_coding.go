package tui

import (
	"fmt"
	"sort"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/toituavain/avain/coding"
)

// keys returns the key map with the coding keys enabled only where they
// apply now, so that they match and show in help only then.
func (r Reader) keys() KeyMap {
	k := *r.c.Keys
	codes := r.doc != nil && r.codebook != nil && r.codebook.Len() > 0
	shortcuts := false
	if codes {
		for _, c := range r.codebook.Codes() {
			shortcuts = shortcuts || c.Shortcut != ""
		}
	}
	here := len(r.here()) > 0
	k.Code.SetEnabled(codes)
	if r.anchor >= 0 {
		k.Code.SetHelp("c", "code selection")
	}
	k.Shortcut.SetEnabled(shortcuts)
	k.Repeat.SetEnabled(codes && r.codebook.Code(r.last) != nil)
	k.Remove.SetEnabled(here)
	k.Recode.SetEnabled(here && codes)
	k.Memo.SetEnabled(here)
	k.Pane.SetEnabled(here)
	k.DocMemo.SetEnabled(r.doc != nil)
	k.Compare.SetEnabled(r.doc != nil)
	k.GoTo.SetEnabled(r.doc != nil)
	k.Select.SetEnabled(r.doc != nil)
	k.InVivo.SetEnabled(r.doc != nil && r.codebook != nil)
	return k
}

// here returns the codings that cover part of the cursor line, in the
// order of their start, newest first among equals.
func (r Reader) here() []*coding.Coding {
	ls := r.lines()
	if len(ls) == 0 {
		return nil
	}
	l := ls[r.cursorLine()]
	span := coding.Span{Start: l.start, End: max(l.end, l.start+1)}
	var out []*coding.Coding
	for _, c := range r.codings {
		if c.Span().Overlaps(span) {
			out = append(out, c)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].Created.After(out[j].Created)
	})
	return out
}

// newestHere returns the most recently made coding on the cursor line.
func (r Reader) newestHere() *coding.Coding {
	var newest *coding.Coding
	for _, c := range r.here() {
		if newest == nil || c.Created.After(newest.Created) {
			newest = c
		}
	}
	return newest
}

// codeName is a code's path for the status line and the pane.
func (r Reader) codeName(codeID string) string {
	if r.codebook != nil && r.codebook.Code(codeID) != nil {
		return r.codebook.PathString(codeID, coding.LangFinnish)
	}
	return codeID
}

// where names a span for the status line: "turn 3" or "turn 3, 5 words".
func (r Reader) where(s coding.Span) string {
	n := r.doc.TurnAt(s.Start)
	if t, err := r.doc.TurnSpan(n); err == nil && t == s {
		return fmt.Sprintf("turn %d", n)
	}
	words := 0
	for p := s.Start; p < s.End; p++ {
		if r.txt.wordAt(p, s.Start, s.End) && (p == s.Start || !r.txt.wordAt(p-1, s.Start, s.End)) {
			words++
		}
	}
	return fmt.Sprintf("turn %d, %s", n, pluralize(words, "word"))
}

// shortcut returns the code whose one-key shortcut is s, or nil.
func (r Reader) shortcut(s string) *coding.Code {
	for _, c := range r.codebook.Codes() {
		if c.Shortcut == s {
			return c
		}
	}
	return nil
}

// applyCode codes the selection, or the turn under the caret, and ends
// the selection.
func (r Reader) applyCode(code *coding.Code) (Reader, tea.Cmd) {
	if code == nil || r.doc == nil {
		return r, nil
	}
	if code.NotCodable { // a shortcut's: the selection stays
		why := categoryRefusal(r.codebook, code)
		return r, func() tea.Msg { return statusMsg(why) }
	}
	sel, span := r.codeTarget()
	label := r.where(span) + ": " + r.codeName(code.ID)
	return r, applyCodes(r.c, code, []target{{doc: r.doc, sel: sel}}, label)
}

// codeTarget returns what c codes, the selection or the turn under the
// caret, and its span, and ends the selection.
func (r *Reader) codeTarget() (coding.Selection, coding.Span) {
	if s, ok := r.Selection(); ok {
		r.anchor, r.pos = -1, s.Start
		return coding.Selection{Span: s}, s
	}
	t := r.txt.turns[r.txt.turnIndex(r.pos)]
	return coding.Selection{Turn: t.N}, coding.Span{Start: t.Start, End: t.End}
}

// removeCoding returns the command that removes c.
func (r Reader) removeCoding(c *coding.Coding) tea.Cmd {
	if c == nil {
		return nil
	}
	return removeCoding(r.c, c, r.where(c.Span())+": "+r.codeName(c.CodeID))
}

// editCodingMemo opens the memo editor on coding c.
func (r Reader) editCodingMemo(c *coding.Coding) tea.Cmd {
	if c == nil {
		return nil
	}
	m := editMemoMsg{Target: coding.MemoCoding, ID: c.ID, Text: c.Memo,
		Title: "Memo on " + r.where(c.Span()) + ": " + r.codeName(c.CodeID), Doc: c.DocumentID, Span: c.Span()}
	return func() tea.Msg { return m }
}

// editDocMemo opens the memo editor on the document.
func (r Reader) editDocMemo() tea.Cmd {
	if r.doc == nil {
		return nil
	}
	m := editMemoMsg{Target: coding.MemoDocument, ID: r.doc.ID, Text: r.memo, Title: "Memo on " + r.doc.Name}
	return func() tea.Msg { return m }
}

// openPicker opens the code picker to code the selection or the turn, or
// to recode c.
func (r Reader) openPicker(p picking, c *coding.Coding) Reader {
	if r.codebook == nil || p == pickRecode && c == nil {
		return r
	}
	title := "Code " + r.where(r.txt.turnSpan(r.pos))
	if s, ok := r.Selection(); ok {
		title = "Code " + r.where(s)
	}
	if p == pickRecode {
		title = "Recode " + r.where(c.Span()) + ": " + r.codeName(c.CodeID)
	}
	r.pick, r.recode = p, c
	r.picker = NewPicker(r.c, r.codebook, title)
	if p == pickCode {
		r.picker.AllowCreate(r.last)
	}
	r.picker.SetSize(r.c.Width, r.overlayHeight())
	r.scroll()
	return r
}

// updatePicker handles a key while the picker is open: enter applies the
// chosen code, esc closes it, anything else goes to the picker.
func (r Reader) updatePicker(msg tea.KeyPressMsg) (Reader, tea.Cmd) {
	k := r.c.Keys
	switch {
	case key.Matches(msg, k.Cancel):
		r.pick = pickNone
	case key.Matches(msg, k.Choose):
		if why := r.picker.Refusal(); why != "" { // a category: the picker stays open
			return r, func() tea.Msg { return statusMsg(why) }
		}
		p, code := r.pick, r.picker.Selected()
		r.pick = pickNone
		r.scroll()
		if name, parent, ok := r.picker.NewCode(); ok {
			return r.applyNewCode(name, parent)
		}
		if code == nil {
			return r, nil
		}
		if p == pickRecode {
			old := r.recode
			return r, recode(r.c, old, code, r.where(old.Span())+": "+r.codeName(old.CodeID)+" → "+r.codeName(code.ID))
		}
		return r.applyCode(code)
	default:
		var cmd tea.Cmd
		r.picker, cmd = r.picker.Update(msg)
		return r, cmd
	}
	r.scroll()
	return r, nil
}

// updatePane handles a key while the side pane has the focus: choose a
// coding at the cursor and remove, recode or annotate it, or jump to it.
func (r Reader) updatePane(msg tea.KeyPressMsg) (Reader, tea.Cmd) {
	k, here := r.keys(), r.here()
	if len(here) == 0 {
		r.pane = false
		r.scroll()
		return r, nil
	}
	r.paneSel = clamp(r.paneSel, 0, len(here)-1)
	sel := here[r.paneSel]
	switch {
	case key.Matches(msg, k.Pane), key.Matches(msg, k.Back):
		r.pane = false
		r.scroll()
	case key.Matches(msg, k.Up):
		r.paneSel = max(0, r.paneSel-1)
	case key.Matches(msg, k.Down):
		r.paneSel = min(len(here)-1, r.paneSel+1)
	case key.Matches(msg, k.Remove):
		return r.othersWork(sel, "remove", func(r Reader) (Reader, tea.Cmd) { return r, r.removeCoding(sel) })
	case key.Matches(msg, k.Recode):
		return r.othersWork(sel, "recode", func(r Reader) (Reader, tea.Cmd) { return r.openPicker(pickRecode, sel), nil })
	case key.Matches(msg, k.Memo):
		return r, r.editCodingMemo(sel)
	case key.Matches(msg, k.Open):
		r.pos, r.pane = r.txt.snap(sel.Start), false
		r.scroll()
	}
	return r, nil
}

// turnSpan returns the span of the turn holding p.
func (t text) turnSpan(p int) coding.Span {
	if len(t.turns) == 0 {
		return coding.Span{}
	}
	tn := t.turns[t.turnIndex(p)]
	return coding.Span{Start: tn.Start, End: tn.End}
}
