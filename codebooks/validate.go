package codebooks

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/toituavain/avain/coding"
)

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// line returns the line of the entry's field, or of the entry itself.
func (e *entry) lineOf(field string) int {
	if l, ok := e.lines[field]; ok {
		return l
	}
	return e.line
}

// link checks the ids, resolves parent fields and sets every code's
// ParentID and Position.
func (p *parser) link() {
	byID := map[string]*entry{}
	for _, e := range p.entries {
		id := e.code.ID
		switch {
		case id == "":
			p.addf(e.line, "code %s has no id (add one, e.g. from uuidgen)", label(e))
			continue
		case !uuidRE.MatchString(id):
			p.addf(e.lineOf(fieldID), "id %q is not a UUID (like 4d8dfebf-3a2f-4339-894d-5a18d299057c)", clip(id))
			continue
		}
		if first, dup := byID[id]; dup {
			p.addf(e.lineOf(fieldID), "id %s is already the id of %s on line %d", id, label(first), first.lineOf(fieldID))
			continue
		}
		byID[id] = e
	}
	for _, e := range p.entries {
		if _, given := e.lines[fieldParent]; !given {
			continue
		}
		ref, line := e.parentRef, e.lineOf(fieldParent)
		if e.nested {
			if ref != "" && ref != e.parent.code.ID {
				p.addf(line, "parent %s contradicts the nesting under the code on line %d", clip(ref), e.parent.line)
			}
			continue
		}
		switch target := byID[ref]; {
		case ref == "":
			// An empty parent means a top-level code.
		case target == e:
			p.addf(line, "code %s is its own parent", label(e))
		case target == nil:
			p.addf(line, "unknown parent %s (no code has this id)", clip(ref))
		default:
			e.parent = target
		}
	}
	p.cycles()
	p.depths()
	position := map[*entry]int{}
	for _, e := range p.entries {
		if e.parent != nil {
			e.code.ParentID = e.parent.code.ID
		}
		e.code.Position = position[e.parent]
		position[e.parent]++
	}
}

// cycles reports each loop of parent fields once, and cuts it so that the
// later checks terminate.
func (p *parser) cycles() {
	const (
		unseen = iota
		walking
		done
	)
	state := map[*entry]int{}
	for _, start := range p.entries {
		var path []*entry
		e := start
		for e != nil && state[e] == unseen {
			state[e] = walking
			path = append(path, e)
			e = e.parent
		}
		if e != nil && state[e] == walking {
			// e is on the current path: the loop is path from e on.
			loop := path[slices.Index(path, e):]
			slices.SortFunc(loop, func(a, b *entry) int { return a.line - b.line })
			first := loop[0]
			var names []string
			for _, x := range loop {
				names = append(names, label(x))
			}
			p.addf(first.lineOf(fieldParent), "the parent fields of %s form a cycle", strings.Join(names, ", "))
			first.parent = nil
		}
		for _, x := range path {
			state[x] = done
		}
	}
}

// check reports missing and malformed names, colours and shortcuts, and
// names or shortcuts that clash.
func (p *parser) check() {
	type use struct {
		e    *entry
		line int
	}
	shortcuts := map[string]use{}
	names := map[*entry]map[string]use{} // sibling names by parent, lowercased
	for _, e := range p.entries {
		c := e.code
		for _, f := range []struct{ field, name string }{{fieldNameFi, c.NameFi}, {fieldNameEn, c.NameEn}} {
			switch {
			case f.name == "" && e.bad[f.field]:
				continue
			case f.name == "":
				p.addf(e.lineOf(f.field), "code %s has no %s (both name_fi and name_en are required)", label(e), f.field)
				continue
			case !oneLine(f.name):
				p.addf(e.lineOf(f.field), "%s", textProblem(coding.ValidLine(f.field, f.name)))
				continue
			}
			key := strings.ToLower(f.name)
			if names[e.parent] == nil {
				names[e.parent] = map[string]use{}
			}
			if other, ok := names[e.parent][key]; ok && other.e != e {
				p.addf(e.lineOf(f.field), "name %q is already used by the sibling code on line %d", clip(f.name), other.line)
				continue
			}
			names[e.parent][key] = use{e, e.lineOf(f.field)}
		}
		for _, f := range []struct{ field, text string }{{fieldShortDef, c.ShortDef}, {fieldDefinition, c.Definition},
			{fieldWhenToUse, c.WhenToUse}, {fieldWhenNotUse, c.WhenNotUse}, {fieldExample, c.Example}} {
			if err := coding.ValidText(f.field, f.text); err != nil {
				p.addf(e.lineOf(f.field), "%s", textProblem(err))
			}
		}
		if _, given := e.lines[fieldColor]; given && c.Color != "" && !coding.ValidColor(c.Color) {
			p.addf(e.lineOf(fieldColor), "color %s is not of the form \"#rrggbb\"", quote(clip(c.Color)))
		}
		if c.Shortcut != "" {
			r, size := utf8.DecodeRuneInString(c.Shortcut)
			switch {
			case size != len(c.Shortcut):
				p.addf(e.lineOf(fieldShortcut), "shortcut %s must be a single character", quote(clip(c.Shortcut)))
			case !unicode.IsPrint(r) || unicode.IsSpace(r) || coding.Unsafe(r):
				p.addf(e.lineOf(fieldShortcut), "shortcut %s must be a visible character", quote(c.Shortcut))
			default:
				if other, ok := shortcuts[c.Shortcut]; ok {
					p.addf(e.lineOf(fieldShortcut), "shortcut %q is already the shortcut of %s on line %d", c.Shortcut, label(other.e), other.line)
					break
				}
				shortcuts[c.Shortcut] = use{e, e.lineOf(fieldShortcut)}
			}
		}
	}
}

// label names an entry in messages.
func label(e *entry) string {
	name := e.code.NameFi
	if name == "" {
		name = e.code.NameEn
	}
	if name == "" {
		return fmt.Sprintf("on line %d", e.line)
	}
	return fmt.Sprintf("%q", clip(name))
}

// depths reports each code that lies one level deeper than
// coding.MaxCodeDepth (the codes below it are then too deep as well), each
// parent link followed once. It runs after cycles are cut.
func (p *parser) depths() {
	depth := map[*entry]int{}
	var path []*entry
	for _, start := range p.entries {
		path = path[:0]
		d := 0
		for e := start; e != nil; e = e.parent {
			if known, ok := depth[e]; ok {
				d = known
				break
			}
			path = append(path, e)
		}
		for i := len(path) - 1; i >= 0; i-- {
			d++
			depth[path[i]] = d
			if d == coding.MaxCodeDepth+1 {
				p.addf(path[i].line, "code %s lies %d levels deep; a code tree may be at most %d deep", label(path[i]), d, coding.MaxCodeDepth)
			}
		}
	}
}

// textProblem is the message of a coding text error, without its kind.
func textProblem(err error) string {
	return strings.TrimPrefix(err.Error(), coding.ErrInvalid.Error()+": ")
}

// quote shows s in quotes with control characters escaped.
func quote(s string) string { return `"` + coding.Escape(s) + `"` }
