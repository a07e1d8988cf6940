package tui

import tea "charm.land/bubbletea/v2"

// openList routes the messages that open the retrieval view (from the
// codebook or a themes-view cell) and a code from the memos view: the
// codebook, read, then the cursor on the code.
func (m *Model) openList(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case retrieveMsg:
		m.goTo(screenRetrieval)
		return *m, m.retrieval.Open(msg)
	case openCodeMsg:
		m.goTo(screenCodebook)
		return *m, tea.Sequence(m.codebook.Load(), func() tea.Msg { return focusCodeMsg(msg) })
	case focusCodeMsg:
		m.codebook.focusCode(msg.id)
	}
	return *m, nil
}
