package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/search"
)

// searchLimit is how many hits the screen lists; coding all hits fetches
// every one.
const searchLimit = 500

// searchDoneMsg carries the result of query number seq.
type searchDoneMsg struct {
	seq   int
	query string
	res   search.Result
	err   error
}

// allHitsMsg carries every hit of a query, for coding them all.
type allHitsMsg struct {
	seq  int
	hits []search.Hit
	err  error
}

// codebookMsg carries the codebook for the search screen's picker.
type codebookMsg struct {
	cb  *coding.Codebook
	err error
}

// SearchView is the search screen: a query (every word required, OR,
// -word, field:value filters; see search.Index.Search) with Finnish base
// forms, hits as passages with the matches marked, each opening in
// the reader, and coding of one hit or of all hits after a confirmation.
type SearchView struct {
	c      Common
	input  *textinput.Model // large: shared by the copies of the screen
	typing bool             // the query field has the keys
	seq    int              // numbers the queries; older results are dropped
	query  string           // the query the hits are for
	res    search.Result
	err    string // why the query failed, shown in place of hits
	busy   bool
	cursor int
	offset int

	cb      *coding.Codebook
	pick    picking // pickCode while the picker is open
	all     bool    // the picker codes all hits
	picker  Picker
	code    *coding.Code // the code chosen for all hits, awaiting y/n
	targets []target     // the turns all hits are in, awaiting y/n
	docsN   int          // how many documents those turns are in
	pending *allHitsMsg  // all hits fetched before the picker closed
	chosen  *coding.Code // code chosen before all hits arrived
	loading string       // what is being fetched, for the screen
}

// NewSearchView returns the search screen with an empty query.
func NewSearchView(c Common) SearchView {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = `e.g. liite (finds liitteitä) · "samoja liitteitä" · kind:client hak*`
	in.CharLimit = 500
	noSuggestions(&in)
	st := in.Styles()
	st.Cursor.Blink = false // calm, and no ticks while nothing happens
	in.SetStyles(st)
	return SearchView{c: c, input: &in, typing: true}
}

// SetSize sets the screen's box.
func (v *SearchView) SetSize(w, h int) {
	v.c.Width, v.c.Height = w, h
	v.input.SetWidth(max(1, w-4))
	v.picker.SetSize(w, v.pickerHeight())
	v.offset = scrollTo(v.offset, v.cursor, v.rows(), len(v.res.Hits))
}

// SetStyles replaces the styles.
func (v *SearchView) SetStyles(s *Styles) { v.c.Styles = s }

// Focus puts the cursor in the query field (and reads the codebook for
// coding hits, the first time).
func (v *SearchView) Focus() tea.Cmd {
	v.typing = true
	if v.cb == nil {
		return tea.Batch(v.input.Focus(), v.loadCodebook())
	}
	return v.input.Focus()
}

// Typing reports whether the screen takes every key: the query field, the
// picker or the confirmation has them.
func (v SearchView) Typing() bool { return v.typing || v.pick != pickNone || v.code != nil }

// Mode names the screen for the status line.
func (v SearchView) Mode() string { return "SEARCH" }

// Show returns to the screen as it was left: on the list of hits when it
// was left there (say, to read a hit), else in the query field (see
// Focus). The search key puts the cursor in the query field always.
func (v *SearchView) Show() tea.Cmd {
	if v.typing || len(v.res.Hits) == 0 {
		return v.Focus()
	}
	if v.cb == nil {
		return v.loadCodebook()
	}
	return nil
}

// Refresh does nothing: the hits stay those of the query run, and changes
// made here come to the screen as messages.
func (v *SearchView) Refresh() tea.Cmd { return nil }

// rows is the number of hits shown (each takes two lines).
func (v SearchView) rows() int {
	return max(0, (v.c.Height-3-v.pickerHeight()-v.confirmHeight())/2)
}

func (v SearchView) pickerHeight() int {
	if v.pick == pickNone {
		return 0
	}
	return min(12, v.c.Height/2)
}

func (v SearchView) confirmHeight() int {
	if v.code == nil {
		return 0
	}
	return 1
}

// selected returns the hit under the cursor.
func (v SearchView) selected() (search.Hit, bool) {
	if v.cursor < 0 || v.cursor >= len(v.res.Hits) {
		return search.Hit{}, false
	}
	return v.res.Hits[v.cursor], true
}

// run returns the command that runs query q as number seq.
func (v SearchView) run(q string, seq, limit int) tea.Cmd {
	svc := v.c.Svc
	return func() tea.Msg {
		res, err := svc.Search(context.Background(), q, limit)
		return searchDoneMsg{seq: seq, query: q, res: res, err: err}
	}
}

// loadCodebook returns the command that reads the codebook.
func (v SearchView) loadCodebook() tea.Cmd {
	svc := v.c.Svc
	return func() tea.Msg {
		cb, err := svc.Codebook(context.Background())
		return codebookMsg{cb: cb, err: err}
	}
}

// Update handles the screen's messages.
func (v SearchView) Update(msg tea.Msg) (SearchView, tea.Cmd) {
	switch msg := msg.(type) {
	case searchDoneMsg:
		if msg.seq != v.seq {
			return v, nil // an older query
		}
		v.busy, v.query, v.err = false, msg.query, ""
		v.res, v.cursor, v.offset = msg.res, 0, 0
		if msg.err != nil {
			v.res = search.Result{}
			if !errors.Is(msg.err, search.ErrBadQuery) {
				return v, func() tea.Msg { return errMsg{fmt.Errorf("search: %w", msg.err)} }
			}
			v.err = oneLineErr(msg.err)
			return v, nil
		}
		if len(v.res.Hits) > 0 {
			v.typing = false
			v.input.Blur()
		}
	case codebookMsg:
		if msg.err != nil {
			return v, func() tea.Msg { return errMsg{fmt.Errorf("loading codebook: %w", msg.err)} }
		}
		v.cb = msg.cb
		if v.pick != pickNone { // the picker opened before the codebook came
			v.picker = NewPicker(v.c, v.cb, v.picker.title)
			v.picker.AllowCreate("")
			v.picker.SetSize(v.c.Width, v.pickerHeight())
		}
	case allHitsMsg:
		if msg.seq != v.seq {
			return v, nil
		}
		if msg.err != nil {
			v.loading, v.chosen = "", nil
			return v, func() tea.Msg { return errMsg{fmt.Errorf("search: %w", msg.err)} }
		}
		v.pending = &msg
		return v.confirm(), nil
	case codedMsg:
		v.loading = ""
	case tea.KeyPressMsg:
		return v.updateKeys(msg)
	case tea.PasteMsg:
		var cmd tea.Cmd
		switch {
		case v.pick != pickNone:
			v.picker, cmd = v.picker.Update(msg)
		case v.typing && v.code == nil:
			*v.input, cmd = v.input.Update(msg)
		}
		return v, cmd
	default:
		if v.typing {
			var cmd tea.Cmd
			*v.input, cmd = v.input.Update(msg)
			return v, cmd
		}
	}
	return v, nil
}

// oneLineErr is an error's message on one line.
func oneLineErr(err error) string { return strings.Join(strings.Fields(err.Error()), " ") }

// updateKeys passes a key to the part of the screen that has the keys:
// the confirmation, the picker, the query field or the hits.
func (v SearchView) updateKeys(msg tea.KeyPressMsg) (SearchView, tea.Cmd) {
	switch {
	case v.code != nil:
		return v.updateConfirm(msg)
	case v.pick != pickNone:
		return v.updatePicker(msg)
	case v.typing:
		return v.updateQuery(msg)
	}
	return v.updateHits(msg)
}

// updateConfirm takes the answer to "code all hits?".
func (v SearchView) updateConfirm(msg tea.KeyPressMsg) (SearchView, tea.Cmd) {
	k := v.c.Keys.SearchView
	switch {
	case key.Matches(msg, k.Yes):
		code, targets, n := v.code, v.targets, len(v.targets)
		v.code, v.targets, v.loading = nil, nil, "coding"
		label := fmt.Sprintf("%s of «%s»: %s", pluralize(n, "turn"), v.query, v.codePath(code))
		return v, v.apply(code, targets, label)
	case key.Matches(msg, k.No):
		v.code, v.targets = nil, nil
	}
	return v, nil
}

// updatePicker handles a key while the picker is open: enter codes the
// hit (or, for all hits, asks first), esc closes it, anything else goes
// to the picker.
func (v SearchView) updatePicker(msg tea.KeyPressMsg) (SearchView, tea.Cmd) {
	ck := v.c.Keys
	switch {
	case key.Matches(msg, ck.Cancel):
		v.pick, v.all, v.chosen, v.pending, v.loading = pickNone, false, nil, nil, ""
	case key.Matches(msg, ck.Choose):
		if why := v.picker.Refusal(); why != "" { // a category: the picker stays open
			return v, func() tea.Msg { return statusMsg(why) }
		}
		code := v.picker.Selected()
		if name, parent, ok := v.picker.NewCode(); ok {
			code = &coding.Code{ParentID: parent, NameFi: name} // no id: made when applied
		}
		all := v.all
		v.pick, v.all = pickNone, false
		if code == nil {
			return v, nil
		}
		if !all {
			h, ok := v.selected()
			if !ok {
				return v, nil
			}
			label := fmt.Sprintf("%s turn %d: %s", h.DocName, h.Turn, v.codePath(code))
			return v, v.apply(code, []target{{docID: h.DocID, sel: coding.Selection{Turn: h.Turn}}}, label)
		}
		v.chosen = code
		if v.pending != nil {
			return v.confirm(), nil
		}
	default:
		var cmd tea.Cmd
		v.picker, cmd = v.picker.Update(msg)
		return v, cmd
	}
	return v, nil
}

// updateQuery handles a key in the query field: enter runs the query,
// esc goes to the hits (or back), anything else edits.
func (v SearchView) updateQuery(msg tea.KeyPressMsg) (SearchView, tea.Cmd) {
	k, ck := v.c.Keys.SearchView, v.c.Keys
	switch {
	case key.Matches(msg, k.Run):
		q := strings.TrimSpace(v.input.Value())
		if q == "" {
			return v, nil
		}
		v.seq++
		v.busy = true
		return v, v.run(q, v.seq, searchLimit)
	case key.Matches(msg, ck.Back):
		if len(v.res.Hits) > 0 {
			v.typing = false
			v.input.Blur()
			return v, nil
		}
		return v, func() tea.Msg { return backMsg{} }
	}
	var cmd tea.Cmd
	*v.input, cmd = v.input.Update(msg)
	return v, cmd
}

// updateHits handles a key on the list of hits: move, open, code one or
// all, or edit the query.
func (v SearchView) updateHits(msg tea.KeyPressMsg) (SearchView, tea.Cmd) {
	k, ck := v.c.Keys.SearchView, v.c.Keys
	n, page := len(v.res.Hits), max(1, v.rows())
	switch {
	case key.Matches(msg, k.Edit):
		return v, v.Focus()
	case key.Matches(msg, ck.Back):
		return v, func() tea.Msg { return backMsg{} }
	case key.Matches(msg, k.Open):
		if h, ok := v.selected(); ok {
			return v, func() tea.Msg { return openAtMsg{DocID: h.DocID, Pos: h.Start} }
		}
	case key.Matches(msg, k.Code), key.Matches(msg, k.CodeAll):
		h, ok := v.selected()
		if !ok {
			return v, nil
		}
		all := key.Matches(msg, k.CodeAll)
		var cmds []tea.Cmd
		if v.cb == nil {
			cmds = append(cmds, v.loadCodebook())
		}
		title := fmt.Sprintf("Code hit: %s turn %d", h.DocName, h.Turn)
		if all {
			title = fmt.Sprintf("Code all %d hits of «%s»", v.res.Total, v.query)
			v.pending, v.chosen, v.loading = nil, nil, "fetching every hit"
			cmds = append(cmds, v.fetchAll())
		}
		v.pick, v.all = pickCode, all
		v.picker = NewPicker(v.c, v.cb, title)
		v.picker.AllowCreate("")
		v.picker.SetSize(v.c.Width, v.pickerHeight())
		v.offset = scrollTo(v.offset, v.cursor, v.rows(), n)
		return v, tea.Batch(cmds...)
	default:
		v.cursor, _ = moveCursor(ck, msg, v.cursor, n, page)
	}
	v.offset = scrollTo(v.offset, v.cursor, v.rows(), n)
	return v, nil
}

// fetchAll returns the command that fetches every hit of the query.
func (v SearchView) fetchAll() tea.Cmd {
	svc, q, seq, total := v.c.Svc, v.query, v.seq, int(v.res.Total)
	return func() tea.Msg {
		res, err := svc.Search(context.Background(), q, max(total, 1))
		return allHitsMsg{seq: seq, hits: res.Hits, err: err}
	}
}

// apply codes the targets with code, or, for a new code the picker offered
// (one without an id), makes it and codes them with it, as one undoable
// step.
func (v SearchView) apply(code *coding.Code, targets []target, label string) tea.Cmd {
	if code.ID == "" {
		return newCodeApplied(v.c, v.cb.Code(code.ParentID), code.NameFi, targets, label)
	}
	return applyCodes(v.c, code, targets, label)
}

// codePath is code's path for the status line, a new code's included.
func (v SearchView) codePath(code *coding.Code) string {
	if code.ID != "" {
		return v.cb.PathString(code.ID, coding.LangFinnish)
	}
	if code.ParentID != "" {
		return v.cb.PathString(code.ParentID, coding.LangFinnish) + "/" + code.NameFi
	}
	return code.NameFi
}

// confirm asks whether to code the distinct turns of all hits, once both
// the code and the hits are there.
func (v SearchView) confirm() SearchView {
	if v.chosen == nil || v.pending == nil {
		return v
	}
	seen := map[target]bool{}
	docs := map[string]bool{}
	var ts []target
	for _, h := range v.pending.hits {
		t := target{docID: h.DocID, sel: coding.Selection{Turn: h.Turn}}
		if !seen[t] {
			seen[t], docs[h.DocID] = true, true
			ts = append(ts, t)
		}
	}
	v.code, v.targets, v.docsN = v.chosen, ts, len(docs)
	v.chosen, v.pending, v.loading = nil, nil, ""
	return v
}

// View draws the query line, a summary, the hits and, under them, the
// picker or the confirmation.
func (v SearchView) View() string {
	w, h, st := v.c.Width, v.c.Height, v.c.Styles
	if w <= 0 || h <= 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(st.Title.Render("Search") + st.Dim.Render("  all words required · kela OR kunta · -word · kind:client filters") + "\n")
	b.WriteString(v.input.View() + "\n")
	switch {
	case v.busy:
		b.WriteString(st.Dim.Render("Searching…"))
	case v.err != "":
		b.WriteString(st.Error.Render(v.err))
	case v.loading != "":
		b.WriteString(st.Dim.Render(v.loading + "…"))
	case v.query == "":
		b.WriteString(st.Dim.Render("Type a query and press enter."))
	case len(v.res.Hits) == 0:
		b.WriteString(st.Dim.Render("No hits for «" + v.query + "»."))
	default:
		docs := map[string]bool{}
		for _, h := range v.res.Hits {
			docs[h.DocID] = true
		}
		s := fmt.Sprintf("%s in %s", pluralize(int(v.res.Total), "hit"), pluralize(len(docs), "document"))
		if int(v.res.Total) > len(v.res.Hits) {
			s += fmt.Sprintf(" (showing %d)", len(v.res.Hits))
		}
		b.WriteString(st.Header.Render(s))
	}
	end := min(len(v.res.Hits), v.offset+v.rows())
	for i := v.offset; i < end; i++ {
		b.WriteString("\n" + v.renderHit(v.res.Hits[i], i == v.cursor))
	}
	body := fit(b.String(), w, h-v.pickerHeight()-v.confirmHeight())
	switch {
	case v.pick != pickNone:
		body += "\n" + fit(v.picker.View(), w, v.pickerHeight())
	case v.code != nil:
		q := fmt.Sprintf("Code %s in %s with %s? y/n", pluralize(len(v.targets), "turn"), pluralize(v.docsN, "document"),
			v.codePath(v.code))
		body += "\n" + st.Error.Render(pad(q, w))
	}
	return body
}

// renderHit draws a hit in two lines: where it is, and its snippet with
// the matched words marked.
func (v SearchView) renderHit(h search.Hit, cur bool) string {
	st, w := v.c.Styles, v.c.Width
	mark := "  "
	if cur {
		mark = st.Speaker.Render("› ")
	}
	where := fmt.Sprintf("%s · turn %d · %s", h.DocName, h.Turn, h.Speaker)
	head := mark + st.Dim.Render(where)
	if cur {
		head = mark + st.Selected.Render(pad(where, max(0, w-2)))
	}
	rs := []rune(h.Snippet)
	var sb strings.Builder
	at := 0
	for _, m := range h.Marks {
		s, e := clamp(m[0], at, len(rs)), clamp(m[1], at, len(rs))
		sb.WriteString(st.Text.Render(string(rs[at:s])))
		sb.WriteString(st.Mark.Render(string(rs[s:e])))
		at = e
	}
	sb.WriteString(st.Text.Render(string(rs[at:])))
	return head + "\n    " + ansi.Truncate(sb.String(), max(0, w-4), "…")
}

// ShortHelp returns the screen's one-line help.
func (v SearchView) ShortHelp() []key.Binding {
	k, ck := v.c.Keys.SearchView, v.c.Keys
	switch {
	case v.code != nil:
		return []key.Binding{k.Yes, k.No}
	case v.pick != pickNone:
		return v.picker.ShortHelp()
	case v.typing:
		return []key.Binding{k.Run, ck.Back}
	}
	return []key.Binding{k.Open, k.Code, k.CodeAll, k.Edit, ck.Back}
}

// FullHelp returns the screen's expanded help.
func (v SearchView) FullHelp() [][]key.Binding {
	ck := v.c.Keys
	if v.typing || v.pick != pickNone || v.code != nil {
		return [][]key.Binding{v.ShortHelp()}
	}
	return [][]key.Binding{{ck.Up, ck.Down, ck.PageUp, ck.PageDown, ck.Top, ck.Bottom}, v.ShortHelp()}
}
