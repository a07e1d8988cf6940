package tui

import (
	"context"
	"slices"
	"sort"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/toituavain/avain/coding"
)

// compareMsg asks the root to open the compare view on the document open
// in the reader.
type compareMsg struct{ doc *coding.Document }

// compareLoadedMsg carries the document's codings for the compare view.
type compareLoadedMsg struct{ docLoadedMsg }

// disagreement is a turn where one coder applied a code and the other did
// not.
type disagreement struct {
	turn int    // index into the document's turns
	code string // code id
	byA  bool   // the left coder applied it
}

// CompareView shows one document with two coders' coding stripes side by
// side, the left coder's gutter and then the right one's, each code in
// the same column on both sides, so a stripe on one side only is a
// disagreement; n and N step through the disagreements turn by turn (the
// unit of `avain agreement`), and a code can be picked out alone.
type CompareView struct {
	c        Common
	doc      *coding.Document
	cb       *coding.Codebook
	codings  []*coding.Coding
	txt      text
	coders   []string // who coded the document, most codings first
	a, b     string   // the left and right coders
	focus    string   // the one code compared, "" for every code
	codes    []string // the codes compared, in codebook order
	disputed []string // the codes with a disagreement, in codebook order
	look     compareLook
	slot     map[string]int
	stripe   map[string]ansiStyle
	slots    int
	speakerW int
	lines    []line
	linesW   int
	diffs    []disagreement
	table    coding.Agreement            // pooled over the codes compared
	byCode   map[string]coding.Agreement // per code
	cur      int                         // the disagreement shown, -1 for none
	offset   int                         // first line shown
	loading  bool
}

// NewCompareView returns an empty compare view.
func NewCompareView(c Common) CompareView {
	return CompareView{c: c, cur: -1}
}

// SetSize sets the view's box and wraps the text to its width.
func (v *CompareView) SetSize(w, h int) {
	v.c.Width, v.c.Height = w, h
	v.relayout()
}

// SetStyles replaces the styles.
func (v *CompareView) SetStyles(s *Styles) {
	v.c.Styles = s
	v.buildStripes()
}

// Typing reports whether the view takes every key; it never does.
func (v CompareView) Typing() bool { return false }

// Mode names the screen for the status line.
func (v CompareView) Mode() string { return "COMPARE" }

// Show reads the codings again: they may have changed in the reader.
func (v *CompareView) Show() tea.Cmd { return v.Load() }

// Refresh reads them again.
func (v *CompareView) Refresh() tea.Cmd { return v.Load() }

// Open starts comparing the coders of doc, keeping the coders and the
// code when it is the document already shown.
func (v *CompareView) Open(doc *coding.Document) tea.Cmd {
	if v.doc == nil || v.doc.ID != doc.ID {
		v.doc, v.a, v.b, v.focus, v.cur, v.offset = doc, "", "", "", -1, 0
		v.codings, v.diffs = nil, nil
		turns := doc.Turns
		if len(turns) == 0 {
			turns = []coding.Turn{{N: 1, Start: 0, End: coding.RuneLen(doc.Text)}}
		}
		v.txt = text{r: []rune(doc.Text), turns: turns}
		v.speakerW = 0
		for _, t := range turns {
			v.speakerW = max(v.speakerW, min(12, ansi.StringWidth(t.Speaker)))
		}
		v.linesW = -1
	}
	return v.Load()
}

// Load reads the document's codings and the codebook again.
func (v *CompareView) Load() tea.Cmd {
	if v.doc == nil {
		return nil
	}
	v.loading = true
	c, doc := v.c, v.doc
	return func() tea.Msg {
		msg, err := readCodings(context.Background(), c, doc)
		if err != nil {
			return errMsg{err}
		}
		return compareLoadedMsg{msg}
	}
}

// Update handles the view's messages.
func (v CompareView) Update(msg tea.Msg) (CompareView, tea.Cmd) {
	switch msg := msg.(type) {
	case compareLoadedMsg:
		if v.doc == nil || msg.doc.ID != v.doc.ID {
			return v, nil
		}
		v.loading = false
		v.codings, v.cb = msg.codings, msg.codebook
		v.pickCoders()
		v.compare()
	case tea.KeyPressMsg:
		return v.updateKeys(msg)
	}
	return v, nil
}

// pickCoders lists who coded the document, most codings first, and keeps
// the chosen pair when both are still there; otherwise the workspace's
// coder (when they coded it) on the left and the busiest other coder on
// the right.
func (v *CompareView) pickCoders() {
	n := map[string]int{}
	for _, c := range v.codings {
		n[c.Coder]++
	}
	v.coders = v.coders[:0]
	for who := range n {
		v.coders = append(v.coders, who)
	}
	sort.Slice(v.coders, func(i, j int) bool {
		a, b := v.coders[i], v.coders[j]
		return n[a] > n[b] || n[a] == n[b] && a < b
	})
	if n[v.a] > 0 && n[v.b] > 0 && v.a != v.b {
		return
	}
	v.a, v.b = "", ""
	if n[v.c.Coder] > 0 {
		v.a = v.c.Coder
	}
	for _, who := range v.coders {
		switch {
		case v.a == "":
			v.a = who
		case v.b == "" && who != v.a:
			v.b = who
		}
	}
}

// compare finds the codes either coder used, their columns and the
// disagreements, keeping the one shown when it is still there.
func (v *CompareView) compare() {
	var was *disagreement
	if v.cur >= 0 && v.cur < len(v.diffs) {
		d := v.diffs[v.cur]
		was = &d
	}
	spans := map[string]map[string][]coding.Span{v.a: {}, v.b: {}} // coder -> code -> spans
	used := map[string]bool{}
	for _, c := range v.codings {
		if c.Coder == v.a || c.Coder == v.b {
			spans[c.Coder][c.CodeID] = append(spans[c.Coder][c.CodeID], c.Span())
			used[c.CodeID] = true
		}
	}
	var all []string // every code either coder used, in codebook order
	if v.cb != nil {
		for _, c := range v.cb.Codes() {
			if used[c.ID] {
				all = append(all, c.ID)
				delete(used, c.ID)
			}
		}
	}
	var rest []string // codes the codebook no longer has
	for id := range used {
		rest = append(rest, id)
	}
	sort.Strings(rest)
	all = append(all, rest...)

	v.diffs, v.disputed, v.table, v.byCode = nil, nil, coding.Agreement{}, map[string]coding.Agreement{}
	for _, code := range all {
		if v.b == "" {
			break
		}
		t, differ := coding.TurnAgreement(v.txt.turns, spans[v.a][code], spans[v.b][code])
		v.byCode[code] = t
		if len(differ) > 0 {
			v.disputed = append(v.disputed, code)
		}
		if v.focus != "" && code != v.focus {
			continue
		}
		v.table = v.table.Add(t)
		for _, d := range differ {
			v.diffs = append(v.diffs, disagreement{turn: d.Turn, code: code, byA: d.ByA})
		}
	}
	v.codes = all
	if v.focus != "" {
		v.codes = []string{v.focus}
	}
	v.slot = map[string]int{}
	for i, id := range v.codes {
		v.slot[id] = min(i, maxStripes-1)
	}
	v.slots = min(len(v.codes), maxStripes)
	v.buildStripes()

	order := map[string]int{}
	for i, id := range v.codes {
		order[id] = i
	}
	sort.SliceStable(v.diffs, func(i, j int) bool {
		a, b := v.diffs[i], v.diffs[j]
		return a.turn < b.turn || a.turn == b.turn && order[a.code] < order[b.code]
	})
	v.cur = -1
	if len(v.diffs) > 0 {
		v.cur = 0
		if was != nil { // the same one, or the next after where it was
			v.cur = sort.Search(len(v.diffs), func(i int) bool {
				d := v.diffs[i]
				return d.turn > was.turn || d.turn == was.turn && order[d.code] >= order[was.code]
			})
			v.cur = min(v.cur, len(v.diffs)-1)
		}
	}
	v.relayout() // the gutters' width may have changed
	v.show()
}

// compareLook is the compare view's styles compiled for drawing lines.
type compareLook struct{ mark, differs, rule, speaker, text, cur ansiStyle }

// buildStripes compiles the line styles and one stripe style per code in
// its codebook colour.
func (v *CompareView) buildStripes() {
	st := v.c.Styles
	v.look = compareLook{mark: compile(st.Speaker), differs: compile(st.Error), rule: compile(st.Dim),
		speaker: compile(st.Speaker), text: compile(st.Text), cur: compile(st.CursorLine)}
	v.stripe = map[string]ansiStyle{}
	for _, id := range v.codes {
		s := st.Stripe
		if v.cb != nil {
			if c := v.cb.Code(id); c != nil && coding.ValidColor(c.Color) {
				s = s.Foreground(lipgloss.Color(c.Color))
			}
		}
		v.stripe[id] = compile(s)
	}
}

// textWidth is the width left for text after the mark, the two gutters
// and the speaker column.
func (v CompareView) textWidth() int {
	return max(8, v.c.Width-1-2*v.slots-1-1-v.speakerW-1)
}

// relayout wraps the text to the view's width when the width changed.
func (v *CompareView) relayout() {
	if v.doc == nil || v.c.Width <= 0 {
		return
	}
	w := v.textWidth()
	if w == v.linesW {
		return
	}
	v.linesW, v.lines = w, v.lines[:0]
	for i, t := range v.txt.turns {
		first := true
		for _, l := range wrap(v.txt.r, t.Start, t.End, w) {
			l.turn, l.first = i, first
			first = false
			v.lines = append(v.lines, l)
		}
	}
	v.offset = clamp(v.offset, 0, max(0, len(v.lines)-v.rows()))
}

// rows is the number of text lines between the title and the details.
func (v CompareView) rows() int { return max(0, v.c.Height-2-2) }

// firstLineOf returns the index of turn i's first line.
func (v CompareView) firstLineOf(i int) int {
	return sort.Search(len(v.lines), func(j int) bool { return v.lines[j].turn >= i })
}

// show scrolls the current disagreement's turn into view, a third of the
// way down.
func (v *CompareView) show() {
	if v.cur < 0 || len(v.lines) == 0 {
		return
	}
	first := v.firstLineOf(v.diffs[v.cur].turn)
	last := first
	for last+1 < len(v.lines) && v.lines[last+1].turn == v.lines[first].turn {
		last++
	}
	rows := v.rows()
	if first >= v.offset && last < v.offset+rows {
		return // already in view
	}
	v.offset = clamp(first-rows/3, 0, max(0, len(v.lines)-rows))
}

func (v CompareView) updateKeys(msg tea.KeyPressMsg) (CompareView, tea.Cmd) {
	k, ck := v.c.Keys, v.c.Keys.CompareView
	switch {
	case key.Matches(msg, k.Back):
		return v, func() tea.Msg { return backMsg{} }
	case key.Matches(msg, ck.Next):
		if len(v.diffs) > 0 {
			v.cur = (v.cur + 1) % len(v.diffs)
			v.show()
		}
	case key.Matches(msg, ck.Prev):
		if len(v.diffs) > 0 {
			v.cur = (v.cur - 1 + len(v.diffs)) % len(v.diffs)
			v.show()
		}
	case key.Matches(msg, ck.CoderA):
		v.a = v.nextCoder(v.a, v.b)
		v.compare()
	case key.Matches(msg, ck.CoderB):
		v.b = v.nextCoder(v.b, v.a)
		v.compare()
	case key.Matches(msg, ck.Focus):
		v.focus = v.nextFocus()
		v.cur = -1
		v.compare()
	case key.Matches(msg, ck.Open):
		if v.cur >= 0 {
			id, pos := v.doc.ID, v.txt.turns[v.diffs[v.cur].turn].Start
			return v, func() tea.Msg { return openAtMsg{DocID: id, Pos: pos} }
		}
	default:
		rows := max(1, v.rows())
		bottom := max(0, len(v.lines)-rows)
		switch {
		case key.Matches(msg, k.Up):
			v.offset--
		case key.Matches(msg, k.Down):
			v.offset++
		case key.Matches(msg, k.PageUp):
			v.offset -= rows
		case key.Matches(msg, k.PageDown):
			v.offset += rows
		case key.Matches(msg, k.Top):
			v.offset = 0
		case key.Matches(msg, k.Bottom):
			v.offset = bottom
		}
		v.offset = clamp(v.offset, 0, bottom)
	}
	return v, nil
}

// nextCoder returns the coder after who in the list, skipping other.
func (v CompareView) nextCoder(who, other string) string {
	i := -1
	for j, c := range v.coders {
		if c == who {
			i = j
		}
	}
	for range v.coders {
		i = (i + 1) % len(v.coders)
		if v.coders[i] != other {
			return v.coders[i]
		}
	}
	return who
}

// nextFocus returns the code to compare after the focused one: every
// code, then each code with a disagreement in turn, then every code again.
func (v CompareView) nextFocus() string {
	i := -1
	if v.focus != "" {
		i = slices.Index(v.disputed, v.focus)
		if i < 0 {
			return ""
		}
	}
	if i+1 < len(v.disputed) {
		return v.disputed[i+1]
	}
	return ""
}

// codeName is a code's path in the codebook, or its id.
func (v CompareView) codeName(id string) string {
	if v.cb != nil && v.cb.Code(id) != nil {
		return v.cb.PathString(id, coding.LangFinnish)
	}
	return id
}

// ShortHelp returns the view's one-line help.
func (v CompareView) ShortHelp() []key.Binding {
	ck := v.c.Keys.CompareView
	return []key.Binding{ck.Next, ck.Prev, ck.Open, ck.Focus, ck.CoderB, v.c.Keys.Back}
}

// FullHelp returns the view's expanded help.
func (v CompareView) FullHelp() [][]key.Binding {
	k, ck := v.c.Keys, v.c.Keys.CompareView
	return [][]key.Binding{
		{ck.Next, ck.Prev, ck.Open, ck.Focus},
		{ck.CoderA, ck.CoderB, k.Back},
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
	}
}
