package tui

import "testing"

// TestColorFormSaysWhatChanged: the # form's status line names what it
// changed: a category toggle alone is not a recolouring; undo names the
// same.
func TestColorFormSaysWhatChanged(t *testing.T) {
	m, s, _ := coder(t, 100, 30)
	m = do(t, m, "B", "j", "#", "tab", "tab", "ctrl+u") // Jonottaminen: no codings, may be a category
	m = typeText(t, m, "y")
	m = do(t, m, "enter")
	if c := codeNamed(t, s, "Jonottaminen"); c == nil || !c.NotCodable {
		t.Fatalf("Jonottaminen %+v, want a category", c)
	}
	assertStatus(t, m, "made a category: Odottaminen/Jonottaminen")
	m = do(t, m, "u")
	assertStatus(t, m, "undone: made a category: Odottaminen/Jonottaminen")
}
