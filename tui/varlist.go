package tui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Lists whose items take several lines each (the retrieval view's
// passages, the memos view's memos) page and scroll by the lines items
// take, given by height(i).

// varPage is about how many items from offset fit in rows lines: at
// least one.
func varPage(offset, n, rows int, height func(int) int) int {
	count, used := 0, 0
	for i := offset; i < n; i++ {
		if used += height(i); used > rows {
			break
		}
		count++
	}
	return max(1, count)
}

// varScroll returns the offset that keeps item cursor whole in view.
func varScroll(offset, cursor, n, rows int, height func(int) int) int {
	if cursor < offset {
		offset = cursor
	}
	for offset < cursor {
		used := 0
		for i := offset; i <= cursor; i++ {
			used += height(i)
		}
		if used <= rows {
			break
		}
		offset++
	}
	return clamp(offset, 0, max(0, n-1))
}

// editFilter takes a message while a list's filter is typed into input:
// enter keeps the filter, esc drops it, ↑ ↓ move the list's cursor (then
// it reports moved, and the filter need not be applied again), anything
// else edits.
func editFilter(k *KeyMap, msg tea.Msg, input *textinput.Model, filtering *bool, filter *string, cursor *int, n int) (moved bool) {
	km, isKey := msg.(tea.KeyPressMsg)
	switch {
	case isKey && key.Matches(km, k.KeepFilter):
		*filtering, *filter = false, input.Value()
	case isKey && key.Matches(km, k.ClearFilter):
		*filtering, *filter = false, ""
	case isKey && key.Matches(km, k.PickUp, k.PickDown):
		*cursor, _ = moveCursor(k, km, *cursor, n, 1)
		return true
	default:
		*input, _ = input.Update(msg)
	}
	return false
}

// filterLine draws a list's filter: the field with hint after it while
// it is typed (the hint dropped when it leaves the field too little room),
// the filter kept once it is not; ok is false when there is none.
func filterLine(st *Styles, input *textinput.Model, filtering bool, filter string, w int, hint string) (line string, ok bool) {
	switch {
	case filtering:
		fw, withHint := fieldWidth(w, 8, ansi.StringWidth(hint))
		line = "Filter: " + fieldView(input, fw)
		if withHint {
			line += st.Dim.Render(hint)
		}
		return st.Filter.Render(line), true
	case filter != "":
		return st.Filter.Render("Filter: " + filter), true
	}
	return "", false
}
