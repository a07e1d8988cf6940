package coding

import (
	"fmt"
	"strings"
)

// The rules of making and editing one code, shared by every face of avain
// (the command line, the terminal UI): what a new code inherits, what a
// colour and a shortcut may be, where a moved code goes, which parts of a
// definition an edit changes. The codebook as a whole is checked by
// NewCodebook and Codebook.Check when the edit is stored.

// ruleError is a value a rule refuses: its message alone, of kind
// ErrInvalid, so that a caller may show it as it is.
type ruleError string

func (e ruleError) Error() string { return string(e) }
func (e ruleError) Unwrap() error { return ErrInvalid }

// NewCode returns c made ready to add under parent (nil: at the top
// level): it takes parent's id, and parent's colour when it has none of
// its own. Its own colour and shortcut follow ParseColor and
// ParseShortcut (a colour is stored in lower case); a bad one is an
// ErrInvalid.
func NewCode(parent *Code, c Code) (*Code, error) {
	if c.Color != "" {
		color, err := ParseColor(c.Color)
		if err != nil {
			return nil, err
		}
		c.Color = color
	}
	shortcut, err := ParseShortcut(c.Shortcut)
	if err != nil {
		return nil, err
	}
	c.Shortcut = shortcut
	if parent != nil {
		c.ParentID = parent.ID
		if c.Color == "" {
			c.Color = parent.Color
		}
	}
	return &c, nil
}

// ParseColor returns s as a code's colour, #rrggbb in lower case; any
// other form is an ErrInvalid saying what is wanted.
func ParseColor(s string) (string, error) {
	if !ValidColor(s) {
		return "", ruleError(fmt.Sprintf("colour %q: want #rrggbb", s))
	}
	return strings.ToLower(s), nil
}

// ParseShortcut returns s as a code's shortcut: one digit key, 0 to 9,
// the keys that code a passage in the reader (letters there move and
// act), or "" for none; anything else is an ErrInvalid.
func ParseShortcut(s string) (string, error) {
	if len([]rune(s)) > 1 {
		return "", ruleError(fmt.Sprintf("a shortcut is one key, not %q", s))
	}
	if s != "" && (s[0] < '0' || s[0] > '9') {
		return "", ruleError(fmt.Sprintf("shortcut %q: want a digit, 0 to 9 (the reader's coding keys)", s))
	}
	return s, nil
}

// ValidLang reports whether lang is a language avain names codes in:
// LangFinnish or LangEnglish.
func ValidLang(lang string) bool { return lang == LangFinnish || lang == LangEnglish }

// SetName sets the code's name in lang (LangFinnish or LangEnglish); any
// other language is an ErrInvalid and changes nothing.
func (c *Code) SetName(lang, name string) error {
	switch lang {
	case LangFinnish:
		c.NameFi = name
	case LangEnglish:
		c.NameEn = name
	default:
		return ruleError(fmt.Sprintf("language %q: want %s or %s", lang, LangFinnish, LangEnglish))
	}
	return nil
}

// Parent resolves ref as the new parent of a code: "" or "/" is the top
// level (the id ""), anything else a code as Resolve finds it.
func (cb *Codebook) Parent(ref string) (string, error) {
	if ref == "" || ref == "/" {
		return "", nil
	}
	p, err := cb.Resolve(ref)
	if err != nil {
		return "", err
	}
	return p.ID, nil
}

// MoveTo puts c under parent ("" for the top level), after the codes the
// codebook has there.
func (cb *Codebook) MoveTo(c *Code, parent string) {
	c.ParentID = parent
	c.Position = len(cb.Children(parent))
}

// DefinitionEdit is a change of a code's definition: each part given
// replaces the code's, each part left nil stays as it is.
type DefinitionEdit struct {
	Short, Definition, WhenToUse, WhenNotUse, Example *string
}

// Empty reports whether the edit changes no part.
func (d DefinitionEdit) Empty() bool {
	return d.Short == nil && d.Definition == nil && d.WhenToUse == nil && d.WhenNotUse == nil && d.Example == nil
}

// Apply changes the parts of c's definition that the edit gives.
func (d DefinitionEdit) Apply(c *Code) {
	for _, p := range []struct {
		from *string
		to   *string
	}{{d.Short, &c.ShortDef}, {d.Definition, &c.Definition}, {d.WhenToUse, &c.WhenToUse}, {d.WhenNotUse, &c.WhenNotUse}, {d.Example, &c.Example}} {
		if p.from != nil {
			*p.to = *p.from
		}
	}
}
