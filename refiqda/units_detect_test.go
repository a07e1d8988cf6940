package refiqda

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestNameMatches: a selection's name agrees with its text as tools
// write it (whole, white space collapsed, cut with an ellipsis, or a
// long prefix), and not when it is merely like it.
func TestNameMatches(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       bool
	}{
		{"Ihan hyvin 😊 mutta", "Ihan hyvin 😊 mutta", true},
		{"Ihan hyvin 😊 mutta", " Ihan  hyvin\n😊 mutta\n", true},                 // trimmed, collapsed
		{"Ihan hyvin…", "Ihan hyvin 😊 mutta väsyttää", true},                    // ATLAS.ti's cut
		{"Ihan hyvin ...", "Ihan hyvin 😊 mutta väsyttää", true},                 // cut with three dots
		{"Yöt ovat lyhyitä, kun", "Yöt ovat lyhyitä, kun vauva herää", true},    // a prefix of 20 or more
		{"Yöt ovat", "Yöt ovat lyhyitä, kun vauva herää", false},                // too short a prefix
		{"\nV: Ihan hyvin 😊", "Ihan hyvin 😊 m", false},                          // shifted
		{"ovat lyhyitä, kun vauva", "Yöt ovat lyhyitä, kun vauva herää", false}, // inside, not a prefix
		{"e\u0301tta", "étta", true},                                            // NFC
		{"", "mitä tahansa", false},
		{"damage done by fatty foods", "I did try the gluten free bread", false}, // a renamed quotation
	} {
		if got := nameMatches(tc.name, tc.text); got != tc.want {
			t.Errorf("nameMatches(%q, %q) = %v, want %v", tc.name, tc.text, got, tc.want)
		}
	}
}

// TestUnitsReportsNamesThatAgreeUnderNone: under the way of counting
// most names agree with, a selection whose name is not its text is named
// in Changed, a line each up to maxListed, then "and N more".
func TestUnitsReportsNamesThatAgreeUnderNone(t *testing.T) {
	const line = "H: Mitä kuuluu?\r\nV: Ihan hyvin 😊 kiitos.\r\n"
	text := strings.Repeat(line, 30)
	step := utf8.RuneCountInString(line) - 2 // in "\n" positions
	lf := strings.ReplaceAll(text, "\r\n", "\n")
	var sels []pendingSelection
	start := at(lf, "Ihan hyvin")
	for i := 0; i < 30; i++ { // each "Ihan hyvin 😊 kiitos." in LF positions
		sels = append(sels, pendingSelection{x: xSelection{GUID: fmt.Sprintf("00000000-0000-4000-8000-%012d", i), Name: "Ihan hyvin 😊 kiitos.",
			StartPosition: start + i*step, EndPosition: start + i*step + 20}})
	}
	for i := 0; i < 12; i++ { // names that are no text here
		sels[i].x.Name = "Jotain aivan muuta tekstiä"
	}
	s := &Source{Name: "a.txt", pending: sels, units: CodePoints}
	n, changed := s.chooseUnits(text)
	if got := s.Name; n.text != strings.TrimRight(lf, "\n") {
		t.Fatalf("%s: text %q", got, n.text)
	}
	if len(changed) != 1+maxListed+1 || !strings.Contains(changed[0], "code points with CRLF as one") ||
		!strings.Contains(changed[len(changed)-1], "and 2 more selections whose names are not their text") {
		t.Errorf("changed:\n%s", strings.Join(changed, "\n"))
	}
}
