package tui

import (
	"context"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/toituavain/avain/coding"
)

// A document imported elsewhere that sorts before the one under the
// cursor leaves the cursor on that document, not on its old row: enter
// opens it, and the filter, the order and the scroll are kept.
func TestDocumentListReloadKeepsTheSelectedDocument(t *testing.T) {
	tests := []struct {
		name string
		keys []string // what the UI does before moving to the document
	}{
		{"name order", nil},
		{"filtered", []string{"f", "a", "m", "m", "a", "enter"}},
		{"sorted by kind", []string{"s"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			byHand(t)
			ctx := context.Background()
			s, _ := newProject(t)
			for _, name := range []string{"ammattilainen_00010_oulu.md", "ammattilainen_00011_vantaa.txt",
				"ammattilainen_00012_lahti.md", "ammattilainen_00013_turku.md"} {
				doc := turnsDoc(name, coding.KindProfessional, [][2]string{{"H", "Mitä teet?"}, {"V", "Sosiaalityötä, " + name + "."}})
				if err := s.ImportDocument(ctx, doc, "aino"); err != nil {
					t.Fatal(err)
				}
			}
			m := New(s, "testi", "testaaja")
			m, _ = send(t, m, tea.WindowSizeMsg{Width: 100, Height: 9}) // a few rows: the list scrolls
			m = listDocuments(t, m, s)
			m = following(t, m)
			m = do(t, m, tt.keys...)
			const want = "ammattilainen_00012_lahti.md"
			for i := 0; i < 10; i++ {
				if doc, _ := m.docs.Selected(); doc.Name == want {
					break
				}
				m = do(t, m, "j")
			}
			before, ok := m.docs.Selected()
			if !ok || before.Name != want {
				t.Fatalf("the cursor is on %q; want %s", before.Name, want)
			}
			filter, sortBy := m.docs.filter, m.docs.sortBy

			other := otherProcess(t, s)
			first := turnsDoc("aaa_01_alku.txt", coding.KindProfessional, [][2]string{{"H", "Aloitetaan."}})
			if err := other.ImportDocument(ctx, first, "toinen"); err != nil {
				t.Fatal(err)
			}
			m = tick(t, m)

			if !slices.ContainsFunc(m.docs.docs, func(d coding.DocSummary) bool { return d.ID == first.ID }) {
				t.Fatal("the list was not read again")
			}
			if got, _ := m.docs.Selected(); got.ID != before.ID {
				t.Errorf("after the reload the cursor is on %q; want %q", got.Name, before.Name)
			}
			if m.docs.filter != filter || m.docs.sortBy != sortBy {
				t.Errorf("filter %q, sorted by %s; want %q, %s", m.docs.filter, m.docs.sortBy, filter, sortBy)
			}
			if c, o, r := m.docs.cursor, m.docs.offset, m.docs.rows(); c < o || c >= o+r {
				t.Errorf("cursor row %d outside the visible rows [%d,%d)", c, o, o+r)
			}
			if !strings.Contains(strings.Join(screenLines(m), "\n"), "› "+want) {
				t.Errorf("the screen does not mark %s:\n%s", want, strings.Join(screenLines(m), "\n"))
			}

			m, cmd := send(t, m, press("enter"))
			if cmd == nil {
				t.Fatal("enter asked for nothing")
			}
			if open, ok := cmd().(openDocMsg); !ok || open.ID != before.ID {
				t.Fatalf("enter asked for %#v; want %s opened", open, want)
			}
		})
	}
}

// A document removed from the list leaves the cursor on its row, kept
// inside the list.
func TestDocumentListReloadWithoutTheSelectedDocument(t *testing.T) {
	summaries := func(names ...string) []coding.DocSummary {
		var ds []coding.DocSummary
		for _, n := range names {
			ds = append(ds, coding.DocSummary{ID: "id-" + n, Name: n, Kind: coding.KindClient})
		}
		return ds
	}
	tests := []struct {
		name   string
		cursor int
		after  []coding.DocSummary
		want   string // the selected document's name after the reload
	}{
		{"a middle one removed", 1, summaries("a", "c", "d"), "c"},
		{"the last one removed", 3, summaries("a", "b", "c"), "c"},
		{"all removed", 2, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := started(t, 80, 24)
			d := NewDocuments(m.c)
			d.SetSize(80, 20)
			d, _ = d.Update(docsLoadedMsg{docs: summaries("a", "b", "c", "d"), counted: true})
			d.cursor = tt.cursor
			d, _ = d.Update(docsLoadedMsg{docs: tt.after, counted: true})
			got, _ := d.Selected()
			if got.Name != tt.want {
				t.Errorf("after the reload the cursor is on %q (row %d); want %q", got.Name, d.cursor, tt.want)
			}
		})
	}
}
