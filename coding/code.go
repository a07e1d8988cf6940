package coding

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Code is one code of a codebook. Themes are codes with children, to any
// depth. The id is stable across every copy of a project made from one
// codebook file.
type Code struct {
	Record
	ParentID string // "" for a top-level code
	NameFi   string
	NameEn   string
	Color    string // "#rrggbb"
	Shortcut string // one key, optional
	// The parts of a good codebook entry.
	ShortDef   string
	Definition string
	WhenToUse  string
	WhenNotUse string
	Example    string
	Position   int // order among its siblings
}

// Name returns the code's name in lang ("fi" or "en"), falling back to the
// other language when that one is empty.
func (c *Code) Name(lang string) string {
	if lang == LangEnglish && c.NameEn != "" || c.NameFi == "" {
		return c.NameEn
	}
	return c.NameFi
}

var colorRE = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// ValidColor reports whether s is a colour of the form #rrggbb.
func ValidColor(s string) bool { return colorRE.MatchString(s) }

// Codebook is a validated tree of live codes.
type Codebook struct {
	codes    []*Code // in tree order: parents before children, siblings by Position then name
	byID     map[string]*Code
	children map[string][]*Code
}

// NewCodebook builds a codebook from codes (tombstoned ones are left out)
// and checks it: ids unique, parents known, no cycles, colours valid,
// names present and unique among siblings, shortcuts unique. It reports
// every problem found, not only the first.
func NewCodebook(codes []*Code) (*Codebook, error) {
	cb := &Codebook{byID: map[string]*Code{}, children: map[string][]*Code{}}
	var problems []string
	for _, c := range codes {
		if c.Deleted {
			continue
		}
		if c.ID == "" {
			problems = append(problems, fmt.Sprintf("code %q has no id", c.Name(LangFinnish)))
			continue
		}
		if _, dup := cb.byID[c.ID]; dup {
			problems = append(problems, fmt.Sprintf("duplicate code id %s", c.ID))
			continue
		}
		cb.byID[c.ID] = c
	}
	shortcuts := map[string]string{}
	for _, c := range codes {
		if c.Deleted || cb.byID[c.ID] != c {
			continue
		}
		if strings.TrimSpace(c.NameFi) == "" && strings.TrimSpace(c.NameEn) == "" {
			problems = append(problems, fmt.Sprintf("code %s has no name", c.ID))
		}
		if c.Color != "" && !ValidColor(c.Color) {
			problems = append(problems, fmt.Sprintf("code %s: colour %q is not #rrggbb", c.ID, c.Color))
		}
		if c.ParentID != "" && cb.byID[c.ParentID] == nil {
			problems = append(problems, fmt.Sprintf("code %s: unknown parent %s", c.ID, c.ParentID))
		}
		if c.Shortcut != "" {
			if other, ok := shortcuts[c.Shortcut]; ok {
				problems = append(problems, fmt.Sprintf("codes %s and %s share the shortcut %q", other, c.ID, c.Shortcut))
			}
			shortcuts[c.Shortcut] = c.ID
		}
		cb.children[c.ParentID] = append(cb.children[c.ParentID], c)
	}
	for _, c := range cb.byID {
		seen := map[string]bool{c.ID: true}
		for p := c.ParentID; p != ""; p = cb.byID[p].ParentID {
			if cb.byID[p] == nil {
				break
			}
			if seen[p] {
				problems = append(problems, fmt.Sprintf("code %s is its own ancestor (a cycle)", c.ID))
				break
			}
			seen[p] = true
		}
	}
	for parent, kids := range cb.children {
		sort.SliceStable(kids, func(i, j int) bool {
			if kids[i].Position != kids[j].Position {
				return kids[i].Position < kids[j].Position
			}
			return kids[i].Name(LangFinnish) < kids[j].Name(LangFinnish)
		})
		names := map[string]string{}
		for _, k := range kids {
			for _, n := range []string{k.NameFi, k.NameEn} {
				key := strings.ToLower(strings.TrimSpace(n))
				if key == "" {
					continue
				}
				if other, ok := names[key]; ok && other != k.ID {
					problems = append(problems, fmt.Sprintf("codes %s and %s under %s share the name %q", other, k.ID, parentLabel(parent), n))
				}
				names[key] = k.ID
			}
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return nil, &CodebookError{Problems: problems}
	}
	var walk func(parent string)
	walk = func(parent string) {
		for _, c := range cb.children[parent] {
			cb.codes = append(cb.codes, c)
			walk(c.ID)
		}
	}
	walk("")
	return cb, nil
}

func parentLabel(id string) string {
	if id == "" {
		return "the top level"
	}
	return id
}

// CodebookError lists every problem of an invalid codebook.
type CodebookError struct{ Problems []string }

func (e *CodebookError) Error() string {
	return fmt.Sprintf("invalid codebook: %s", strings.Join(e.Problems, "; "))
}

// Unwrap makes errors.Is(err, ErrInvalid) true.
func (e *CodebookError) Unwrap() error { return ErrInvalid }

// Codes returns the codes in tree order (parents first, siblings ordered).
func (cb *Codebook) Codes() []*Code { return cb.codes }

// Len returns the number of codes.
func (cb *Codebook) Len() int { return len(cb.codes) }

// Code returns the code with id, or nil.
func (cb *Codebook) Code(id string) *Code { return cb.byID[id] }

// Children returns the children of the code id ("" for the top level).
func (cb *Codebook) Children(id string) []*Code { return cb.children[id] }

// Depth returns 0 for a top-level code, 1 for its children, and so on.
func (cb *Codebook) Depth(id string) int {
	d := 0
	for c := cb.byID[id]; c != nil && c.ParentID != ""; c = cb.byID[c.ParentID] {
		d++
	}
	return d
}

// Path returns the names from the top-level theme down to the code, in lang.
func (cb *Codebook) Path(id, lang string) []string {
	var path []string
	for c := cb.byID[id]; c != nil; c = cb.byID[c.ParentID] {
		path = append([]string{c.Name(lang)}, path...)
	}
	return path
}

// PathString joins Path with "/".
func (cb *Codebook) PathString(id, lang string) string { return strings.Join(cb.Path(id, lang), "/") }

// Ancestors returns the ids of the code's parents, nearest first.
func (cb *Codebook) Ancestors(id string) []string {
	var out []string
	for c := cb.byID[id]; c != nil && c.ParentID != ""; c = cb.byID[c.ParentID] {
		out = append(out, c.ParentID)
	}
	return out
}

// Resolve finds a code by id, by its Finnish or English name,
// or by a path "Theme/Code" of names (in either language, case-insensitive).
// An unknown reference is ErrNotFound; a name several codes share is
// ErrConflict, with the candidates' paths in the message.
func (cb *Codebook) Resolve(ref string) (*Code, error) {
	ref = strings.TrimSpace(ref)
	if c := cb.byID[ref]; c != nil {
		return c, nil
	}
	if c := cb.byID[strings.ToLower(strings.Trim(ref, "{}"))]; c != nil {
		return c, nil
	}
	parts := strings.Split(ref, "/")
	var matches []*Code
	for _, c := range cb.codes {
		if cb.matchesPath(c, parts) {
			matches = append(matches, c)
		}
	}
	switch len(matches) {
	case 1:
		return matches[0], nil
	case 0:
		return nil, fmt.Errorf("code %q: %w", ref, ErrNotFound)
	}
	var paths []string
	for _, m := range matches {
		paths = append(paths, cb.PathString(m.ID, LangFinnish))
	}
	return nil, fmt.Errorf("code %q is ambiguous: %s (use a path Theme/Code or the id): %w", ref, strings.Join(paths, ", "), ErrConflict)
}

// matchesPath reports whether the names from c upwards end with parts.
func (cb *Codebook) matchesPath(c *Code, parts []string) bool {
	for i := len(parts) - 1; i >= 0; i-- {
		if c == nil || !nameIs(c, parts[i]) {
			return false
		}
		c = cb.byID[c.ParentID]
	}
	return true
}

func nameIs(c *Code, name string) bool {
	name = strings.TrimSpace(name)
	return strings.EqualFold(c.NameFi, name) || strings.EqualFold(c.NameEn, name)
}

// Subtree returns the id of the code and of every code below it.
func (cb *Codebook) Subtree(id string) []string {
	out := []string{id}
	for i := 0; i < len(out); i++ {
		for _, k := range cb.children[out[i]] {
			out = append(out, k.ID)
		}
	}
	return out
}
