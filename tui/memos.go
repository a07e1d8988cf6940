package tui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/toituavain/avain/coding"
)

// memoZone is the time zone the memos' dates are shown in.
var memoZone = time.Local

// memosLoadedMsg carries every memo with the names of their targets.
type memosLoadedMsg struct {
	list  []memoRow
	older int // memos kept under a newer one on their target
}

// memoRow is a memo and the name of what it is written on.
type memoRow struct {
	coding.MemoEntry
	where string // "Document haastattelu-01", "Code Teema/Koodi", ...
}

// openCodeMsg asks for the codebook with the cursor on a code.
type openCodeMsg struct{ id string }

// focusCodeMsg puts the codebook's cursor on a code, once it is read.
type focusCodeMsg openCodeMsg

// focusCode puts the cursor on code id, unfolding its ancestors.
func (v *CodebookView) focusCode(id string) {
	if v.cb == nil || v.cb.Code(id) == nil {
		return
	}
	for _, a := range v.cb.Ancestors(id) {
		delete(v.collapsed, a)
	}
	v.layoutRows()
	for i, r := range v.rowsIDs {
		if r == id {
			v.cursor = i
		}
	}
	v.offset = scrollTo(v.offset, v.cursor, v.treeRows(), len(v.rowsIDs))
}

// MemosView lists every memo of the project (on the project, documents,
// codes and codings) with its author and date, filtered by author, kind
// and words; enter opens what a memo is on, m edits it, p the project
// memo. After a team merge kept two memos on one target, both are
// listed, the older marked.
type MemosView struct {
	c         Common
	loaded    bool
	data      memosLoadedMsg
	shown     []int // indices into data.list that pass the filter
	cursor    int
	offset    int
	filter    string
	filtering bool
	input     *textinput.Model
}

// NewMemosView returns an empty memos view.
func NewMemosView(c Common) MemosView { return MemosView{c: c} }

// SetSize sets the view's box.
func (v *MemosView) SetSize(w, h int) {
	v.c.Width, v.c.Height = w, h
	v.scroll()
}

// SetStyles replaces the styles.
func (v *MemosView) SetStyles(s *Styles) { v.c.Styles = s }

// Typing reports whether the filter is being typed.
func (v MemosView) Typing() bool { return v.filtering }

// Mode names the screen for the status line.
func (v MemosView) Mode() string { return "MEMOS" }

// Show reads the memos.
func (v *MemosView) Show() tea.Cmd { return loadMemos(v.c.Svc) }

// Refresh reads them again.
func (v *MemosView) Refresh() tea.Cmd { return loadMemos(v.c.Svc) }

// loadMemos returns the command that reads every memo and names its target.
func loadMemos(svc Services) tea.Cmd {
	return func() tea.Msg {
		ctx := context.Background()
		fail := func(err error) tea.Msg { return errMsg{fmt.Errorf("listing memos: %w", err)} }
		list, err := svc.Memos(ctx)
		if err != nil {
			return fail(err)
		}
		cb, err := svc.Codebook(ctx)
		if err != nil {
			return fail(err)
		}
		summaries, err := svc.DocumentList(ctx)
		if err != nil {
			return fail(err)
		}
		names := map[string]string{}
		for _, d := range summaries {
			names[d.ID] = d.Name
		}
		docs := map[string]*coding.Document{} // of coding memos
		code := func(id string) string {
			if cb.Code(id) == nil {
				return id
			}
			return cb.PathString(id, coding.LangFinnish)
		}
		var out memosLoadedMsg
		for _, m := range list {
			r := memoRow{MemoEntry: m}
			switch m.Target {
			case coding.MemoProject:
				r.where = "Project"
			case coding.MemoDocument:
				r.where = "Document " + names[m.DocumentID]
			case coding.MemoCode:
				r.where = "Code " + code(m.TargetID)
			case coding.MemoCoding:
				d, ok := docs[m.DocumentID]
				if !ok { // read once, for the turns
					if d, err = svc.Document(ctx, m.DocumentID); err != nil {
						return fail(err)
					}
					docs[m.DocumentID] = d
				}
				r.where = fmt.Sprintf("Coding %s in %s, turn %d", code(m.CodeID), names[m.DocumentID], d.TurnAt(m.Start))
			}
			if m.Superseded {
				out.older++
			}
			out.list = append(out.list, r)
		}
		return out
	}
}

// current returns the memo under the cursor.
func (v MemosView) current() (memoRow, bool) {
	if v.cursor < 0 || v.cursor >= len(v.shown) {
		return memoRow{}, false
	}
	return v.data.list[v.shown[v.cursor]], true
}

// memo reports whether memo r passes filter f: author:NAME (or
// coder:NAME), kind:project|document|code|coding, and words in its text
// or target; every term required, a value found anywhere in the field's.
func (f passageFilter) memo(r memoRow) bool {
	for _, c := range f.coders {
		if !strings.Contains(strings.ToLower(r.Coder), c) {
			return false
		}
	}
	for _, t := range f.doc.Fields {
		switch t.Key {
		case "author":
			if !strings.Contains(strings.ToLower(r.Coder), t.Value) {
				return false
			}
		case "kind":
			if !strings.Contains(string(r.Target), t.Value) {
				return false
			}
		default:
			return false
		}
	}
	hay := strings.ToLower(r.Text + "\x00" + r.where)
	for _, w := range f.words {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

// applyFilter lists the memos that pass the filter typed or kept.
func (v *MemosView) applyFilter() {
	cur, had := v.current()
	v.refilter(cur, had)
}

// refilter lists the memos that pass the filter, with the cursor on cur
// when it passes (had: there was one), else where it was.
func (v *MemosView) refilter(cur memoRow, had bool) {
	text := v.filter
	if v.filtering {
		text = v.input.Value()
	}
	f := parsePassageFilter(text)
	v.shown = v.shown[:0]
	for i, r := range v.data.list {
		if f.memo(r) {
			if had && r.ID == cur.ID {
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
func (v MemosView) keys() (KeyMap, MemosKeys) {
	k := *v.c.Keys
	k.ClearFilter.SetEnabled(v.filter != "" && !v.filtering)
	k.Back.SetEnabled(v.filter == "" || v.filtering)
	return k, k.MemosView
}

// Update handles the view's messages.
func (v MemosView) Update(msg tea.Msg) (MemosView, tea.Cmd) {
	switch msg := msg.(type) {
	case memosLoadedMsg:
		cur, had := v.current() // of the list read before
		v.data, v.loaded = msg, true
		v.refilter(cur, had)
	case tea.KeyPressMsg:
		if v.filtering {
			return v.updateFilter(msg)
		}
		return v.updateKeys(msg)
	case tea.PasteMsg:
		if v.filtering {
			return v.updateFilter(msg)
		}
	}
	return v, nil
}

func (v MemosView) updateKeys(msg tea.KeyPressMsg) (MemosView, tea.Cmd) {
	k, mk := v.keys()
	r, ok := v.current()
	switch {
	case key.Matches(msg, k.ClearFilter):
		v.filter = ""
		v.applyFilter()
	case key.Matches(msg, k.Back):
		return v, func() tea.Msg { return backMsg{} }
	case !v.loaded:
	case key.Matches(msg, mk.Filter):
		v.filtering, v.input = true, newField(v.filter, 0)
		v.scroll()
	case key.Matches(msg, mk.Project):
		return v, v.edit(coding.MemoProject, coding.ProjectMemoID, "Project memo")
	case !ok:
	case key.Matches(msg, mk.Edit):
		return v, v.edit(r.Target, r.TargetID, "Memo on "+strings.ToLower(r.where[:1])+r.where[1:])
	case key.Matches(msg, mk.Open):
		return v, v.open(r)
	default:
		v.cursor, _ = moveCursor(&k, msg, v.cursor, len(v.shown), v.page())
		v.scroll()
	}
	return v, nil
}

// edit opens the memo editor on the memo of a target, as it is now (the
// newer one, after a merge kept two).
func (v MemosView) edit(target coding.MemoTarget, id, title string) tea.Cmd {
	svc := v.c.Svc
	return func() tea.Msg {
		text, err := svc.Memo(context.Background(), target, id)
		if err != nil {
			return errMsg{fmt.Errorf("reading the memo: %w", err)}
		}
		return editMemoMsg{Target: target, ID: id, Title: title, Text: text}
	}
}

// open returns the command that opens what memo r is written on: the
// document, the coding in the reader, the code in the codebook, and the
// project memo in the editor.
func (v MemosView) open(r memoRow) tea.Cmd {
	switch r.Target {
	case coding.MemoDocument:
		return func() tea.Msg { return openDocMsg{ID: r.DocumentID, Name: strings.TrimPrefix(r.where, "Document ")} }
	case coding.MemoCoding:
		return func() tea.Msg { return openAtMsg{DocID: r.DocumentID, Pos: r.Start} }
	case coding.MemoCode:
		return func() tea.Msg { return openCodeMsg{id: r.TargetID} }
	}
	return v.edit(coding.MemoProject, coding.ProjectMemoID, "Project memo")
}

// updateFilter takes the filter as it is typed; enter keeps it, esc
// drops it.
func (v MemosView) updateFilter(msg tea.Msg) (MemosView, tea.Cmd) {
	if editFilter(v.c.Keys, msg, v.input, &v.filtering, &v.filter, &v.cursor, len(v.shown)) {
		v.scroll()
		return v, nil
	}
	v.applyFilter()
	return v, nil
}

// top is the number of lines above the memos.
func (v MemosView) top() int {
	if v.filtering || v.filter != "" {
		return 2
	}
	return 1
}

func (v MemosView) rows() int { return max(0, v.c.Height-v.top()) }

// body returns a memo's text, wrapped, at most three lines.
func (v MemosView) body(r memoRow) []string { return wrapWords(r.Text, max(8, v.c.Width-4), 3) }

func (v MemosView) height(i int) int { return 1 + len(v.body(v.data.list[v.shown[i]])) }

// page is about how many memos a page holds.
func (v MemosView) page() int {
	return varPage(v.offset, len(v.shown), v.rows(), v.height)
}

// scroll keeps the memo under the cursor whole in view.
func (v *MemosView) scroll() {
	v.offset = varScroll(v.offset, v.cursor, len(v.shown), v.rows(), v.height)
}

// head is a memo's first line: its target, author and date, and the
// mark of one kept under a newer memo.
func (v MemosView) head(r memoRow) string {
	h := r.where + " · " + r.Coder + " · " + r.Updated.In(memoZone).Format("2006-01-02 15:04")
	if r.Superseded {
		h += " · older (a merge kept both)"
	}
	return h
}

// View draws the title, the filter and the memos from the offset.
func (v MemosView) View() string {
	w, h, st := v.c.Width, v.c.Height, v.c.Styles
	if w <= 0 || h <= 0 {
		return ""
	}
	if !v.loaded {
		return fit(st.Dim.Render("Reading the memos…"), w, h)
	}
	count := " — " + pluralize(len(v.data.list), "memo")
	if v.data.older > 0 {
		count += fmt.Sprintf(" (%d older, kept by a merge)", v.data.older)
	}
	if len(v.shown) != len(v.data.list) {
		count = fmt.Sprintf(" — %d of %s", len(v.shown), pluralize(len(v.data.list), "memo"))
	}
	lines := []string{st.Title.Render("Memos") + st.Dim.Render(count)}
	if l, ok := filterLine(st, v.input, v.filtering, v.filter, w, "  author:NAME kind:project|document|code|coding words"); ok {
		lines = append(lines, l)
	}
	switch {
	case len(v.data.list) == 0:
		lines = append(lines, st.Dim.Render("  No memos yet: p writes the project memo, m and M in the reader one on a coding or the document."))
	case len(v.shown) == 0:
		lines = append(lines, st.Dim.Render("  No memo matches the filter."))
	}
	used := 0
	for i := v.offset; i < len(v.shown) && used < v.rows(); i++ {
		r := v.data.list[v.shown[i]]
		head, mark := st.Dim.Render(v.head(r)), "  "
		if i == v.cursor {
			mark, head = st.Speaker.Render("› "), st.Selected.Render(pad(v.head(r), max(0, w-2)))
		}
		lines = append(lines, mark+head)
		for _, l := range v.body(r) {
			lines = append(lines, "    "+st.Text.Render(l))
		}
		used += v.height(i)
	}
	return fit(strings.Join(lines, "\n"), w, h)
}

// ShortHelp returns the view's one-line help.
func (v MemosView) ShortHelp() []key.Binding {
	k, mk := v.keys()
	if v.filtering {
		return []key.Binding{k.PickUp, k.PickDown, k.KeepFilter, k.ClearFilter}
	}
	return []key.Binding{mk.Open, mk.Edit, mk.Project, mk.Filter, k.ClearFilter, k.Back}
}

// FullHelp returns the view's expanded help.
func (v MemosView) FullHelp() [][]key.Binding {
	if v.filtering {
		return [][]key.Binding{v.ShortHelp()}
	}
	k, _ := v.keys()
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, v.ShortHelp()}
}
