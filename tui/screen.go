package tui

import (
	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
)

// screen names a screen of the workspace, and indexes Model.screens.
type screen int

const (
	screenDocuments screen = iota
	screenReader
	screenCodebook
	screenSearch
	screenThemes
	screenCompare
	screenRetrieval // a code's coded passages
	screenMemos     // every memo of the project
	screenCount
)

// Screen is the contract every screen of the workspace keeps, so that the
// root routes keys to the focused one and sizes, styles and data to all
// of them without knowing which is which (soft-serve's
// pkg/ui/common.Component). Each screen's own Update returns its concrete
// type; update is that Update in place, for the root.
type Screen interface {
	help.KeyMap // the bindings that apply now, for the help bar

	// View draws the screen, exactly its box.
	View() string
	// SetSize sets the screen's box.
	SetSize(w, h int)
	// SetStyles replaces the styles.
	SetStyles(s *Styles)
	// Typing reports whether a text field takes every key but ctrl+c.
	Typing() bool
	// Mode names what the screen is doing, for the status line.
	Mode() string
	// Show returns what the screen reads when it comes into view.
	Show() tea.Cmd
	// Refresh returns what the screen reads again when the project
	// changed while it is in front.
	Refresh() tea.Cmd

	update(msg tea.Msg) tea.Cmd
}

// updateIn runs a screen's Update on *p and keeps the screen it returns.
func updateIn[T interface{ Update(tea.Msg) (T, tea.Cmd) }](p *T, msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	*p, cmd = (*p).Update(msg)
	return cmd
}

func (d *Documents) update(msg tea.Msg) tea.Cmd    { return updateIn(d, msg) }
func (r *Reader) update(msg tea.Msg) tea.Cmd       { return updateIn(r, msg) }
func (v *CodebookView) update(msg tea.Msg) tea.Cmd { return updateIn(v, msg) }
func (v *SearchView) update(msg tea.Msg) tea.Cmd   { return updateIn(v, msg) }
func (v *ThemesView) update(msg tea.Msg) tea.Cmd   { return updateIn(v, msg) }
func (v *CompareView) update(msg tea.Msg) tea.Cmd  { return updateIn(v, msg) }

func (v *RetrievalView) update(msg tea.Msg) tea.Cmd { return updateIn(v, msg) }
func (v *MemosView) update(msg tea.Msg) tea.Cmd     { return updateIn(v, msg) }

// screens returns the screens, indexed by screen, as pointers into m.
func (m *Model) screens() [screenCount]Screen {
	return [screenCount]Screen{
		screenDocuments: &m.docs,
		screenReader:    &m.reader,
		screenCodebook:  &m.codebook,
		screenSearch:    &m.search,
		screenThemes:    &m.themes,
		screenCompare:   &m.compare,
		screenRetrieval: &m.retrieval,
		screenMemos:     &m.memos,
	}
}

// focused returns the screen in front.
func (m *Model) focused() Screen { return m.screens()[m.focus] }
