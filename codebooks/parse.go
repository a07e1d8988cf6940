package codebooks

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/toituavain/avain/coding"
)

// Field names of a code entry, in the order WriteYAML writes them.
const (
	fieldID         = "id"
	fieldParent     = "parent"
	fieldNameFi     = "name_fi"
	fieldNameEn     = "name_en"
	fieldColor      = "color"
	fieldShortcut   = "shortcut"
	fieldCodable    = "codable"
	fieldShortDef   = "short_definition"
	fieldDefinition = "definition"
	fieldWhenToUse  = "when_to_use"
	fieldWhenNotUse = "when_not_to_use"
	fieldExample    = "example"
	fieldChildren   = "children"
)

var (
	bookFields = []string{"codebook", "description", "codes"}
	codeFields = []string{fieldID, fieldParent, fieldNameFi, fieldNameEn, fieldColor, fieldShortcut, fieldCodable,
		fieldShortDef, fieldDefinition, fieldWhenToUse, fieldWhenNotUse, fieldExample, fieldChildren}
)

// entry is one code as read, with the lines its checks report.
type entry struct {
	code      *coding.Code
	line      int             // the entry's mapping
	lines     map[string]int  // by field, the line of its value
	bad       map[string]bool // fields whose value was reported as wrong
	parent    *entry          // the enclosing entry when nested, else resolved from parentRef
	parentRef string          // the parent field, lowercased
	nested    bool
}

// parser collects the entries and problems of one file.
type parser struct {
	file     string
	problems []Problem
	entries  []*entry
}

func (p *parser) addf(line int, format string, args ...any) {
	p.problems = append(p.problems, Problem{File: p.file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

var yamlErrLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxError turns an error of the YAML parser into a problem.
func (p *parser) syntaxError(err error) {
	msg := err.Error()
	if m := yamlErrLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		p.addf(line, "%s", m[2])
		return
	}
	p.addf(0, "%s", strings.TrimPrefix(msg, "yaml: "))
}

// Parse reads a codebook from data; filename is used in problem reports.
// It checks everything a file can get wrong and returns an *Error listing
// every problem, or a Book that coding.NewCodebook accepts.
func Parse(filename string, data []byte) (*Book, error) {
	p := &parser{file: filename}
	book := p.parse(data)
	if len(p.problems) == 0 {
		if _, err := coding.NewCodebook(book.Codes); err != nil {
			// Parse's own checks are meant to be stricter; report anyway.
			var cbErr *coding.CodebookError
			if errors.As(err, &cbErr) {
				for _, msg := range cbErr.Problems {
					p.addf(0, "%s", msg)
				}
			} else {
				p.addf(0, "%v", err)
			}
		}
	}
	if len(p.problems) > 0 {
		sortProblems(p.problems)
		return nil, &Error{Problems: p.problems}
	}
	return book, nil
}

func sortProblems(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int { return a.Line - b.Line })
}

// decode parses the single YAML document of data.
func (p *parser) decode(data []byte) *yaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			p.addf(0, "the file is empty")
		} else {
			p.syntaxError(err)
		}
		return nil
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case errors.Is(err, io.EOF):
	case err != nil:
		p.syntaxError(err)
	default:
		p.addf(next.Line, "a codebook file holds one YAML document; remove this one or the \"---\" before it")
	}
	if len(doc.Content) == 0 {
		p.addf(doc.Line, "the file is empty")
		return nil
	}
	return doc.Content[0]
}

func (p *parser) parse(data []byte) *Book {
	book := &Book{}
	root := p.decode(data)
	if root == nil {
		return book
	}
	root = p.deref(root)
	if root == nil {
		return book
	}
	if root.Kind != yaml.MappingNode {
		p.addf(root.Line, "a codebook file must be a mapping with the fields %s, not %s", strings.Join(bookFields, ", "), kindName(root))
		return book
	}
	var codes *yaml.Node
	p.fields(root, bookFields, func(key, val *yaml.Node) {
		switch key.Value {
		case "codebook":
			book.Name, _ = p.text(key, val)
		case "description":
			book.Description, _ = p.text(key, val)
		case "codes":
			codes = val
		}
	})
	if codes == nil {
		p.addf(root.Line, "the codebook has no codes (a codes: list is missing)")
		return book
	}
	if codes.ShortTag() == "!!null" || p.list(codes, "codes") && len(codes.Content) == 0 {
		p.addf(codes.Line, "the codebook has no codes")
	}
	p.codes(codes, nil)
	p.link()
	p.check()
	for _, e := range p.entries {
		book.Codes = append(book.Codes, e.code)
	}
	return book
}

// deref follows an alias; aliases of mappings and lists are refused, so a
// small file cannot expand into a huge one.
func (p *parser) deref(n *yaml.Node) *yaml.Node {
	if n.Kind != yaml.AliasNode {
		return n
	}
	if n.Alias == nil || n.Alias.Kind != yaml.ScalarNode {
		p.addf(n.Line, "the alias *%s may only stand for a single value, not a mapping or list", n.Value)
		return nil
	}
	return n.Alias
}

// fields calls fn for each key of the mapping m, reporting keys that are
// not in known, not text, or given twice.
func (p *parser) fields(m *yaml.Node, known []string, fn func(key, val *yaml.Node)) {
	seen := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		key, val := p.deref(m.Content[i]), m.Content[i+1]
		if key == nil {
			continue
		}
		if key.Kind != yaml.ScalarNode {
			p.addf(key.Line, "a field name must be text, not %s", kindName(key))
			continue
		}
		if first, dup := seen[key.Value]; dup {
			p.addf(key.Line, "field %s is given twice (first on line %d)", key.Value, first)
			continue
		}
		seen[key.Value] = key.Line
		if !slices.Contains(known, key.Value) {
			msg := fmt.Sprintf("unknown field %q", key.Value)
			if guess := closest(key.Value, known); guess != "" {
				msg += fmt.Sprintf(" (did you mean %s?)", guess)
			}
			p.addf(key.Line, "%s", msg)
			continue
		}
		val = p.deref(val)
		if val == nil {
			continue
		}
		fn(key, val)
	}
}

// list reports whether n is a list; null counts as an empty one.
func (p *parser) list(n *yaml.Node, field string) bool {
	switch {
	case n.Kind == yaml.SequenceNode:
		return true
	case n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null":
		return false
	}
	p.addf(n.Line, "%s must be a list of codes, not %s", field, kindName(n))
	return false
}

// textTags are the scalar tags read as text: `shortcut: 1` means "1".
var textTags = map[string]bool{"!!str": true, "!!int": true, "!!float": true, "!!bool": true, "!!timestamp": true}

// text returns the trimmed text of a scalar field value; ok is false (and
// the problem reported) when it is not text. Null is empty text.
func (p *parser) text(key, val *yaml.Node) (s string, ok bool) {
	if val.Kind != yaml.ScalarNode {
		p.addf(val.Line, "%s must be text, not %s", key.Value, kindName(val))
		return "", false
	}
	tag := val.ShortTag()
	if tag == "!!null" {
		return "", true
	}
	if !textTags[tag] {
		p.addf(val.Line, "%s must be text, not a value tagged %s", key.Value, val.Tag)
		return "", false
	}
	if !utf8.ValidString(val.Value) {
		p.addf(val.Line, "%s is not valid UTF-8 text", key.Value)
		return "", false
	}
	return strings.TrimSpace(val.Value), true
}

// boolean returns the value of a true/false field (empty: def); anything
// else is reported, and is def.
func (p *parser) boolean(key, val *yaml.Node, def bool) bool {
	switch {
	case val.Kind == yaml.ScalarNode && val.ShortTag() == "!!null":
		return def
	case val.Kind == yaml.ScalarNode && val.ShortTag() == "!!bool":
		var b bool
		if val.Decode(&b) == nil {
			return b
		}
	}
	p.addf(val.Line, "%s must be true or false, not %s", key.Value, kindName(val))
	return def
}

// codes reads the list seq of code entries under parent (nil: top level).
func (p *parser) codes(seq *yaml.Node, parent *entry) {
	if seq.Kind != yaml.SequenceNode {
		return
	}
	for _, item := range seq.Content {
		item = p.deref(item)
		if item == nil {
			continue
		}
		if item.Kind != yaml.MappingNode {
			p.addf(item.Line, "a code must be a mapping of fields (id, name_fi, ...), not %s", kindName(item))
			continue
		}
		p.entry(item, parent)
	}
}

// entry reads one code entry and then its children.
func (p *parser) entry(m *yaml.Node, parent *entry) {
	c := &coding.Code{}
	e := &entry{code: c, line: m.Line, lines: map[string]int{}, bad: map[string]bool{}, parent: parent, nested: parent != nil}
	p.entries = append(p.entries, e)
	var children *yaml.Node
	p.fields(m, codeFields, func(key, val *yaml.Node) {
		e.lines[key.Value] = val.Line
		if key.Value == fieldChildren {
			if p.list(val, fieldChildren) {
				children = val
			}
			return
		}
		if key.Value == fieldCodable {
			c.NotCodable = !p.boolean(key, val, true)
			return
		}
		s, ok := p.text(key, val)
		if !ok {
			e.bad[key.Value] = true
			return
		}
		switch key.Value {
		case fieldID:
			c.ID = strings.ToLower(s)
		case fieldParent:
			e.parentRef = strings.ToLower(s)
		case fieldNameFi:
			c.NameFi = s
		case fieldNameEn:
			c.NameEn = s
		case fieldColor:
			if val.ShortTag() == "!!null" {
				p.addf(val.Line, `color is empty; write it in quotes, e.g. color: "#c0392b" (an unquoted # starts a comment)`)
			}
			c.Color = s
		case fieldShortcut:
			c.Shortcut = s
		case fieldShortDef:
			c.ShortDef = s
		case fieldDefinition:
			c.Definition = s
		case fieldWhenToUse:
			c.WhenToUse = s
		case fieldWhenNotUse:
			c.WhenNotUse = s
		case fieldExample:
			c.Example = s
		}
	})
	if children != nil {
		p.codes(children, e)
	}
}

// kindName names a node's kind for messages.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.ShortTag() == "!!null" {
			return "empty"
		}
		return fmt.Sprintf("the text %q", clip(n.Value))
	case yaml.AliasNode:
		return "an alias"
	}
	return "nothing"
}

func clip(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return string([]rune(s)[:40]) + "…"
}

// closest returns the name in known nearest to s when it is a likely typo.
func closest(s string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		if d := distance(strings.ToLower(s), k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b, in bytes.
func distance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 64
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// oneLine reports whether s has no line breaks, other control characters
// or bidirectional text controls (coding.Unsafe).
func oneLine(s string) bool {
	for _, r := range s {
		if coding.Unsafe(r) {
			return false
		}
	}
	return true
}
