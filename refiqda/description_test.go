package refiqda

import (
	"testing"
)

func TestDescriptionLayout(t *testing.T) {
	tests := []struct {
		name string
		e    entry
		want string
	}{
		{"nothing", entry{}, ""},
		{"only a definition is plain", entry{Definition: "Mitä koodi tarkoittaa."}, "Mitä koodi tarkoittaa."},
		{"untrimmed definition is labelled", entry{Definition: " x\n"}, "Definition:  x\n"},
		{"definition that looks labelled", entry{Definition: "Example: x"}, "Definition: Example: x"},
		{"only a short definition", entry{ShortDef: "Lyhyt."}, "Short definition: Lyhyt."},
		{"short definition that looks labelled", entry{ShortDef: "When to use: never", Example: "e"},
			"Short definition: When to use: never\n\nExample: e"},
		{"everything", entry{ShortDef: "S", Definition: "D\n\nD2", WhenToUse: "U", WhenNotUse: "N", Example: "E", NameEn: "En", Shortcut: "1"},
			"S\n\nDefinition: D\n\nD2\n\nWhen to use: U\n\nWhen not to use: N\n\nExample: E\n\nName (en): En\nShortcut: 1"},
		{"definition and the other name", entry{Definition: "D", NameFi: "Suomeksi", HasNameFi: true},
			"Definition: D\n\nName (fi): Suomeksi"},
		{"no Finnish name", entry{HasNameFi: true}, "Name (fi):"},
		{"values with edge spaces and newlines", entry{WhenToUse: " u \n", Example: "\n\ne", NameEn: "a b", Shortcut: "2"},
			"When to use:  u \n\n\nExample: \n\ne\n\nName (en): a b\nShortcut: 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := foldDescription(tt.e)
			if got != tt.want {
				t.Errorf("fold = %q, want %q", got, tt.want)
			}
			if back := parseDescription(got); back != tt.e {
				t.Errorf("parse = %#v, want %#v", back, tt.e)
			}
		})
	}
}

func TestParseForeignDescription(t *testing.T) {
	tests := []struct {
		name, in string
		want     entry
	}{
		{"plain, trimmed", "  Erősen szkeptikus (piros)\nElfogadó (zöld)\n", entry{Definition: "Erősen szkeptikus (piros)\nElfogadó (zöld)"}},
		{"label inside a line is text", "Note that Example: is not a label here", entry{Definition: "Note that Example: is not a label here"}},
		{"label after one line break is text", "first\nExample: x", entry{Definition: "first\nExample: x"}},
		{"labels out of order are text", "Example: e\n\nDefinition: d", entry{Example: "e\n\nDefinition: d"}},
		{"short definition label only at the start", "a\n\nShort definition: b", entry{Definition: "a\n\nShort definition: b"}},
		{"hand-written entry", "Kela asiat.\n\nExample: \"Soitin Kelaan.\"", entry{ShortDef: "Kela asiat.", Example: "\"Soitin Kelaan.\""}},
		{"label without a space", "Definition:d\n\nShortcut:3", entry{Definition: "d", Shortcut: "3"}},
		// What another tool adds after the names and the shortcut stays
		// out of them: a shortcut is one digit, a name one line.
		{"text added after the shortcut", "Definition: d\n\nName (en): Positive\nShortcut: 1\n\nLisätty QualCoderissa: tarkista rajaus.",
			entry{Definition: "d\n\nLisätty QualCoderissa: tarkista rajaus.", NameEn: "Positive", Shortcut: "1"}},
		{"text added after a name", "Name (en): Subcode\nLisäys toisessa työkalussa",
			entry{Definition: "Lisäys toisessa työkalussa", NameEn: "Subcode"}},
		{"a shortcut that is no key", "S\n\nShortcut: Ctrl+1", entry{ShortDef: "S", Definition: "Shortcut: Ctrl+1"}},
		{"a shortcut of two digits", "Shortcut: 12", entry{Definition: "Shortcut: 12"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parseDescription(tt.in); got != tt.want {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}

// FuzzDescription checks that whatever a Description parses into folds
// back into a text that parses the same.
func FuzzDescription(f *testing.F) {
	f.Add("S\n\nDefinition: D\n\nWhen to use: U\n\nWhen not to use: N\n\nExample: E\n\nName (fi): F\nShortcut: 1")
	f.Add("plain text\n")
	f.Add("Short definition: x\n\n\nName (en):")
	f.Fuzz(func(t *testing.T, s string) {
		e := parseDescription(s)
		folded := foldDescription(e)
		if back := parseDescription(folded); back != e {
			t.Fatalf("%q parses to\n%#v\nfolds to %q, which parses to\n%#v", s, e, folded, back)
		}
	})
}
