package tui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/store"
)

// docLoadedMsg carries an opened document with its codings and the codebook.
type docLoadedMsg struct {
	doc      *coding.Document
	codings  []*coding.Coding
	codebook *coding.Codebook
	reload   bool // a reload after a coding action, not an open
}

// backMsg asks the root to leave the reader.
type backMsg struct{}

// loadDocument reads a document, its live codings and the codebook.
func loadDocument(svc Services, id string) tea.Cmd { return readDocument(svc, id, false) }

// readDocument is loadDocument; reload marks a reload of the open document.
func readDocument(svc Services, id string, reload bool) tea.Cmd {
	return func() tea.Msg {
		ctx := context.Background()
		doc, err := svc.Document(ctx, id)
		if err != nil {
			return errMsg{fmt.Errorf("opening document: %w", err)}
		}
		cs, err := svc.Codings(ctx, store.CodingFilter{DocumentID: doc.ID})
		if err != nil {
			return errMsg{fmt.Errorf("loading codings: %w", err)}
		}
		cb, err := svc.Codebook(ctx)
		if err != nil {
			return errMsg{fmt.Errorf("loading codebook: %w", err)}
		}
		return docLoadedMsg{doc: doc, codings: cs, codebook: cb, reload: reload}
	}
}

// line is one wrapped screen line of a turn.
type line struct {
	turn       int    // index into the turns shown
	first      bool   // the turn's first line, which shows the speaker
	text       string // plain text
	start, end int    // code-point span of text in the document
}

// maxStripes is the widest the coding gutter gets; further codes share
// its last column.
const maxStripes = 6

// Reader shows one document as speaker turns with a gutter of coding stripes.
type Reader struct {
	c        Common
	loading  string // id being loaded, "" when none
	doc      *coding.Document
	turns    []coding.Turn
	codings  []*coding.Coding
	slot     map[string]int            // code id -> gutter column
	colors   map[string]string         // code id -> "#rrggbb" from the codebook
	stripe   map[string]lipgloss.Style // code id -> stripe style in that colour
	slots    int
	speakerW int
	cache    map[int][]line // wrapped lines by text width; made on load so copies share it
	cursor   int
	offset   int
	codebook *coding.Codebook
	picking  bool // the code picker is open and takes the keys
	picker   Picker
	undo     []step // done actions, newest last
	redo     []step // undone actions, newest last
	last     string // id of the code applied last, for repeat
}

// NewReader returns an empty reader.
func NewReader(c Common) Reader { return Reader{c: c} }

// SetSize sets the reader's box, keeping the cursor on the same text.
func (r *Reader) SetSize(w, h int) {
	var at = -1
	if ls := r.lines(); r.cursor < len(ls) {
		at = ls[r.cursor].start
	}
	r.c.Width, r.c.Height = w, h
	if at >= 0 {
		r.cursor = r.lineAt(at)
	}
	r.offset = scrollTo(r.offset, r.cursor, r.rows(), len(r.lines()))
	r.picker.SetSize(w, r.pickerHeight())
}

// SetStyles replaces the styles and the stripe styles built from them.
func (r *Reader) SetStyles(s Styles) {
	r.c.Styles = s
	r.buildStripes()
}

// Open starts loading the document id and returns the command that does it.
func (r *Reader) Open(id string) tea.Cmd {
	r.loading = id
	return loadDocument(r.c.Svc, id)
}

// Document returns the open document, or nil.
func (r Reader) Document() *coding.Document { return r.doc }

// Cursor returns the index of the line under the cursor.
func (r Reader) Cursor() int { return r.cursor }

// Typing reports whether the reader takes every key (the picker is open).
func (r Reader) Typing() bool { return r.picking }

// rows is the number of text lines under the title and above the picker.
func (r Reader) rows() int { return max(0, r.c.Height-1-r.pickerHeight()) }

// pickerHeight is the height of the picker pane, 0 when it is closed.
func (r Reader) pickerHeight() int {
	if !r.picking {
		return 0
	}
	return min(12, r.c.Height/2)
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
		r.record(msg)
		if msg.err == nil && r.doc != nil && r.loading == "" && msg.step.docID == r.doc.ID {
			return r, readDocument(r.c.Svc, r.doc.ID, true)
		}
	case tea.KeyPressMsg:
		return r.updateKeys(msg)
	}
	return r, nil
}

func (r *Reader) load(msg docLoadedMsg) {
	at := -1 // on a reload, the cursor stays on its text
	if ls := r.lines(); msg.reload && r.cursor < len(ls) {
		at = ls[r.cursor].start
	}
	r.loading, r.doc, r.codings, r.codebook = "", msg.doc, msg.codings, msg.codebook
	r.turns = msg.doc.Turns
	if len(r.turns) == 0 {
		r.turns = []coding.Turn{{N: 1, Start: 0, End: coding.RuneLen(msg.doc.Text)}}
	}
	r.speakerW = 0
	for _, t := range r.turns {
		r.speakerW = max(r.speakerW, ansi.StringWidth(t.Speaker))
	}
	r.speakerW = min(r.speakerW, 12)
	r.cache, r.cursor, r.offset = map[int][]line{}, 0, 0
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
	r.colors = map[string]string{}
	if msg.codebook != nil {
		for _, c := range msg.codebook.Codes() {
			r.colors[c.ID] = c.Color
		}
	}
	r.buildStripes()
	if at >= 0 {
		r.cursor = r.lineAt(at)
		r.offset = scrollTo(r.offset, r.cursor, r.rows(), len(r.lines()))
	}
}

// buildStripes makes one stripe style per code from its codebook colour.
func (r *Reader) buildStripes() {
	r.stripe = map[string]lipgloss.Style{}
	for id := range r.slot {
		s := r.c.Styles.Stripe
		if col := r.colors[id]; coding.ValidColor(col) {
			s = s.Foreground(lipgloss.Color(col))
		}
		r.stripe[id] = s
	}
}

func (r Reader) updateKeys(msg tea.KeyPressMsg) (Reader, tea.Cmd) {
	if r.picking {
		return r.updatePicker(msg)
	}
	k, n, page := r.keys(), len(r.lines()), max(1, r.rows())
	switch {
	case key.Matches(msg, k.Code):
		return r.openPicker(), nil
	case key.Matches(msg, k.Shortcut):
		return r, r.apply(r.shortcut(msg.Text))
	case key.Matches(msg, k.Repeat):
		return r, r.apply(r.codebook.Code(r.last))
	case key.Matches(msg, k.Remove):
		return r, r.remove()
	case key.Matches(msg, k.Undo):
		s, _ := pop(&r.undo)
		return r, runStep(r.c, s, viaUndo)
	case key.Matches(msg, k.Redo):
		s, _ := pop(&r.redo)
		return r, runStep(r.c, s, viaRedo)
	case key.Matches(msg, k.Back):
		return r, func() tea.Msg { return backMsg{} }
	case key.Matches(msg, k.Up):
		r.cursor--
	case key.Matches(msg, k.Down):
		r.cursor++
	case key.Matches(msg, k.PageUp):
		r.cursor -= page
		r.offset -= page
	case key.Matches(msg, k.PageDown):
		r.cursor += page
		r.offset += page
	case key.Matches(msg, k.Top):
		r.cursor = 0
	case key.Matches(msg, k.Bottom):
		r.cursor = n - 1
	}
	r.cursor = clamp(r.cursor, 0, n-1)
	r.offset = scrollTo(r.offset, r.cursor, r.rows(), n)
	return r, nil
}

// textWidth is the width left for text after the cursor mark, the gutter
// and the speaker column.
func (r Reader) textWidth() int {
	return max(8, r.c.Width-1-r.slots-1-r.speakerW-1)
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
	for i, t := range r.turns {
		first := true
		for _, l := range wrap([]rune(r.doc.Text), t.Start, t.End, w) {
			l.turn, l.first = i, first
			first = false
			ls = append(ls, l)
		}
	}
	r.cache[w] = ls
	return ls
}

// lineAt returns the index of the line holding code point p.
func (r *Reader) lineAt(p int) int {
	ls := r.lines()
	for i, l := range ls {
		if p < l.end || i == len(ls)-1 {
			return i
		}
	}
	return 0
}

// wrap splits text[start:end] into lines of at most w cells, breaking at
// spaces and at newlines, and cutting words longer than a line.
func wrap(text []rune, start, end, w int) []line {
	var out []line
	emit := func(s, e int) {
		out = append(out, line{text: string(text[s:e]), start: s, end: e})
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

// View renders the title and the visible lines only.
func (r Reader) View() string {
	w, h, st := r.c.Width, r.c.Height, r.c.Styles
	if w <= 0 || h <= 0 {
		return ""
	}
	if r.doc == nil {
		msg := "No document open."
		if r.loading != "" {
			msg = "Loading…"
		}
		return fit(st.Dim.Render(msg), w, h)
	}
	ls := r.lines()
	var b strings.Builder
	b.WriteString(st.Title.Render(r.doc.Name) + st.Dim.Render(fmt.Sprintf(" · %s · %d turns · %d codings · line %d/%d",
		r.doc.Kind, len(r.doc.Turns), len(r.codings), r.cursor+1, len(ls))))
	end := min(len(ls), r.offset+r.rows())
	for i := r.offset; i < end; i++ {
		b.WriteString("\n" + r.renderLine(ls[i], i == r.cursor))
	}
	ph := r.pickerHeight()
	if ph == 0 {
		return fit(b.String(), w, h)
	}
	return fit(b.String(), w, h-ph) + "\n" + fit(r.picker.View(), w, ph)
}

// renderLine draws one line: cursor mark, stripes, speaker, text.
func (r Reader) renderLine(l line, cur bool) string {
	st := r.c.Styles
	var b strings.Builder
	if cur {
		b.WriteString(st.Speaker.Render("›"))
	} else {
		b.WriteString(" ")
	}
	b.WriteString(r.gutter(l))
	b.WriteString(" ")
	sp := ""
	if l.first {
		sp = r.turns[l.turn].Speaker
	}
	b.WriteString(st.Speaker.Render(pad(sp, r.speakerW)))
	if r.speakerW > 0 {
		b.WriteString(" ")
	}
	text := st.Text
	if cur {
		text = st.CursorLine
	}
	b.WriteString(text.Render(pad(l.text, r.textWidth())))
	return b.String()
}

// gutter draws one stripe per code whose codings cover part of l.
func (r Reader) gutter(l line) string {
	if r.slots == 0 {
		return ""
	}
	cells := make([]string, r.slots)
	span := coding.Span{Start: l.start, End: max(l.end, l.start+1)}
	for _, c := range r.codings {
		if !c.Span().Overlaps(span) {
			continue
		}
		if i, ok := r.slot[c.CodeID]; ok && cells[i] == "" {
			cells[i] = r.stripe[c.CodeID].Render("▌")
		}
	}
	for i, c := range cells {
		if c == "" {
			cells[i] = " "
		}
	}
	return strings.Join(cells, "")
}

// ShortHelp returns the reader's one-line help.
func (r Reader) ShortHelp() []key.Binding {
	if r.picking {
		return r.picker.ShortHelp()
	}
	k := r.keys()
	return []key.Binding{k.Up, k.Down, k.Code, k.Shortcut, k.Remove, k.Undo, k.Back}
}

// FullHelp returns the reader's expanded help.
func (r Reader) FullHelp() [][]key.Binding {
	if r.picking {
		return r.picker.FullHelp()
	}
	k := r.keys()
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.Top, k.Bottom, k.Back},
		{k.Code, k.Shortcut, k.Repeat, k.Remove}, {k.Undo, k.Redo}}
}
