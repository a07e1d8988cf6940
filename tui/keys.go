package tui

import "charm.land/bubbles/v2/key"

// KeyMap holds every key binding of the workspace.
type KeyMap struct {
	Up        key.Binding
	Down      key.Binding
	PageUp    key.Binding
	PageDown  key.Binding
	Top       key.Binding
	Bottom    key.Binding
	Open      key.Binding
	Back      key.Binding
	Tab       key.Binding
	Filter    key.Binding
	Sort      key.Binding
	Help      key.Binding
	Quit      key.Binding
	ForceQuit key.Binding

	// Screens.
	Search    key.Binding // open the search screen
	Codebook  key.Binding // open the codebook screen
	Documents key.Binding // open the documents list
	Themes    key.Binding // open the theme tables

	// Moving in the reader (Up and Down move by line).
	WordNext     key.Binding
	WordPrev     key.Binding
	SentenceNext key.Binding
	SentencePrev key.Binding
	TurnNext     key.Binding
	TurnPrev     key.Binding
	GoTo         key.Binding // go to turn N

	// Coding in the reader.
	Select   key.Binding // start or end a selection
	Recode   key.Binding // change the code of a coding
	Memo     key.Binding // memo on the coding at the cursor
	DocMemo  key.Binding // memo on the document
	Compare  key.Binding // compare two coders on the document
	Pane     key.Binding // focus the side pane of codes at the cursor
	Code     key.Binding // open the code picker
	Shortcut key.Binding // a code's one-key shortcut
	Repeat   key.Binding // apply the last code again
	Remove   key.Binding // remove the newest coding on the turn
	Undo     key.Binding
	Redo     key.Binding

	// The code picker, which takes every other key as filter text.
	PickUp   key.Binding
	PickDown key.Binding
	Choose   key.Binding
	Cancel   key.Binding

	// The memo editor, which takes every other key as text.
	SaveMemo key.Binding
}

// DefaultKeyMap returns the standard bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:           key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:         key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:       key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", "page up")),
		PageDown:     key.NewBinding(key.WithKeys("pgdown", "ctrl+f", "space"), key.WithHelp("pgdn", "page down")),
		Top:          key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top")),
		Bottom:       key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
		Open:         key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Back:         key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Tab:          key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "switch")),
		Filter:       key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "filter")),
		Sort:         key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort")),
		Help:         key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:         key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit:    key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Search:       key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		Codebook:     key.NewBinding(key.WithKeys("B"), key.WithHelp("B", "codebook")),
		Documents:    key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "documents")),
		Themes:       key.NewBinding(key.WithKeys("T"), key.WithHelp("T", "themes")),
		WordNext:     key.NewBinding(key.WithKeys("w", "ctrl+right"), key.WithHelp("w", "next word")),
		WordPrev:     key.NewBinding(key.WithKeys("b", "ctrl+left"), key.WithHelp("b", "previous word")),
		SentenceNext: key.NewBinding(key.WithKeys(")"), key.WithHelp(")", "next sentence")),
		SentencePrev: key.NewBinding(key.WithKeys("("), key.WithHelp("(", "previous sentence")),
		TurnNext:     key.NewBinding(key.WithKeys("]", "}"), key.WithHelp("]", "next turn")),
		TurnPrev:     key.NewBinding(key.WithKeys("[", "{"), key.WithHelp("[", "previous turn")),
		GoTo:         key.NewBinding(key.WithKeys(":"), key.WithHelp(":", "go to turn")),
		Select:       key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "select")),
		Recode:       key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "recode")),
		Memo:         key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "memo")),
		DocMemo:      key.NewBinding(key.WithKeys("M"), key.WithHelp("M", "document memo")),
		Compare:      key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "compare coders")),
		Pane:         key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "codes here")),
		Code:         key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "code turn")),
		Shortcut: key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9", "0"),
			key.WithHelp("0-9", "shortcut")),
		Repeat:   key.NewBinding(key.WithKeys("."), key.WithHelp(".", "repeat")),
		Remove:   key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "remove coding")),
		Undo:     key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo")),
		Redo:     key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "redo")),
		PickUp:   key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑", "up")),
		PickDown: key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓", "down")),
		Choose:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply")),
		Cancel:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		SaveMemo: key.NewBinding(key.WithKeys("esc", "ctrl+s"), key.WithHelp("esc", "save memo")),
	}
}

// ShortHelp returns the bindings for the one-line help.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Open, k.Back, k.Help, k.Quit}
}

// FullHelp returns the bindings for the expanded help, in columns.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown},
		{k.Top, k.Bottom, k.Open, k.Back},
		{k.Tab, k.Filter, k.Help, k.Quit},
	}
}
