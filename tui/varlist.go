package tui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
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
