package tui

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
)

// flow runs the whole workspace as a Bubble Tea program on project p,
// as the coder "virta", at 100×30.
func flow(t *testing.T, p *project.Project) *teatest.TestModel {
	t.Helper()
	tm := teatest.NewTestModel(t, New(p, "testi", "virta"), teatest.WithInitialTermSize(100, 30))
	t.Cleanup(func() { tm.Quit() })
	return tm
}

// waitFor waits until the program's output shows want (escape sequences
// removed).
func waitFor(t *testing.T, tm *teatest.TestModel, want string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return strings.Contains(ansi.Strip(string(b)), want)
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

// hit sends one named key ("enter", "esc", "j", "ctrl+r").
func hit(tm *teatest.TestModel, k string) { tm.Send(press(k)) }

// TestFlowCodeMemoUndo codes a turn through the picker, writes a memo on
// the coding, removes another coding and undoes that, quits, and reads
// the project afterwards.
func TestFlowCodeMemoUndo(t *testing.T) {
	p, doc := newProject(t)
	ctx := context.Background()
	tm := flow(t, p)
	// The list's rows are drawn whole; its title may be drawn as
	// "Documents (0)" first and then have only its count's cell redrawn.
	waitFor(t, tm, "haastattelu-02")
	hit(tm, "enter")
	waitFor(t, tm, "Miten hakemuksesi eteni") // the reader's first line, drawn whole (the status line "opening" may turn "opened" redrawing only its end)
	hit(tm, "c")
	waitFor(t, tm, "Code turn 1")
	tm.Type("odot")
	hit(tm, "enter")
	waitFor(t, tm, "coded turn 1: Odottaminen")
	hit(tm, "m")
	waitFor(t, tm, "Memo on turn 1")
	tm.Type("Kysymys johdattelee.")
	hit(tm, "esc")
	waitFor(t, tm, "memo saved")
	hit(tm, "]") // turn 2 has the fixture's two codings
	hit(tm, "x")
	waitFor(t, tm, "y/n") // "remove aino's coding of turn 2…? y/n": another coder's, asked first
	hit(tm, "y")
	waitFor(t, tm, "d turn 2") // "removed turn 2…", drawn over "remove aino's…" from its d
	hit(tm, "u")
	waitFor(t, tm, "undone: removed turn 2")
	hit(tm, "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	cs, err := p.Codings(ctx, coding.CodingFilter{DocumentID: doc.ID})
	if err != nil {
		t.Fatal(err)
	}
	var ours *coding.Coding
	for _, c := range cs {
		if c.Coder == "virta" {
			ours = c
		}
	}
	if len(cs) != 3 || ours == nil {
		t.Fatalf("project holds %d live codings (ours %v), want the fixture's two and ours", len(cs), ours)
	}
	if ours.CodeID != codeWait || ours.Start != doc.Turns[0].Start || ours.End != doc.Turns[0].End {
		t.Errorf("our coding: code %s, span %d–%d; want Odottaminen on turn 1", ours.CodeID, ours.Start, ours.End)
	}
	if ours.Memo != "Kysymys johdattelee." {
		t.Errorf("memo %q", ours.Memo)
	}
	if pos, ok, _ := p.Position(ctx, doc.ID, "virta"); !ok || pos != doc.Turns[1].Start {
		t.Errorf("saved position %d (%v), want turn 2's start %d", pos, ok, doc.Turns[1].Start)
	}
}

// TestFlowSelectionAndResize codes a selection extended by words, across
// a resize, and checks the coded text.
func TestFlowSelectionAndResize(t *testing.T) {
	p, doc := newProject(t)
	tm := flow(t, p)
	// The list's rows are drawn whole; its title may be drawn as
	// "Documents (0)" first and then have only its count's cell redrawn.
	waitFor(t, tm, "haastattelu-02")
	hit(tm, "enter")
	waitFor(t, tm, "Miten hakemuksesi eteni") // the reader's first line, drawn whole (the status line "opening" may turn "opened" redrawing only its end)
	for _, k := range []string{"]", "w", "w", "v", "w"} {
		hit(tm, k)
	}
	tm.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
	hit(tm, "w")
	waitFor(t, tm, "SELECT")
	hit(tm, "c")
	tm.Type("kela")
	hit(tm, "enter")
	waitFor(t, tm, "coded turn 2, 3 words: Kela")
	hit(tm, "ctrl+c")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	cs, err := p.Codings(context.Background(), coding.CodingFilter{Coder: "virta"})
	if err != nil || len(cs) != 1 {
		t.Fatalf("codings by virta: %d (%v)", len(cs), err)
	}
	if got := coding.Slice(doc.Text, cs[0].Start, cs[0].End); got != "liitteitä kolme kertaa" {
		t.Errorf("coded %q, want the three selected words", got)
	}
	out, _ := io.ReadAll(tm.FinalOutput(t))
	if bytes.Contains(out, []byte("panic")) {
		t.Errorf("output mentions a panic")
	}
}
