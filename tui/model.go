package tui

import (
	"errors"
	"fmt"
	"strconv"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/search"
)

// Model is the root of the workspace: it routes messages to the screens,
// keeps the session's undo history, and draws the status line and the
// help bar under the focused screen, and the memo editor over it.
type Model struct {
	notice   string // a note from the project (NoticeMsg), shown until the next key
	c        Common
	keys     KeyMap // the global keys, enabled as they apply now (syncKeys)
	project  string
	focus    screen
	back     []screen // the screens to go back to, last on top
	docs     Documents
	reader   Reader
	codebook CodebookView
	search   SearchView
	themes   ThemesView
	compare  CompareView
	memo     MemoEditor
	help     help.Model
	status   string // the last message
	err      error  // the last error, shown instead of status
	hist     history
	quitting bool
	startDoc string
	follow   follower // reads other processes' changes (Follow)

	// The retrieval view and the memos view.
	retrieval RetrievalView
	memos     MemosView
}

// New returns the workspace for a project read and written through svc,
// coding as coder.
func New(svc Services, projectName, coder string) Model {
	return NewIn(svc, projectName, coder, coding.LangFinnish)
}

// NewIn is New whose theme tables, and the tables it saves, are in lang
// (coding.LangFinnish or coding.LangEnglish; any other is Finnish), as
// avain export --lang writes them.
func NewIn(svc Services, projectName, coder, lang string) Model {
	if lang != coding.LangEnglish {
		lang = coding.LangFinnish
	}
	keys := DefaultKeyMap()
	c := Common{Styles: DefaultStyles(true), Keys: &keys, Svc: displayed(svc), Coder: coder, Lang: lang}
	h := help.New()
	h.Styles = c.Styles.Help
	m := Model{c: c, keys: keys, project: projectName, docs: NewDocuments(c), reader: NewReader(c),
		codebook: NewCodebookView(c), search: NewSearchView(c), themes: NewThemesView(c), compare: NewCompareView(c), memo: NewMemoEditor(c), help: h,
		retrieval: NewRetrievalView(c), memos: NewMemosView(c)}
	m.syncKeys()
	return m
}

// Notify sets the first status message (say, that Finnish search runs
// without Voikko).
func (m *Model) Notify(s string) { m.status = s }

// NoticeMsg puts a note on the status line of a running UI (send it with
// tea.Program.Send).
type NoticeMsg string

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
	case NoticeMsg: // a note from the project, such as an index rebuilt for another analysis
		m.notice = string(msg)
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
		}
		m.hist.record(codedMsg{step: msg.step}) // memos are undoable (undo.go)
		switch {
		case msg.Text == "":
			m.report("memo removed")
		case msg.Moved:
			m.report("memo saved on the recoded coding")
		default:
			m.report("memo saved")
		}
		return m, m.changed(msg)
	case searchDoneMsg:
		return m.searchDone(msg)
	case compareMsg:
		m.goTo(screenCompare)
		return m, m.compare.Open(msg.doc)
	case retrieveMsg, openCodeMsg, focusCodeMsg: // retrieval and memos (lists.go)
		return m.openList(msg)
	case themesSavedMsg:
		if msg.err != nil {
			m.err = fmt.Errorf("writing %s: %w", msg.path, msg.err)
		} else {
			m.report("wrote " + msg.path + " (readable by you only)")
		}
		return m, nil
	case statusMsg:
		m.report(string(msg))
		return m, nil
	case backMsg:
		m.goBack()
		return m, m.show()
	case followTickMsg, markReadMsg:
		return m.updateFollow(msg)
	case tea.KeyPressMsg:
		m.notice = "" // seen: it stayed until the user went on
		return m.updateKeys(msg)
	case tea.PasteMsg:
		return m.paste(msg)
	}
	// Anything else (search results, loads, ticks) goes to every screen
	// and the editor; each takes only its own.
	return m.broadcast(msg)
}

// changed passes a change made here to the screens (the reader, the
// codebook and the search hits take it), marks the document list's counts
// stale (read again when the list is shown, not on every change), and
// refreshes the screen in front.
func (m *Model) changed(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for _, s := range m.screens() {
		cmds = append(cmds, s.update(msg))
	}
	m.docs.stale = true
	cmds = append(cmds, m.focused().Refresh())
	m.syncKeys()
	return tea.Batch(cmds...)
}

// broadcast gives msg to every screen and the editor.
func (m *Model) broadcast(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	for _, s := range m.screens() {
		cmds = append(cmds, s.update(msg))
	}
	var cmd tea.Cmd
	m.memo, cmd = m.memo.Update(msg)
	m.syncKeys()
	return *m, tea.Batch(append(cmds, cmd)...)
}

// openAt focuses the reader on document id with the caret at pos (the
// saved position when pos < 0), saving the position in the document left.
func (m *Model) openAt(id string, pos int, status string) (tea.Model, tea.Cmd) {
	save := m.reader.savePosition()
	m.goTo(screenReader)
	m.report(status)
	if d := m.reader.Document(); d != nil && d.ID == id && pos >= 0 && m.reader.loading == "" {
		m.report("opened " + d.Name) // open already: nothing is loaded
		m.reader.pos, m.reader.anchor = m.reader.txt.snap(pos), -1
		m.reader.scroll()
		m.syncKeys()
		return *m, save
	}
	cmd := m.reader.Open(id, pos)
	m.syncKeys()
	return *m, tea.Batch(save, cmd)
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

// show returns what the focused screen needs when it comes into view, and
// enables the keys of the state it comes back in.
func (m *Model) show() tea.Cmd {
	cmd := m.focused().Show()
	m.syncKeys()
	return cmd
}

// updateKeys handles global keys, then passes the key to the memo editor
// or the focused screen. While text is typed, only ctrl+c is global.
// While the full help is shown, a key but ctrl+c only closes it: the
// screen under it is hidden.
func (m *Model) updateKeys(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	if key.Matches(msg, k.ForceQuit) {
		return m.quit()
	}
	if m.help.ShowAll {
		m.help.ShowAll = false
		m.layout()
		return *m, nil
	}
	if m.memo.IsOpen() {
		var cmd tea.Cmd
		m.memo, cmd = m.memo.Update(msg)
		m.syncKeys()
		return *m, cmd
	}
	if !m.typing() {
		switch {
		case key.Matches(msg, k.Quit):
			return m.quit()
		case key.Matches(msg, k.Help):
			m.help.ShowAll = true
			m.layout()
			return *m, nil
		case key.Matches(msg, k.Undo):
			if s, ok := pop(&m.hist.undo); ok {
				return *m, runStep(m.c, s, viaUndo)
			}
			m.report("nothing to undo")
			return *m, nil
		case key.Matches(msg, k.Redo):
			if s, ok := pop(&m.hist.redo); ok {
				return *m, runStep(m.c, s, viaRedo)
			}
			m.report("nothing to redo")
			return *m, nil
		case key.Matches(msg, k.Search): // a new query, even where hits were left
			m.goTo(screenSearch)
			cmd := m.search.Focus()
			m.syncKeys()
			return *m, cmd
		case key.Matches(msg, k.Codebook):
			m.goTo(screenCodebook)
			return *m, m.show()
		case key.Matches(msg, k.Themes):
			m.goTo(screenThemes)
			return *m, m.show()
		case key.Matches(msg, k.Memos):
			m.goTo(screenMemos)
			return *m, m.show()
		case key.Matches(msg, k.Documents):
			m.goTo(screenDocuments)
			return *m, m.show()
		case key.Matches(msg, k.Tab) && m.focus == screenDocuments:
			m.goTo(screenReader)
			return *m, nil
		}
	}
	asked := m.reader.confirm != nil // a question about another coder's coding (confirm.go)
	cmd := m.focused().update(msg)
	if asked && m.reader.confirm == nil { // answered: it leaves the status line now, before what the answer does reports
		m.report("")
	}
	m.syncKeys()
	return *m, cmd
}

// paste gives a paste to the memo editor or the focused screen: only a
// text field there takes it.
func (m *Model) paste(msg tea.PasteMsg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	if m.memo.IsOpen() {
		m.memo, cmd = m.memo.Update(msg)
	} else {
		cmd = m.focused().update(msg)
	}
	m.syncKeys()
	return *m, cmd
}

// quit saves an open memo and the reading position, then quits.
func (m *Model) quit() (tea.Model, tea.Cmd) {
	m.quitting = true
	return *m, tea.Sequence(m.memo.Save(), m.reader.savePosition(), tea.Quit)
}

// typing reports whether the focused screen or the editor takes every key.
func (m *Model) typing() bool {
	return m.memo.IsOpen() || m.focused().Typing()
}

// syncKeys enables the global bindings that apply now, so help stays true.
func (m *Model) syncKeys() {
	typing := m.typing()
	k := &m.keys
	k.Quit.SetEnabled(!typing)
	k.Help.SetEnabled(!typing)
	k.Tab.SetEnabled(!typing && m.focus == screenDocuments && m.reader.Document() != nil)
	k.Undo.SetEnabled(!typing) // with nothing to undo or redo, they say so
	k.Redo.SetEnabled(!typing)
	k.Search.SetEnabled(!typing && m.focus != screenSearch)
	k.Codebook.SetEnabled(!typing && m.focus != screenCodebook)
	k.Documents.SetEnabled(!typing && m.focus != screenDocuments)
	k.Themes.SetEnabled(!typing && m.focus != screenThemes)
	k.Memos.SetEnabled(!typing && m.focus != screenMemos)
}

// report puts a message in the status line, clearing any error.
func (m *Model) report(s string) { m.status, m.err = s, nil }

// setStyles replaces the styles everywhere.
func (m *Model) setStyles(s *Styles) {
	m.c.Styles = s
	m.help.Styles = s.Help
	for _, sc := range m.screens() {
		sc.SetStyles(s)
	}
	m.memo.SetStyles(s)
}

// layout gives the screens the height left by the status line and help.
func (m *Model) layout() {
	m.help.SetWidth(m.c.Width)
	body := m.bodyHeight()
	for _, s := range m.screens() {
		s.SetSize(m.c.Width, body)
	}
	m.memo.SetSize(m.c.Width, m.memoHeight())
}

func pluralize(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// searchDone gives the search screen its result and says on the status
// line what came of the newest query: its hits, or that it could not be
// read (the screen says why), so the last count does not stay there.
func (m Model) searchDone(msg searchDoneMsg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	m.search, cmd = m.search.Update(msg)
	switch {
	case msg.seq != m.search.seq:
	case msg.err == nil:
		m.report(fmt.Sprintf("%s for «%s»", pluralize(int(msg.res.Total), "hit"), msg.query))
	case errors.Is(msg.err, search.ErrBadQuery):
		m.report(fmt.Sprintf("«%s» cannot be read", msg.query))
	}
	m.syncKeys()
	return m, cmd
}
