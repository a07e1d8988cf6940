package coding

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/text/unicode/norm"
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
	// NotCodable marks a category that only groups codes (REFI-QDA's
	// isCodable="false"): it has no codings of its own.
	NotCodable bool
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
	depth    map[string]int // 0 for a top-level code
	at       map[string]int // index in codes
	size     map[string]int // codes in the subtree, the code included
}

// NewCodebook builds a codebook from codes (tombstoned ones are left out)
// and checks it: ids unique, parents known, no cycles, colours valid,
// names present and unique among siblings, shortcuts unique, no code
// deeper than MaxCodeDepth, and every code's text fields valid (see
// Code.Validate). It reports every problem found, not only the first.
func NewCodebook(codes []*Code) (*Codebook, error) {
	cb, err := LoadCodebook(codes)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(cb.codes))
	for i, c := range cb.codes {
		ids[i] = c.ID
	}
	if err := cb.Check(ids...); err != nil {
		return nil, err
	}
	return cb, nil
}

// LoadCodebook builds a codebook from codes as a project stores them: it
// checks the tree's structure as NewCodebook does, but not the depth and
// text rules that newer versions of avain apply to what is written, so
// that a project an older version filled can still be read and put right.
func LoadCodebook(codes []*Code) (*Codebook, error) {
	cb := &Codebook{byID: map[string]*Code{}, children: map[string][]*Code{}}
	var problems []string
	for _, c := range codes {
		if c.Deleted {
			continue
		}
		if c.ID == "" {
			problems = append(problems, fmt.Sprintf("code %s has no id", quote(c.Name(LangFinnish))))
			continue
		}
		if _, dup := cb.byID[c.ID]; dup {
			problems = append(problems, fmt.Sprintf("duplicate code id %s", Escape(c.ID)))
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
			problems = append(problems, fmt.Sprintf("code %s: colour %s is not #rrggbb", c.ID, quote(c.Color)))
		}
		if c.ParentID != "" && cb.byID[c.ParentID] == nil {
			problems = append(problems, fmt.Sprintf("code %s: unknown parent %s", c.ID, Escape(c.ParentID)))
		}
		if c.Shortcut != "" {
			if other, ok := shortcuts[c.Shortcut]; ok {
				problems = append(problems, fmt.Sprintf("codes %s and %s share the shortcut %s", other, c.ID, quote(c.Shortcut)))
			}
			shortcuts[c.Shortcut] = c.ID
		}
		cb.children[c.ParentID] = append(cb.children[c.ParentID], c)
	}
	problems = append(problems, cb.cycles()...)
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
					problems = append(problems, fmt.Sprintf("codes %s and %s under %s share the name %s", other, k.ID, parentLabel(parent), quote(n)))
				}
				names[key] = k.ID
			}
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return nil, &CodebookError{Problems: problems}
	}
	cb.order()
	return cb, nil
}

// cycles reports each code whose parents never reach the top level
// because they loop, each parent link followed once.
func (cb *Codebook) cycles() []string {
	const (
		walking = iota + 1
		rooted  // reaches the top level, or an unknown parent (reported apart)
		looped
	)
	state := make(map[string]int, len(cb.byID))
	var problems []string
	var path []*Code
	for _, start := range cb.byID {
		path = path[:0]
		end := rooted
		for c := start; ; {
			if st := state[c.ID]; st != 0 {
				if st == walking {
					end = looped
					problems = append(problems, cycleProblem(path, c))
				} else {
					end = st
				}
				break
			}
			state[c.ID] = walking
			path = append(path, c)
			if c = cb.byID[c.ParentID]; c == nil {
				break
			}
		}
		for _, c := range path {
			state[c.ID] = end
		}
	}
	return problems
}

// cycleProblem names, once, the cycle of parents that a walk along path
// closed on reaching c again: the codes from c to the end of path.
func cycleProblem(path []*Code, c *Code) string {
	var names []string
	for i := len(path) - 1; i >= 0; i-- {
		names = append(names, fmt.Sprintf("%q", path[i].Name(LangFinnish)))
		if path[i] == c {
			break
		}
	}
	if len(names) > 5 {
		names = append(names[:5], fmt.Sprintf("and %d more", len(names)-5))
	}
	return fmt.Sprintf("codes %s form a cycle of parents (a code cannot go under its own child)", strings.Join(names, ", "))
}

// order lays the tree out in order (parents first, siblings ordered) and
// notes each code's depth and subtree, in one walk.
func (cb *Codebook) order() {
	n := len(cb.byID)
	cb.codes = make([]*Code, 0, n)
	cb.depth, cb.at, cb.size = make(map[string]int, n), make(map[string]int, n), make(map[string]int, n)
	type frame struct {
		id   string
		next int // the next child to visit
	}
	stack := []frame{{id: ""}}
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		kids := cb.children[top.id]
		if top.next == len(kids) {
			if top.id != "" {
				cb.size[top.id] = len(cb.codes) - cb.at[top.id]
			}
			stack = stack[:len(stack)-1]
			continue
		}
		c := kids[top.next]
		top.next++
		cb.at[c.ID] = len(cb.codes)
		cb.depth[c.ID] = len(stack) - 1
		cb.codes = append(cb.codes, c)
		stack = append(stack, frame{id: c.ID})
	}
}

// Check applies the rules on what is written to the codes ids: their text
// fields must be valid (Code.Validate), and neither they nor any code below
// them may lie deeper than MaxCodeDepth. Unknown ids are skipped. It
// returns a *CodebookError listing every problem.
func (cb *Codebook) Check(ids ...string) error {
	var problems []string
	deep, checked := map[string]bool{}, map[string]bool{}
	for _, id := range ids {
		c := cb.byID[id]
		if c == nil || checked[id] {
			continue
		}
		checked[id] = true
		problems = append(problems, c.problems()...)
		if deep[id] {
			continue
		}
		for _, d := range cb.codes[cb.at[id] : cb.at[id]+cb.size[id]] {
			if deep[d.ID] {
				continue
			}
			deep[d.ID] = true
			// The first code too deep on each branch is named; the codes
			// below it are counted.
			level := cb.depth[d.ID] + 1
			if level <= MaxCodeDepth || d.ID != id && cb.depth[d.ID] > MaxCodeDepth {
				continue
			}
			msg := fmt.Sprintf("code %s %s lies %d levels deep; a code tree may be at most %d deep", d.ID, quote(d.Name(LangFinnish)), level, MaxCodeDepth)
			if below := cb.size[d.ID] - 1; below > 0 {
				msg += fmt.Sprintf(" (and %d codes below it)", below)
			}
			problems = append(problems, msg)
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		if len(problems) > 20 {
			problems = append(problems[:20], fmt.Sprintf("and %d more problems", len(problems)-20))
		}
		return &CodebookError{Problems: problems}
	}
	return nil
}

// Validate checks the code's text fields: its names, shortcut and colour
// are one line of valid UTF-8 without control characters (ValidLine), its
// definition parts may also hold line feeds and tabs (ValidText).
func (c *Code) Validate() error {
	if p := c.problems(); len(p) > 0 {
		return fmt.Errorf("%w: %s", ErrInvalid, p[0])
	}
	return nil
}

// problems lists what Validate finds wrong, each naming the code.
func (c *Code) problems() []string {
	var out []string
	for _, f := range []struct {
		field, value string
		multiline    bool
	}{
		{"name_fi", c.NameFi, false}, {"name_en", c.NameEn, false}, {"shortcut", c.Shortcut, false}, {"color", c.Color, false},
		{"short_definition", c.ShortDef, true}, {"definition", c.Definition, true}, {"when_to_use", c.WhenToUse, true},
		{"when_not_to_use", c.WhenNotUse, true}, {"example", c.Example, true}, {"coder", c.Coder, false},
	} {
		if msg := textProblem(f.field, f.value, f.multiline); msg != "" {
			out = append(out, fmt.Sprintf("code %s: %s", c.ID, msg))
		}
	}
	return out
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
func (cb *Codebook) Depth(id string) int { return cb.depth[id] }

// Path returns the names from the top-level theme down to the code, in lang.
func (cb *Codebook) Path(id, lang string) []string {
	c := cb.byID[id]
	if c == nil {
		return nil
	}
	path := make([]string, cb.depth[id]+1)
	for i := len(path) - 1; i >= 0 && c != nil; i-- {
		path[i] = c.Name(lang)
		c = cb.byID[c.ParentID]
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
	name = norm.NFC.String(strings.TrimSpace(name)) // typed composed or not, as stored
	return strings.EqualFold(norm.NFC.String(c.NameFi), name) || strings.EqualFold(norm.NFC.String(c.NameEn), name)
}

// Subtree returns the id of the code and of every code below it, in tree
// order.
func (cb *Codebook) Subtree(id string) []string {
	if cb.byID[id] == nil {
		return []string{id}
	}
	sub := cb.codes[cb.at[id] : cb.at[id]+cb.size[id]]
	out := make([]string, len(sub))
	for i, c := range sub {
		out[i] = c.ID
	}
	return out
}
