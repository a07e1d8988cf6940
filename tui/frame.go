package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// The frame around the focused screen: the status line, the help bar,
// the full help that takes the body's place, and the memo editor over
// the bottom of the body.

func (m *Model) bodyHeight() int { return max(0, m.c.Height-1-m.helpHeight()) }

// memoHeight is the height of the memo editor over the bottom of the body.
func (m *Model) memoHeight() int { h := m.bodyHeight(); return min(12, max(3, h/2), h) }

func (m *Model) helpHeight() int {
	return strings.Count(m.helpView(), "\n") + 1
}

// helpView renders the one-line help for the focused screen and the
// global keys; the full help takes the body's place (see fullHelp).
func (m *Model) helpView() string {
	return m.help.ShortHelpView(m.shortHelp())
}

// fullHelp renders every binding that applies now, its columns laid out
// in as many bands as the width needs.
func (m *Model) fullHelp() string {
	h := m.help
	h.SetWidth(0) // measure untruncated
	var bands []string
	var band [][]key.Binding
	for _, g := range m.fullHelpBindings() {
		try := append(append([][]key.Binding{}, band...), g)
		if len(band) > 0 && ansi.StringWidth(firstLine(h.FullHelpView(try))) > m.c.Width {
			bands = append(bands, h.FullHelpView(band))
			try = [][]key.Binding{g}
		}
		band = try
	}
	if len(band) > 0 {
		bands = append(bands, h.FullHelpView(band))
	}
	title := m.c.Styles.Title.Render("Keys") + m.c.Styles.Dim.Render(" · any key closes")
	return title + "\n\n" + strings.Join(bands, "\n\n")
}

// firstLine returns s up to its first newline.
func firstLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
}

// ShortHelp returns the focused screen's bindings and the global ones.
func (m Model) ShortHelp() []key.Binding { return m.shortHelp() }

// FullHelp returns every binding that applies now, in columns.
func (m Model) FullHelp() [][]key.Binding { return m.fullHelpBindings() }

func (m *Model) shortHelp() []key.Binding {
	if m.memo.IsOpen() {
		return append(m.memo.ShortHelp(), m.keys.ForceQuit)
	}
	k := m.keys
	undo := k.Undo // in the one-line help only when there is something to undo
	undo.SetEnabled(undo.Enabled() && len(m.hist.undo) > 0)
	return append(m.focused().ShortHelp(), k.Help, k.Search, undo, k.Quit)
}

func (m *Model) fullHelpBindings() [][]key.Binding {
	if m.memo.IsOpen() {
		return [][]key.Binding{m.shortHelp()}
	}
	k := m.keys
	g := globalKeys(k) // keys_help.go: the screens, then undo, redo, help, quit
	return append(m.focused().FullHelp(), append(g[:5:5], k.Tab), g[5:])
}

// View draws the focused screen, the status line and the help bar.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	return v
}

// render draws the whole screen as a string of exactly the window's size.
func (m *Model) render() string {
	w, h := m.c.Width, m.c.Height
	if w <= 0 || h <= 0 {
		return ""
	}
	body := m.focused().View()
	if m.help.ShowAll && !m.typing() {
		body = m.fullHelp()
	}
	helpBar := m.helpView()
	bodyH := max(0, h-1-strings.Count(helpBar, "\n")-1)
	parts := []string{}
	if bodyH > 0 {
		if m.memo.IsOpen() {
			mh := min(12, max(3, bodyH/2), bodyH)
			body = fit(body, w, bodyH-mh) + "\n" + fit(m.memo.View(), w, mh)
		}
		parts = append(parts, fit(body, w, bodyH))
	}
	parts = append(parts, m.statusLine(), helpBar)
	return fit(strings.Join(parts, "\n"), w, h)
}

// statusLine shows the mode and the last message or error on the left,
// and the project, the open document and the coder on the right, which
// give way to the message when the line is short.
func (m *Model) statusLine() string {
	st, w := m.c.Styles, m.c.Width
	status := m.status
	if m.notice != "" { // before the last message, which may have come just after it
		status = strings.TrimSuffix(m.notice+" · "+status, " · ")
	}
	left := st.Project.Render(" "+m.mode()+" ") + st.Status.Render(" "+oneLine(status))
	if m.err != nil {
		left = st.Project.Render(" "+m.mode()+" ") + st.Error.Render(" "+oneLine(m.err.Error()))
	}
	right := oneLine(m.project)
	if d := m.reader.Document(); d != nil {
		right += " · " + d.Name
	}
	right += " · " + oneLine(m.c.Coder) + " "
	if lw, rw := ansi.StringWidth(left), ansi.StringWidth(right); lw+rw+2 <= w {
		return st.Status.Render(pad(left, w-rw)) + st.Status.Render(right)
	}
	return st.Status.Render(pad(left, w))
}

// mode names what the workspace is doing.
func (m *Model) mode() string {
	if m.memo.IsOpen() {
		return "MEMO"
	}
	return m.focused().Mode()
}
