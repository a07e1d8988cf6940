package coding

import (
	"errors"
	"testing"
)

func TestNewCode(t *testing.T) {
	theme := &Code{Record: Record{ID: "t"}, NameFi: "Teema", Color: "#c0392b"}
	plain := &Code{Record: Record{ID: "p"}, NameFi: "Väritön"}
	cases := []struct {
		name       string
		parent     *Code
		color      string
		wantParent string
		wantColor  string
	}{
		{"top level, no colour", nil, "", "", ""},
		{"top level, own colour", nil, "#123456", "", "#123456"},
		{"under a theme takes its colour", theme, "", "t", "#c0392b"},
		{"under a theme keeps its own colour", theme, "#123456", "t", "#123456"},
		{"under a parent without colour", plain, "", "p", ""},
		{"own colour in capitals is stored in lower case", theme, "#ABCDEF", "t", "#abcdef"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := NewCode(c.parent, Code{NameFi: "Uusi", Color: c.color, Shortcut: "4"})
			if err != nil {
				t.Fatal(err)
			}
			if got.ParentID != c.wantParent || got.Color != c.wantColor || got.NameFi != "Uusi" || got.Shortcut != "4" {
				t.Errorf("got parent %q colour %q (%+v), want %q %q", got.ParentID, got.Color, got, c.wantParent, c.wantColor)
			}
		})
	}
	if theme.Color != "#c0392b" || theme.ID != "t" {
		t.Errorf("the parent changed: %+v", theme)
	}
	for _, bad := range []struct{ color, shortcut, err string }{
		{"#12345", "", `colour "#12345": want #rrggbb`},
		{"punainen", "", `colour "punainen": want #rrggbb`},
		{"", "ab", `a shortcut is one key, not "ab"`},
	} {
		got, err := NewCode(theme, Code{NameFi: "Uusi", Color: bad.color, Shortcut: bad.shortcut})
		checkRule(t, "", err, "", bad.err)
		if got != nil {
			t.Errorf("NewCode(%q, %q) = %+v, want nothing", bad.color, bad.shortcut, got)
		}
	}
}

func TestParseColor(t *testing.T) {
	cases := []struct{ in, want, err string }{
		{"#336699", "#336699", ""},
		{"#33669A", "#33669a", ""},
		{"#ABCDEF", "#abcdef", ""},
		{"#33669G", "", `colour "#33669G": want #rrggbb`},
		{"336699", "", `colour "336699": want #rrggbb`},
		{"#369", "", `colour "#369": want #rrggbb`},
		{"", "", `colour "": want #rrggbb`},
		{" #336699", "", `colour " #336699": want #rrggbb`},
		{"#3366990", "", `colour "#3366990": want #rrggbb`},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got, err := ParseColor(c.in)
			checkRule(t, got, err, c.want, c.err)
		})
	}
}

func TestParseShortcut(t *testing.T) {
	cases := []struct{ in, want, err string }{
		{"7", "7", ""},
		{"0", "0", ""},
		{"9", "9", ""},
		{"a", "", `shortcut "a": want a digit, 0 to 9 (the reader's coding keys)`},
		{"ä", "", `shortcut "ä": want a digit, 0 to 9 (the reader's coding keys)`},
		{"q", "", `shortcut "q": want a digit, 0 to 9 (the reader's coding keys)`},
		{" ", "", `shortcut " ": want a digit, 0 to 9 (the reader's coding keys)`},
		{"٣", "", `shortcut "٣": want a digit, 0 to 9 (the reader's coding keys)`},
		{"", "", ""},
		{"xy", "", `a shortcut is one key, not "xy"`},
		{"ää", "", `a shortcut is one key, not "ää"`},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got, err := ParseShortcut(c.in)
			checkRule(t, got, err, c.want, c.err)
		})
	}
}

// checkRule checks a rule's result: the value, or an ErrInvalid saying msg.
func checkRule(t *testing.T, got string, err error, want, msg string) {
	t.Helper()
	if msg == "" {
		if err != nil || got != want {
			t.Errorf("got %q, %v; want %q", got, err, want)
		}
		return
	}
	if err == nil || err.Error() != msg || !errors.Is(err, ErrInvalid) {
		t.Errorf("got %q, %v; want the error %q (ErrInvalid)", got, err, msg)
	}
}

func TestSetName(t *testing.T) {
	cases := []struct {
		lang, wantFi, wantEn string
		invalid              bool
	}{
		{LangFinnish, "Uusi", "Old", false},
		{LangEnglish, "Vanha", "Uusi", false},
		{"sv", "Vanha", "Old", true},
		{"", "Vanha", "Old", true},
	}
	for _, c := range cases {
		t.Run(c.lang, func(t *testing.T) {
			code := &Code{NameFi: "Vanha", NameEn: "Old"}
			err := code.SetName(c.lang, "Uusi")
			if c.invalid != errors.Is(err, ErrInvalid) || code.NameFi != c.wantFi || code.NameEn != c.wantEn {
				t.Errorf("SetName(%q): %v, names %q %q", c.lang, err, code.NameFi, code.NameEn)
			}
		})
	}
	for lang, want := range map[string]bool{"fi": true, "en": true, "sv": false, "": false, "FI": false} {
		if ValidLang(lang) != want {
			t.Errorf("ValidLang(%q) = %v", lang, !want)
		}
	}
}

func TestParentAndMoveTo(t *testing.T) {
	cb, err := NewCodebook([]*Code{
		{Record: Record{ID: "a"}, NameFi: "A"},
		{Record: Record{ID: "b"}, NameFi: "B", ParentID: "a"},
		{Record: Record{ID: "c"}, NameFi: "C", ParentID: "a", Position: 1},
		{Record: Record{ID: "d"}, NameFi: "D"},
	})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		ref, wantParent string
		wantPos         int
		err             error
	}{
		{"/", "", 2, nil},
		{"", "", 2, nil},
		{"A", "a", 2, nil},
		{"a", "a", 2, nil},
		{"A/B", "b", 0, nil},
		{"D", "d", 0, nil},
		{"E", "", 0, ErrNotFound},
	}
	for _, c := range cases {
		t.Run(c.ref, func(t *testing.T) {
			parent, err := cb.Parent(c.ref)
			if !errors.Is(err, c.err) || parent != c.wantParent {
				t.Fatalf("Parent(%q) = %q, %v; want %q, %v", c.ref, parent, err, c.wantParent, c.err)
			}
			if err != nil {
				return
			}
			moved := &Code{Record: Record{ID: "x"}, NameFi: "X", ParentID: "d", Position: 7}
			cb.MoveTo(moved, parent)
			if moved.ParentID != c.wantParent || moved.Position != c.wantPos {
				t.Errorf("MoveTo(%q): parent %q position %d, want %q %d", parent, moved.ParentID, moved.Position, c.wantParent, c.wantPos)
			}
		})
	}
}

func TestDefinitionEdit(t *testing.T) {
	s := func(v string) *string { return &v }
	before := Code{ShortDef: "lyhyt", Definition: "pitkä", WhenToUse: "kun", WhenNotUse: "ei kun", Example: "esim"}
	cases := []struct {
		name  string
		edit  DefinitionEdit
		empty bool
		want  Code
	}{
		{"nothing", DefinitionEdit{}, true, before},
		{"short and when", DefinitionEdit{Short: s("L"), WhenToUse: s("K")}, false,
			Code{ShortDef: "L", Definition: "pitkä", WhenToUse: "K", WhenNotUse: "ei kun", Example: "esim"}},
		{"every part", DefinitionEdit{Short: s("1"), Definition: s("2"), WhenToUse: s("3"), WhenNotUse: s("4"), Example: s("5")}, false,
			Code{ShortDef: "1", Definition: "2", WhenToUse: "3", WhenNotUse: "4", Example: "5"}},
		{"a part emptied", DefinitionEdit{Example: s("")}, false,
			Code{ShortDef: "lyhyt", Definition: "pitkä", WhenToUse: "kun", WhenNotUse: "ei kun"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.edit.Empty() != c.empty {
				t.Errorf("Empty() = %v", !c.empty)
			}
			got := before
			c.edit.Apply(&got)
			if got != c.want {
				t.Errorf("Apply: %+v, want %+v", got, c.want)
			}
		})
	}
}
