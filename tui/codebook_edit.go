package tui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/toituavain/avain/coding"
)

// The codebook view's edits: add, rename (Finnish and English), move,
// recolour (and the shortcut), define, merge and delete a code, by the
// rules `avain codebook` follows (coding's NewCode, ParseColor,
// ParseShortcut, SetName, Parent, MoveTo, DefinitionEdit; the store's
// checks of the whole codebook). Each is one undoable step (undo.go),
// audited by the store.

// formKind says which edit a form makes.
type formKind int

const (
	formNew formKind = iota
	formRename
	formMove
	formColor
	formDefine
	formMerge
	formDelete
)

// codeForm is the form of one edit: labelled fields (tab moves between
// them, enter saves, esc cancels), or for a deletion a question (y/n).
type codeForm struct {
	kind     formKind
	code     *coding.Code // the code edited; nil for a new code
	parent   string       // a new code's theme ("" for the top level)
	title    string
	labels   []string
	fields   []*textinput.Model
	orig     []string // the fields' values as the form opened (one line each)
	focus    int
	question string // a deletion's: what it deletes
	problem  string // why the form was not saved, in its last line
}

// editKeys starts the edit key msg asks for on code (nil when the
// codebook is empty: then only a new code), and reports whether it did.
func (v CodebookView) editKeys(msg tea.KeyPressMsg, code *coding.Code) (CodebookView, tea.Cmd, bool) {
	k := v.c.Keys.CodeEdit
	if v.cb == nil || !v.loaded {
		return v, nil, false
	}
	path := func(c *coding.Code) string { return v.cb.PathString(c.ID, coding.LangFinnish) }
	f := &codeForm{code: code}
	switch {
	case key.Matches(msg, k.New):
		f.kind, f.code, f.title = formNew, nil, "New code at the top level"
		if code != nil && code.ParentID != "" {
			f.parent, f.title = code.ParentID, "New code under "+v.cb.PathString(code.ParentID, coding.LangFinnish)
		}
		f.add("Finnish name", "", "English name", "", categoryLabel, "n")
	case code == nil:
		return v, nil, false
	case key.Matches(msg, k.NewChild):
		f.kind, f.code, f.parent, f.title = formNew, nil, code.ID, "New code under "+path(code)
		f.add("Finnish name", "", "English name", "", categoryLabel, "n")
	case key.Matches(msg, k.Rename):
		f.kind, f.title = formRename, "Rename "+path(code)
		f.add("Finnish name", code.NameFi, "English name", code.NameEn)
	case key.Matches(msg, k.Move):
		where := "/"
		if code.ParentID != "" {
			where = v.cb.PathString(code.ParentID, coding.LangFinnish)
		}
		f.kind, f.title = formMove, "Move "+path(code)
		f.add("under (a code's path or name; / for the top level)", where)
	case key.Matches(msg, k.Color):
		f.kind, f.title = formColor, "Colour, shortcut and category of "+path(code)
		f.add("colour (#rrggbb)", code.Color, "shortcut (a digit, or empty)", code.Shortcut, categoryLabel, yesNo(code.NotCodable))
	case key.Matches(msg, k.Define):
		f.kind, f.title = formDefine, "Definition of "+path(code)
		f.add("short", code.ShortDef, "definition", code.Definition, "when to use", code.WhenToUse,
			"when not to use", code.WhenNotUse, "example", code.Example)
	case key.Matches(msg, k.Merge):
		f.kind, f.title = formMerge, "Merge "+path(code)+" into another code (its codings and child codes move there)"
		f.add("into (a code's path or name)", "")
	case key.Matches(msg, k.Delete):
		f.kind, f.title = formDelete, "Delete "+path(code)
		subtree := v.cb.Subtree(code.ID)
		codings := v.usage[code.ID].Codings // its child codes' included (coding.CountCodes)
		f.question = fmt.Sprintf("delete %s with %s and %s? %s/%s", path(code), pluralize(codings, "coding"),
			pluralize(len(subtree)-1, "child code"), v.c.Keys.Yes.Help().Key, v.c.Keys.No.Help().Key)
	default:
		return v, nil, false
	}
	v.edit = f
	return v, nil, true
}

// categoryLabel labels the field that makes a code a category
// (coding.Code.NotCodable).
const categoryLabel = "category (y/n: groups codes, takes no codings)"

// yesNo is a category field's value.
func yesNo(b bool) string {
	if b {
		return "y"
	}
	return "n"
}

// parseYesNo reads a category field: y or n (yes, no; kyllä, ei), empty
// for n; else what is wrong.
func parseYesNo(s string) (bool, string) {
	switch strings.ToLower(s) {
	case "y", "yes", "k", "kyllä":
		return true, ""
	case "", "n", "no", "e", "ei":
		return false, ""
	}
	return false, fmt.Sprintf("category %q: answer y or n", s)
}

// add adds fields: pairs of a label and a value.
func (f *codeForm) add(pairs ...string) {
	for i := 0; i+1 < len(pairs); i += 2 {
		in := newField(pairs[i+1], 0)
		if len(f.fields) > 0 {
			in.Blur()
		}
		f.labels, f.fields, f.orig = append(f.labels, pairs[i]), append(f.fields, in), append(f.orig, in.Value())
	}
}

// value is field i as typed, its spaces at the ends dropped.
func (f *codeForm) value(i int) string { return strings.TrimSpace(f.fields[i].Value()) }

// updateForm handles a key or a paste while the form is open.
func (v CodebookView) updateForm(msg tea.Msg) (CodebookView, tea.Cmd) {
	f, k := v.edit, v.c.Keys
	km, isKey := msg.(tea.KeyPressMsg)
	switch {
	case f.kind == formDelete && isKey && key.Matches(km, k.Yes):
		v.edit = nil
		return v, v.save(f)
	case f.kind == formDelete && isKey && key.Matches(km, k.No), isKey && key.Matches(km, k.CodeEdit.Cancel):
		v.edit = nil
		return v, nil
	case f.kind == formDelete:
		return v, nil
	case isKey && key.Matches(km, k.CodeEdit.NextField):
		f.fields[f.focus].Blur()
		step := 1
		if km.String() == "shift+tab" {
			step = len(f.fields) - 1
		}
		f.focus = (f.focus + step) % len(f.fields)
		return v, f.fields[f.focus].Focus()
	case isKey && key.Matches(km, k.CodeEdit.Save):
		cmd, problem := v.check(f)
		if problem != "" {
			f.problem = problem
			return v, nil
		}
		v.edit = nil
		return v, cmd
	}
	var cmd tea.Cmd
	*f.fields[f.focus], cmd = f.fields[f.focus].Update(msg)
	f.problem = ""
	return v, cmd
}

// check applies the rules a form's values must keep, and returns the
// command that saves them, or what is wrong (the form stays open).
func (v CodebookView) check(f *codeForm) (tea.Cmd, string) {
	switch f.kind {
	case formNew:
		if f.value(0) == "" && f.value(1) == "" {
			return nil, "a code needs a name"
		}
		category, problem := parseYesNo(f.value(2))
		if problem != "" {
			return nil, problem
		}
		c, err := coding.NewCode(v.cb.Code(f.parent), coding.Code{NameFi: f.value(0), NameEn: f.value(1), NotCodable: category})
		if err != nil {
			return nil, err.Error()
		}
		return v.addCode(c), ""
	case formRename:
		if f.value(0) == "" && f.value(1) == "" {
			return nil, "a code needs a name"
		}
		names := map[string]string{} // the names changed; one left as shown is left alone
		for i, lang := range []string{coding.LangFinnish, coding.LangEnglish} {
			if f.value(i) != strings.TrimSpace(f.orig[i]) {
				names[lang] = f.value(i)
			}
		}
		return v.updateCode(f.code, "rename", "renamed", func(c *coding.Code) error {
			for lang, name := range names {
				if err := c.SetName(lang, name); err != nil {
					return err
				}
			}
			return nil
		}), ""
	case formMove:
		parent, err := v.cb.Parent(f.value(0))
		if err != nil {
			return nil, err.Error()
		}
		cb := v.cb
		return v.updateCode(f.code, "move", "moved", func(c *coding.Code) error {
			cb.MoveTo(c, parent)
			return nil
		}), ""
	case formColor:
		color, err := coding.ParseColor(f.value(0))
		if err != nil {
			return nil, err.Error()
		}
		shortcut, err := coding.ParseShortcut(f.value(1))
		if err != nil {
			return nil, err.Error()
		}
		category, problem := parseYesNo(f.value(2))
		if problem != "" {
			return nil, problem
		}
		return v.updateCode(f.code, "color", colorFormVerb(f.code, color, shortcut, category), func(c *coding.Code) error {
			c.Color, c.Shortcut, c.NotCodable = color, shortcut, category
			return nil
		}), ""
	case formDefine:
		// Only the parts changed are written: a field is one line, and a
		// part left as it was keeps its line breaks.
		parts := make([]*string, len(f.fields))
		for i := range parts {
			if v := f.value(i); v != strings.TrimSpace(f.orig[i]) {
				parts[i] = &v
			}
		}
		d := coding.DefinitionEdit{Short: parts[0], Definition: parts[1], WhenToUse: parts[2], WhenNotUse: parts[3], Example: parts[4]}
		if d.Empty() {
			return nil, "nothing changed"
		}
		return v.updateCode(f.code, "define", "defined", func(c *coding.Code) error {
			d.Apply(c)
			return nil
		}), ""
	case formMerge:
		into, err := v.cb.Resolve(f.value(0))
		if err != nil {
			return nil, err.Error()
		}
		if into.ID == f.code.ID {
			return nil, "a code cannot be merged into itself"
		}
		return v.merge(f.code, into), ""
	}
	return nil, ""
}

// save returns the command that deletes the code of a delete form, with
// its child codes and their codings.
func (v CodebookView) save(f *codeForm) tea.Cmd {
	c, label := v.c, v.cb.PathString(f.code.ID, coding.LangFinnish)
	id := f.code.ID
	return func() tea.Msg {
		d, err := c.Svc.DeleteCodeRecorded(context.Background(), id, c.Coder, true)
		if err != nil {
			return codedMsg{err: fmt.Errorf("deleting %s: %w", label, err)}
		}
		s := step{verb: "deleted", label: label + fmt.Sprintf(" (%s, %s)", pluralize(len(d.Codes), "code"), pluralize(len(d.Codings), "coding")),
			changes: []change{codeDeleted{d}}, codebook: true}
		return codedMsg{step: s, status: s.verb + " " + s.label}
	}
}

// addCode returns the command that adds code c.
func (v CodebookView) addCode(code *coding.Code) tea.Cmd {
	c, label := v.c, code.NameFi
	if label == "" {
		label = code.NameEn
	}
	if code.ParentID != "" {
		label = v.cb.PathString(code.ParentID, coding.LangFinnish) + "/" + label
	}
	return func() tea.Msg {
		if err := c.Svc.AddCode(context.Background(), code, c.Coder); err != nil {
			return codedMsg{err: fmt.Errorf("adding %s: %w", label, err)}
		}
		s := step{verb: "added", label: label, changes: []change{codeAdded{id: code.ID}}, codebook: true}
		return codedMsg{step: s, status: "added " + label}
	}
}

// update returns the command that stores edit of code, named action in
// the audit trail and verb in the status line.
func (v CodebookView) updateCode(code *coding.Code, action, verb string, edit func(*coding.Code) error) tea.Cmd {
	c, label, id := v.c, v.cb.PathString(code.ID, coding.LangFinnish), code.ID
	return func() tea.Msg {
		var before coding.Code
		after, err := c.Svc.UpdateCode(context.Background(), id, c.Coder, action, func(now *coding.Code) error {
			before = *now
			return edit(now)
		})
		if err != nil {
			return codedMsg{err: fmt.Errorf("%s: %w", label, err)}
		}
		s := step{verb: verb, label: label, changes: []change{codeEdited{before: before, after: *after}}, codebook: true}
		return codedMsg{step: s, status: verb + " " + label}
	}
}

// colorFormVerb says what the colour form changed of code: "recoloured",
// "made a category:", "recoloured, shortcut removed:" (the status line
// and the undo name the code after it).
func colorFormVerb(code *coding.Code, color, shortcut string, category bool) string {
	var did []string
	if !strings.EqualFold(color, code.Color) {
		did = append(did, "recoloured")
	}
	switch {
	case shortcut == code.Shortcut:
	case shortcut == "":
		did = append(did, "shortcut removed")
	default:
		did = append(did, "shortcut "+shortcut)
	}
	switch {
	case category == code.NotCodable:
	case category:
		did = append(did, "made a category")
	default:
		did = append(did, "made codable")
	}
	switch {
	case len(did) == 0:
		return "nothing changed:"
	case len(did) == 1 && did[0] == "recoloured":
		return "recoloured"
	}
	return strings.Join(did, ", ") + ":"
}

// merge returns the command that merges code from into code into.
func (v CodebookView) merge(from, into *coding.Code) tea.Cmd {
	c := v.c
	label := v.cb.PathString(from.ID, coding.LangFinnish) + " into " + v.cb.PathString(into.ID, coding.LangFinnish)
	fromID, intoID := from.ID, into.ID
	return func() tea.Msg {
		m, err := c.Svc.MergeCodeRecorded(context.Background(), fromID, intoID, c.Coder)
		if err != nil {
			return codedMsg{err: fmt.Errorf("merging %s: %w", label, err)}
		}
		s := step{verb: "merged", label: label, changes: []change{codeMerged{m}}, codebook: true}
		return codedMsg{step: s, status: fmt.Sprintf("merged %s: %s moved", label, pluralize(len(m.Moved), "coding"))}
	}
}

// withForm draws the screen with the open form over its last lines.
func (v CodebookView) withForm() string {
	f := v.edit
	v.edit = nil
	w, h, st := v.c.Width, v.c.Height, v.c.Styles
	lines := []string{st.Title.Render(pad("── "+f.title+" ", w))}
	if f.kind == formDelete {
		lines = append(lines, st.Text.Render(f.question))
	}
	lw := 0
	for _, l := range f.labels {
		lw = max(lw, ansi.StringWidth(l))
	}
	lw = min(lw, w/2)
	for i, in := range f.fields {
		label := pad(f.labels[i], lw) + "  "
		style := st.Dim
		if i == f.focus {
			style = st.Filter
		}
		lines = append(lines, style.Render(label)+fieldView(in, max(1, w-lw-2)))
	}
	if f.problem != "" {
		lines = append(lines, st.Error.Render(f.problem))
	}
	body := strings.Split(v.View(), "\n")
	keep := max(0, min(len(body), h-len(lines)))
	return fit(strings.Join(append(body[:keep], lines...), "\n"), w, h)
}

// formHelp returns the bindings of the open form.
func (v CodebookView) formHelp() []key.Binding {
	k := v.c.Keys
	if v.edit.kind == formDelete {
		return []key.Binding{k.Yes, k.No}
	}
	if len(v.edit.fields) > 1 {
		return []key.Binding{k.CodeEdit.Save, k.CodeEdit.NextField, k.CodeEdit.Cancel}
	}
	return []key.Binding{k.CodeEdit.Save, k.CodeEdit.Cancel}
}

// editHelp returns the editing keys that apply now: on a code all, in an
// empty codebook only a new code.
func (v CodebookView) editHelp() []key.Binding {
	k := v.c.Keys.CodeEdit
	if v.selected() == nil {
		return []key.Binding{k.New}
	}
	return []key.Binding{k.New, k.NewChild, k.Rename, k.Move, k.Color, k.Define, k.Merge, k.Delete}
}
