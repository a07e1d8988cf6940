package tui

import (
	"charm.land/bubbles/v2/textinput"
)

// newField returns a focused one-line text field holding value, at most
// limit code points long (no limit when 0): a bubbles textinput, so that
// a paste, ctrl+u, ctrl+w, ctrl+a, ctrl+e and the arrows work in it. It is
// drawn by fieldText. (The search query is a textinput drawn by itself.)
func newField(value string, limit int) *textinput.Model {
	in := textinput.New()
	in.Prompt = ""
	in.CharLimit = limit
	in.SetVirtualCursor(false) // fieldText draws the cursor; no blinking
	noSuggestions(&in)
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

// fieldText is a field's text with a thin bar at its cursor.
func fieldText(in *textinput.Model) string {
	if in == nil {
		return "▏"
	}
	r := []rune(in.Value())
	p := clamp(in.Position(), 0, len(r))
	return string(r[:p]) + "▏" + string(r[p:])
}
