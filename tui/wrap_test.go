package tui

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestRunesWidth checks the fast measure of wrapped text against
// ansi.StringWidth, on Finnish text and on wide and combining characters.
func TestRunesWidth(t *testing.T) {
	for _, s := range []string{"", "Kelasta pyydettiin liitteitä, äö ÅÄÖ «»", "漢字テキスト", "e\u0301tait", "ok 👍 hyvä", "tab\there"} {
		if got, want := runesWidth([]rune(s)), ansi.StringWidth(s); got != want {
			t.Errorf("runesWidth(%q) = %d, want %d", s, got, want)
		}
	}
}
