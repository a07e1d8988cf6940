package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/pseudo"
)

// MemoEditor is the text area a memo is written in, on a coding, a
// document or a code. esc (or ctrl+s) writes the memo to the project and
// closes it; an emptied memo is removed. Nothing typed is dropped: the
// root saves an open memo before it quits.
//
// In a project whose documents were pseudonymised (the services are a
// memoGuard), a memo holding personal data is not stored at once: the
// editor shows the findings and asks whether to replace them with
// placeholders, keep the memo as typed, or go back to editing. A memo
// still open when avain quits is stored with its findings replaced.
type MemoEditor struct {
	c     Common
	open  bool
	msg   editMemoMsg
	ta    *textarea.Model  // large: shared by the copies of the editor
	found []pseudo.Finding // personal data in the memo, awaiting an answer; nil while editing
	text  string           // the memo the findings are in
}

// memoGuard is what a project that checks its memos for personal data
// offers (*project.Project).
type memoGuard interface {
	MemoFindings(ctx context.Context, text string) ([]pseudo.Finding, error)
}

// memoFindingsMsg brings back a memo that holds personal data, to ask
// about it.
type memoFindingsMsg struct {
	memo  editMemoMsg
	text  string
	found []pseudo.Finding
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
	e.open, e.msg, e.found = true, msg, nil
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

// Save closes the editor and returns the command that writes the memo;
// personal data found in it is replaced, as nobody is there to ask (the
// root saves this way when it quits).
func (e *MemoEditor) Save() tea.Cmd {
	if !e.open {
		return nil
	}
	text := e.value()
	e.close()
	c, m := e.c, e.msg
	return func() tea.Msg {
		found, err := memoFindings(c, text)
		if err == nil && len(found) > 0 {
			text, _, err = pseudo.Apply(text, found, nil)
		}
		return saveMemo(c, m, text, err)
	}
}

// check closes the editor and returns the command that writes the memo,
// or, when it holds personal data, brings it back to ask.
func (e *MemoEditor) check() tea.Cmd {
	text := e.value()
	e.close()
	c, m := e.c, e.msg
	return func() tea.Msg {
		found, err := memoFindings(c, text)
		if err == nil && len(found) > 0 {
			return memoFindingsMsg{memo: m, text: text, found: found}
		}
		return saveMemo(c, m, text, err)
	}
}

// answer closes the editor and writes the memo asked about, its findings
// replaced or not.
func (e *MemoEditor) answer(replace bool) tea.Cmd {
	text, found := e.text, e.found
	e.close()
	c, m := e.c, e.msg
	return func() tea.Msg {
		var err error
		if replace {
			text, _, err = pseudo.Apply(text, found, nil)
		}
		return saveMemo(c, m, text, err)
	}
}

// value is the memo as typed, or the one asked about.
func (e *MemoEditor) value() string {
	if e.found != nil {
		return e.text
	}
	return strings.TrimSpace(e.ta.Value())
}

func (e *MemoEditor) close() {
	e.open, e.found, e.text = false, nil, ""
	e.ta.Blur()
}

// memoFindings returns the personal data in a memo, when the project checks
// its memos.
func memoFindings(c Common, text string) ([]pseudo.Finding, error) {
	g, ok := c.Svc.(memoGuard) // displaySvc passes it through
	if !ok || text == "" {
		return nil, nil
	}
	found, err := g.MemoFindings(context.Background(), text)
	if err != nil {
		return nil, fmt.Errorf("checking the memo for personal data: %w", err)
	}
	return found, nil
}

// saveMemo writes the memo (unless err) and reports it.
// The memo as it was is read first, so that undo can put it back.
func saveMemo(c Common, m editMemoMsg, text string, err error) tea.Msg {
	ctx := context.Background()
	var before string
	if err == nil {
		before, err = c.Svc.Memo(ctx, m.Target, m.ID)
	}
	if err == nil && before != text {
		err = c.Svc.SetMemo(ctx, m.Target, m.ID, text, c.Coder)
	}
	moved := false
	if errors.Is(err, coding.ErrNotFound) && m.Target == coding.MemoCoding {
		// The coding was replaced while the memo was written: a recode
		// made just before the editor opened, whose result the reader had
		// not shown yet. The memo goes to the coding that took its place.
		if id, ok := replacement(ctx, c, m); ok {
			m.ID, moved = id, true
			if before, err = c.Svc.Memo(ctx, m.Target, m.ID); err == nil && before != text {
				err = c.Svc.SetMemo(ctx, m.Target, m.ID, text, c.Coder)
			}
		}
	}
	if err != nil {
		err = fmt.Errorf("saving the memo: %w", err)
	}
	saved := memoSavedMsg{Target: m.Target, ID: m.ID, Text: text, Err: err, Moved: moved}
	if err == nil && before != text {
		saved.step = memoStep(ctx, c, m, before, text)
	}
	return saved
}

// replacement finds the coding that took the place of the coding of m,
// which is gone: the newest live coding of this UI's coder (a recode makes
// its coding by the one recoding) on the same span of the same document.
func replacement(ctx context.Context, c Common, m editMemoMsg) (string, bool) {
	if m.Doc == "" {
		return "", false
	}
	cs, err := c.Svc.Codings(ctx, coding.CodingFilter{DocumentID: m.Doc, Coder: c.Coder})
	if err != nil {
		return "", false
	}
	var found *coding.Coding
	for _, x := range cs {
		if x.Span() == m.Span && x.ID != m.ID && (found == nil || !x.Created.Before(found.Created)) {
			found = x
		}
	}
	if found == nil {
		return "", false
	}
	return found.ID, true
}

// Update takes a key: esc or ctrl+s saves and closes, anything else edits;
// while findings are shown, r replaces them, k keeps the memo as typed and
// esc goes back to editing.
func (e MemoEditor) Update(msg tea.Msg) (MemoEditor, tea.Cmd) {
	if f, ok := msg.(memoFindingsMsg); ok {
		e.open, e.msg, e.found, e.text = true, f.memo, f.found, f.text
		e.ta.SetValue(f.text)
		return e, nil
	}
	if !e.open {
		return e, nil
	}
	k, isKey := msg.(tea.KeyPressMsg)
	if e.found != nil {
		switch {
		case !isKey:
		case key.Matches(k, e.c.Keys.MemoCheck.Replace):
			return e, e.answer(true)
		case key.Matches(k, e.c.Keys.MemoCheck.Keep):
			return e, e.answer(false)
		case key.Matches(k, e.c.Keys.MemoCheck.Back):
			e.found, e.text = nil, ""
			return e, e.ta.Focus()
		}
		return e, nil
	}
	if isKey && key.Matches(k, e.c.Keys.SaveMemo) {
		return e, e.check()
	}
	var cmd tea.Cmd
	*e.ta, cmd = e.ta.Update(msg)
	return e, cmd
}

// View draws a rule with the title, the text area and a hint.
func (e MemoEditor) View() string {
	w, st := e.c.Width, e.c.Styles
	if e.found != nil {
		return e.findingsView()
	}
	rule := "── " + e.msg.Title + " "
	rule += strings.Repeat("─", max(0, w-ansi.StringWidth(rule)))
	hint := st.Dim.Render(fmt.Sprintf("%d characters · esc saves and closes · an empty memo is removed",
		len([]rune(e.ta.Value()))))
	return fit(st.Title.Render(ansi.Truncate(rule, w, "…"))+"\n"+e.ta.View()+"\n"+hint, w, e.c.Height)
}

// findingsView lists the personal data found in the memo and the answers.
func (e MemoEditor) findingsView() string {
	w, st := e.c.Width, e.c.Styles
	rule := "── " + e.msg.Title + ": personal data "
	rule += strings.Repeat("─", max(0, w-ansi.StringWidth(rule)))
	lines := []string{st.Title.Render(ansi.Truncate(rule, w, "…")),
		st.Text.Render("The project is pseudonymised, and this memo holds:")}
	for _, f := range e.found {
		lines = append(lines, st.Text.Render(fmt.Sprintf("  %s  %s", f.Kind, memoLine(pseudo.Context(e.text, f, 40)))))
	}
	lines = append(lines, st.Dim.Render("r replace with placeholders · k keep as typed · esc back to editing"))
	return fit(strings.Join(lines, "\n"), w, e.c.Height)
}

// memoLine keeps terminal control characters of a memo from being printed.
func memoLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 {
			return '?'
		}
		return r
	}, s)
}

// ShortHelp returns the editor's help.
func (e MemoEditor) ShortHelp() []key.Binding {
	if e.found != nil {
		return []key.Binding{e.c.Keys.MemoCheck.Replace, e.c.Keys.MemoCheck.Keep, e.c.Keys.MemoCheck.Back}
	}
	return []key.Binding{e.c.Keys.SaveMemo}
}
