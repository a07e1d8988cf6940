package tui

import (
	"slices"

	"charm.land/bubbles/v2/key"
)

// KeyMap holds every key binding of the workspace, the screens' own
// included: this is the one place keys are defined. Screens match keys
// with key.Matches and switch bindings with SetEnabled, so that the help
// shows only what works; keys_test.go checks that no two bindings
// enabled on one screen share a key, and that README.md names them all.
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

	// The documents filter: while it is typed, and a filter kept.
	KeepFilter  key.Binding
	ClearFilter key.Binding

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

	// The screens' own bindings.
	SearchView   SearchKeys
	CodebookView CodebookKeys
	ThemesView   ThemesKeys
	CompareView  CompareKeys
	MemoCheck    MemoCheckKeys // the answers to personal data found in a memo

	// Codes made while coding, and a change of another coder's work
	// confirmed (codebook_edit.go, confirm.go).
	InVivo     key.Binding  // in the reader: a code named by the words, applied to them
	PickParent key.Binding  // in the code picker: the theme a new code goes under
	Yes, No    key.Binding  // the answers to a question
	CodeEdit   CodeEditKeys // the codebook view's editing keys

	// The retrieval view and the memos view, and the key to the memos.
	RetrievalView RetrievalKeys
	MemosView     MemosKeys
	Memos         key.Binding
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
		KeepFilter:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep filter")),
		ClearFilter:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
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
		Repeat:       key.NewBinding(key.WithKeys("."), key.WithHelp(".", "repeat")),
		Remove:       key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "remove coding")),
		Undo:         key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo")),
		Redo:         key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "redo")),
		PickUp:       key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑", "up")),
		PickDown:     key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓", "down")),
		Choose:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply")),
		Cancel:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		SaveMemo:     key.NewBinding(key.WithKeys("esc", "ctrl+s"), key.WithHelp("esc", "save memo")),
		SearchView:   defaultSearchKeys(),
		CodebookView: defaultCodebookKeys(),
		ThemesView:   defaultThemesKeys(),
		CompareView:  defaultCompareKeys(),
		MemoCheck:    defaultMemoCheckKeys(),

		// Codes made while coding; confirmations.
		InVivo:     key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "in-vivo code")),
		PickParent: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "new code's theme")),
		Yes:        key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes")),
		No:         key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n", "no")),
		CodeEdit:   defaultCodeEditKeys(),

		// The retrieval view and the memos view.
		RetrievalView: defaultRetrievalKeys(),
		MemosView:     defaultMemosKeys(),
		Memos:         key.NewBinding(key.WithKeys("O"), key.WithHelp("O", "memos")),
	}
}

// without returns b without the keys other has, for a screen where other
// takes them.
func without(b, other key.Binding) key.Binding {
	b.SetKeys(slices.DeleteFunc(slices.Clone(b.Keys()), func(k string) bool { return slices.Contains(other.Keys(), k) })...)
	return b
}

// SearchKeys holds the search screen's own bindings.
type SearchKeys struct {
	Run, Edit, Open, Code, CodeAll, Yes, No key.Binding
}

func defaultSearchKeys() SearchKeys {
	return SearchKeys{
		Run:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "search")),
		Edit:    key.NewBinding(key.WithKeys("/", "i"), key.WithHelp("/", "edit query")),
		Open:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open in reader")),
		Code:    key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "code hit")),
		CodeAll: key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "code all hits")),
		Yes:     key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes")),
		No:      key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n", "no")),
	}
}

// CodebookKeys holds the codebook screen's own bindings.
type CodebookKeys struct {
	Collapse, Expand, Toggle, Details, Retrieve, Memo key.Binding
}

func defaultCodebookKeys() CodebookKeys {
	return CodebookKeys{
		Collapse: key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "collapse")),
		Expand:   key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "expand")),
		Toggle:   key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "fold")),
		Details:  key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "definition")),
		Retrieve: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "coded segments")),
		Memo:     key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "memo")),
	}
}

// ThemesKeys holds the themes view's own bindings.
type ThemesKeys struct {
	Split, Metric, Drill, Export, Save, Cancel key.Binding
}

func defaultThemesKeys() ThemesKeys {
	return ThemesKeys{
		Split:  key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "split by")),
		Metric: key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "measure")),
		Drill:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "coded segments")),
		Export: key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "export table")),
		Save:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "write")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

// CompareKeys holds the compare view's own bindings.
type CompareKeys struct {
	Next, Prev, CoderA, CoderB, Focus, Open key.Binding
}

func defaultCompareKeys() CompareKeys {
	return CompareKeys{
		Next:   key.NewBinding(key.WithKeys("n", "]"), key.WithHelp("n", "next disagreement")),
		Prev:   key.NewBinding(key.WithKeys("N", "["), key.WithHelp("N", "previous")),
		CoderA: key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "left coder")),
		CoderB: key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "right coder")),
		Focus:  key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "one code / all")),
		Open:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open in reader")),
	}
}

// MemoCheckKeys holds the answers to personal data found in a memo.
type MemoCheckKeys struct {
	Replace, Keep, Back key.Binding
}

func defaultMemoCheckKeys() MemoCheckKeys {
	return MemoCheckKeys{
		Replace: key.NewBinding(key.WithKeys("r", "enter"), key.WithHelp("r", "replace with placeholders")),
		Keep:    key.NewBinding(key.WithKeys("k"), key.WithHelp("k", "keep as typed")),
		Back:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to editing")),
	}
}

// RetrievalKeys holds the retrieval view's own bindings (its filter is
// kept and cleared with KeepFilter and ClearFilter).
type RetrievalKeys struct {
	Open, Filter, Subtree, Export, Save, Cancel key.Binding
}

func defaultRetrievalKeys() RetrievalKeys {
	return RetrievalKeys{
		Open:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open in reader")),
		Filter:  key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "filter")),
		Subtree: key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "child codes")),
		Export:  key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "export passages")),
		Save:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "write")),
		Cancel:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

// MemosKeys holds the memos view's own bindings (its filter is kept and
// cleared with KeepFilter and ClearFilter).
type MemosKeys struct {
	Open, Edit, Project, Filter key.Binding
}

func defaultMemosKeys() MemosKeys {
	return MemosKeys{
		Open:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open its target")),
		Edit:    key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "edit memo")),
		Project: key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "project memo")),
		Filter:  key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "filter")),
	}
}

// CodeEditKeys holds the codebook view's editing keys, and those of its
// form.
type CodeEditKeys struct {
	New, NewChild, Rename, Move, Color, Define, Merge, Delete key.Binding
	Save, NextField, Cancel                                   key.Binding
}

func defaultCodeEditKeys() CodeEditKeys {
	return CodeEditKeys{
		New:       key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new code")),
		NewChild:  key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "new child code")),
		Rename:    key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "rename")),
		Move:      key.NewBinding(key.WithKeys("M"), key.WithHelp("M", "move")),
		Color:     key.NewBinding(key.WithKeys("#"), key.WithHelp("#", "colour, shortcut, category")),
		Define:    key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "define")),
		Merge:     key.NewBinding(key.WithKeys("J"), key.WithHelp("J", "merge into")),
		Delete:    key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "delete")),
		Save:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save")),
		NextField: key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("tab", "next field")),
		Cancel:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}
