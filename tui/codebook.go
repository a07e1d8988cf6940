package tui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/toituavain/avain/coding"
)

// codebookLoadedMsg carries the codebook, its use and the codes' memos.
type codebookLoadedMsg struct {
	cb    *coding.Codebook
	usage map[string]coding.CodeCounts
	sum   coding.CodeCounts // the whole codebook's numbers
	memos map[string]string
}

// CodebookView is the codebook screen: the code tree with colours and
// counts, each code's definition on demand; enter opens the retrieval
// view of a code's coded passages (retrieval.go).
type CodebookView struct {
	c         Common
	cb        *coding.Codebook
	usage     map[string]coding.CodeCounts // a code's numbers (coding.CountCodes)
	sum       coding.CodeCounts
	memos     map[string]string
	collapsed map[string]bool
	rowsIDs   []string // the codes shown, in tree order
	cursor    int
	offset    int
	details   bool
	loaded    bool
	edit      *codeForm // an edit's form, while open (codebook_edit.go)
}

// NewCodebookView returns an empty codebook screen.
func NewCodebookView(c Common) CodebookView {
	return CodebookView{c: c, collapsed: map[string]bool{}}
}

// SetSize sets the screen's box.
func (v *CodebookView) SetSize(w, h int) {
	v.c.Width, v.c.Height = w, h
	v.offset = scrollTo(v.offset, v.cursor, v.treeRows(), len(v.rowsIDs))
}

// SetStyles replaces the styles.
func (v *CodebookView) SetStyles(s *Styles) { v.c.Styles = s }

// Typing reports whether the screen takes every key; it never does.
func (v CodebookView) Typing() bool { return v.edit != nil }

// Mode names the screen for the status line.
func (v CodebookView) Mode() string { return "CODEBOOK" }

// keys returns the key map of the screen now: in the tree space folds a
// code, so there it does not page down.
func (v CodebookView) keys() KeyMap {
	k := *v.c.Keys
	k.PageDown = without(k.PageDown, k.CodebookView.Toggle)
	return k
}

// Show reads the codebook, the counts and the memos.
func (v *CodebookView) Show() tea.Cmd { return v.Load() }

// Refresh reads them again.
func (v *CodebookView) Refresh() tea.Cmd { return v.Load() }

// Load returns the command that reads the codebook, the counts and the
// memos; the root calls it when the screen is shown and after changes.
func (v CodebookView) Load() tea.Cmd {
	svc := v.c.Svc
	return func() tea.Msg {
		ctx := context.Background()
		cb, err := svc.Codebook(ctx)
		if err != nil {
			return errMsg{fmt.Errorf("loading codebook: %w", err)}
		}
		cs, err := svc.Codings(ctx, coding.CodingFilter{Bare: true})
		if err != nil {
			return errMsg{fmt.Errorf("counting codings: %w", err)}
		}
		usage, sum := coding.CountCodes(cb, cs) // as the themes view and freq count
		memos := map[string]string{}
		for _, c := range cb.Codes() {
			m, err := svc.Memo(ctx, coding.MemoCode, c.ID)
			if err != nil {
				return errMsg{fmt.Errorf("loading code memos: %w", err)}
			}
			if m != "" {
				memos[c.ID] = m
			}
		}
		return codebookLoadedMsg{cb: cb, usage: usage, sum: sum, memos: memos}
	}
}

// selected returns the code under the cursor.
func (v CodebookView) selected() *coding.Code {
	if v.cb == nil || v.cursor < 0 || v.cursor >= len(v.rowsIDs) {
		return nil
	}
	return v.cb.Code(v.rowsIDs[v.cursor])
}

// layoutRows lists the codes shown: every code whose ancestors are all
// expanded, in codebook order. The cursor stays on the same code, or on
// its nearest shown ancestor.
func (v *CodebookView) layoutRows() {
	cur := ""
	if c := v.selected(); c != nil {
		cur = c.ID
	}
	v.rowsIDs = v.rowsIDs[:0]
	for _, c := range v.cb.Codes() {
		hidden := false
		for _, a := range v.cb.Ancestors(c.ID) {
			hidden = hidden || v.collapsed[a]
		}
		if !hidden {
			v.rowsIDs = append(v.rowsIDs, c.ID)
		}
	}
	if cur != "" {
		want := append([]string{cur}, v.cb.Ancestors(cur)...)
	find:
		for _, id := range want {
			for i, r := range v.rowsIDs {
				if r == id {
					v.cursor = i
					break find
				}
			}
		}
	}
	v.cursor = clamp(v.cursor, 0, len(v.rowsIDs)-1)
	v.offset = scrollTo(v.offset, v.cursor, v.treeRows(), len(v.rowsIDs))
}

// Update handles the screen's messages.
func (v CodebookView) Update(msg tea.Msg) (CodebookView, tea.Cmd) {
	switch msg.(type) {
	case tea.KeyPressMsg, tea.PasteMsg:
		if v.edit != nil { // an edit's form takes them (codebook_edit.go)
			return v.updateForm(msg)
		}
	}
	switch msg := msg.(type) {
	case codebookLoadedMsg:
		v.cb, v.usage, v.memos, v.loaded = msg.cb, msg.usage, msg.memos, true
		v.sum = msg.sum
		v.layoutRows()
	case memoSavedMsg:
		if msg.Err == nil && msg.Target == coding.MemoCode && v.memos != nil {
			v.memos[msg.ID] = msg.Text
		}
	case tea.KeyPressMsg:
		return v.updateTree(msg)
	}
	return v, nil
}

func (v CodebookView) updateTree(msg tea.KeyPressMsg) (CodebookView, tea.Cmd) {
	k, ck := v.c.Keys.CodebookView, v.keys()
	n, page := len(v.rowsIDs), max(1, v.treeRows())
	code := v.selected()
	if ev, cmd, ok := v.editKeys(msg, code); ok { // codebook_edit.go
		return ev, cmd
	}
	switch {
	case key.Matches(msg, ck.Back):
		return v, func() tea.Msg { return backMsg{} }
	case code == nil:
		return v, nil
	case key.Matches(msg, k.Details):
		v.details = !v.details
	case key.Matches(msg, k.Retrieve):
		return v, func() tea.Msg { return retrieveMsg{codeID: code.ID} }
	case key.Matches(msg, k.Memo):
		m := editMemoMsg{Target: coding.MemoCode, ID: code.ID, Text: v.memos[code.ID],
			Title: "Memo on the code " + v.cb.PathString(code.ID, coding.LangFinnish)}
		return v, func() tea.Msg { return m }
	case key.Matches(msg, k.Collapse):
		if len(v.cb.Children(code.ID)) > 0 && !v.collapsed[code.ID] {
			v.collapsed[code.ID] = true
		} else if code.ParentID != "" { // to the parent
			for i, id := range v.rowsIDs {
				if id == code.ParentID {
					v.cursor = i
				}
			}
		}
		v.layoutRows()
	case key.Matches(msg, k.Expand):
		delete(v.collapsed, code.ID)
		v.layoutRows()
	case key.Matches(msg, k.Toggle):
		if len(v.cb.Children(code.ID)) > 0 {
			v.collapsed[code.ID] = !v.collapsed[code.ID]
			v.layoutRows()
		}
	default:
		v.cursor, _ = moveCursor(&ck, msg, v.cursor, n, page)
	}
	v.cursor = clamp(v.cursor, 0, n-1)
	v.offset = scrollTo(v.offset, v.cursor, v.treeRows(), n)
	return v, nil
}

// wideDetails reports whether the details pane sits right of the tree.
func (v CodebookView) wideDetails() bool { return v.c.Width >= 110 }

// treeRows is the number of codes shown under the title and header.
func (v CodebookView) treeRows() int {
	h := v.c.Height - 2
	if v.details && !v.wideDetails() {
		h -= v.detailsHeight()
	}
	return max(0, h)
}

func (v CodebookView) detailsHeight() int { return v.c.Height / 2 }

// View draws the tree (with the details) or the retrieval list.
func (v CodebookView) View() string {
	w, h, st := v.c.Width, v.c.Height, v.c.Styles
	if w <= 0 || h <= 0 {
		return ""
	}
	switch {
	case v.edit != nil:
		return v.withForm() // codebook_edit.go
	case !v.loaded:
		return fit(st.Dim.Render("Loading the codebook…"), w, h)
	case v.cb.Len() == 0:
		return fit(st.Title.Render("Codebook")+"\n"+st.Dim.Render("No codes yet: n adds one (or avain codebook PROJECT --import FILE)."), w, h)
	}
	treeW := w
	if v.details && v.wideDetails() {
		treeW = w - w*2/5 - 1
	}
	tree := v.treeView(treeW, h)
	if !v.details {
		return tree
	}
	if v.wideDetails() {
		dw := w - treeW - 1
		left := strings.Split(tree, "\n")
		right := strings.Split(v.detailsView(dw, h), "\n")
		for i := range left {
			left[i] = pad(left[i], treeW) + st.Dim.Render("│") + right[i]
		}
		return strings.Join(left, "\n")
	}
	dh := v.detailsHeight()
	return fit(tree, w, h-dh) + "\n" + v.detailsView(w, dh)
}

// Count columns of the tree: a code's codings, passages and documents,
// its child codes' included (coding.CountCodes).
const (
	treeCodingsCol  = 9
	treePassagesCol = 9
	treeDocsCol     = 6
)

// treeView draws the title, the header and the visible codes.
func (v CodebookView) treeView(w, h int) string {
	st := v.c.Styles
	var b strings.Builder
	title := fmt.Sprintf("  %s · %s", pluralize(v.cb.Len(), "code"), countsText(v.sum))
	if note := " · " + coding.AboutSubtree; lipgloss.Width("Codebook"+title+note) <= w {
		title += note // what the numbers count, where it fits
	}
	b.WriteString(st.Title.Render("Codebook") + st.Dim.Render(title) + "\n")
	nameW := max(4, w-2-treeCodingsCol-treePassagesCol-treeDocsCol)
	b.WriteString(st.Header.Render("  "+pad("Code", nameW)+padLeft("Codings", treeCodingsCol)+
		padLeft("Passages", treePassagesCol)+padLeft("Docs", treeDocsCol)) + "\n")
	end := min(len(v.rowsIDs), v.offset+v.treeRows())
	for i := v.offset; i < end; i++ {
		c := v.cb.Code(v.rowsIDs[i])
		fold := "  "
		if len(v.cb.Children(c.ID)) > 0 {
			fold = "▾ "
			if v.collapsed[c.ID] {
				fold = "▸ "
			}
		}
		name := strings.Repeat("  ", v.cb.Depth(c.ID)) + fold + c.NameFi
		if c.NameEn != "" && c.NameEn != c.NameFi {
			name += " (" + c.NameEn + ")"
		}
		if c.Shortcut != "" {
			name += " [" + c.Shortcut + "]"
		}
		if v.memos[c.ID] != "" {
			name += " ✎"
		}
		u := v.usage[c.ID]
		mark, style := "  ", st.Row
		if c.NotCodable {
			name += " · category"
			style = st.Dim
		}
		if i == v.cursor {
			mark, style = "› ", st.Selected
		}
		row := pad(name, nameW-1) + padLeft(strconv.Itoa(u.Codings), treeCodingsCol) +
			padLeft(strconv.Itoa(u.Passages), treePassagesCol) + padLeft(strconv.Itoa(u.Documents), treeDocsCol)
		b.WriteString(mark + v.swatch(c).Render("▌") + style.Render(row))
		if i < end-1 {
			b.WriteString("\n")
		}
	}
	return fit(b.String(), w, h)
}

// countsText words a code's numbers: codings, passages and documents.
func countsText(u coding.CodeCounts) string {
	return pluralize(u.Codings, "coding") + ", " + pluralize(u.Passages, "passage") + " in " + pluralize(u.Documents, "document")
}

// countsLines say in the details what the code's numbers count.
func (v CodebookView) countsLines(c *coding.Code, w int) []string {
	u, st := v.usage[c.ID], v.c.Styles
	lines := []string{st.Header.Render("Counted ") + st.Text.Render(countsText(u))}
	if n := len(v.cb.Subtree(c.ID)) - 1; n > 0 {
		lines = append(lines, "  "+st.Dim.Render(fmt.Sprintf("its %s included; %s with the code itself",
			pluralize(n, "child code"), pluralize(u.Own, "coding"))))
	}
	for _, l := range wrapWords(coding.AboutCodings+" · "+coding.AboutPassages, max(1, w-2), 4) {
		lines = append(lines, "  "+st.Dim.Render(l))
	}
	return lines
}

// swatch is a code's colour as a style.
func (v CodebookView) swatch(c *coding.Code) lipgloss.Style {
	s := v.c.Styles.Stripe
	if coding.ValidColor(c.Color) {
		s = s.Foreground(lipgloss.Color(c.Color))
	}
	return s
}

// detailsView draws the code under the cursor's codebook entry.
func (v CodebookView) detailsView(w, h int) string {
	st := v.c.Styles
	c := v.selected()
	if c == nil {
		return fit("", w, h)
	}
	lines := []string{v.swatch(c).Render("▌") + st.Title.Render(" "+v.cb.PathString(c.ID, coding.LangFinnish))}
	if p := v.cb.PathString(c.ID, coding.LangEnglish); p != v.cb.PathString(c.ID, coding.LangFinnish) {
		lines = append(lines, st.Dim.Render("  "+p))
	}
	for _, f := range []struct{ label, text string }{
		{"In short", c.ShortDef}, {"Definition", c.Definition}, {"When to use", c.WhenToUse},
		{"When not to use", c.WhenNotUse}, {"Example", c.Example}, {"Memo", v.memos[c.ID]},
	} {
		if strings.TrimSpace(f.text) == "" {
			continue
		}
		lines = append(lines, st.Header.Render(f.label))
		for _, l := range wrapWords(f.text, max(1, w-2), 100) {
			lines = append(lines, "  "+st.Text.Render(l))
		}
	}
	if c.NotCodable {
		lines = append(lines, st.Header.Render("Category")+st.Text.Render(" groups codes and takes no codings of its own (# changes it)"))
	}
	if len(lines) == 1 {
		lines = append(lines, st.Dim.Render("No definition yet: e writes one."))
	}
	lines = append(lines, v.countsLines(c, w)...) // last: the definition comes first
	return fit(strings.Join(lines, "\n"), w, h)
}

// ShortHelp returns the screen's one-line help.
func (v CodebookView) ShortHelp() []key.Binding {
	if v.edit != nil { // codebook_edit.go
		return v.formHelp()
	}
	k, ck := v.c.Keys.CodebookView, v.keys()
	return []key.Binding{k.Retrieve, k.Details, k.Memo, ck.Back}
}

// FullHelp returns the screen's expanded help.
func (v CodebookView) FullHelp() [][]key.Binding {
	if v.edit != nil { // codebook_edit.go
		return [][]key.Binding{v.formHelp()}
	}
	k, ck := v.c.Keys.CodebookView, v.keys()
	moves := []key.Binding{ck.Up, ck.Down, ck.PageUp, ck.PageDown, ck.Top, ck.Bottom}
	return [][]key.Binding{moves, {k.Collapse, k.Expand, k.Toggle}, {k.Retrieve, k.Details, k.Memo, ck.Back}, v.editHelp()}
}
