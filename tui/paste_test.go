package tui

import (
	"context"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/toituavain/avain/coding"
)

// TestPasteInEveryField runs the workspace as a program and, in every text
// field, pastes a text (a tea.PasteMsg, as a terminal sends a bracketed
// paste), clears it with ctrl+u and pastes another: the field holds the
// second paste alone.
func TestPasteInEveryField(t *testing.T) {
	opened := func(t *testing.T, tm *teatest.TestModel) {
		waitFor(t, tm, "haastattelu-02")
		hit(tm, "enter")
		waitFor(t, tm, "Miten hakemuksesi eteni") // the reader's first line, drawn whole
	}
	tests := []struct {
		name          string
		reach         func(t *testing.T, tm *teatest.TestModel)
		first, second string
		value         func(t *testing.T, m Model) string
	}{
		{"documents filter", func(t *testing.T, tm *teatest.TestModel) {
			waitFor(t, tm, "haastattelu-02")
			hit(tm, "f")
		}, "haastattelu", "02", func(t *testing.T, m Model) string { return m.docs.filter }},
		{"code picker", func(t *testing.T, tm *teatest.TestModel) {
			opened(t, tm)
			hit(tm, "c")
			waitFor(t, tm, "Code turn 1")
		}, "kela", "odot", func(t *testing.T, m Model) string { return m.reader.picker.query }},
		{"go to turn", func(t *testing.T, tm *teatest.TestModel) {
			opened(t, tm)
			hit(tm, ":")
		}, "12", "3", func(t *testing.T, m Model) string { return m.reader.jump.Value() }},
		{"themes export name", func(t *testing.T, tm *teatest.TestModel) {
			waitFor(t, tm, "haastattelu-02")
			hit(tm, "T")
			waitFor(t, tm, "Total")
			hit(tm, "x")
		}, "taulukko.csv", "teemat.md", func(t *testing.T, m Model) string { return m.themes.input.Value() }},
		{"search query", func(t *testing.T, tm *teatest.TestModel) {
			waitFor(t, tm, "haastattelu-02")
			hit(tm, "/")
		}, "kela", "odot*", func(t *testing.T, m Model) string { return m.search.input.Value() }},
		{"memo", func(t *testing.T, tm *teatest.TestModel) {
			opened(t, tm)
			hit(tm, "M")
			waitFor(t, tm, "Memo on haastattelu-01")
		}, "Ensimmäinen ajatus.", "Toinen ajatus.", func(t *testing.T, m Model) string {
			// Quitting saved the memo: read it from the project.
			s := m.c.Svc
			doc := m.reader.Document()
			memo, err := s.Memo(context.Background(), coding.MemoDocument, doc.ID)
			if err != nil {
				t.Fatal(err)
			}
			return memo
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, _ := newProject(t)
			tm := teatest.NewTestModel(t, New(p, "testi", "virta"), teatest.WithInitialTermSize(100, 30))
			tt.reach(t, tm)
			tm.Send(tea.PasteMsg{Content: tt.first})
			hit(tm, "ctrl+u")
			tm.Send(tea.PasteMsg{Content: tt.second})
			hit(tm, "ctrl+c")
			m := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
			if got := tt.value(t, m); got != tt.second {
				t.Errorf("after pasting %q, ctrl+u and pasting %q, the field holds %q", tt.first, tt.second, got)
			}
		})
	}
}
