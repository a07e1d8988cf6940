package tui

import (
	"strings"
	"testing"
	"unicode"

	"github.com/toituavain/avain/coding"
)

// A selection starts at the word under the caret, or at the next word when
// the caret rests on white space or punctuation; a coded span never starts
// or ends with white space. The demo's asiakas_01_kuopio.txt, turn 5:
// "…et sitä saa vaan jos on ihan kadulla."
func TestSelectionStartsAtAWord(t *testing.T) {
	p := countsDemo(t)
	m := openDemoDoc(t, p, "asiakas_01_kuopio.txt", 120, 30)
	tx := m.reader.txt
	space := at(t, tx, " saa vaan", 0)
	if tx.turns[tx.turnIndex(space)].N != 5 {
		t.Fatalf("\" saa vaan\" is not in turn 5")
	}
	m.reader.pos = space
	m = do(t, m, "v", "w")
	sel, ok := m.reader.Selection()
	if got := string(tx.r[sel.Start:sel.End]); !ok || got != "saa vaan" {
		t.Fatalf("v w on the space before saa selected %q, want \"saa vaan\"", got)
	}
	m = do(t, m, "i")
	var found *coding.Coding
	for _, c := range m.reader.codings {
		if c.Start >= space && c.Start <= space+1 && m.reader.codeName(c.CodeID) != "" &&
			strings.HasSuffix(m.reader.codeName(c.CodeID), "saa vaan") {
			found = c
		}
	}
	if found == nil {
		t.Fatalf("no in-vivo code \"saa vaan\" coded at %d", space+1)
	}
	if found.Start != space+1 || found.End != space+9 {
		t.Errorf("the in-vivo coding spans %d:%d %q, want %d:%d \"saa vaan\"",
			found.Start, found.End, string(tx.r[found.Start:found.End]), space+1, space+9)
	}

	// On punctuation: "kadulla. [naurahtaa]" from the full stop selects
	// "naurahtaa".
	m.reader.pos = at(t, tx, ". [naurahtaa]", 0)
	m = do(t, m, "v")
	sel, _ = m.reader.Selection()
	if got := string(tx.r[sel.Start:sel.End]); got != "naurahtaa" {
		t.Errorf("v on the full stop selected %q, want \"naurahtaa\"", got)
	}
	m = do(t, m, "esc")

	// A selection whose ends fall on white space (a line broken at a
	// double space, a turn's trailing space) reports and codes only the
	// characters between: " saa vaan " is "saa vaan".
	m.reader.anchor, m.reader.head = space, space+10
	sel, _ = m.reader.Selection()
	if got := string(tx.r[sel.Start:sel.End]); got != "saa vaan" {
		t.Errorf("the selection %q reported as %q, want \"saa vaan\"", string(tx.r[space:space+10]), got)
	}
	m = do(t, m, "esc")

	// Every selection grown by lines, words and sentences from every
	// caret position of turn 5 is free of white space at its ends.
	tn := tx.turns[tx.turnIndex(space)]
	for pos := tn.Start; pos < tn.End; pos += 7 {
		for _, k := range []string{"w", "j", ")", "b"} {
			m.reader.pos = pos
			m = do(t, m, "v", k)
			sel, ok := m.reader.Selection()
			if !ok || sel.End <= sel.Start {
				t.Fatalf("v %s at %d: no selection", k, pos)
			}
			if unicode.IsSpace(tx.r[sel.Start]) || unicode.IsSpace(tx.r[sel.End-1]) {
				t.Errorf("v %s at %d selected %q", k, pos, string(tx.r[sel.Start:sel.End]))
			}
			m = do(t, m, "esc")
		}
	}
}
