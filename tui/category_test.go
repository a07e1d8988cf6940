package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
)

// Categories (coding.Code.NotCodable) in the UI: shown, marked, and never
// applied; the code forms set and unset them.

// withCategory is coder's workspace with one more code, the category Arki
// (shortcut 2), and its child Kotityöt, made before the reader opens.
func withCategory(t *testing.T, w, h int) (Model, *project.Project, *coding.Code) {
	t.Helper()
	s, _ := newProject(t)
	ctx := context.Background()
	arki := &coding.Code{NameFi: "Arki", NameEn: "Everyday life", Color: "#93c47d", Shortcut: "2", NotCodable: true, Position: 2}
	if err := s.AddCode(ctx, arki, "aino"); err != nil {
		t.Fatal(err)
	}
	if err := s.AddCode(ctx, &coding.Code{ParentID: arki.ID, NameFi: "Kotityöt", NameEn: "Chores", Color: "#93c47d"}, "aino"); err != nil {
		t.Fatal(err)
	}
	m := New(s, "testi", "testaaja")
	m, _ = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	m = listDocuments(t, m, s)
	m, cmd := send(t, m, press("enter"))
	m, cmd = send(t, m, cmd())
	m, _ = send(t, m, cmd())
	if m.reader.Document() == nil {
		t.Fatal("no document open")
	}
	return m, s, arki
}

// cursorOn moves the codebook view's cursor to the code id, from the top.
func cursorOn(t *testing.T, m Model, id string) Model {
	t.Helper()
	m = do(t, m, "g")
	for range 10 {
		if m.codebook.selected().ID == id {
			return m
		}
		m = do(t, m, "j")
	}
	t.Fatalf("code %s is not in the codebook view", id)
	return m
}

const categoryRefused = "Arki is a category: it groups codes and takes no codings; choose a code under it"

func TestPickerRefusesCategory(t *testing.T) {
	m, s, arki := withCategory(t, 100, 30)
	m = do(t, m, "c")
	m = typeText(t, m, "arki")
	v := ansi.Strip(m.View().Content)
	if !strings.Contains(v, "Arki (Everyday life) [2] · category") {
		t.Errorf("the picker does not mark the category:\n%s", v)
	}
	m = do(t, m, "enter")
	if m.reader.pick == pickNone {
		t.Error("choosing a category closed the picker")
	}
	assertStatus(t, m, categoryRefused)
	if n := len(live(t, s, arki.ID)); n != 0 {
		t.Fatalf("%d codings of the category", n)
	}
	// The code under it is taken.
	m = do(t, m, "down", "enter")
	if m.reader.pick != pickNone {
		t.Fatal("choosing the code under the category left the picker open")
	}
	assertStatus(t, m, "coded turn 1: Arki/Kotityöt")
	// The category's shortcut says why too, and codes nothing.
	m = do(t, m, "2")
	assertStatus(t, m, categoryRefused)
	if n := len(live(t, s, arki.ID)); n != 0 {
		t.Fatalf("%d codings of the category after its shortcut", n)
	}
}

func TestSearchPickerRefusesCategory(t *testing.T) {
	m, s, arki := withCategory(t, 100, 30)
	m = do(t, m, "/")
	m = typeText(t, m, "liitteitä")
	m = do(t, m, "enter", "c")
	m = typeText(t, m, "arki")
	m = do(t, m, "enter")
	if m.search.pick == pickNone {
		t.Error("choosing a category closed the search's picker")
	}
	assertStatus(t, m, categoryRefused)
	if n := len(live(t, s, arki.ID)); n != 0 {
		t.Fatalf("%d codings of the category", n)
	}
}

func TestCodebookCategoryMarkedAndEdited(t *testing.T) {
	m, s, arki := withCategory(t, 100, 30)
	m = do(t, m, "B")
	v := ansi.Strip(m.View().Content)
	if !strings.Contains(v, "Arki (Everyday life) [2] · category") || strings.Contains(v, "Kotityöt (Chores) · category") {
		t.Errorf("the codebook does not mark the category alone:\n%s", v)
	}
	// Kela (with a coding) cannot become one: the form stays open and
	// says why.
	m = cursorOn(t, m, codeKela)
	m = do(t, m, "#", "tab", "tab", "ctrl+u")
	m = typeText(t, m, "y")
	m = do(t, m, "enter")
	assertStatus(t, m, "has 1 codings, and a category takes none")
	if c := codeNamed(t, s, "Kela"); c.NotCodable {
		t.Fatal("Kela with a coding became a category")
	}
	// Arki becomes codable with the colour form; undo makes it a
	// category again.
	m = cursorOn(t, m, arki.ID)
	m = do(t, m, "#", "tab", "tab")
	v = ansi.Strip(m.View().Content)
	if !strings.Contains(v, "category (y/n: groups codes, takes no codings)  y") {
		t.Errorf("the form does not show the category field:\n%s", v)
	}
	m = do(t, m, "ctrl+u")
	m = typeText(t, m, "n")
	m = do(t, m, "enter")
	if c := codeNamed(t, s, "Arki"); c.NotCodable {
		t.Fatal("the form did not make Arki codable")
	}
	m = do(t, m, "u")
	if c := codeNamed(t, s, "Arki"); !c.NotCodable {
		t.Fatal("undo did not make Arki a category again")
	}
	// A new code made as a category.
	m = do(t, m, "n")
	m = typeText(t, m, "Perhe")
	m = do(t, m, "tab", "tab", "ctrl+u")
	m = typeText(t, m, "y")
	m = do(t, m, "enter")
	if c := codeNamed(t, s, "Perhe"); c == nil || !c.NotCodable {
		t.Fatalf("new category: %+v", c)
	}
}

// TestFlowPickerCategory runs the workspace: the picker shows the
// category, enter on it says why and codes nothing, and the code under it
// is coded; the project is read afterwards.
func TestFlowPickerCategory(t *testing.T) {
	_, p, arki := withCategory(t, 100, 30)
	tm := flow(t, p)
	waitFor(t, tm, "haastattelu-02")
	hit(tm, "enter")
	waitFor(t, tm, "Miten hakemuksesi eteni")
	hit(tm, "c")
	waitFor(t, tm, "· category") // the picker's rows, drawn whole when it opens
	tm.Type("arki")
	hit(tm, "enter")
	waitFor(t, tm, "takes no codings")
	hit(tm, "down")
	hit(tm, "enter")
	kids := codeNamed(t, p, "Kotityöt")
	eventually(t, "the code under the category coded", func() bool { return len(live(t, p, kids.ID)) == 1 })
	hit(tm, "ctrl+c")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	if n := len(live(t, p, arki.ID)); n != 0 {
		t.Errorf("%d codings of the category", n)
	}
	if cs := live(t, p, kids.ID); len(cs) != 1 || cs[0].Coder != "virta" {
		t.Errorf("codings of the code under the category: %+v", cs)
	}
}

func TestCategoryGolden(t *testing.T) {
	m, _, _ := withCategory(t, 80, 24)
	golden(t, "picker_category_80x24", do(t, m, "c"))
	golden(t, "codebook_category_80x24", do(t, m, "B", "j", "j", "d"))
}
