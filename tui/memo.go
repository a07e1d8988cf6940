package tui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// MemoEditor is the text area a memo is written in, on a coding, a
// document or a code. esc (or ctrl+s) writes the memo to the project and
// closes it; an emptied memo is removed. Nothing typed is dropped: the
// root saves an open memo before it quits.
type MemoEditor struct {
	c    Common
	open bool
	msg  editMemoMsg
	ta   *textarea.Model // large: shared by the copies of the editor
}

// NewMemoEditor returns a closed editor.
func NewMemoEditor(c Common) MemoEditor {
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.Prompt = "│ "
	ta.Placeholder = "Write the memo…"
	ta.CharLimit = 0
	e := MemoEditor{c: c, ta: &ta}
	e.SetStyles(c.Styles)
	return e
}

// Open shows the editor on the memo msg names.
func (e *MemoEditor) Open(msg editMemoMsg) tea.Cmd {
	e.open, e.msg = true, msg
	e.ta.SetValue(msg.Text)
	e.ta.MoveToEnd()
	e.resize()
	return e.ta.Focus()
}

// IsOpen reports whether the editor is shown (and takes every key).
func (e MemoEditor) IsOpen() bool { return e.open }

// SetSize sets the editor's box: a title line and the text area.
func (e *MemoEditor) SetSize(w, h int) {
	e.c.Width, e.c.Height = w, h
	e.resize()
}

func (e *MemoEditor) resize() {
	e.ta.SetWidth(max(1, e.c.Width))
	e.ta.SetHeight(max(1, e.c.Height-2))
}

// SetStyles sets the text area's styles from ours.
func (e *MemoEditor) SetStyles(s *Styles) {
	e.c.Styles = s
	ts := e.ta.Styles()
	ts.Focused.Text, ts.Focused.Prompt = s.Text, s.Title
	ts.Focused.CursorLine = s.Text
	ts.Cursor.Blink = false
	e.ta.SetStyles(ts)
}

// Save closes the editor and returns the command that writes the memo.
func (e *MemoEditor) Save() tea.Cmd {
	if !e.open {
		return nil
	}
	e.open = false
	e.ta.Blur()
	c, m := e.c, e.msg
	text := strings.TrimSpace(e.ta.Value())
	return func() tea.Msg {
		err := c.Svc.SetMemo(context.Background(), m.Target, m.ID, text, c.Coder)
		if err != nil {
			err = fmt.Errorf("saving the memo: %w", err)
		}
		return memoSavedMsg{Target: m.Target, ID: m.ID, Text: text, Err: err}
	}
}

// Update takes a key: esc or ctrl+s saves and closes, anything else edits.
func (e MemoEditor) Update(msg tea.Msg) (MemoEditor, tea.Cmd) {
	if !e.open {
		return e, nil
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, e.c.Keys.SaveMemo) {
		return e, e.Save()
	}
	var cmd tea.Cmd
	*e.ta, cmd = e.ta.Update(msg)
	return e, cmd
}

// View draws a rule with the title, the text area and a hint.
func (e MemoEditor) View() string {
	w, st := e.c.Width, e.c.Styles
	rule := "── " + e.msg.Title + " "
	rule += strings.Repeat("─", max(0, w-ansi.StringWidth(rule)))
	hint := st.Dim.Render(fmt.Sprintf("%d characters · esc saves and closes · an empty memo is removed",
		len([]rune(e.ta.Value()))))
	return fit(st.Title.Render(ansi.Truncate(rule, w, "…"))+"\n"+e.ta.View()+"\n"+hint, w, e.c.Height)
}

// ShortHelp returns the editor's help.
func (e MemoEditor) ShortHelp() []key.Binding { return []key.Binding{e.c.Keys.SaveMemo} }
