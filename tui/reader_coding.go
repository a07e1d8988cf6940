package tui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/toituavain/avain/coding"
)

// keys returns the key map with the coding keys enabled only where they
// apply now, so that they match and show in help only then.
func (r Reader) keys() KeyMap {
	k := r.c.Keys
	codes := r.doc != nil && r.codebook != nil && r.codebook.Len() > 0
	shortcuts := false
	if codes {
		for _, c := range r.codebook.Codes() {
			shortcuts = shortcuts || c.Shortcut != ""
		}
	}
	k.Code.SetEnabled(codes)
	k.Shortcut.SetEnabled(shortcuts)
	k.Repeat.SetEnabled(codes && r.codebook.Code(r.last) != nil)
	k.Remove.SetEnabled(r.newestOnTurn() != nil)
	k.Undo.SetEnabled(len(r.undo) > 0)
	k.Redo.SetEnabled(len(r.redo) > 0)
	return k
}

// turn returns the turn under the cursor.
func (r Reader) turn() (coding.Turn, bool) {
	ls := r.lines()
	if r.cursor < 0 || r.cursor >= len(ls) {
		return coding.Turn{}, false
	}
	return r.turns[ls[r.cursor].turn], true
}

// newestOnTurn returns the most recently created coding that covers part
// of the turn under the cursor, or nil.
func (r Reader) newestOnTurn() *coding.Coding {
	t, ok := r.turn()
	if !ok {
		return nil
	}
	span := coding.Span{Start: t.Start, End: max(t.End, t.Start+1)}
	var newest *coding.Coding
	for _, c := range r.codings {
		if c.Span().Overlaps(span) && (newest == nil || !c.Created.Before(newest.Created)) {
			newest = c
		}
	}
	return newest
}

// label names a coding action for the status line: "turn 3: Theme/Code".
func (r Reader) label(n int, codeID string) string {
	name := codeID
	if r.codebook != nil && r.codebook.Code(codeID) != nil {
		name = r.codebook.PathString(codeID, coding.LangFinnish)
	}
	return fmt.Sprintf("turn %d: %s", n, name)
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

// apply returns the command that codes the turn under the cursor.
func (r Reader) apply(code *coding.Code) tea.Cmd {
	t, ok := r.turn()
	if code == nil || !ok {
		return nil
	}
	return applyCode(r.c, r.doc, code, t.N, r.label(t.N, code.ID))
}

// remove returns the command that removes the newest coding on the turn.
func (r Reader) remove() tea.Cmd {
	c := r.newestOnTurn()
	t, ok := r.turn()
	if c == nil || !ok {
		return nil
	}
	s := step{docID: r.doc.ID, codeID: c.CodeID, codingID: c.ID, label: r.label(t.N, c.CodeID)}
	return runStep(r.c, s, viaNew)
}

// openPicker opens the code picker for the turn under the cursor.
func (r Reader) openPicker() Reader {
	t, _ := r.turn()
	r.picking = true
	r.picker = NewPicker(r.c, r.codebook, fmt.Sprintf("Code turn %d", t.N))
	r.picker.SetSize(r.c.Width, r.pickerHeight())
	r.offset = scrollTo(r.offset, r.cursor, r.rows(), len(r.lines()))
	return r
}

// updatePicker handles a key while the picker is open: enter applies the
// chosen code, esc closes it, anything else goes to the picker.
func (r Reader) updatePicker(msg tea.KeyPressMsg) (Reader, tea.Cmd) {
	k := r.c.Keys
	switch {
	case key.Matches(msg, k.Cancel):
		r.picking = false
	case key.Matches(msg, k.Choose):
		r.picking = false
		return r, r.apply(r.picker.Selected())
	default:
		var cmd tea.Cmd
		r.picker, cmd = r.picker.Update(msg)
		return r, cmd
	}
	return r, nil
}
