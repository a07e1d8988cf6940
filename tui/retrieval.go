package tui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/toituavain/avain/coding"
)

// RetrievalView lists every passage coded with a code (with its child
// codes: a theme's subtree), or with a code in one group of the themes
// view's split, in full: document, attributes, turn, speaker and every
// coder of it; a filter keeps the passages of a coder, a kind or a
// document attribute (coder:aino kind:client region:Kuopio); enter opens
// one in the reader, x exports the list as `avain export segments` does.
type RetrievalView struct {
	c       Common
	req     retrieveMsg
	subtree bool
	loaded  bool
	data    passagesMsg
	shown   []int // indices into data.list that pass the filter
	cursor  int   // index into shown
	offset  int   // first of shown drawn

	filter    string // the filter kept
	filtering bool   // the filter is being typed
	input     *textinput.Model
	naming    bool // the export's file name is being typed
	fresh     bool // the name is still the suggested one: what is typed first replaces it
	name      *textinput.Model
}

// NewRetrievalView returns an empty retrieval view.
func NewRetrievalView(c Common) RetrievalView { return RetrievalView{c: c} }

// Open shows the passages req asks for, with the child codes, unfiltered.
func (v *RetrievalView) Open(req retrieveMsg) tea.Cmd {
	*v = RetrievalView{c: v.c, req: req, subtree: true}
	return loadPassages(v.c.Svc, req, true)
}

// SetSize sets the view's box.
func (v *RetrievalView) SetSize(w, h int) {
	v.c.Width, v.c.Height = w, h
	v.scroll()
}

// SetStyles replaces the styles.
func (v *RetrievalView) SetStyles(s *Styles) { v.c.Styles = s }

// Typing reports whether the filter or a file name is being typed.
func (v RetrievalView) Typing() bool { return v.filtering || v.naming }

// Mode names the screen for the status line.
func (v RetrievalView) Mode() string { return "RETRIEVAL" }

// Show reads the passages again (a change may have come meanwhile).
func (v *RetrievalView) Show() tea.Cmd { return v.Refresh() }

// Refresh reads the passages again, keeping the cursor's place.
func (v *RetrievalView) Refresh() tea.Cmd {
	if v.req.codeID == "" {
		return nil
	}
	return loadPassages(v.c.Svc, v.req, v.subtree)
}

// current returns the passage under the cursor.
func (v RetrievalView) current() (passage, bool) {
	if v.cursor < 0 || v.cursor >= len(v.shown) {
		return passage{}, false
	}
	return v.data.list[v.shown[v.cursor]], true
}

// applyFilter lists the passages that pass the filter (the one typed or
// kept), keeping the cursor on its passage when it still passes.
func (v *RetrievalView) applyFilter() {
	cur, had := v.current()
	v.refilter(cur, had)
}

// refilter lists the passages that pass the filter, with the cursor on
// cur when it passes (had: there was one), else where it was.
func (v *RetrievalView) refilter(cur passage, had bool) {
	text := v.filter
	if v.filtering {
		text = v.input.Value()
	}
	f := parsePassageFilter(text)
	v.shown = v.shown[:0]
	for i, p := range v.data.list {
		if f.match(p) {
			if had && p.docID == cur.docID && p.start == cur.start && p.end == cur.end {
				v.cursor = len(v.shown)
			}
			v.shown = append(v.shown, i)
		}
	}
	v.cursor = clamp(v.cursor, 0, len(v.shown)-1)
	v.scroll()
}

// keys returns the bindings that apply now: esc clears a kept filter
// before it goes back.
func (v RetrievalView) keys() (KeyMap, RetrievalKeys) {
	k, rk := *v.c.Keys, v.c.Keys.RetrievalView
	k.ClearFilter.SetEnabled(v.filter != "" && !v.filtering)
	k.Back.SetEnabled(v.filter == "" || v.filtering)
	return k, rk
}

// Update handles the view's messages.
func (v RetrievalView) Update(msg tea.Msg) (RetrievalView, tea.Cmd) {
	switch msg := msg.(type) {
	case passagesMsg:
		if msg.req.codeID != v.req.codeID || msg.subtree != v.subtree || msg.req.group() != v.req.group() {
			return v, nil // an older request
		}
		cur, had := v.current() // of the list read before
		v.data, v.loaded = msg, true
		v.refilter(cur, had)
	case tea.KeyPressMsg:
		switch {
		case v.filtering:
			return v.updateFilter(msg)
		case v.naming:
			return v.updateName(msg)
		}
		return v.updateKeys(msg)
	case tea.PasteMsg:
		switch {
		case v.filtering:
			return v.updateFilter(msg)
		case v.naming:
			return v.updateName(msg)
		}
	}
	return v, nil
}

func (v RetrievalView) updateKeys(msg tea.KeyPressMsg) (RetrievalView, tea.Cmd) {
	k, rk := v.keys()
	switch {
	case key.Matches(msg, k.ClearFilter):
		v.filter = ""
		v.applyFilter()
	case key.Matches(msg, k.Back):
		return v, func() tea.Msg { return backMsg{} }
	case !v.loaded:
	case key.Matches(msg, rk.Filter):
		v.filtering, v.input = true, newField(v.filter, 0)
		v.scroll()
	case key.Matches(msg, rk.Subtree):
		v.subtree = !v.subtree
		return v, v.Refresh()
	case key.Matches(msg, rk.Open):
		if p, ok := v.current(); ok {
			return v, func() tea.Msg { return openAtMsg{DocID: p.docID, Pos: p.start} }
		}
	case key.Matches(msg, rk.Export):
		v.naming, v.name, v.fresh = true, newField(v.exportName(), 0), true
		v.scroll()
	default:
		v.cursor, _ = moveCursor(&k, msg, v.cursor, len(v.shown), v.page())
		v.scroll()
	}
	return v, nil
}

// updateFilter takes the filter as it is typed, applying it at once;
// enter keeps it, esc drops it.
func (v RetrievalView) updateFilter(msg tea.Msg) (RetrievalView, tea.Cmd) {
	if editFilter(v.c.Keys, msg, v.input, &v.filtering, &v.filter, &v.cursor, len(v.shown)) {
		v.scroll()
		return v, nil
	}
	v.applyFilter()
	return v, nil
}

// ShortHelp returns the view's one-line help.
func (v RetrievalView) ShortHelp() []key.Binding {
	k, rk := v.keys()
	switch {
	case v.filtering:
		return []key.Binding{k.PickUp, k.PickDown, k.KeepFilter, k.ClearFilter}
	case v.naming:
		return []key.Binding{rk.Save, rk.Cancel}
	}
	return []key.Binding{rk.Open, rk.Filter, rk.Subtree, rk.Export, k.ClearFilter, k.Back}
}

// FullHelp returns the view's expanded help.
func (v RetrievalView) FullHelp() [][]key.Binding {
	if v.Typing() {
		return [][]key.Binding{v.ShortHelp()}
	}
	k, _ := v.keys()
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, v.ShortHelp()}
}

// codePath names a code in Finnish, or its id when unknown.
func (v RetrievalView) codePath(id string) string {
	if v.data.cb == nil || v.data.cb.Code(id) == nil {
		return id
	}
	return v.data.cb.PathString(id, coding.LangFinnish)
}
