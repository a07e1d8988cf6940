package main

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// sgrCell is one character on the terminal with the attributes it has.
type sgrCell struct {
	r         rune
	underline bool
	reverse   bool
	bg        string // the background's SGR parameters, "" for the default
}

// sgrCells parses a line of capture-pane -e output into its characters.
func sgrCells(line string) []sgrCell {
	var out []sgrCell
	var cur sgrCell
	for _, r := range splitEscapes(line) {
		if strings.HasPrefix(r, "\x1b[") {
			if strings.HasSuffix(r, "m") {
				cur = applySGR(cur, r[2:len(r)-1])
			}
			continue
		}
		for _, c := range r {
			cell := cur
			cell.r = c
			out = append(out, cell)
		}
	}
	return out
}

// splitEscapes splits s into CSI sequences and the text between them.
func splitEscapes(s string) []string {
	var out []string
	for len(s) > 0 {
		i := strings.Index(s, "\x1b[")
		if i != 0 {
			if i < 0 {
				i = len(s)
			}
			out = append(out, s[:i])
			s = s[i:]
			continue
		}
		j := 2
		for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
			j++
		}
		j = min(j+1, len(s))
		out = append(out, s[:j])
		s = s[j:]
	}
	return out
}

// applySGR applies one SGR sequence's parameters to c.
func applySGR(c sgrCell, params string) sgrCell {
	ps := strings.Split(params, ";")
	for k := 0; k < len(ps); k++ {
		p := ps[k]
		if u, _, ok := strings.Cut(p, ":"); ok && u == "4" {
			c.underline = p != "4:0"
			continue
		}
		switch n, _ := strconv.Atoi(p); {
		case n == 0:
			c = sgrCell{}
		case n == 4:
			c.underline = true
		case n == 24:
			c.underline = false
		case n == 7:
			c.reverse = true
		case n == 27:
			c.reverse = false
		case n == 49:
			c.bg = ""
		case n == 48 && k+1 < len(ps):
			m := 3
			if ps[k+1] == "2" {
				m = 5
			}
			c.bg = strings.Join(ps[k:min(len(ps), k+m)], ";")
			k += m - 1
		case n == 38 && k+1 < len(ps): // a foreground colour: skip its parameters
			if ps[k+1] == "2" {
				k += 4
			} else {
				k += 2
			}
		case n >= 40 && n <= 47, n >= 100 && n <= 107:
			c.bg = p
		}
	}
	return c
}

// markedText returns the characters of the reader's text column that
// marked holds for, a space between lines, leaving out the cursor line
// (drawn on a background of its own), the title and the two lines under
// the reader (status and help).
func markedText(screen string, marked func(sgrCell) bool) string {
	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	var parts []string
	for _, l := range lines[1 : len(lines)-2] {
		cs := sgrCells(l)
		if len(cs) == 0 || cs[0].r == '›' {
			continue
		}
		var b strings.Builder
		for _, c := range cs {
			if c.r == '│' { // the codes pane starts
				break
			}
			if marked(c) {
				b.WriteRune(c.r)
			}
		}
		if b.Len() > 0 {
			parts = append(parts, b.String())
		}
	}
	return strings.Join(parts, " ")
}

// TestHighlightInTmux codes five words on the real binary in tmux (v,
// w×4, then the code's digit shortcut) and checks the real terminal's
// cells: exactly the coded words carry the highlight, a background in
// colour and an underline under NO_COLOR; the words of the turn around
// them carry none.
func TestHighlightInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: the real binary end to end in tmux; run without -short")
	}
	needTmux(t)
	bin := binary(t)
	for _, tc := range []struct {
		name, env string
		marked    func(sgrCell) bool
	}{
		{"colour", "COLORTERM=truecolor", func(c sgrCell) bool { return c.bg != "" }},
		{"no-colour", "NO_COLOR=1", func(c sgrCell) bool { return c.underline || c.reverse || c.bg != "" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			proj := filepath.Join(t.TempDir(), "demo.avain")
			runOK(t, bin, "demo", "--uncoded", proj)
			ui := startUI(t, "hl-"+tc.name, tc.env+" "+bin+" open "+proj+" --doc asiakas_01_kuopio.txt --coder tester")
			ui.waitFor("asiakas_01_kuopio.txt · client")
			if got := markedText(ui.tmux("capture-pane", "-t", ui.session, "-p", "-e"), tc.marked); got != "" {
				t.Fatalf("highlighted before any coding: %q", got)
			}
			// Turn 2, its second word, five words selected, coded by the
			// shortcut of "Odottaminen ja ruuhkat" (3).
			ui.send("]", "w", "v", "w", "w", "w", "w", "3")
			ui.waitFor("5 words: Byrokratialoukut/Odottaminen ja ruuhkat")
			ui.send("]", "]") // the caret leaves the turn
			ui.waitFor("turn 4/")

			var rows []struct{ Coder, Text string }
			if err := json.Unmarshal([]byte(runOK(t, bin, "codings", proj, "--json")), &rows); err != nil || len(rows) != 1 {
				t.Fatalf("codings --json: %v %v", err, rows)
			}
			want := strings.Join(strings.Fields(rows[0].Text), " ")
			if len(strings.Fields(want)) != 5 {
				t.Fatalf("the coding holds %q, want five words", want)
			}
			screen := ui.tmux("capture-pane", "-t", ui.session, "-p", "-e")
			if got := markedText(screen, tc.marked); got != want {
				t.Errorf("highlighted on the terminal: %q, want exactly the coded %q\n%q", got, want, screen)
			}
			ui.quit()
		})
	}
}
