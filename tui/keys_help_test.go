package tui

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
)

// TestFullHelpListsGlobalKeys: in every state of every screen where the
// keys are not typed into a field, ? lists every global key that works
// there (O, the memos view, was missing from all of them).
func TestFullHelpListsGlobalKeys(t *testing.T) {
	for _, st := range keyStates(t) {
		if st.m.typing() {
			continue
		}
		t.Run(st.name, func(t *testing.T) {
			listed := screenBindings(st.m)
			for _, g := range globalKeys(st.m.keys) {
				if !g.Enabled() {
					continue
				}
				if !slices.ContainsFunc(listed, func(b key.Binding) bool { return describe(b) == describe(g) }) {
					t.Errorf("? does not list %s", describe(g))
				}
			}
			m, _ := send(t, st.m, press("?"))
			if v := ansi.Strip(m.View().Content); st.m.keys.Memos.Enabled() && !regexp.MustCompile(`O +memos`).MatchString(v) {
				t.Errorf("the ? screen lacks O memos:\n%s", v)
			}
		})
	}
}

// TestKeysHelpNamesEveryBinding: the key summary of avain open --help
// (KeysHelp) names every binding that any state of any screen offers,
// key and description as the screen's help shows them, so that it can't
// drift from the screens.
func TestKeysHelpNamesEveryBinding(t *testing.T) {
	text := KeysHelp(DefaultKeyMap(), 78)
	for _, l := range strings.Split(text, "\n") {
		if n := len([]rune(l)); n > 78 {
			t.Errorf("line of %d columns: %q", n, l)
		}
	}
	flat := strings.Join(strings.Fields(text), " ") // a binding wrapped at the end of a line is still found
	for _, st := range keyStates(t) {
		t.Run(st.name, func(t *testing.T) {
			for _, b := range screenBindings(st.m) {
				if h := b.Help(); !strings.Contains(flat, h.Key+" "+strings.Join(strings.Fields(h.Desc), " ")) {
					t.Errorf("KeysHelp lacks %s", describe(b))
				}
			}
		})
	}
}
