package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// TEMPORARY stubs until the screens land.
type CodebookView struct{ c Common }

func NewCodebookView(c Common) CodebookView                       { return CodebookView{c: c} }
func (v *CodebookView) SetSize(w, h int)                          { v.c.Width, v.c.Height = w, h }
func (v *CodebookView) SetStyles(s *Styles)                       {}
func (v CodebookView) Load() tea.Cmd                              { return nil }
func (v CodebookView) Update(msg tea.Msg) (CodebookView, tea.Cmd) { return v, nil }
func (v CodebookView) View() string                               { return "" }
func (v CodebookView) Typing() bool                               { return false }
func (v CodebookView) ShortHelp() []key.Binding                   { return nil }
func (v CodebookView) FullHelp() [][]key.Binding                  { return nil }
