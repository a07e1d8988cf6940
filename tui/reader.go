package tui

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/toituavain/avain/coding"
)

// docLoadedMsg carries an opened document with its codings, the codebook
// and where to put the caret.
type docLoadedMsg struct {
	doc      *coding.Document
	codings  []*coding.Coding
	codebook *coding.Codebook
	memo     string // the document's memo
	pos      int    // caret position; -1 keeps the caret (a reload)
	reload   bool   // a reload after a change, not an open
}

// backMsg asks the root to leave the screen.
type backMsg struct{}

// savePosMsg asks the reader to save its position if nothing moved since
// the move numbered seq.
type savePosMsg struct{ seq int }

// positionSaveDelay is how long the caret rests before its position is
// written to the project.
var positionSaveDelay = time.Second

// readDocument loads a document, its live codings, the codebook and its
// memo. On an open (not a reload) a negative pos means the coder's saved
// reading position.
func readDocument(c Common, id string, reload bool, pos int) tea.Cmd {
	return func() tea.Msg {
		ctx := context.Background()
		doc, err := c.Svc.Document(ctx, id)
		if err != nil {
			return errMsg{fmt.Errorf("opening document: %w", err)}
		}
		msg, err := readCodings(ctx, c, doc)
		if err != nil {
			return errMsg{err}
		}
		if !reload && pos < 0 {
			saved, ok, err := c.Svc.Position(ctx, doc.ID, c.Coder)
			if err != nil {
				return errMsg{fmt.Errorf("reading the saved position: %w", err)}
			}
			pos = 0
			if ok {
				pos = saved
			}
		}
		msg.pos, msg.reload = pos, reload
		return msg
	}
}

// readCodings reads what changes about an open document: its live
// codings, the codebook and its memo.
func readCodings(ctx context.Context, c Common, doc *coding.Document) (docLoadedMsg, error) {
	cs, err := c.Svc.Codings(ctx, coding.CodingFilter{DocumentID: doc.ID})
	if err != nil {
		return docLoadedMsg{}, fmt.Errorf("loading codings: %w", err)
	}
	cb, err := c.Svc.Codebook(ctx)
	if err != nil {
		return docLoadedMsg{}, fmt.Errorf("loading codebook: %w", err)
	}
	memo, err := c.Svc.Memo(ctx, coding.MemoDocument, doc.ID)
	if err != nil {
		return docLoadedMsg{}, fmt.Errorf("loading the document memo: %w", err)
	}
	return docLoadedMsg{doc: doc, codings: cs, codebook: cb, memo: memo, pos: -1}, nil
}

// line is one wrapped screen line of a turn.
type line struct {
	turn       int    // index into the turns shown
	first      bool   // the turn's first line, which shows the speaker
	text       string // plain text
	start, end int    // code-point span of text in the document
	cells      int    // the text's width in cells
}

// maxStripes is the widest the coding gutter gets; further codes share
// its last column.
const maxStripes = 6

// Side pane sizes: on the right from wideWidth columns, else at the
// bottom while it has the focus.
const (
	wideWidth  = 100
	paneWidth  = 34
	paneHeight = 8
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
	recode  *coding.Coding // the coding a recode replaces
	jumping bool           // typing a turn number to go to
	jumpTo  string
	last    string // id of the code applied last, for repeat (set by the root)
	seq     int    // counts caret moves, for saving the position when it rests
	saved   int    // the position last saved
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
	return coding.Span{Start: r.anchor, End: r.head}, true
}

// Typing reports whether the reader takes every key (the picker is open,
// or a turn number is being typed).
func (r Reader) Typing() bool { return r.pick != pickNone || r.jumping }

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
		if r.doc != nil && r.loading == "" && slices.Contains(msg.step.docs, r.doc.ID) {
			return r, r.reload()
		}
	case memoSavedMsg:
		if msg.Err == nil && r.doc != nil && r.loading == "" &&
			(msg.Target == coding.MemoCoding || msg.Target == coding.MemoDocument && msg.ID == r.doc.ID) {
			return r, r.reload()
		}
	case savePosMsg:
		if msg.seq == r.seq {
			return r, r.savePosition()
		}
	case tea.KeyPressMsg:
		return r.updateKeys(msg)
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

func (r *Reader) load(msg docLoadedMsg) {
	if !msg.reload {
		r.anchor, r.pane, r.paneSel = -1, false, 0
	}
	// A re-read after documents changed elsewhere brings the same text
	// again, unless this one was replaced.
	sameText := msg.reload && r.doc != nil && (r.doc == msg.doc ||
		r.doc.Text == msg.doc.Text && slices.Equal(r.doc.Turns, msg.doc.Turns))
	r.loading, r.doc, r.codings, r.codebook, r.memo = "", msg.doc, msg.codings, msg.codebook, msg.memo
	turns := msg.doc.Turns
	if len(turns) == 0 {
		turns = []coding.Turn{{N: 1, Start: 0, End: coding.RuneLen(msg.doc.Text)}}
	}
	if !sameText {
		r.txt = text{r: []rune(msg.doc.Text), turns: turns}
		r.speakerW = 0
		for _, t := range turns {
			r.speakerW = max(r.speakerW, ansi.StringWidth(t.Speaker))
		}
		r.speakerW = min(r.speakerW, 12)
	}
	slots := r.slots
	r.slot, r.slots = map[string]int{}, 0
	used := map[string]bool{}
	for _, c := range r.codings {
		used[c.CodeID] = true
	}
	var order []string
	if msg.codebook != nil {
		for _, c := range msg.codebook.Codes() {
			if used[c.ID] {
				order = append(order, c.ID)
				delete(used, c.ID)
			}
		}
	}
	for _, c := range r.codings { // codes the codebook no longer has
		if used[c.CodeID] {
			order = append(order, c.CodeID)
			delete(used, c.CodeID)
		}
	}
	for i, id := range order {
		r.slot[id] = min(i, maxStripes-1)
	}
	r.slots = min(len(order), maxStripes)
	if !sameText || r.slots != slots { // the text column's width changed
		r.cache = map[int][]line{}
	}
	r.buildStripes()
	if !msg.reload {
		r.pos, r.offset = r.txt.snap(max(0, msg.pos)), 0
		r.saved = r.pos
	} else if !sameText { // its text was replaced elsewhere (pseudonymised)
		r.pos, r.anchor = r.txt.snap(r.pos), -1
	}
	r.paneSel = clamp(r.paneSel, 0, len(r.here())-1)
	r.scroll()
}

// readerLook is the reader's styles compiled for drawing runs of text.
type readerLook struct {
	text, cursorLine, selection, caret, speaker ansiStyle
}

// buildStripes compiles the text styles and one stripe style per code in
// its codebook colour.
func (r *Reader) buildStripes() {
	st := r.c.Styles
	r.look = readerLook{text: compile(st.Text), cursorLine: compile(st.CursorLine), selection: compile(st.Selection),
		caret: compile(st.Caret), speaker: compile(st.Speaker)}
	r.stripe = map[string]ansiStyle{}
	for id := range r.slot {
		s := st.Stripe
		if r.codebook != nil {
			if c := r.codebook.Code(id); c != nil && coding.ValidColor(c.Color) {
				s = s.Foreground(lipgloss.Color(c.Color))
			}
		}
		r.stripe[id] = compile(s)
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

func (r Reader) updateKeys(msg tea.KeyPressMsg) (Reader, tea.Cmd) {
	switch {
	case r.pick != pickNone:
		return r.updatePicker(msg)
	case r.jumping:
		return r.updateJump(msg), nil
	case r.doc == nil:
		if key.Matches(msg, r.c.Keys.Back) {
			return r, func() tea.Msg { return backMsg{} }
		}
		return r, nil
	case r.pane:
		return r.updatePane(msg)
	}
	k := r.keys()
	switch {
	case key.Matches(msg, k.Code):
		return r.openPicker(pickCode, nil), nil
	case key.Matches(msg, k.Shortcut):
		return r.applyCode(r.shortcut(msg.Text))
	case key.Matches(msg, k.Repeat):
		return r.applyCode(r.codebook.Code(r.last))
	case key.Matches(msg, k.Remove):
		return r, r.removeCoding(r.newestHere())
	case key.Matches(msg, k.Recode):
		return r.openPicker(pickRecode, r.newestHere()), nil
	case key.Matches(msg, k.Memo):
		return r, r.editCodingMemo(r.newestHere())
	case key.Matches(msg, k.DocMemo):
		return r, r.editDocMemo()
	case key.Matches(msg, k.Compare):
		doc := r.doc
		return r, tea.Batch(r.savePosition(), func() tea.Msg { return compareMsg{doc: doc} })
	case key.Matches(msg, k.Pane):
		r.pane, r.paneSel = true, 0
		r.scroll()
		return r, nil
	case key.Matches(msg, k.GoTo):
		r.jumping, r.jumpTo = true, ""
		return r, nil
	case key.Matches(msg, k.Select):
		if r.anchor >= 0 {
			r.anchor = -1
		} else {
			r.anchor = r.pos
			if r.txt.wordAt(r.pos, 0, len(r.txt.r)) {
				r.anchor = r.txt.prevWord(r.pos + 1)
			}
			r.head = r.txt.wordEnd(r.anchor)
		}
		r.scroll()
		return r, nil
	case key.Matches(msg, k.Back):
		if r.anchor >= 0 {
			r.anchor = -1
			return r, nil
		}
		return r, tea.Batch(r.savePosition(), func() tea.Msg { return backMsg{} })
	}
	before := r.pos
	if r.anchor >= 0 {
		r.extend(msg, k)
	} else {
		r.move(msg, k)
	}
	r.scroll()
	if r.pos == before {
		return r, nil
	}
	r.seq++
	seq := r.seq
	return r, tea.Tick(positionSaveDelay, func(time.Time) tea.Msg { return savePosMsg{seq: seq} })
}

// move moves the caret by the unit of the key.
func (r *Reader) move(msg tea.KeyPressMsg, k KeyMap) {
	ls, t := r.lines(), r.txt
	if len(ls) == 0 {
		return
	}
	cur := r.lineAt(r.pos)
	toLine := func(i int) {
		i = clamp(i, 0, len(ls)-1)
		col := r.pos - ls[cur].start
		r.pos = ls[i].start + min(col, max(0, ls[i].end-ls[i].start-1))
	}
	page := max(1, r.rows())
	switch {
	case key.Matches(msg, k.Up):
		toLine(cur - 1)
	case key.Matches(msg, k.Down):
		toLine(cur + 1)
	case key.Matches(msg, k.PageUp):
		toLine(cur - page)
		r.offset -= page
	case key.Matches(msg, k.PageDown):
		toLine(cur + page)
		r.offset += page
	case key.Matches(msg, k.WordNext):
		r.pos = t.nextWord(r.pos)
	case key.Matches(msg, k.WordPrev):
		r.pos = t.prevWord(r.pos)
	case key.Matches(msg, k.SentenceNext):
		r.pos = t.nextSentence(r.pos)
	case key.Matches(msg, k.SentencePrev):
		r.pos = t.prevSentence(r.pos)
	case key.Matches(msg, k.TurnNext):
		r.pos = t.turns[min(t.turnIndex(r.pos)+1, len(t.turns)-1)].Start
	case key.Matches(msg, k.TurnPrev):
		i := t.turnIndex(r.pos)
		if r.pos == t.turns[i].Start {
			i--
		}
		r.pos = t.turns[max(i, 0)].Start
	case key.Matches(msg, k.Top):
		r.pos = t.turns[0].Start
	case key.Matches(msg, k.Bottom):
		r.pos = ls[len(ls)-1].start
	}
	r.pos = t.snap(r.pos)
}

// extend grows or shrinks the selection by the unit of the key: its end
// moves to the end of the next or previous word, sentence, line or turn,
// never before the end of the word it started on.
func (r *Reader) extend(msg tea.KeyPressMsg, k KeyMap) {
	t, ls := r.txt, r.lines()
	last := r.head - 1
	floor := t.wordEnd(r.anchor)
	switch {
	case key.Matches(msg, k.WordNext):
		if n := t.nextWord(last); n > last {
			r.head = t.wordEnd(n)
		}
	case key.Matches(msg, k.WordPrev):
		r.head = t.wordEnd(t.prevWord(t.prevWord(r.head)))
	case key.Matches(msg, k.SentenceNext):
		if e := t.sentenceEnd(last); e > r.head {
			r.head = e
		} else if n := t.nextSentence(last); n > last {
			r.head = t.sentenceEnd(n)
		}
	case key.Matches(msg, k.SentencePrev):
		r.head = t.sentenceEnd(t.prevSentence(t.prevSentence(r.head)))
	case key.Matches(msg, k.Down):
		i := r.lineAt(last)
		if ls[i].end > r.head {
			r.head = ls[i].end
		} else if i+1 < len(ls) {
			r.head = ls[i+1].end
		}
	case key.Matches(msg, k.Up):
		if i := r.lineAt(last); i > 0 {
			r.head = ls[i-1].end
		}
	case key.Matches(msg, k.TurnNext):
		i := t.turnIndex(last)
		if t.turns[i].End > r.head {
			r.head = t.turns[i].End
		} else if i+1 < len(t.turns) {
			r.head = t.turns[i+1].End
		}
	case key.Matches(msg, k.TurnPrev):
		if i := t.turnIndex(last); i > 0 {
			r.head = t.turns[i-1].End
		}
	}
	r.head = max(r.head, floor, r.anchor+1)
}

// updateJump takes the digits of a turn number; enter goes there.
func (r Reader) updateJump(msg tea.KeyPressMsg) Reader {
	switch {
	case key.Matches(msg, r.c.Keys.Cancel):
		r.jumping = false
	case key.Matches(msg, r.c.Keys.Choose):
		r.jumping = false
		if n, err := strconv.Atoi(r.jumpTo); err == nil && n >= 1 && n <= len(r.txt.turns) {
			r.pos, r.anchor = r.txt.turns[n-1].Start, -1
		}
	case msg.Code == tea.KeyBackspace:
		if r.jumpTo != "" {
			r.jumpTo = r.jumpTo[:len(r.jumpTo)-1]
		}
	case len(msg.Text) == 1 && msg.Text[0] >= '0' && msg.Text[0] <= '9' && len(r.jumpTo) < 7:
		r.jumpTo += msg.Text
	}
	r.scroll()
	return r
}

// textWidth is the width left for text after the cursor mark, the gutter,
// the speaker column and a side pane on the right.
func (r Reader) textWidth() int {
	w := r.c.Width
	if r.wide() {
		w -= paneWidth + 2
	}
	return max(8, w-1-r.slots-1-r.speakerW-1)
}

// lines returns the document's wrapped lines for the current width,
// wrapping once per width.
func (r *Reader) lines() []line {
	if r.doc == nil || r.c.Width <= 0 {
		return nil
	}
	w := r.textWidth()
	if ls, ok := r.cache[w]; ok {
		return ls
	}
	if len(r.cache) >= 8 { // many resizes: drop the old widths
		clear(r.cache)
	}
	var ls []line
	for i, t := range r.txt.turns {
		first := true
		for _, l := range wrap(r.txt.r, t.Start, t.End, w) {
			l.turn, l.first = i, first
			first = false
			ls = append(ls, l)
		}
	}
	r.cache[w] = ls
	return ls
}

// lineAt returns the index of the line holding code point p (the next
// line when p falls between lines).
func (r *Reader) lineAt(p int) int {
	ls := r.lines()
	i := sort.Search(len(ls), func(i int) bool { return ls[i].end > p || ls[i].start >= p })
	return clamp(i, 0, len(ls)-1)
}

// wrap splits text[start:end] into lines of at most w cells, breaking at
// spaces and at newlines, and cutting words longer than a line.
func wrap(text []rune, start, end, w int) []line {
	var out []line
	emit := func(s, e int) {
		t := string(text[s:e])
		out = append(out, line{text: t, start: s, end: e, cells: ansi.StringWidth(t)})
	}
	ls, width, lastSpace := start, 0, -1
	for i := start; i < end; i++ {
		c := text[i]
		if c == '\n' {
			emit(ls, i)
			ls, width, lastSpace = i+1, 0, -1
			continue
		}
		cw := max(0, ansi.StringWidth(string(c)))
		if width+cw > w && i > ls {
			if c == ' ' {
				emit(ls, i)
				ls, width, lastSpace = i+1, 0, -1
				continue
			}
			brk := i
			if lastSpace > ls {
				brk = lastSpace
			}
			emit(ls, brk)
			if brk == lastSpace {
				ls = brk + 1
			} else {
				ls = brk
			}
			width, lastSpace = ansi.StringWidth(string(text[ls:i])), -1
		}
		if c == ' ' {
			lastSpace = i
		}
		width += cw
	}
	if ls < end || len(out) == 0 {
		emit(ls, end)
	}
	return out
}
