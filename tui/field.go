package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// newField returns a focused one-line text field holding value, at most
// limit code points long (no limit when 0): a bubbles textinput, so that
// a paste, ctrl+u, ctrl+w, ctrl+a, ctrl+e and the arrows work in it. It is
// drawn by fieldView, as the search query is.
func newField(value string, limit int) *textinput.Model {
	in := textinput.New()
	in.Prompt = ""
	in.CharLimit = limit
	noSuggestions(&in)
	st := in.Styles()
	st.Cursor.Blink = false // calm, and no ticks while nothing happens
	in.SetStyles(st)
	in.Focus()
	in.SetValue(value)
	return &in
}

// noSuggestions switches off the keys of a field's suggestions, which the
// workspace does not offer: up and down belong to the list under a field.
func noSuggestions(in *textinput.Model) {
	in.ShowSuggestions = false
	in.KeyMap.AcceptSuggestion.SetEnabled(false)
	in.KeyMap.NextSuggestion.SetEnabled(false)
	in.KeyMap.PrevSuggestion.SetEnabled(false)
}

// fieldWidth is the width of a field after a prompt of pw cells on a line
// of w, and whether the hint of hw cells after it fits too: the hint
// gives way when it would leave the field fewer than 20 cells.
func fieldWidth(w, pw, hw int) (int, bool) {
	if fw := w - pw - hw; fw >= 20 {
		return fw, true
	}
	return w - pw, false
}

// fieldView draws a field in w cells, its cursor included: a longer text
// scrolls so that the cursor stays in view, as the search query does.
// The width is kept in the field (shared by the copies of its screen), so
// that its keys scroll it too; a field that fits is drawn without the
// padding to w, so that a hint after it stays next to its text.
func fieldView(in *textinput.Model, w int) string {
	if in == nil {
		return ""
	}
	if w = max(1, w-1); in.Width() != w { // the cursor takes a cell after the text
		in.SetWidth(w)
		p := in.Position()
		in.CursorEnd() // recompute the scrolled window for the new width
		in.SetCursor(p)
	}
	return strings.TrimRight(in.View(), " ")
}

// typeOver passes msg to a field whose value is a suggested name while
// *fresh: what is typed or pasted first replaces the suggestion and a
// delete clears it, as a selected name would be; once the cursor moves,
// or after that first key, the field is edited in place.
func typeOver(in *textinput.Model, fresh *bool, msg tea.Msg) {
	if *fresh {
		*fresh = false
		km, isKey := msg.(tea.KeyPressMsg)
		_, paste := msg.(tea.PasteMsg)
		del := isKey && key.Matches(km, in.KeyMap.DeleteCharacterBackward, in.KeyMap.DeleteCharacterForward)
		if paste || del || (isKey && km.Text != "") {
			in.SetValue("")
		}
		if del {
			return
		}
	}
	*in, _ = in.Update(msg)
}

// suggestedView draws a field as fieldView does, or, while its value is
// still the suggested one, that value as selected.
func suggestedView(s *Styles, in *textinput.Model, fresh bool, w int) string {
	if fresh {
		return s.Selected.Render(in.Value())
	}
	return fieldView(in, w)
}
