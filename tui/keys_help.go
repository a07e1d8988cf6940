package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
)

// KeySection is one screen's keys in the key summary of avain open
// --help: the screen's name and its bindings, from the KeyMap.
type KeySection struct {
	Name     string
	Bindings []key.Binding
}

// KeySections returns every screen's keys, the ones that work anywhere
// last; keys_help_test.go checks that every binding each screen's ? help
// offers is here, so that the summary can't drift from the screens.
func KeySections(k KeyMap) []KeySection {
	moves := []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}
	codeSel := k.Code // c while selecting (reader_coding.go)
	codeSel.SetHelp(k.Code.Help().Key, "code selection")
	cb, ce, rv, mv, th, cv, sv := k.CodebookView, k.CodeEdit, k.RetrievalView, k.MemosView, k.ThemesView, k.CompareView, k.SearchView
	return []KeySection{
		{"documents", []key.Binding{k.Open, k.Filter, k.KeepFilter, k.ClearFilter, k.Sort, k.Tab}},
		{"reader", []key.Binding{k.WordNext, k.WordPrev, k.SentenceNext, k.SentencePrev, k.TurnNext, k.TurnPrev, k.GoTo,
			k.Select, k.Code, codeSel, k.Shortcut, k.Repeat, k.InVivo, k.Remove, k.Recode, k.Memo, k.DocMemo, k.Pane, k.Compare, k.Back}},
		{"code picker", []key.Binding{k.PickUp, k.PickDown, k.Choose, k.PickParent, k.Cancel}},
		{"questions", []key.Binding{k.Yes, k.No}},
		{"memo editor", []key.Binding{k.SaveMemo, k.MemoCheck.Replace, k.MemoCheck.Keep, k.MemoCheck.Back}},
		{"codebook", []key.Binding{cb.Collapse, cb.Expand, cb.Toggle, cb.Retrieve, cb.Details, cb.Memo,
			ce.New, ce.NewChild, ce.Rename, ce.Move, ce.Color, ce.Define, ce.Merge, ce.Delete, ce.Save, ce.NextField, ce.Cancel}},
		{"retrieval", []key.Binding{rv.Open, rv.Filter, rv.Subtree, rv.Export, rv.Save, rv.Cancel}},
		{"memos", []key.Binding{mv.Open, mv.Edit, mv.Project, mv.Filter}},
		{"search", []key.Binding{sv.Run, sv.Edit, sv.Open, sv.Code, sv.CodeAll, sv.Yes, sv.No}},
		{"themes", []key.Binding{th.Split, th.Metric, th.Drill, th.Export, th.Save, th.Cancel}},
		{"compare", []key.Binding{cv.Next, cv.Prev, cv.Open, cv.Focus, cv.CoderA, cv.CoderB}},
		{"anywhere", append(moves, globalKeys(k)...)},
	}
}

// globalKeys returns the keys every screen takes: the other screens,
// undo and redo, help and quit.
func globalKeys(k KeyMap) []key.Binding {
	return []key.Binding{k.Search, k.Codebook, k.Themes, k.Documents, k.Memos, k.Undo, k.Redo, k.Help, k.Quit, k.ForceQuit}
}

// KeysHelp renders the key sections as the lines of a help text, each
// section's name in a column of its own and its keys wrapped to width.
func KeysHelp(k KeyMap, width int) string {
	const indent = "  "
	const nameW = 14
	var b strings.Builder
	for _, s := range KeySections(k) {
		line := indent + s.Name + strings.Repeat(" ", max(1, nameW-len(s.Name)))
		start := true
		for _, kb := range s.Bindings {
			h := kb.Help()
			item := h.Key + " " + h.Desc
			switch {
			case start:
				line += item
			case len([]rune(line))+3+len([]rune(item)) > width:
				b.WriteString(line + "\n")
				line = indent + strings.Repeat(" ", nameW) + item
			default:
				line += " · " + item
			}
			start = false
		}
		b.WriteString(line + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}
