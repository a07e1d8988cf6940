package tui

import (
	"context"
	"fmt"
	"slices"

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
	order := make([]string, 0, len(used))
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
	rank := make(map[string]int, len(order))
	for i, id := range order {
		r.slot[id], rank[id] = min(i, maxStripes-1), i
	}
	r.order, r.runs = order, buildRuns(r.codings, rank)
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
	caretIn                                     ansiStyle // the caret inside a reversed stretch
	header, row, chosen, dim                    ansiStyle // the codes pane's
}

// buildStripes compiles the text styles, one stripe style per code in
// its codebook colour and the looks of coded text (buildLooks).
func (r *Reader) buildStripes() {
	st := r.c.Styles
	r.look = readerLook{text: compile(st.Text), cursorLine: compile(st.CursorLine), selection: compile(st.Selection),
		caret: compile(st.Caret), speaker: compile(st.Speaker),
		header: compile(st.Header), row: compile(st.Row), chosen: compile(st.Selected), dim: compile(st.Dim)}
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
	r.buildLooks()
}
