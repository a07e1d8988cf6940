package finnish

import (
	"slices"
	"strings"
	"testing"
)

func TestNameStems(t *testing.T) {
	tests := []struct{ form, base string }{
		{"ahmedin", "ahmed"},
		{"ahmedille", "ahmed"},
		{"ahmediin", "ahmed"},
		{"fatimaan", "fatima"},
		{"fatimalle", "fatima"},
		{"fatimaakin", "fatima"},
		{"kalymnoksella", "kalymnos"},
		{"zoomissa", "zoom"},
		{"schmidtiin", "schmidt"},
		{"whatsappista", "whatsapp"},
		{"schmidtiä", "schmidt"},
	}
	for _, tc := range tests {
		t.Run(tc.form, func(t *testing.T) {
			if got := nameStems(tc.form); !slices.Contains(got, tc.base) {
				t.Errorf("nameStems(%q) = %v, want it to hold %q", tc.form, got, tc.base)
			}
		})
	}
	if got := nameStems("ahmed"); got[0] != "ahmed" {
		t.Errorf("nameStems(ahmed) = %v, want the word first", got)
	}
}

// TestUnknownNamesMeet checks that a search for the base form of a name
// Voikko does not know finds its inflected forms, through the analyzers in
// force.
func TestUnknownNamesMeet(t *testing.T) {
	requireVoikko(t)
	pairs := [][2]string{
		{"Ahmed", "Ahmedille"}, {"Fatima", "Fatimaan"}, {"Kalymnos", "Kalymnoksella"},
		{"Mohammed", "Mohammedin"}, {"WhatsApp", "WhatsAppista"}, {"Schmidt", "Schmidtiä"},
	}
	for _, p := range pairs {
		q := strings.Split(analyse(t, VoikkoQueryAnalyzer, p[0]), " ")
		idx := strings.Split(analyse(t, VoikkoAnalyzer, p[1]), " ")
		if !slices.ContainsFunc(q, func(s string) bool { return slices.Contains(idx, s) }) {
			t.Errorf("query %s gives %v, text %s is indexed as %v: no term in common", p[0], q, p[1], idx)
		}
	}
}
