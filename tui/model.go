package tui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// screen names the focused screen.
type screen int

const (
	screenDocuments screen = iota
	screenReader
)

// Model is the root of the workspace: it routes messages to the screens
// and draws the status line and the help bar under them.
type Model struct {
	c       Common
	project string
	focus   screen
	docs    Documents
	reader  Reader
	help    help.Model
	status  string // the last message
	err     error  // the last error, shown instead of status
}

// New returns the workspace for a project read and written through svc,
// coding as coder.
func New(svc Services, projectName, coder string) Model {
	c := Common{Styles: DefaultStyles(true), Keys: DefaultKeyMap(), Svc: svc, Coder: coder}
	h := help.New()
	h.Styles = c.Styles.Help
	m := Model{c: c, project: projectName, docs: NewDocuments(c), reader: NewReader(c), help: h}
	m.syncKeys()
	return m
}

// Init loads the document list and asks for the terminal's background.
func (m Model) Init() tea.Cmd {
	return tea.Batch(loadDocuments(m.c.Svc), tea.RequestBackgroundColor)
}

// Update routes msg: size and data to every screen, global keys first,
// then the focused screen.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.Width, m.c.Height = msg.Width, msg.Height
		m.layout()
		return m, nil
	case tea.BackgroundColorMsg:
		m.setStyles(DefaultStyles(msg.IsDark()))
		return m, nil
	case errMsg:
		m.err = msg.err
		return m, nil
	case docsLoadedMsg:
		m.docs, cmd = m.docs.Update(msg)
		m.report(pluralize(len(msg.docs), "document"))
		return m, cmd
	case openDocMsg:
		m.focus = screenReader
		m.report("opening " + msg.Name)
		cmd = m.reader.Open(msg.ID)
		m.syncKeys()
		return m, cmd
	case docLoadedMsg:
		m.reader, cmd = m.reader.Update(msg)
		if m.reader.Document() == msg.doc && !msg.reload {
			m.report("opened " + msg.doc.Name)
		}
		m.syncKeys()
		return m, cmd
	case codedMsg:
		m.reader, cmd = m.reader.Update(msg)
		if msg.err != nil {
			m.err = msg.err
		} else {
			m.report(msg.status)
		}
		m.syncKeys()
		return m, cmd
	case backMsg:
		m.focus = screenDocuments
		m.syncKeys()
		return m, nil
	case tea.KeyPressMsg:
		return m.updateKeys(msg)
	}
	return m, nil
}

// updateKeys handles global keys, then passes the key to the focused
// screen. While a screen takes text, only ctrl+c is global.
func (m Model) updateKeys(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.c.Keys
	if key.Matches(msg, k.ForceQuit) {
		return m, tea.Quit
	}
	if !m.typing() {
		switch {
		case key.Matches(msg, k.Quit):
			return m, tea.Quit
		case key.Matches(msg, k.Help):
			m.help.ShowAll = !m.help.ShowAll
			m.layout()
			return m, nil
		case key.Matches(msg, k.Tab):
			if m.focus == screenReader {
				m.focus = screenDocuments
			} else {
				m.focus = screenReader
			}
			return m, nil
		}
	}
	var cmd tea.Cmd
	switch m.focus {
	case screenReader:
		m.reader, cmd = m.reader.Update(msg)
	default:
		m.docs, cmd = m.docs.Update(msg)
	}
	m.syncKeys()
	return m, cmd
}

// typing reports whether the focused screen takes every key.
func (m Model) typing() bool {
	if m.focus == screenReader {
		return m.reader.Typing()
	}
	return m.docs.Typing()
}

// syncKeys enables the global bindings that apply now, so help stays true.
func (m *Model) syncKeys() {
	typing := m.typing()
	m.c.Keys.Quit.SetEnabled(!typing)
	m.c.Keys.Help.SetEnabled(!typing)
	m.c.Keys.Tab.SetEnabled(!typing && m.reader.Document() != nil)
}

// report puts a message in the status line, clearing any error.
func (m *Model) report(s string) { m.status, m.err = s, nil }

// setStyles replaces the styles everywhere.
func (m *Model) setStyles(s Styles) {
	m.c.Styles = s
	m.help.Styles = s.Help
	m.docs.SetStyles(s)
	m.reader.SetStyles(s)
}

// layout gives the screens the height left by the status line and help.
func (m *Model) layout() {
	m.help.SetWidth(m.c.Width)
	body := max(0, m.c.Height-1-m.helpHeight())
	m.docs.SetSize(m.c.Width, body)
	m.reader.SetSize(m.c.Width, body)
}

func (m Model) helpHeight() int {
	return strings.Count(m.helpView(), "\n") + 1
}

// helpView renders the help for the focused screen and the global keys.
func (m Model) helpView() string {
	return m.help.View(m)
}

// ShortHelp returns the focused screen's bindings and the global ones.
func (m Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	var b []key.Binding
	if m.focus == screenReader {
		b = m.reader.ShortHelp()
	} else {
		b = m.docs.ShortHelp()
	}
	return append(b, k.Tab, k.Help, k.Quit)
}

// FullHelp returns every binding that applies now, in columns.
func (m Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	var g [][]key.Binding
	if m.focus == screenReader {
		g = m.reader.FullHelp()
	} else {
		g = m.docs.FullHelp()
	}
	return append(g, []key.Binding{k.Tab, k.Help, k.Quit, k.ForceQuit})
}

// View draws the focused screen, the status line and the help bar.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	return v
}

// render draws the whole screen as a string of exactly the window's size.
func (m Model) render() string {
	w, h := m.c.Width, m.c.Height
	if w <= 0 || h <= 0 {
		return ""
	}
	var body string
	if m.focus == screenReader {
		body = m.reader.View()
	} else {
		body = m.docs.View()
	}
	bodyH := max(0, h-1-m.helpHeight())
	parts := []string{}
	if bodyH > 0 {
		parts = append(parts, fit(body, w, bodyH))
	}
	parts = append(parts, m.statusLine(), m.helpView())
	return fit(strings.Join(parts, "\n"), w, h)
}

// statusLine shows the project, the open document and the last message.
func (m Model) statusLine() string {
	st := m.c.Styles
	s := st.Project.Render(" " + m.project + " ")
	if d := m.reader.Document(); d != nil {
		s += st.Status.Render(" " + d.Name + " ")
	}
	msg := st.Status.Render(" " + m.status)
	if m.err != nil {
		msg = st.Error.Render(" " + m.err.Error())
	}
	return st.Status.Render(pad(s+msg, m.c.Width))
}

func pluralize(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
