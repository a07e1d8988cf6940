package tui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/toituavain/avain/coding"
)

// cell is one drawn character with the attributes it is drawn with.
type cell struct {
	r                        rune
	bold, underline, reverse bool
	bg                       string // the background's SGR parameters, "" for none
}

// cells parses a drawn line's characters and SGR attributes.
func cells(line string) []cell {
	var out []cell
	var cur cell
	for i := 0; i < len(line); {
		if line[i] == 0x1b && i+1 < len(line) && line[i+1] == '[' {
			j := i + 2
			for j < len(line) && (line[j] < 0x40 || line[j] > 0x7e) {
				j++
			}
			if j < len(line) && line[j] == 'm' {
				cur = sgr(cur, line[i+2:j])
			}
			i = j + 1
			continue
		}
		r, size := rune(line[i]), 1
		if r >= 0x80 {
			rs := []rune(line[i:min(len(line), i+4)])
			r, size = rs[0], len(string(rs[0]))
		}
		c := cur
		c.r = r
		out = append(out, c)
		i += size
	}
	return out
}

// sgr applies one SGR sequence's parameters to the attributes of c.
func sgr(c cell, params string) cell {
	ps := strings.Split(params, ";")
	for k := 0; k < len(ps); k++ {
		p := ps[k]
		if u, _, ok := strings.Cut(p, ":"); ok && u == "4" { // 4:n, an underline style
			c.underline = p != "4:0"
			continue
		}
		switch n, _ := strconv.Atoi(p); {
		case n == 0:
			c = cell{}
		case n == 1:
			c.bold = true
		case n == 22:
			c.bold = false
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
			m := 3 // 48;5;n
			if ps[k+1] == "2" {
				m = 5 // 48;2;r;g;b
			}
			c.bg = strings.Join(ps[k:min(len(ps), k+m)], ";")
			k += m - 1
		case n >= 40 && n <= 47, n >= 100 && n <= 107:
			c.bg = p
		}
	}
	return c
}

// textCells returns the cells of the first screen line holding text
// after a coding stripe, from the first character of text on.
func textCells(t *testing.T, screen, text string) []cell {
	t.Helper()
	for _, l := range strings.Split(screen, "\n") {
		plain := []rune(ansi.Strip(l))
		if i := strings.Index(string(plain), text); i >= 0 && strings.Contains(string(plain)[:i], "▌") {
			return cells(l)[len([]rune(string(plain)[:i])):]
		}
	}
	t.Fatalf("no line holds %q:\n%s", text, ansi.Strip(screen))
	return nil
}

// withProfile gives the workspace the terminal's colour profile, as
// bubbletea does when it starts.
func withProfile(t *testing.T, m Model, p colorprofile.Profile) Model {
	t.Helper()
	m, _ = send(t, m, tea.ColorProfileMsg{Profile: p})
	return m
}

// TestCodedWordsHighlighted codes five words of an uncoded turn (v, w×4,
// then the code's shortcut) and checks that exactly those characters are
// marked: in the code's tint, and in its full colour and bold while the
// caret is on them; without colour (NO_COLOR, 16 colours), underlined,
// and reversed while the caret is on them.
func TestCodedWordsHighlighted(t *testing.T) {
	const turn = "Miten hakemuksesi eteni sen jälkeen, kun olit lähettänyt sen?"
	const coded = "hakemuksesi eteni sen jälkeen, kun"
	const green = "48;2;53;78;42" // 40 % of #6aa84f over #121212
	tests := []struct {
		name            string
		profile         colorprofile.Profile
		marked, focused func(cell) bool
	}{
		{"truecolor", colorprofile.TrueColor,
			func(c cell) bool { return c.bg == green && !c.underline },
			func(c cell) bool { return c.bg == "48;2;106;168;79" && c.bold }},
		{"16 colours", colorprofile.ANSI,
			func(c cell) bool { return c.underline && !c.reverse && c.bg == "" },
			func(c cell) bool { return c.reverse }},
		{"no colour", colorprofile.ASCII,
			func(c cell) bool { return c.underline && !c.reverse && c.bg == "" },
			func(c cell) bool { return c.reverse }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _, _ := coder(t, 120, 24)
			m = withProfile(t, m, tt.profile)
			m = do(t, m, "w", "v", "w", "w", "w", "w", "1")
			if n := len(m.reader.codings); n != 3 {
				t.Fatalf("%d codings after coding the selection, want 3", n)
			}
			from := len([]rune("Miten "))
			to := from + len([]rune(coded))
			check := func(screen string, want func(cell) bool, what string, caret int) {
				t.Helper()
				cs := textCells(t, screen, turn)
				for i, c := range cs[:len([]rune(turn))] {
					if in := i >= from && i < to; i != caret && in != want(c) {
						t.Fatalf("%s: %q at %d: %+v; want exactly %q marked", what, c.r, i, c, coded)
					}
				}
			}
			// The caret is on the new coding: its extent is emphasised.
			check(m.View().Content, tt.focused, "caret on the coding", from)
			// Away from it, the coded words keep their mark.
			m = do(t, m, "j", "j", "j", "j")
			check(m.View().Content, tt.marked, "caret elsewhere", -1)
		})
	}
}

// TestSpanInsideCodedTurnVisible codes a turn, then two of its words
// with the same code: the two words stand out (underlined, in colour; bold
// without), the rest of the turn keeps the plain mark.
func TestSpanInsideCodedTurnVisible(t *testing.T) {
	tests := []struct {
		name          string
		profile       colorprofile.Profile
		plain, inside func(cell) bool
	}{
		{"truecolor", colorprofile.TrueColor,
			func(c cell) bool { return c.bg != "" && !c.underline },
			func(c cell) bool { return c.bg != "" && c.underline }},
		{"no colour", colorprofile.ASCII,
			func(c cell) bool { return c.underline && !c.bold },
			func(c cell) bool { return c.underline && c.bold }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _, _ := coder(t, 120, 24)
			m = withProfile(t, m, tt.profile)
			m = do(t, m, "]", "]", "1")      // turn 3, whole
			m = do(t, m, "w", "v", "w", "1") // "hakemuksesi eteni" in it
			m = do(t, m, "]")                // the caret leaves for turn 4
			cs := textCells(t, m.View().Content, "Miten hakemuksesi")
			for i, c := range cs[:len([]rune("Miten hakemuksesi eteni sen"))] {
				want := tt.plain
				if i >= 6 && i < 6+len("hakemuksesi eteni") {
					want = tt.inside
				}
				if !want(c) {
					t.Fatalf("%q at %d: %+v (the span inside is %q)", c.r, i, c, "hakemuksesi eteni")
				}
			}
		})
	}
}

// TestPaneFocusEmphasisesExtent: the coding chosen in the codes pane is
// drawn in its full colour over its whole extent, and moving the choice
// moves the emphasis.
func TestPaneFocusEmphasisesExtent(t *testing.T) {
	m, _, _ := coder(t, 120, 24)
	m = do(t, m, "]", "tab") // turn 2: Kela on its first 20 characters, Odottaminen from the 40th
	text := "Kelasta pyydettiin liitteitä"
	kela := func(c cell) bool { return c.bg == "48;2;60;120;216" && c.bold }
	cs := textCells(t, m.View().Content, text)
	for i, c := range cs[1:len([]rune(text))] { // after the caret
		if i++; i < 20 != kela(c) {
			t.Fatalf("Kela chosen: %q at %d: %+v; want the first 20 characters emphasised", c.r, i, c)
		}
	}
	m = do(t, m, "down")
	for i, c := range textCells(t, m.View().Content, text)[:20] {
		if kela(c) {
			t.Fatalf("Odottaminen chosen: %q at %d still emphasised as Kela", c.r, i)
		}
	}
}

// goldenANSI compares view, escape sequences kept, to
// testdata/name.golden (rewritten with go test ./tui -update).
func goldenANSI(t *testing.T, name, view string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if updating() {
		if err := os.WriteFile(path, []byte(view), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./tui -update)", err)
	}
	if view != string(want) {
		t.Errorf("view differs from %s:\n--- got ---\n%q\n--- want ---\n%q", path, view, want)
	}
}

// downsample writes view as the renderer does on a terminal of profile p.
func downsample(t *testing.T, view string, p colorprofile.Profile) string {
	t.Helper()
	var b bytes.Buffer
	w := &colorprofile.Writer{Forward: &b, Profile: p}
	if _, err := w.WriteString(view); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestHighlightGolden draws turn 2 of the test interview with its two
// codings, one more inside the second (overlapping it) and the caret on
// it, in true colour, in 16 colours and without colour, escapes kept.
func TestHighlightGolden(t *testing.T) {
	for _, tt := range []struct {
		name    string
		profile colorprofile.Profile
	}{
		{"highlight_truecolor_120x16", colorprofile.TrueColor},
		{"highlight_ansi16_120x16", colorprofile.ANSI},
		{"highlight_nocolor_120x16", colorprofile.ASCII},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m, _, _ := coder(t, 120, 16)
			m = withProfile(t, m, tt.profile)
			// Three words inside turn 2's Odottaminen coding.
			m = do(t, m, "]", "w", "w", "w", "w", "w", "w", "w", "v", "w", "w", "1")
			goldenANSI(t, tt.name, downsample(t, m.View().Content, tt.profile))
		})
	}
}

// paneProject opens the test interview with codes of long names under
// one theme, alike but for their ends, all coded on turn 2.
func paneProject(t *testing.T, w, h int) Model {
	t.Helper()
	s, doc := newProject(t)
	ctx := context.Background()
	theme := &coding.Code{NameFi: "Asiointi ja palvelupolku", NameEn: "Service path", Color: "#8e7cc3"}
	if err := s.AddCode(ctx, theme, "aino"); err != nil {
		t.Fatal(err)
	}
	t2 := doc.Turns[1]
	for i, name := range []string{"Asiointi Kelan sähköisissä palveluissa", "Asiointi Kelan puhelinpalvelussa"} {
		c := &coding.Code{ParentID: theme.ID, NameFi: name, Color: []string{"#e69138", "#45818e"}[i]}
		if err := s.AddCode(ctx, c, "aino"); err != nil {
			t.Fatal(err)
		}
		cd := &coding.Coding{Record: coding.Record{Coder: "ville"}, DocumentID: doc.ID, CodeID: c.ID, Start: t2.Start + 2 + 8*i, End: t2.End}
		if _, err := s.AddCoding(ctx, cd); err != nil {
			t.Fatal(err)
		}
	}
	m := New(s, "testi", "testaaja")
	m, _ = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	m = listDocuments(t, m, s)
	m, cmd := send(t, m, press("enter"))
	m, cmd = send(t, m, cmd())
	m, _ = send(t, m, cmd())
	return do(t, m, "]", "tab", "down", "down")
}

// TestCodesPaneGolden draws the codes pane at 80 (under the text), 120
// and 200 columns: every code's full path, wrapped, never cut.
func TestCodesPaneGolden(t *testing.T) {
	for _, w := range []int{80, 120, 200} {
		name := "reader_pane_" + strconv.Itoa(w) + "x24"
		t.Run(name, func(t *testing.T) {
			m := paneProject(t, w, 24)
			pane := paneText(ansi.Strip(m.View().Content), w >= wideWidth)
			for _, want := range []string{"Asiointi ja palvelupolku/Asiointi Kelan sähköisissä palveluissa",
				"Asiointi ja palvelupolku/Asiointi Kelan puhelinpalvelussa"} {
				if !strings.Contains(pane, want) {
					t.Errorf("the pane does not show %q whole:\n%s", want, pane)
				}
			}
			assertFits(t, m, w, 24)
			golden(t, name, m)
		})
	}
}

// paneText returns the words of the codes pane in a screen, joined by
// single spaces (and a "/" joined to the word after it): the part of each
// line right of the rule when wide, else the lines from its title on.
func paneText(screen string, wide bool) string {
	var parts []string
	in := false
	for _, l := range strings.Split(screen, "\n") {
		if wide {
			if _, right, ok := strings.Cut(l, "│"); ok {
				parts = append(parts, right)
			}
			continue
		}
		in = in || strings.Contains(l, "Codes here")
		if in {
			parts = append(parts, l)
		}
	}
	return strings.ReplaceAll(strings.Join(strings.Fields(strings.Join(parts, " ")), " "), "/ ", "/")
}
