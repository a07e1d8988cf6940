package tui

import (
	"context"
	"fmt"
	"slices"
	"time"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/toituavain/avain/coding"
)

// backMsg asks the root to leave the screen.
type backMsg struct{}

// savePosMsg asks the reader to save its position if nothing moved since
// the move numbered seq.
type savePosMsg struct{ seq int }

// positionSaveDelay is how long the caret rests before its position is
// written to the project.
var positionSaveDelay = time.Second

// maxStripes is the widest the coding gutter gets; further codes share
// its last column.
const maxStripes = 6

// Side pane sizes: on the right from wideWidth columns, paneWidth wide
// and growing with the window to paneMaxWidth (paneW), else at the bottom
// while it has the focus.
const (
	wideWidth    = 100
	paneWidth    = 34
	paneMaxWidth = 60
	paneHeight   = 8
)

// picking says what the open code picker is for.
type picking int

const (
	pickNone   picking = iota
	pickCode           // code the selection or the turn
	pickRecode         // change the code of a coding
)

// Reader shows one document as speaker turns with a gutter of coding
// stripes, a caret that moves by word, sentence, line and turn, a
// selection, and a side pane with the codings at the cursor.
type Reader struct {
	c        Common
	loading  string // id being loaded, "" when none
	doc      *coding.Document
	txt      text
	codings  []*coding.Coding
	codebook *coding.Codebook
	memo     string               // the document's memo
	slot     map[string]int       // code id -> gutter column
	stripe   map[string]ansiStyle // code id -> stripe style in its colour
	look     readerLook           // the styles of the text, compiled
	order    []string             // the coded codes in gutter order (codebook order)
	runs     []codedRun           // the coded stretches of the text (highlight.go)
	looks    map[string]*spanLook // code id -> how its coded text is drawn
	profile  colorprofile.Profile // the terminal's colours (tea.ColorProfileMsg)
	slots    int
	speakerW int
	cache    map[int][]line // wrapped lines by text width; made on load so copies share it

	pos    int // the caret, a code point inside a turn
	anchor int // selection start; -1 when not selecting
	head   int // selection end (exclusive) while selecting
	offset int // first line shown

	pane    bool // the side pane has the focus
	paneSel int  // the coding chosen in the side pane
	pick    picking
	picker  Picker
	recode  *coding.Coding   // the coding a recode replaces
	confirm *confirmation    // a question asked before another coder's coding changes (confirm.go)
	jumping bool             // typing a turn number to go to
	jump    *textinput.Model // the turn number typed
	last    string           // id of the code applied last, for repeat (set by the root)
	seq     int              // counts caret moves, for saving the position when it rests
	saved   int              // the position last saved
}

// NewReader returns an empty reader.
func NewReader(c Common) Reader { return Reader{c: c, anchor: -1} }

// SetSize sets the reader's box; the caret stays on its text.
func (r *Reader) SetSize(w, h int) {
	r.c.Width, r.c.Height = w, h
	r.scroll()
	r.picker.SetSize(r.c.Width, r.overlayHeight())
}

// SetStyles replaces the styles and the stripe styles built from them.
func (r *Reader) SetStyles(s *Styles) {
	r.c.Styles = s
	r.buildStripes()
}

// Open starts loading document id with the caret at pos (the saved
// position when pos < 0) and returns the command that does it.
func (r *Reader) Open(id string, pos int) tea.Cmd {
	r.loading = id
	return readDocument(r.c, id, false, pos)
}

// Document returns the open document, or nil.
func (r Reader) Document() *coding.Document { return r.doc }

// Cursor returns the index of the line under the caret.
func (r Reader) Cursor() int { return r.cursorLine() }

// Pos returns the caret's code-point position.
func (r Reader) Pos() int { return r.pos }

// Selection returns the selected span, and false when nothing is selected.
func (r Reader) Selection() (coding.Span, bool) {
	if r.anchor < 0 {
		return coding.Span{}, false
	}
	return r.txt.trimSpan(r.anchor, r.head), true // never white space at its ends
}

// Typing reports whether the reader takes every key (the picker is open,
// or a turn number is being typed).
func (r Reader) Typing() bool { return r.pick != pickNone || r.jumping || r.confirm != nil }

// Show does nothing: the reader reads its document when it is opened.
func (r *Reader) Show() tea.Cmd { return nil }

// Refresh does nothing: the root rereads the open document (Follow), and
// changes made here come to the reader as messages.
func (r *Reader) Refresh() tea.Cmd { return nil }

// Mode names what the reader is doing, for the status line.
func (r Reader) Mode() string {
	switch {
	case r.pick != pickNone:
		return "PICK"
	case r.jumping:
		return "GO TO"
	case r.anchor >= 0:
		return "SELECT"
	case r.pane:
		return "CODES"
	}
	return "READ"
}

// wide reports whether the side pane sits to the right of the text.
func (r Reader) wide() bool { return r.c.Width >= wideWidth }

// paneW is the width of the side pane on the right: three tenths of the
// window, between paneWidth and paneMaxWidth.
func (r Reader) paneW() int { return clamp(r.c.Width*3/10, paneWidth, paneMaxWidth) }

// overlayHeight is the height of the picker or the go-to prompt under
// the text, 0 when neither is open.
func (r Reader) overlayHeight() int {
	switch {
	case r.pick != pickNone:
		return min(12, r.c.Height/2)
	case r.jumping:
		return 1
	}
	return 0
}

// bottomPane is the height of the side pane when it sits under the text.
func (r Reader) bottomPane() int {
	if r.wide() || !r.pane {
		return 0
	}
	return min(paneHeight, r.c.Height/3)
}

// rows is the number of text lines under the title.
func (r Reader) rows() int {
	return max(0, r.c.Height-1-r.overlayHeight()-r.bottomPane())
}

// Update handles the reader's messages.
func (r Reader) Update(msg tea.Msg) (Reader, tea.Cmd) {
	switch msg := msg.(type) {
	case docLoadedMsg:
		if r.loading != "" && msg.doc.ID != r.loading ||
			msg.reload && (r.loading != "" || r.doc == nil || r.doc.ID != msg.doc.ID) {
			return r, nil // a stale load
		}
		r.load(msg)
	case codedMsg:
		if r.doc != nil && r.loading == "" && (slices.Contains(msg.step.docs, r.doc.ID) || msg.step.codebook) {
			return r, r.reload()
		}
	case memoSavedMsg:
		if msg.Err == nil && r.doc != nil && r.loading == "" &&
			(msg.Target == coding.MemoCoding || msg.Target == coding.MemoDocument && msg.ID == r.doc.ID) {
			return r, r.reload()
		}
	case tea.ColorProfileMsg:
		r.profile = msg.Profile
		r.buildStripes()
	case savePosMsg:
		if msg.seq == r.seq {
			return r, r.savePosition()
		}
	case tea.KeyPressMsg:
		return r.updateKeys(msg)
	case tea.PasteMsg:
		switch {
		case r.pick != pickNone:
			var cmd tea.Cmd
			r.picker, cmd = r.picker.Update(msg)
			return r, cmd
		case r.jumping:
			return r.updateJump(msg)
		}
	}
	return r, nil
}

// reload re-reads the codings, the codebook and the memo of the open
// document after a change, keeping the caret. (Its text does not change.)
func (r Reader) reload() tea.Cmd {
	c, doc := r.c, r.doc
	return func() tea.Msg {
		msg, err := readCodings(context.Background(), c, doc)
		if err != nil {
			return errMsg{err}
		}
		msg.reload = true
		return msg
	}
}

// savePosition writes the caret's position to the project when it moved
// since the last save; the root calls it when the reader is left.
func (r *Reader) savePosition() tea.Cmd {
	if r.doc == nil || r.pos == r.saved {
		return nil
	}
	r.saved = r.pos
	c, id, pos := r.c, r.doc.ID, r.pos
	return func() tea.Msg {
		if err := c.Svc.SavePosition(context.Background(), id, c.Coder, pos); err != nil {
			return errMsg{fmt.Errorf("saving the reading position: %w", err)}
		}
		return nil
	}
}

// caret is where the cursor is drawn: the caret, or while selecting the
// last character of the selection.
func (r Reader) caret() int {
	if r.anchor >= 0 {
		return max(r.anchor, r.head-1)
	}
	return r.pos
}

// cursorLine is the index of the line holding the caret.
func (r *Reader) cursorLine() int { return r.lineAt(r.caret()) }

// scroll keeps the caret's line in view.
func (r *Reader) scroll() {
	r.offset = scrollTo(r.offset, r.cursorLine(), r.rows(), len(r.lines()))
}
