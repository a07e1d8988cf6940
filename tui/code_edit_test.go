package tui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
)

// codeNamed returns the live code of p named name in Finnish, or nil.
func codeNamed(t *testing.T, p *project.Project, name string) *coding.Code {
	t.Helper()
	cs, err := p.Codes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.NameFi == name {
			return c
		}
	}
	return nil
}

// projectRows is the project's live codebook and codings, as an undo
// must leave them exactly: every code's place, names, colour, shortcut
// and definition, every coding's code, span and coder.
func projectRows(t *testing.T, p *project.Project) string {
	t.Helper()
	ctx := context.Background()
	codes, err := p.Codes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := p.Codings(ctx, coding.CodingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, c := range codes {
		rows = append(rows, fmt.Sprintf("code %s parent=%s %q %q %s %q pos=%d %q", c.ID, c.ParentID, c.NameFi, c.NameEn, c.Color, c.Shortcut,
			c.Position, c.Definition))
	}
	for _, c := range cs {
		rows = append(rows, fmt.Sprintf("coding %s code=%s %s %d-%d %s", c.ID, c.CodeID, c.DocumentID, c.Start, c.End, c.Coder))
	}
	slices.Sort(rows)
	return strings.Join(rows, "\n")
}

// TestFlowCreateCodeFromPicker types a name no code has in the picker,
// takes the new code it offers, and reads the project: the code is there
// at the top level and turn 1 is coded with it; undo takes back both.
func TestFlowCreateCodeFromPicker(t *testing.T) {
	p, doc := newProject(t)
	tm := flow(t, p)
	waitFor(t, tm, "haastattelu-02")
	hit(tm, "enter")
	waitFor(t, tm, "Miten hakemuksesi eteni")
	hit(tm, "c")
	waitFor(t, tm, "Code turn 1")
	tm.Type("Luottamus")
	waitFor(t, tm, "new code «Luottamus» at the top level")
	hit(tm, "enter")
	waitFor(t, tm, "coded turn 1: Luottamus")
	hit(tm, "ctrl+c")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	code := codeNamed(t, p, "Luottamus")
	if code == nil || code.ParentID != "" {
		t.Fatalf("new code: %+v", code)
	}
	cs := live(t, p, code.ID)
	if len(cs) != 1 || cs[0].Start != doc.Turns[0].Start || cs[0].End != doc.Turns[0].End || cs[0].Coder != "virta" {
		t.Fatalf("codings of the new code: %+v", cs)
	}
	log, err := p.AuditLog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	added := false
	for _, e := range log {
		added = added || e.Action == "codebook.add" && e.Target == code.ID && e.Coder == "virta"
	}
	if !added {
		t.Error("the new code is not in the audit log")
	}
}

// TestPickerNewCodeUnderThemeAndUndo: tab puts the new code under the
// theme, enter makes and applies it; undo removes the coding and the
// code, redo brings both back.
func TestPickerNewCodeUnderThemeAndUndo(t *testing.T) {
	m, s, _ := coder(t, 100, 30)
	before := projectRows(t, s)
	m = do(t, m, "c")
	m = typeText(t, m, "Jono kassalla")
	if _, parent, ok := m.reader.picker.NewCode(); !ok || parent != "" {
		t.Fatalf("picker offers no new code at the top level (%q, %v)", parent, ok)
	}
	m = do(t, m, "tab") // the first theme: Odottaminen
	if name, parent, ok := m.reader.picker.NewCode(); !ok || name != "Jono kassalla" || parent != codeWait {
		t.Fatalf("after tab: %q under %q (%v)", name, parent, ok)
	}
	m = do(t, m, "enter")
	code := codeNamed(t, s, "Jono kassalla")
	if code == nil || code.ParentID != codeWait || code.Color != "#f1c232" && code.Color == "" {
		t.Fatalf("new code: %+v", code)
	}
	if n := len(live(t, s, code.ID)); n != 1 {
		t.Fatalf("%d codings of the new code", n)
	}
	assertStatus(t, m, "Odottaminen/Jono kassalla")
	m = do(t, m, "u")
	if got := projectRows(t, s); got != before {
		t.Errorf("after undo:\n%s\nwant:\n%s", got, before)
	}
	m = do(t, m, "ctrl+r")
	if c := codeNamed(t, s, "Jono kassalla"); c == nil || c.ID != code.ID || len(live(t, s, code.ID)) != 1 {
		t.Errorf("redo: code %+v", c)
	}
	// A name a code has already is applied, not offered again.
	m = do(t, m, "c")
	m = typeText(t, m, "kela")
	if _, _, ok := m.reader.picker.NewCode(); ok || m.reader.picker.offering() {
		t.Error("the picker offers a new code named as an existing one")
	}
}

// TestPickerNewCodeTheme: a new code goes by default under the theme of
// the code under the cursor, or of the code applied last.
func TestPickerNewCodeTheme(t *testing.T) {
	m, _, queue := coder(t, 100, 30)
	p := NewPicker(m.c, m.reader.codebook, "Code")
	p.AllowCreate("")
	p, _ = p.Update(tea.PasteMsg{Content: "jono"}) // Jonottaminen, under Odottaminen, matches
	if p.Selected() == nil || p.Selected().ID != queue.ID {
		t.Fatalf("best match %+v", p.Selected())
	}
	p, _ = p.Update(press("down"))
	if name, parent, ok := p.NewCode(); !ok || name != "jono" || parent != codeWait {
		t.Errorf("new code %q under %q (%v), want under Odottaminen, the theme of the code under the cursor", name, parent, ok)
	}
	last := NewPicker(m.c, m.reader.codebook, "Code")
	last.AllowCreate(queue.ID)
	last, _ = last.Update(tea.PasteMsg{Content: "Uusi"})
	if _, parent, ok := last.NewCode(); !ok || parent != codeWait {
		t.Errorf("after Jonottaminen was applied, a new code goes under %q (%v), want its theme", parent, ok)
	}
}

// TestInVivo codes the selected words with a code named by them, and the
// word under the caret with one named by it.
func TestInVivo(t *testing.T) {
	m, s, _ := coder(t, 100, 30)
	m = do(t, m, "]", "w", "v", "w", "i") // turn 2: "pyydettiin liitteitä"
	code := codeNamed(t, s, "pyydettiin liitteitä")
	if code == nil || code.ParentID != "" {
		t.Fatalf("in-vivo code: %+v", code)
	}
	if got := codedText(t, s, m, code.ID); len(got) != 1 || got[0] != "pyydettiin liitteitä" {
		t.Errorf("in-vivo coding: %q", got)
	}
	if _, ok := m.reader.Selection(); ok {
		t.Error("the selection stayed")
	}
	m = do(t, m, "w", "w", "w", "i") // the word under the caret, and its comma dropped: "kertaa,"
	if c := codeNamed(t, s, "kertaa"); c == nil {
		t.Error("no in-vivo code for the word under the caret")
	} else if got := codedText(t, s, m, c.ID); len(got) != 1 || got[0] != "kertaa" {
		t.Errorf("word coding: %q", got)
	}
	m = do(t, m, "u", "u")
	if codeNamed(t, s, "kertaa") != nil || codeNamed(t, s, "pyydettiin liitteitä") != nil {
		t.Error("undo left an in-vivo code")
	}
}

// TestFlowRenameInCodebook renames a code in both languages in the
// codebook view, and undoes it.
func TestFlowRenameInCodebook(t *testing.T) {
	p, _ := newProject(t)
	tm := flow(t, p)
	waitFor(t, tm, "haastattelu-02")
	hit(tm, "B")
	waitFor(t, tm, "Odottaminen")
	hit(tm, "R")
	waitFor(t, tm, "Rename Odottaminen")
	hit(tm, "ctrl+u")
	tm.Type("Odotus")
	hit(tm, "tab")
	hit(tm, "ctrl+u")
	tm.Type("Delay")
	hit(tm, "enter")
	waitFor(t, tm, "renamed Odottaminen")
	hit(tm, "ctrl+c")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	c := codeNamed(t, p, "Odotus")
	if c == nil || c.ID != codeWait || c.NameEn != "Delay" {
		t.Fatalf("renamed code: %+v", c)
	}
}

// TestCodebookEditsUndo renames, recolours, moves and defines a code in
// the codebook view, with the CLI's rules, and undoes each.
func TestCodebookEditsUndo(t *testing.T) {
	m, s, queue := coder(t, 100, 30)
	before := projectRows(t, s)
	m = do(t, m, "B", "R", "ctrl+u")
	m = typeText(t, m, "Odotus")
	m = do(t, m, "enter")
	if c := codeNamed(t, s, "Odotus"); c == nil || c.ID != codeWait {
		t.Fatalf("rename: %+v", c)
	}
	m = do(t, m, "u")
	if got := projectRows(t, s); got != before {
		t.Fatalf("undo of a rename:\n%s\nwant:\n%s", got, before)
	}
	// A bad colour keeps the form open and says why; nothing is written.
	m = do(t, m, "#", "ctrl+u")
	m = typeText(t, m, "punainen")
	m = do(t, m, "enter")
	if m.codebook.edit == nil {
		t.Fatal("a bad colour closed the form")
	}
	assertStatus(t, m, `colour "punainen": want #rrggbb`)
	m = do(t, m, "ctrl+u")
	m = typeText(t, m, "#123ABC")
	m = do(t, m, "enter")
	if c := codeNamed(t, s, "Odottaminen"); c.Color != "#123abc" {
		t.Errorf("colour %q", c.Color)
	}
	// Move Jonottaminen to the top level.
	m = do(t, m, "j", "M", "ctrl+u", "/", "enter")
	if c := codeNamed(t, s, "Jonottaminen"); c.ParentID != "" {
		t.Errorf("move: parent %q", c.ParentID)
	}
	m = do(t, m, "e")
	m = typeText(t, m, "Jonossa")
	m = do(t, m, "enter")
	if c := codeNamed(t, s, "Jonottaminen"); c.ShortDef != "Jonossa" || c.ID != queue.ID {
		t.Errorf("define: %+v", c)
	}
	m = do(t, m, "u", "u", "u")
	if got := projectRows(t, s); got != before {
		t.Errorf("after undoing each edit:\n%s\nwant:\n%s", got, before)
	}
	m = do(t, m, "u")
	assertStatus(t, m, "nothing to undo")
}

// TestCodebookMergeAndDeleteUndo merges and deletes codes in the codebook
// view; undo restores each exactly, as the project reads.
func TestCodebookMergeAndDeleteUndo(t *testing.T) {
	m, s, _ := coder(t, 100, 30)
	m = do(t, m, "j", "1") // turn 2 coded with Jonottaminen too
	before := projectRows(t, s)
	m = do(t, m, "B", "j", "j", "J") // Kela into Odottaminen
	m = typeText(t, m, "Odottaminen")
	m = do(t, m, "enter")
	if codeNamed(t, s, "Kela") != nil || len(live(t, s, codeKela)) != 0 {
		t.Fatal("merge left Kela")
	}
	assertStatus(t, m, "merged Kela into Odottaminen")
	m = do(t, m, "u")
	if got := projectRows(t, s); got != before {
		t.Fatalf("undo of a merge:\n%s\nwant:\n%s", got, before)
	}
	m = do(t, m, "g", "X")
	assertStatus(t, m, "delete Odottaminen with 2 codings and 1 child code? y/n")
	m = do(t, m, "n")
	if codeNamed(t, s, "Odottaminen") == nil {
		t.Fatal("n deleted the code")
	}
	m = do(t, m, "X", "y")
	if codeNamed(t, s, "Odottaminen") != nil || codeNamed(t, s, "Jonottaminen") != nil || len(live(t, s, codeWait)) != 0 {
		t.Fatal("delete left the theme")
	}
	m = do(t, m, "u")
	if got := projectRows(t, s); got != before {
		t.Fatalf("undo of a delete:\n%s\nwant:\n%s", got, before)
	}
	m = do(t, m, "ctrl+r")
	if codeNamed(t, s, "Odottaminen") != nil {
		t.Error("redo of a delete left the code")
	}
	log, err := s.AuditLog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range log {
		if strings.HasPrefix(e.Action, "codebook.") && e.Coder == "testaaja" {
			actions = append(actions, e.Action)
		}
	}
	if want := "codebook.merge codebook.unmerge codebook.delete codebook.restore codebook.delete"; strings.Join(actions, " ") != want {
		t.Errorf("audit: %v, want %s", actions, want)
	}
}

// TestOthersCodingConfirmed: x and r on another coder's coding ask first,
// naming the coder; n leaves it, y goes on.
func TestOthersCodingConfirmed(t *testing.T) {
	m, s, queue := coder(t, 100, 30)
	m = do(t, m, "]")
	newest := m.reader.newestHere()
	if newest == nil || newest.Coder != "aino" {
		t.Fatalf("turn 2's newest coding: %+v", newest)
	}
	for _, k := range []string{"x", "r"} {
		m = do(t, m, k)
		verb := map[string]string{"x": "remove", "r": "recode"}[k]
		assertStatus(t, m, verb+" aino's coding of turn 2")
		m = do(t, m, "n")
		if m.reader.pick != pickNone || len(live(t, s, newest.CodeID)) != 1 {
			t.Fatalf("%s, n: changed the coding (picker %v)", k, m.reader.pick)
		}
		assertStatus(t, m, "left as it is")
	}
	m = do(t, m, "r", "y")
	m = typeText(t, m, "jono")
	m = do(t, m, "enter")
	if len(live(t, s, newest.CodeID)) != 0 || len(live(t, s, queue.ID)) != 1 {
		t.Errorf("recode after y: old %d, new %d", len(live(t, s, newest.CodeID)), len(live(t, s, queue.ID)))
	}
	// The coder's own coding is removed without a question.
	m = do(t, m, "x")
	if len(live(t, s, queue.ID)) != 0 {
		t.Error("x on the coder's own coding asked or did nothing")
	}
}

// TestMemoUndoRedo: undo after a memo takes back the memo, not the coding
// before it; redo writes it again.
func TestMemoUndoRedo(t *testing.T) {
	m, s, queue := coder(t, 100, 30)
	ctx := context.Background()
	m = do(t, m, "1", "m")
	m = typeText(t, m, "Hyvä esimerkki.")
	m = do(t, m, "esc")
	cs := live(t, s, queue.ID)
	if len(cs) != 1 || cs[0].Memo != "Hyvä esimerkki." {
		t.Fatalf("coding and memo: %+v", cs)
	}
	m = do(t, m, "u")
	cs = live(t, s, queue.ID)
	if len(cs) != 1 || cs[0].Memo != "" {
		t.Fatalf("after undo: %+v, want the coding without its memo", cs)
	}
	assertStatus(t, m, "undone: memo on turn 1")
	m = do(t, m, "ctrl+r")
	if cs = live(t, s, queue.ID); len(cs) != 1 || cs[0].Memo != "Hyvä esimerkki." {
		t.Fatalf("after redo: %+v", cs)
	}
	// Another process changes the memo: undo says so and writes nothing.
	if err := s.SetMemo(ctx, coding.MemoCoding, cs[0].ID, "Muutettu muualla.", "aino"); err != nil {
		t.Fatal(err)
	}
	m = do(t, m, "u")
	assertStatus(t, m, "nothing to undo")
	if memo, _ := s.Memo(ctx, coding.MemoCoding, cs[0].ID); memo != "Muutettu muualla." {
		t.Errorf("undo over another process's memo wrote %q", memo)
	}
}

// TestEditStatesKeys: in the states this file's features add (a question
// about another coder's coding, the picker offering a new code, the
// codebook's edit form and its delete question), no two bindings share a
// key, and README.md's tables name every one of them.
func TestEditStatesKeys(t *testing.T) {
	m0, _, _ := coder(t, 100, 30)
	tables := readmeKeyTables(t)
	states := []keyState{
		{"reader confirm", "Keys in the reader", do(t, m0, "]", "x")},
		{"picker new code", "Keys in the code picker", typeText(t, do(t, m0, "c"), "Uusi")},
		{"codebook", "Keys in the codebook", do(t, m0, "B")},
		{"codebook form", "Keys in the codebook", do(t, m0, "B", "e")},
		{"codebook delete", "Keys in the codebook", do(t, m0, "B", "X")},
	}
	for _, st := range states {
		t.Run(st.name, func(t *testing.T) {
			named := append(slices.Clone(tables[st.table]), tables["Keys everywhere"]...)
			owner := map[string]string{}
			bs := screenBindings(st.m)
			if len(bs) < 2 {
				t.Fatalf("%d bindings", len(bs))
			}
			for _, b := range bs {
				for _, k := range b.Keys() {
					if o, ok := owner[k]; ok && o != describe(b) {
						t.Errorf("%q is bound twice: %s and %s", k, o, describe(b))
					}
					owner[k] = describe(b)
				}
				ks := append(slices.Clone(b.Keys()), strings.Split(b.Help().Key, "/")...)
				if !slices.ContainsFunc(ks, func(k string) bool { return slices.Contains(named, k) }) {
					t.Errorf("README.md's table %q does not name %s", st.table, describe(b))
				}
			}
		})
	}
}

// TestCodebookMergeThenDeleteUndo: a deletion made after a merge into the
// deleted code is undone, then the merge: the project is as before both.
func TestCodebookMergeThenDeleteUndo(t *testing.T) {
	m, s, _ := coder(t, 100, 30)
	before := projectRows(t, s)
	m = do(t, m, "B", "j", "j", "J")
	m = typeText(t, m, "Odottaminen")
	m = do(t, m, "enter", "g", "X", "y")
	if codeNamed(t, s, "Odottaminen") != nil || len(live(t, s, codeKela)) != 0 {
		t.Fatal("merge and delete left codes")
	}
	m = do(t, m, "u", "u")
	if got := projectRows(t, s); got != before {
		t.Fatalf("after undoing both:\n%s\nwant:\n%s", got, before)
	}
	assertStatus(t, m, "undone: merged Kela into Odottaminen")
}

// TestUndoNewCodeUsedElsewhere: a new code another coder has used since
// is not deleted by undo, which takes back the coding made here and says
// so.
func TestUndoNewCodeUsedElsewhere(t *testing.T) {
	m, s, _ := coder(t, 100, 30)
	m = do(t, m, "c")
	m = typeText(t, m, "Luottamus")
	m = do(t, m, "enter")
	code := codeNamed(t, s, "Luottamus")
	if code == nil {
		t.Fatal("no new code")
	}
	e := coding.Engine{Repo: s}
	if _, _, err := e.Apply(context.Background(), m.reader.Document().ID, coding.Selection{Turn: 3}, code.ID, "aino", ""); err != nil {
		t.Fatal(err)
	}
	m = do(t, m, "u")
	assertStatus(t, m, "the new code has been used since")
	if codeNamed(t, s, "Luottamus") == nil {
		t.Fatal("undo deleted a code another coder used")
	}
	if cs := live(t, s, code.ID); len(cs) != 1 || cs[0].Coder != "aino" {
		t.Errorf("codings of the new code after undo: %+v, want aino's alone", cs)
	}
}

// TestDefineKeepsPartsNotEdited: the define form writes only the parts
// changed; a definition of several lines, left as it was, keeps them.
func TestDefineKeepsPartsNotEdited(t *testing.T) {
	m, s, _ := coder(t, 100, 30)
	if _, err := s.UpdateCode(context.Background(), codeWait, "aino", "define", func(c *coding.Code) error {
		c.Definition = "Ensimmäinen rivi.\nToinen rivi."
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	m = do(t, m, "B", "e")
	m = typeText(t, m, "Lyhyesti")
	m = do(t, m, "enter")
	c := codeNamed(t, s, "Odottaminen")
	if c.ShortDef != "Lyhyesti" || c.Definition != "Ensimmäinen rivi.\nToinen rivi." {
		t.Errorf("after define: short %q, definition %q", c.ShortDef, c.Definition)
	}
}
