package coding

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestValidLine(t *testing.T) {
	cases := []struct {
		name, in string
		ok       bool
		want     string // in the error
	}{
		{"plain", "Toistuvat liitepyynnöt", true, ""},
		{"finnish and symbols", "Kela–kunta · yhteistyö (€)", true, ""},
		{"empty", "", true, ""},
		{"ESC", "\x1b[31mX", false, `"\x1b[31mX" holds a control character (\x1b)`},
		{"BEL", "v\a", false, `\x07`},
		{"NUL", "a\x00b", false, `\x00`},
		{"DEL", "a\x7fb", false, `\x7f`},
		{"C1 CSI", "a\u009b31m", false, `\u009b`},
		{"RLO", "abc\u202etxt.exe", false, `bidirectional text control (\u202e)`},
		{"LRI isolate", "a\u2066b", false, `\u2066`},
		{"RLM mark", "a\u200fb", false, `\u200f`},
		{"newline", "a\nb", false, "must be one line"},
		{"CR", "a\rb", false, "must be one line"},
		{"line separator", "a\u2028b", false, "must be one line"},
		{"tab", "a\tb", false, "line break or tab (\\x09)"},
		{"invalid UTF-8", "a\xffb", false, `"a\xffb" is not valid UTF-8 (byte 1)`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := ValidLine("name_fi", c.in)
			if c.ok {
				if err != nil {
					t.Fatalf("ValidLine(%q) = %v, want nil", c.in, err)
				}
				return
			}
			if err == nil || !errors.Is(err, ErrInvalid) {
				t.Fatalf("ValidLine(%q) = %v, want an ErrInvalid", c.in, err)
			}
			msg := err.Error()
			if !strings.Contains(msg, "name_fi") || !strings.Contains(msg, c.want) || strings.ContainsAny(msg, "\n\x1b\a\x00\u009b\u202e") {
				t.Errorf("error %q: want one escaped line naming name_fi with %q", msg, c.want)
			}
		})
	}
}

func TestValidText(t *testing.T) {
	for in, ok := range map[string]bool{
		"rivi 1\nrivi 2\tsarake": true,
		"a\x1b[2Jb":              false,
		"a\r\nb":                 false,
		"a\u202eb":               false,
		"a\xc3":                  false,
	} {
		if err := ValidText("memo", in); (err == nil) != ok {
			t.Errorf("ValidText(%q) = %v, want ok %v", in, err, ok)
		}
	}
}

func TestEscape(t *testing.T) {
	cases := []struct{ in, line, text, visible string }{
		{"Hyvä", "Hyvä", "Hyvä", "Hyvä"},
		{"\x1b[31mX\a", `\x1b[31mX\x07`, `\x1b[31mX\x07`, "␛[31mX␇"},
		{"a\nb\tc", `a\x0ab\x09c`, "a\nb\tc", "a\nb\tc"},
		{"a\u009b1m\u202e", `a\u009b1m\u202e`, `a\u009b1m\u202e`, "a�1m�"},
		{"ä\xff", `ä\xff`, `ä\xff`, "ä�"},
		{"a\x7f", `a\x7f`, `a\x7f`, "a␡"},
		{"\ufffd", "\ufffd", "\ufffd", "\ufffd"},
	}
	for _, c := range cases {
		if got := Escape(c.in); got != c.line {
			t.Errorf("Escape(%q) = %q, want %q", c.in, got, c.line)
		}
		if got := EscapeText(c.in); got != c.text {
			t.Errorf("EscapeText(%q) = %q, want %q", c.in, got, c.text)
		}
		if got := Visible(c.in); got != c.visible || RuneLen(got) != RuneLen(c.in) {
			t.Errorf("Visible(%q) = %q, want %q of the same length", c.in, got, c.visible)
		}
	}
}

func TestDocumentValidateText(t *testing.T) {
	cases := map[string]func(*Document){
		"name with ESC":         func(d *Document) { d.Name = "a\x1b[2J.txt" },
		"name with newline":     func(d *Document) { d.Name = "a\nb.txt" },
		"name with RLO":         func(d *Document) { d.Name = "a\u202etxt.exe" },
		"attribute key":         func(d *Document) { d.Attrs = map[string]string{"re\tgion": "x"} },
		"attribute value BEL":   func(d *Document) { d.Attrs = map[string]string{"k": "v\a"} },
		"attribute value UTF-8": func(d *Document) { d.Attrs = map[string]string{"k": "v\xff"} },
		"speaker":               func(d *Document) { d.Turns[0].Speaker = "H\x1b" },
	}
	for name, spoil := range cases {
		t.Run(name, func(t *testing.T) {
			d := &Document{Name: "a.txt", Kind: KindClient, Text: "H: Kysymys?", Attrs: map[string]string{"region": "Kuopio"},
				Turns: []Turn{{N: 1, Speaker: "H", Start: 3, End: 11}}}
			if err := d.Validate(); err != nil {
				t.Fatalf("good document: %v", err)
			}
			spoil(d)
			err := d.Validate()
			if !errors.Is(err, ErrInvalid) || strings.ContainsAny(err.Error(), "\n\t\x1b\a\u202e") {
				t.Errorf("Validate = %v, want one escaped line of ErrInvalid", err)
			}
		})
	}
}

// chain returns n codes, each the parent of the next.
func chain(n int) []*Code {
	codes := make([]*Code, n)
	for i := range codes {
		codes[i] = &Code{Record: Record{ID: fmt.Sprintf("c%d", i)}, NameFi: fmt.Sprintf("K%d", i)}
		if i > 0 {
			codes[i].ParentID = codes[i-1].ID
		}
	}
	return codes
}

func TestCodebookDepth(t *testing.T) {
	cb, err := NewCodebook(chain(MaxCodeDepth))
	if err != nil {
		t.Fatalf("%d levels: %v", MaxCodeDepth, err)
	}
	last := fmt.Sprintf("c%d", MaxCodeDepth-1)
	if d := cb.Depth(last); d != MaxCodeDepth-1 {
		t.Errorf("Depth = %d", d)
	}
	if p := cb.PathString(last, LangFinnish); !strings.HasPrefix(p, "K0/K1/") || !strings.HasSuffix(p, "/K15") {
		t.Errorf("Path = %s", p)
	}
	if a := cb.Ancestors(last); len(a) != MaxCodeDepth-1 || a[0] != fmt.Sprintf("c%d", MaxCodeDepth-2) {
		t.Errorf("Ancestors = %v", a)
	}
	if s := cb.Subtree("c14"); len(s) != 2 || s[0] != "c14" || s[1] != "c15" {
		t.Errorf("Subtree = %v", s)
	}
	_, err = NewCodebook(chain(MaxCodeDepth + 1))
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "lies 17 levels deep; a code tree may be at most 16 deep") {
		t.Errorf("%d levels: %v", MaxCodeDepth+1, err)
	}
	// A stored tree deeper than the limit still loads, so that it can be
	// put right, and a check of one code looks only at its subtree.
	deep, err := LoadCodebook(chain(5000))
	if err != nil {
		t.Fatalf("LoadCodebook of 5000 levels: %v", err)
	}
	if err := deep.Check("c4999"); err == nil || !strings.Contains(err.Error(), "5000 levels deep") {
		t.Errorf("Check of the deepest: %v", err)
	}
	if err := deep.Check("c3"); err == nil || !strings.Contains(err.Error(), "lies 17 levels deep; a code tree may be at most 16 deep (and 4983 codes below it)") {
		t.Errorf("Check of a high code: %v", err)
	}
	if _, err := NewCodebook(chain(5000)); err == nil {
		t.Error("NewCodebook of 5000 levels accepted")
	}
	// A cycle of 3,000 codes is found, in one walk, and named once,
	// on one short line.
	codes := chain(3000)
	codes[0].ParentID = "c2999"
	_, err = LoadCodebook(codes)
	var cbErr *CodebookError
	if !errors.As(err, &cbErr) || len(cbErr.Problems) != 1 || !strings.Contains(cbErr.Problems[0], "and 2995 more") ||
		len(cbErr.Problems[0]) > 200 {
		t.Errorf("a cycle of 3000: %v", err)
	}
}

func TestCodeValidate(t *testing.T) {
	good := func() *Code {
		return &Code{Record: Record{ID: "c1"}, NameFi: "Nimi", NameEn: "Name", Color: "#aabbcc", Shortcut: "n",
			Definition: "Rivi 1\nRivi 2\tok", Example: "esim."}
	}
	if err := good().Validate(); err != nil {
		t.Fatal(err)
	}
	for name, spoil := range map[string]func(*Code){
		"name_fi ESC":     func(c *Code) { c.NameFi = "\x1b[31mX" },
		"name_en newline": func(c *Code) { c.NameEn = "a\nb" },
		"shortcut BEL":    func(c *Code) { c.Shortcut = "\a" },
		"definition CSI":  func(c *Code) { c.Definition = "x\u009b2J" },
		"example RLO":     func(c *Code) { c.Example = "\u202e" },
		"name invalid":    func(c *Code) { c.NameFi = "\xff" },
	} {
		c := good()
		spoil(c)
		field := strings.Fields(name)[0]
		if err := c.Validate(); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), field) {
			t.Errorf("%s: %v", name, err)
		}
		if _, err := NewCodebook([]*Code{c}); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "code c1: "+field) {
			t.Errorf("%s: NewCodebook: %v", name, err)
		}
		if _, err := LoadCodebook([]*Code{c}); err != nil {
			t.Errorf("%s: LoadCodebook refused stored data: %v", name, err)
		}
	}
}
