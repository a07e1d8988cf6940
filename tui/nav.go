package tui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/toituavain/avain/coding"
)

// The messages screens send the root to move between them. Any screen may
// return a command yielding one of these; the root switches the focus.

// openAtMsg opens document DocID in the reader with the caret on code
// point Pos of its text (a search hit, a retrieved segment), or where the
// coder last left it when Pos < 0.
type openAtMsg struct {
	DocID string
	Pos   int
}

// OpenDocument returns the message that opens document docID in the reader
// where the coder last left it: `avain open --doc` sends it at start.
func OpenDocument(docID string) tea.Msg { return openAtMsg{DocID: docID, Pos: -1} }

// editMemoMsg opens the memo editor on the memo of Target ID. Title says
// what the memo is on ("coding turn 3: Odottaminen"); Text is the memo now.
type editMemoMsg struct {
	Target coding.MemoTarget
	ID     string
	Title  string
	Text   string
	// A coding's document and span: a memo saved after the coding was
	// recoded (just before the editor opened, its result not yet shown)
	// goes to the coding that took its place.
	Doc  string
	Span coding.Span
}

// statusMsg is a message for the status line (a turn asked for that the
// document does not have).
type statusMsg string

// memoSavedMsg reports a memo written to the project (Err nil) or not.
type memoSavedMsg struct {
	Target coding.MemoTarget
	ID     string
	Text   string
	Err    error
	Moved  bool // saved on the coding that took the place of the one the editor opened on
	step   step // the memo's change, for undo (undo.go); none when it stayed as it was
}
