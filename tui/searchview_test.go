package tui

import (
	"context"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/toituavain/avain/coding"
)

// searching returns a workspace at w×h on the search screen of the
// fixture project, with query q run.
func searching(t *testing.T, w, h int, q string) Model {
	t.Helper()
	m, _ := started(t, w, h)
	m = do(t, m, "/")
	if m.focus != screenSearch || !m.typing() {
		t.Fatalf("/: focus %v, typing %v", m.focus, m.typing())
	}
	if q != "" {
		m = typeText(t, m, q)
		m = do(t, m, "enter")
	}
	return m
}

func TestSearchFindsInflectedForms(t *testing.T) {
	for _, q := range []string{"liitteitä", "liite", "odotin", "kind:professional aikuissosiaalityö*"} {
		t.Run(q, func(t *testing.T) {
			m := searching(t, 80, 24, q)
			s := m.search
			if s.err != "" || len(s.res.Hits) == 0 {
				t.Fatalf("%q: %d hits, error %q", q, len(s.res.Hits), s.err)
			}
			if s.Typing() {
				t.Error("after a search with hits the list should have the keys")
			}
			v := ansi.Strip(m.View().Content)
			if !strings.Contains(v, "turn") || !strings.Contains(v, "hit") {
				t.Errorf("view:\n%s", v)
			}
		})
	}
	m := searching(t, 80, 24, "liitteitä")
	if n := m.search.res.Total; n != 8 {
		t.Errorf("liitteitä: %d hits, want the 8 answers of the first interview", n)
	}
}

func TestSearchBadQueryAndNoHits(t *testing.T) {
	m := searching(t, 80, 24, "liitteitä")
	m = do(t, m, "/") // back to the query
	m = do(t, m, "ctrl+u")
	m = typeText(t, m, `"liite`)
	m = do(t, m, "enter")
	if line := ansi.Strip(m.statusLine()); strings.Contains(line, "hits for") || !strings.Contains(line, "cannot be read") {
		t.Errorf("status line after a bad query: %q (the last count must go)", line)
	}
	if !strings.Contains(m.search.err, "quote") || len(m.search.res.Hits) != 0 || !m.search.Typing() {
		t.Fatalf("bad query: err %q, %d hits, typing %v", m.search.err, len(m.search.res.Hits), m.search.Typing())
	}
	assertFits(t, m, 80, 24)
	m = do(t, m, "ctrl+u") // clear the field (textinput's key), then a query that matches nothing
	m = typeText(t, m, "zzzyyyxxx")
	m = do(t, m, "enter")
	if v := ansi.Strip(m.View().Content); !strings.Contains(v, "No hits for «") {
		t.Errorf("no hits not shown:\n%s", v)
	}
}

func TestSearchStaleResultIgnored(t *testing.T) {
	m := searching(t, 80, 24, "")
	m = typeText(t, m, "odotin")
	m, first := send(t, m, press("enter"))
	m = typeText(t, m, "x")
	m, second := send(t, m, press("enter"))
	m, _ = send(t, m, second())
	m, _ = send(t, m, first())
	if m.search.query != "odotinx" {
		t.Errorf("an older result replaced the newer: query %q", m.search.query)
	}
}

func TestSearchOpenHitInReader(t *testing.T) {
	m := searching(t, 80, 24, "sosiaalityöntekijänä")
	h, ok := m.search.selected()
	if !ok {
		t.Fatal("no hit")
	}
	m = do(t, m, "enter")
	if m.focus != screenReader || m.reader.Document() == nil || m.reader.doc.ID != h.DocID || m.reader.Pos() != h.Start {
		t.Fatalf("enter on a hit: focus %v, caret %d, want %s at %d", m.focus, m.reader.Pos(), h.DocName, h.Start)
	}
	if got := coding.Slice(m.reader.doc.Text, h.Start, h.End); got != "sosiaalityöntekijänä" {
		t.Errorf("the caret is on %q", got)
	}
	m = do(t, m, "esc")
	if m.focus != screenSearch {
		t.Errorf("esc from the reader went to %v, want back to the search", m.focus)
	}
}

func TestSearchCodeOneHit(t *testing.T) {
	m := searching(t, 80, 24, "liitteitä")
	m = do(t, m, "j", "c")
	if !m.search.Typing() {
		t.Fatal("c: no picker")
	}
	m = typeText(t, m, "kela")
	h, _ := m.search.selected()
	m = do(t, m, "enter")
	p := m.c.Svc.(interface {
		Codings(context.Context, coding.CodingFilter) ([]*coding.Coding, error)
	})
	cs, err := p.Codings(context.Background(), coding.CodingFilter{CodeIDs: []string{codeKela}, Coder: "testaaja"})
	if err != nil || len(cs) != 1 {
		t.Fatalf("codings by testaaja: %d (%v)", len(cs), err)
	}
	doc, _ := m.c.Svc.Document(context.Background(), h.DocID)
	if ts := doc.Turns[h.Turn-1]; cs[0].Start != ts.Start || cs[0].End != ts.End {
		t.Errorf("coded %d–%d, want turn %d at %d–%d", cs[0].Start, cs[0].End, h.Turn, ts.Start, ts.End)
	}
	assertStatus(t, m, "coded haastattelu-01 turn 4: Kela")
}

func TestSearchCodeAllHits(t *testing.T) {
	m := searching(t, 80, 24, "liitteitä OR sosiaalityöntekijänä")
	total := int(m.search.res.Total)
	m = do(t, m, "C")
	m = typeText(t, m, "odot")
	m = do(t, m, "enter")
	v := ansi.Strip(m.View().Content)
	if !strings.Contains(v, "Code 9 turns in 2 documents with Odottaminen? y/n") {
		t.Fatalf("confirmation for %d hits:\n%s", total, v)
	}
	live := func() int {
		cs, _ := m.c.Svc.Codings(context.Background(), coding.CodingFilter{CodeIDs: []string{codeWait}, Coder: "testaaja"})
		return len(cs)
	}
	if m = do(t, m, "n"); live() != 0 || m.search.Typing() {
		t.Fatalf("n: %d codings written, typing %v", live(), m.search.Typing())
	}
	m = do(t, m, "C")
	m = typeText(t, m, "odot")
	m = do(t, m, "enter", "y")
	if n := live(); n != 9 {
		t.Fatalf("y: %d codings, want 9", n)
	}
	if len(m.hist.undo) != 1 || len(m.hist.undo[0].ops) != 9 {
		t.Fatalf("undo stack: %d steps", len(m.hist.undo))
	}
	m = do(t, m, "u")
	if n := live(); n != 0 {
		t.Errorf("one undo left %d of the 9 codings", n)
	}
}

func TestSearchViewFits(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {20, 5}, {200, 60}, {1, 1}} {
		m := searching(t, sz[0], sz[1], "liitteitä")
		assertFits(t, m, sz[0], sz[1])
		assertFits(t, do(t, m, "C"), sz[0], sz[1])
	}
}

func TestSearchGolden(t *testing.T) {
	m := searching(t, 80, 24, "liitteitä")
	golden(t, "search_hits_80x24", m)
	golden(t, "search_picker_80x24", do(t, m, "c"))
}

// TestSearchCodesWithANewCode: the search view's picker offers a new code
// named by what was typed, as the reader's does: `c` makes it and codes
// the hit's turn, `C` makes it and codes every hit after y, and one undo
// takes back the codings and the code.
func TestSearchCodesWithANewCode(t *testing.T) {
	ctx := context.Background()
	named := func(m Model, name string) *coding.Code {
		cb, err := m.c.Svc.Codebook(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cb.Codes() {
			if c.NameFi == name {
				return c
			}
		}
		return nil
	}
	live := func(m Model, id string) int {
		cs, _ := m.c.Svc.Codings(ctx, coding.CodingFilter{CodeIDs: []string{id}})
		return len(cs)
	}
	m := searching(t, 80, 24, "liitteitä OR sosiaalityöntekijänä")
	m = do(t, m, "j", "c")
	m = typeText(t, m, "Liitteet hauista")
	m = do(t, m, "enter")
	one := named(m, "Liitteet hauista")
	if one == nil || live(m, one.ID) != 1 {
		t.Fatalf("c with a new code: code %+v", one)
	}
	assertStatus(t, m, "Liitteet hauista")

	m = do(t, m, "C")
	m = typeText(t, m, "Kaikki osumat")
	m = do(t, m, "enter")
	if v := ansi.Strip(m.View().Content); !strings.Contains(v, "Code 9 turns in 2 documents with Kaikki osumat? y/n") {
		t.Fatalf("confirmation:\n%s", v)
	}
	if named(m, "Kaikki osumat") != nil {
		t.Fatal("the new code was made before y")
	}
	m = do(t, m, "y")
	all := named(m, "Kaikki osumat")
	if all == nil || live(m, all.ID) != 9 {
		t.Fatalf("C, y with a new code: code %+v", all)
	}
	m = do(t, m, "u")
	if named(m, "Kaikki osumat") != nil || live(m, all.ID) != 0 {
		t.Error("one undo left the new code or its codings")
	}
	if named(m, "Liitteet hauista") == nil {
		t.Error("the undo took back the earlier code too")
	}
}
