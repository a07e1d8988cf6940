package tui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// screen names the focused screen.
type screen int

const (
	screenDocuments screen = iota
	screenReader
	screenCodebook
	screenSearch
	screenThemes
	screenCompare
)

// Model is the root of the workspace: it routes messages to the screens,
// keeps the session's undo history, and draws the status line and the
// help bar under the focused screen, and the memo editor over it.
type Model struct {
	c         Common
	project   string
	focus     screen
	back      []screen // the screens to go back to, last on top
	docs      Documents
	reader    Reader
	codebook  CodebookView
	search    SearchView
	themes    ThemesView
	compare   CompareView
	memo      MemoEditor
	help      help.Model
	status    string // the last message
	err       error  // the last error, shown instead of status
	hist      history
	quitting  bool
	docsStale bool // the document list's counts are out of date
	startDoc  string
	follow    follower // reads other processes' changes (Follow)
}

// New returns the workspace for a project read and written through svc,
// coding as coder.
func New(svc Services, projectName, coder string) Model {
	c := Common{Styles: DefaultStyles(true), Keys: DefaultKeyMap(), Svc: displayed(svc), Coder: coder}
	h := help.New()
	h.Styles = c.Styles.Help
	m := Model{c: c, project: projectName, docs: NewDocuments(c), reader: NewReader(c),
		codebook: NewCodebookView(c), search: NewSearchView(c), themes: NewThemesView(c), compare: NewCompareView(c), memo: NewMemoEditor(c), help: h}
	m.syncKeys()
	return m
}

// Notify sets the first status message (say, that Finnish search runs
// without Voikko).
func (m *Model) Notify(s string) { m.status = s }

// OpenOnStart makes Init open document docID in the reader.
func (m *Model) OpenOnStart(docID string) { m.startDoc = docID }

// Init loads the document list and asks for the terminal's background,
// and opens the document of OpenOnStart, and starts following (Follow).
func (m Model) Init() tea.Cmd {
	load := tea.Batch(loadDocuments(m.c.Svc), tea.RequestBackgroundColor)
	if id := m.startDoc; id != "" {
		load = tea.Batch(load, func() tea.Msg { return OpenDocument(id) })
	}
	if m.follow.src != nil { // the mark first: what the loads read is at least as new
		return tea.Sequence(m.follow.look(), load)
	}
	return load
}

// Update routes msg: size and data to the screens they concern, global
// keys first, then the memo editor or the focused screen.
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
		if m.status == "" {
			m.report(pluralize(len(msg.docs), "document"))
		}
		return m, cmd
	case openDocMsg:
		return m.openAt(msg.ID, -1, "opening "+msg.Name)
	case openAtMsg:
		return m.openAt(msg.DocID, msg.Pos, "opening")
	case docLoadedMsg:
		m.reader, cmd = m.reader.Update(msg)
		if m.reader.Document() == msg.doc && !msg.reload {
			m.report("opened " + msg.doc.Name)
		}
		m.syncKeys()
		return m, cmd
	case codedMsg:
		m.hist.record(msg)
		m.reader.last = m.hist.last
		if msg.err != nil {
			m.err = msg.err
		} else {
			m.report(msg.status)
		}
		if msg.err != nil && len(msg.step.ops) == 0 {
			return m, nil // nothing changed
		}
		return m, m.changed(msg)
	case editMemoMsg:
		m.memo.SetSize(m.c.Width, m.memoHeight())
		cmd = m.memo.Open(msg)
		m.syncKeys()
		return m, cmd
	case memoSavedMsg:
		if msg.Err != nil {
			m.err = msg.Err
			return m, nil
		} else if msg.Text == "" {
			m.report("memo removed")
		} else {
			m.report("memo saved")
		}
		return m, m.changed(msg)
	case searchDoneMsg:
		m.search, cmd = m.search.Update(msg)
		if msg.seq == m.search.seq && msg.err == nil {
			m.report(fmt.Sprintf("%s for «%s»", pluralize(int(msg.res.Total), "hit"), msg.query))
		}
		m.syncKeys()
		return m, cmd
	case compareMsg:
		m.goTo(screenCompare)
		return m, m.compare.Open(msg.doc)
	case retrieveMsg:
		m.goTo(screenCodebook)
		return m, tea.Batch(m.codebook.Load(), m.codebook.Retrieve(msg.codeID))
	case themesSavedMsg:
		if msg.err != nil {
			m.err = fmt.Errorf("writing %s: %w", msg.path, msg.err)
		} else {
			m.report("wrote " + msg.path + " (readable by you only)")
		}
		return m, nil
	case backMsg:
		m.goBack()
		return m, m.show()
	case followTickMsg, markReadMsg:
		return m.updateFollow(msg)
	case tea.KeyPressMsg:
		return m.updateKeys(msg)
	}
	// Anything else (search results, loads, ticks) goes to every screen
	// and the editor; each takes only its own.
	return m.broadcast(msg)
}

// changed passes a change to the screens that show it: the reader, the
// codebook, the search hits, and the document list's counts.
func (m *Model) changed(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	var cmd tea.Cmd
	m.reader, cmd = m.reader.Update(msg)
	cmds = append(cmds, cmd)
	m.codebook, cmd = m.codebook.Update(msg)
	cmds = append(cmds, cmd)
	m.search, cmd = m.search.Update(msg)
	cmds = append(cmds, cmd)
	m.docsStale = true // reloaded when the list is shown, not on every change
	if m.focus == screenDocuments || m.focus == screenCodebook || m.focus == screenThemes {
		cmds = append(cmds, m.show())
	}
	m.syncKeys()
	return tea.Batch(cmds...)
}

// broadcast gives msg to every screen and the editor.
func (m Model) broadcast(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmds [7]tea.Cmd
	m.docs, cmds[0] = m.docs.Update(msg)
	m.reader, cmds[1] = m.reader.Update(msg)
	m.codebook, cmds[2] = m.codebook.Update(msg)
	m.search, cmds[3] = m.search.Update(msg)
	m.themes, cmds[4] = m.themes.Update(msg)
	m.compare, cmds[5] = m.compare.Update(msg)
	m.memo, cmds[6] = m.memo.Update(msg)
	m.syncKeys()
	return m, tea.Batch(cmds[:]...)
}

// openAt focuses the reader on document id with the caret at pos (the
// saved position when pos < 0), saving the position in the document left.
func (m Model) openAt(id string, pos int, status string) (tea.Model, tea.Cmd) {
	save := m.reader.savePosition()
	m.goTo(screenReader)
	m.report(status)
	if d := m.reader.Document(); d != nil && d.ID == id && pos >= 0 && m.reader.loading == "" {
		m.reader.pos, m.reader.anchor = m.reader.txt.snap(pos), -1
		m.reader.scroll()
		m.syncKeys()
		return m, save
	}
	cmd := m.reader.Open(id, pos)
	m.syncKeys()
	return m, tea.Batch(save, cmd)
}

// goTo focuses screen s, remembering the one left for esc.
func (m *Model) goTo(s screen) {
	if s == m.focus {
		return
	}
	m.back = append(m.back, m.focus)
	if len(m.back) > 16 {
		m.back = m.back[len(m.back)-16:]
	}
	m.focus = s
	m.syncKeys()
}

// goBack returns to the previous screen, or the documents list.
func (m *Model) goBack() {
	m.focus = screenDocuments
	if len(m.back) > 0 {
		m.focus = m.back[len(m.back)-1]
		m.back = m.back[:len(m.back)-1]
	}
	if m.focus == screenReader && m.reader.Document() == nil {
		m.focus = screenDocuments
	}
	m.syncKeys()
}

// show returns what the focused screen needs when it comes into view.
func (m *Model) show() tea.Cmd {
	switch m.focus {
	case screenDocuments:
		if m.docsStale {
			m.docsStale = false
			return loadDocuments(m.c.Svc)
		}
	case screenCodebook:
		return m.codebook.Load()
	case screenSearch:
		return m.search.Focus()
	case screenThemes:
		return m.themes.Load()
	case screenCompare:
		return m.compare.Load() // codings may have changed in the reader
	}
	return nil
}

// updateKeys handles global keys, then passes the key to the memo editor
// or the focused screen. While text is typed, only ctrl+c is global.
func (m Model) updateKeys(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.c.Keys
	if key.Matches(msg, k.ForceQuit) {
		return m.quit()
	}
	if m.memo.IsOpen() {
		var cmd tea.Cmd
		m.memo, cmd = m.memo.Update(msg)
		m.syncKeys()
		return m, cmd
	}
	if !m.typing() {
		switch {
		case key.Matches(msg, k.Quit):
			return m.quit()
		case key.Matches(msg, k.Help):
			m.help.ShowAll = !m.help.ShowAll
			m.layout()
			return m, nil
		case key.Matches(msg, k.Undo):
			if s, ok := pop(&m.hist.undo); ok {
				return m, runStep(m.c, s, viaUndo)
			}
			return m, nil
		case key.Matches(msg, k.Redo):
			if s, ok := pop(&m.hist.redo); ok {
				return m, runStep(m.c, s, viaRedo)
			}
			return m, nil
		case key.Matches(msg, k.Search):
			m.goTo(screenSearch)
			return m, m.show()
		case key.Matches(msg, k.Codebook):
			m.goTo(screenCodebook)
			return m, m.show()
		case key.Matches(msg, k.Themes):
			m.goTo(screenThemes)
			return m, m.show()
		case key.Matches(msg, k.Documents):
			m.goTo(screenDocuments)
			return m, m.show()
		case key.Matches(msg, k.Tab) && m.focus == screenDocuments:
			m.goTo(screenReader)
			return m, nil
		}
	}
	var cmd tea.Cmd
	switch m.focus {
	case screenReader:
		m.reader, cmd = m.reader.Update(msg)
	case screenCodebook:
		m.codebook, cmd = m.codebook.Update(msg)
	case screenSearch:
		m.search, cmd = m.search.Update(msg)
	case screenThemes:
		m.themes, cmd = m.themes.Update(msg)
	case screenCompare:
		m.compare, cmd = m.compare.Update(msg)
	default:
		m.docs, cmd = m.docs.Update(msg)
	}
	m.syncKeys()
	return m, cmd
}

// quit saves an open memo and the reading position, then quits.
func (m Model) quit() (tea.Model, tea.Cmd) {
	m.quitting = true
	return m, tea.Sequence(m.memo.Save(), m.reader.savePosition(), tea.Quit)
}

// typing reports whether the focused screen or the editor takes every key.
func (m Model) typing() bool {
	if m.memo.IsOpen() {
		return true
	}
	switch m.focus {
	case screenReader:
		return m.reader.Typing()
	case screenCodebook:
		return m.codebook.Typing()
	case screenSearch:
		return m.search.Typing()
	case screenThemes:
		return m.themes.Typing()
	}
	return m.docs.Typing()
}

// syncKeys enables the global bindings that apply now, so help stays true.
func (m *Model) syncKeys() {
	typing := m.typing()
	k := &m.c.Keys
	k.Quit.SetEnabled(!typing)
	k.Help.SetEnabled(!typing)
	k.Tab.SetEnabled(!typing && m.focus == screenDocuments && m.reader.Document() != nil)
	k.Undo.SetEnabled(!typing && len(m.hist.undo) > 0)
	k.Redo.SetEnabled(!typing && len(m.hist.redo) > 0)
	k.Search.SetEnabled(!typing && m.focus != screenSearch)
	k.Codebook.SetEnabled(!typing && m.focus != screenCodebook)
	k.Documents.SetEnabled(!typing && m.focus != screenDocuments)
	k.Themes.SetEnabled(!typing && m.focus != screenThemes)
}

// report puts a message in the status line, clearing any error.
func (m *Model) report(s string) { m.status, m.err = s, nil }

// setStyles replaces the styles everywhere.
func (m *Model) setStyles(s *Styles) {
	m.c.Styles = s
	m.help.Styles = s.Help
	m.docs.SetStyles(s)
	m.reader.SetStyles(s)
	m.codebook.SetStyles(s)
	m.search.SetStyles(s)
	m.themes.SetStyles(s)
	m.compare.SetStyles(s)
	m.memo.SetStyles(s)
}

// layout gives the screens the height left by the status line and help.
func (m *Model) layout() {
	m.help.SetWidth(m.c.Width)
	body := m.bodyHeight()
	m.docs.SetSize(m.c.Width, body)
	m.reader.SetSize(m.c.Width, body)
	m.codebook.SetSize(m.c.Width, body)
	m.search.SetSize(m.c.Width, body)
	m.themes.SetSize(m.c.Width, body)
	m.compare.SetSize(m.c.Width, body)
	m.memo.SetSize(m.c.Width, m.memoHeight())
}

func (m Model) bodyHeight() int { return max(0, m.c.Height-1-m.helpHeight()) }

// memoHeight is the height of the memo editor over the bottom of the body.
func (m Model) memoHeight() int { h := m.bodyHeight(); return min(12, max(3, h/2), h) }

func (m Model) helpHeight() int {
	return strings.Count(m.helpView(), "\n") + 1
}

// helpView renders the one-line help for the focused screen and the
// global keys; the full help takes the body's place (see fullHelp).
func (m Model) helpView() string {
	return m.help.ShortHelpView(m.ShortHelp())
}

// fullHelp renders every binding that applies now, its columns laid out
// in as many bands as the width needs.
func (m Model) fullHelp() string {
	h := m.help
	h.SetWidth(0) // measure untruncated
	var bands []string
	var band [][]key.Binding
	for _, g := range m.FullHelp() {
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
	title := m.c.Styles.Title.Render("Keys") + m.c.Styles.Dim.Render(" · ? closes")
	return title + "\n\n" + strings.Join(bands, "\n\n")
}

// firstLine returns s up to its first newline.
func firstLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
}

// ShortHelp returns the focused screen's bindings and the global ones.
func (m Model) ShortHelp() []key.Binding {
	if m.memo.IsOpen() {
		return append(m.memo.ShortHelp(), m.c.Keys.ForceQuit)
	}
	k := m.c.Keys
	var b []key.Binding
	switch m.focus {
	case screenReader:
		b = m.reader.ShortHelp()
	case screenCodebook:
		b = m.codebook.ShortHelp()
	case screenSearch:
		b = m.search.ShortHelp()
	case screenThemes:
		b = m.themes.ShortHelp()
	case screenCompare:
		b = m.compare.ShortHelp()
	default:
		b = m.docs.ShortHelp()
	}
	return append(b, k.Help, k.Search, k.Undo, k.Quit)
}

// FullHelp returns every binding that applies now, in columns.
func (m Model) FullHelp() [][]key.Binding {
	if m.memo.IsOpen() {
		return [][]key.Binding{m.ShortHelp()}
	}
	k := m.c.Keys
	var g [][]key.Binding
	switch m.focus {
	case screenReader:
		g = m.reader.FullHelp()
	case screenCodebook:
		g = m.codebook.FullHelp()
	case screenSearch:
		g = m.search.FullHelp()
	case screenThemes:
		g = m.themes.FullHelp()
	case screenCompare:
		g = m.compare.FullHelp()
	default:
		g = m.docs.FullHelp()
	}
	return append(g, []key.Binding{k.Search, k.Codebook, k.Themes, k.Documents, k.Tab},
		[]key.Binding{k.Undo, k.Redo, k.Help, k.Quit, k.ForceQuit})
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
	switch m.focus {
	case screenReader:
		body = m.reader.View()
	case screenCodebook:
		body = m.codebook.View()
	case screenSearch:
		body = m.search.View()
	case screenThemes:
		body = m.themes.View()
	case screenCompare:
		body = m.compare.View()
	default:
		body = m.docs.View()
	}
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
func (m Model) statusLine() string {
	st, w := m.c.Styles, m.c.Width
	left := st.Project.Render(" "+m.mode()+" ") + st.Status.Render(" "+oneLine(m.status))
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
func (m Model) mode() string {
	switch {
	case m.memo.IsOpen():
		return "MEMO"
	case m.focus == screenReader:
		return m.reader.Mode()
	case m.focus == screenCodebook:
		return "CODEBOOK"
	case m.focus == screenSearch:
		return "SEARCH"
	case m.focus == screenThemes:
		return "THEMES"
	case m.focus == screenCompare:
		return "COMPARE"
	}
	return "DOCUMENTS"
}

func pluralize(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
