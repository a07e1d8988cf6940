package tui

import (
	"testing"

	"github.com/toituavain/avain/coding"
)

// motionText is two turns of fictional Finnish: the caret moves inside
// them and never into the labels between.
func motionText() (text, *coding.Document) {
	d := turnsDoc("m", coding.KindClient, [][2]string{
		{"H", "Miten haku eteni? Kerro vapaasti."},
		{"V", "Sosiaali- ja terveyspalvelut… en tiedä. Kela pyysi \"lisäselvitystä!\" Sitten odotin."},
	})
	return text{r: []rune(d.Text), turns: d.Turns}, d
}

// at returns the offset of the n-th (0-based) occurrence of s in the text.
func at(t *testing.T, tx text, s string, n int) int {
	t.Helper()
	r := []rune(s)
	for i := 0; i+len(r) <= len(tx.r); i++ {
		if string(tx.r[i:i+len(r)]) == s {
			if n == 0 {
				return i
			}
			n--
		}
	}
	t.Fatalf("%q not in the text", s)
	return -1
}

func TestWordMotion(t *testing.T) {
	tx, _ := motionText()
	steps := []string{"Miten", "haku", "eteni", "Kerro", "vapaasti", "Sosiaali", "ja", "terveyspalvelut", "en", "tiedä", "Kela"}
	pos := func(w string) int { // words as whole words: " en " is not in "Miten"
		if w == "en" {
			return at(t, tx, " en ", 0) + 1
		}
		return at(t, tx, w, 0)
	}
	p := tx.turns[0].Start
	for i, w := range steps {
		if want := pos(w); p != want {
			t.Fatalf("step %d: caret at %d (%q), want %q at %d", i, p, string(tx.r[p:p+3]), w, want)
		}
		p = tx.nextWord(p)
	}
	for i := len(steps) - 1; i >= 0; i-- { // p is one word past the last step
		p = tx.prevWord(p)
		if want := pos(steps[i]); p != want {
			t.Fatalf("back to %q: caret at %d, want %d", steps[i], p, want)
		}
	}
	if got := tx.prevWord(tx.turns[0].Start); got != tx.turns[0].Start {
		t.Errorf("before the first word: %d", got)
	}
	last := at(t, tx, "odotin", 0)
	if got := tx.nextWord(last); got != last {
		t.Errorf("after the last word: %d, want to stay at %d", got, last)
	}
	if got, want := tx.wordEnd(at(t, tx, "tiedä", 0)+1), at(t, tx, "tiedä", 0)+5; got != want {
		t.Errorf("wordEnd inside tiedä = %d, want %d", got, want)
	}
}

func TestSentenceMotion(t *testing.T) {
	tx, _ := motionText()
	starts := []string{"Miten", "Kerro", "Sosiaali", "Kela", "Sitten"}
	p := tx.turns[0].Start
	for i, s := range starts {
		if want := at(t, tx, s, 0); p != want {
			t.Fatalf("sentence %d: caret at %d, want %q at %d", i, p, s, want)
		}
		p = tx.nextSentence(p)
	}
	if p != at(t, tx, "Sitten", 0) {
		t.Fatalf("past the last sentence the caret moved to %d", p)
	}
	for i := len(starts) - 2; i >= 0; i-- {
		p = tx.prevSentence(p)
		if want := at(t, tx, starts[i], 0); p != want {
			t.Fatalf("back to %q: %d, want %d", starts[i], p, want)
		}
	}
	ends := map[string]string{ // sentence start -> its last characters
		"Miten": "eteni?", "Sosiaali": "tiedä.", "Kela": "lisäselvitystä!\"", "Sitten": "odotin.",
	}
	for s, e := range ends {
		start := at(t, tx, s, 0)
		want := at(t, tx, e, 0) + len([]rune(e))
		if got := tx.sentenceEnd(start + 1); got != want {
			t.Errorf("sentence %q ends at %d (%q), want %d", s, got, string(tx.r[start:got]), want)
		}
	}
}

func TestSnapKeepsCaretInTurns(t *testing.T) {
	tx, d := motionText()
	label := d.Turns[1].Start - 2 // inside "V: "
	if got := tx.snap(label); got != d.Turns[1].Start {
		t.Errorf("snap(%d) = %d, want the turn's start %d", label, got, d.Turns[1].Start)
	}
	if got := tx.snap(len(tx.r) + 10); got != d.Turns[1].End-1 {
		t.Errorf("snap past the end = %d, want %d", got, d.Turns[1].End-1)
	}
}
