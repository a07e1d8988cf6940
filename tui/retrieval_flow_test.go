package tui

import (
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"
)

// TestFlowRetrievalFilterOpen: in a running workspace, enter on a theme
// in the codebook lists its passages, the filter region:Kuopio keeps the
// Kuopio interviews', and enter opens the reader at the passage chosen.
func TestFlowRetrievalFilterOpen(t *testing.T) {
	p, docs := retrievalProject(t)
	tm := flow(t, p)
	waitFor(t, tm, "ammattilainen-kuopio")
	hit(tm, "B")
	waitFor(t, tm, "Odottaminen (Waiting)")
	hit(tm, "enter")
	waitFor(t, tm, "asiakas-oulu · client · region: Oulu") // drawn whole
	hit(tm, "f")
	tm.Type("region:Kuopio")
	hit(tm, "enter") // keeps the filter: two passages, the cursor on the first
	hit(tm, "j")
	hit(tm, "enter")
	waitFor(t, tm, "H Miten asiointi sujui (asiakas-kuopio)?") // the reader's first line, drawn whole
	hit(tm, "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	m := tm.FinalModel(t).(Model)
	if d := m.reader.Document(); m.focus != screenReader || d == nil || d.ID != docs[0].ID || m.reader.Pos() != docs[0].Turns[1].Start {
		t.Errorf("the reader: focus %v, caret %d, want %s at the passage's start %d", m.focus, m.reader.Pos(), docs[0].Name, docs[0].Turns[1].Start)
	}
}

// TestFlowMemosOfAMerge: the memos view of a running workspace shows
// both project memos a merge kept, the older marked.
func TestFlowMemosOfAMerge(t *testing.T) {
	p, _ := mergedMemos(t)
	tm := flow(t, p)
	waitFor(t, tm, "ammattilainen-kuopio")
	hit(tm, "O")
	waitFor(t, tm, "older (a merge kept both)")
	hit(tm, "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}
