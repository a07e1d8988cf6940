package tui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
)

// codeAs adds a coding of code over turn n's first `length` code points
// (the whole turn when length is 0) by coder who.
func codeAs(t *testing.T, s *project.Project, doc *coding.Document, code string, n, length int, who string) {
	t.Helper()
	tn := doc.Turns[n-1]
	end := tn.End
	if length > 0 {
		end = tn.Start + length
	}
	c := &coding.Coding{DocumentID: doc.ID, CodeID: code, Start: tn.Start, End: end}
	c.Coder = who
	if _, err := s.AddCoding(context.Background(), c); err != nil {
		t.Fatal(err)
	}
}

// screenLines returns the plain lines of the view.
func screenLines(m Model) []string { return strings.Split(ansi.Strip(m.View().Content), "\n") }

// lineStarting returns the first line of the view that starts with
// prefix, or "".
func lineStarting(m Model, prefix string) string {
	for _, l := range screenLines(m) {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}

func TestCompareCoders(t *testing.T) {
	// aino (the fixture) coded turn 2 with Kela (its first 20 code points)
	// and Odottaminen (the rest); ville codes Kela on turns 2 and 4.
	m, s, _ := coder(t, 100, 30)
	doc := m.reader.Document()
	codeAs(t, s, doc, codeKela, 2, 10, "ville")
	codeAs(t, s, doc, codeKela, 4, 0, "ville")

	m = do(t, m, "C")
	v := m.compare
	if m.focus != screenCompare || v.a != "aino" || v.b != "ville" {
		t.Fatalf("C: focus %v, coders %q and %q", m.focus, v.a, v.b)
	}
	if len(v.diffs) != 2 || v.cur != 0 {
		t.Fatalf("disagreements %+v, shown %d", v.diffs, v.cur)
	}
	// Kela: both on turn 2, ville alone on turn 4, 14 turns neither.
	if got := v.byCode[codeKela]; got != (coding.Agreement{Both: 1, OnlyB: 1, Neither: 14}) {
		t.Errorf("Kela table %+v", got)
	}
	if got := v.byCode[codeWait]; got != (coding.Agreement{OnlyA: 1, Neither: 15}) {
		t.Errorf("Odottaminen table %+v", got)
	}
	view := ansi.Strip(m.View().Content)
	for _, want := range []string{"Compare · haastattelu-01 · every code", "left aino · right ville",
		"2 disagreements", "turns 93.8% agreement · κ 0.47", "1/2 · turn 2", "Odottaminen: aino coded it, ville did not",
		"this code over the document's 16 turns: 93.8% agreement · κ 0.00", "COMPARE"} {
		if !strings.Contains(view, want) {
			t.Errorf("view lacks %q:\n%s", want, view)
		}
	}
	// Turn 2's first line: aino's two stripes on the left; on the right,
	// ville's Kela and a dot where Odottaminen is missing.
	if l := lineStarting(m, "›"); !strings.HasPrefix(l, "›▌▌┊·▌ V Kelasta") {
		t.Errorf("turn 2's first line: %q", l)
	}
	if l := lineStarting(m, "≠"); !strings.HasPrefix(l, "≠  ┊ ▌ V Kelasta") {
		t.Errorf("turn 4's first line: %q", l)
	}

	m = do(t, m, "n")
	assertStatus(t, m, "2/2 · turn 4")
	assertStatus(t, m, "Kela: ville coded it, aino did not")
	m = do(t, m, "n")
	assertStatus(t, m, "1/2 · turn 2")
	m = do(t, m, "N")
	assertStatus(t, m, "2/2 · turn 4")

	// f picks out each code with a disagreement, then every code again.
	m = do(t, m, "f")
	if m.compare.focus != codeWait || len(m.compare.diffs) != 1 || m.compare.slots != 1 {
		t.Fatalf("f: focus %q, %d disagreements, %d columns", m.compare.focus, len(m.compare.diffs), m.compare.slots)
	}
	assertStatus(t, m, "Compare · haastattelu-01 · Odottaminen")
	m = do(t, m, "f")
	if m.compare.focus != codeKela || len(m.compare.diffs) != 1 {
		t.Fatalf("f f: focus %q, %d disagreements", m.compare.focus, len(m.compare.diffs))
	}
	m = do(t, m, "f")
	if m.compare.focus != "" || len(m.compare.diffs) != 2 {
		t.Fatalf("f f f: focus %q, %d disagreements", m.compare.focus, len(m.compare.diffs))
	}

	// enter opens the disagreement's turn in the reader; a coding made
	// meanwhile shows when the view comes back.
	m = do(t, m, "n", "enter")
	if m.focus != screenReader || m.reader.Pos() != doc.Turns[3].Start {
		t.Fatalf("enter: focus %v, caret %d, want turn 4 at %d", m.focus, m.reader.Pos(), doc.Turns[3].Start)
	}
	codeAs(t, s, doc, codeKela, 4, 0, "aino")
	m = do(t, m, "esc")
	if m.focus != screenCompare || len(m.compare.diffs) != 1 || m.compare.diffs[0].code != codeWait {
		t.Fatalf("back in compare: focus %v, disagreements %+v", m.focus, m.compare.diffs)
	}

	// A third coder: b moves the right side to eero, a the left to ville.
	codeAs(t, s, doc, codeWait, 2, 0, "eero")
	m = do(t, m, "esc", "C")
	m = do(t, m, "b")
	if m.compare.a != "aino" || m.compare.b != "eero" {
		t.Fatalf("b: coders %q and %q", m.compare.a, m.compare.b)
	}
	if len(m.compare.diffs) != 2 { // Kela on turns 2 and 4: aino alone
		t.Errorf("aino vs eero: %+v", m.compare.diffs)
	}
	m = do(t, m, "a")
	if m.compare.a != "ville" || m.compare.b != "eero" {
		t.Fatalf("a: coders %q and %q", m.compare.a, m.compare.b)
	}
	assertStatus(t, m, "left ville · right eero")

	for _, sz := range [][2]int{{100, 30}, {80, 24}, {40, 10}, {20, 5}, {1, 1}} {
		m, _ = send(t, m, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		assertFits(t, m, sz[0], sz[1])
		assertFits(t, do(t, m, "G"), sz[0], sz[1])
	}
}

func TestCompareOneCoder(t *testing.T) {
	m, _, _ := coder(t, 80, 24)
	m = do(t, m, "C")
	assertStatus(t, m, "Only aino has coded this document. Merge a copy coded by someone else")
	if len(m.compare.diffs) != 0 || m.compare.cur != -1 {
		t.Errorf("one coder: %+v", m.compare.diffs)
	}
	m = do(t, m, "n", "enter") // nothing to step through or open
	if m.focus != screenCompare {
		t.Errorf("focus %v", m.focus)
	}
	m = do(t, m, "esc")
	if m.focus != screenReader {
		t.Errorf("esc: focus %v", m.focus)
	}
}
