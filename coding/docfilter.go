package coding

import (
	"strings"
	"unicode"
)

// DocFilter is a parsed filter of documents, as typed in the documents
// list: terms separated by spaces, every one of them required. A term
// key:value (or key=value) asks for a field: kind, lang, name, or any
// attribute (region:Kuopio); the value is found anywhere in the field's
// value, and an empty value asks only that the field be set. Any other
// term is free text, found in the document's name, kind or attribute
// values. A value with spaces is quoted: model:"yhteinen palvelupiste".
// Everything is case-insensitive.
type DocFilter struct {
	Fields []FieldTerm // key:value terms
	Words  []string    // free text, lower-cased
}

// FieldTerm is one key:value term of a DocFilter, both lower-cased.
type FieldTerm struct{ Key, Value string }

// ParseDocFilter parses a documents filter (see DocFilter).
func ParseDocFilter(s string) DocFilter {
	var f DocFilter
	for _, tok := range filterTokens(s) {
		if k, v, ok := fieldTerm(tok); ok {
			f.Fields = append(f.Fields, FieldTerm{Key: k, Value: v})
			continue
		}
		if tok = strings.ToLower(strings.ReplaceAll(tok, `"`, "")); tok != "" {
			f.Words = append(f.Words, tok)
		}
	}
	return f
}

// filterTokens splits s at spaces outside double quotes.
func filterTokens(s string) []string {
	var out []string
	var b strings.Builder
	quoted := false
	for _, r := range s {
		switch {
		case r == '"':
			quoted = !quoted
			b.WriteRune(r)
		case unicode.IsSpace(r) && !quoted:
			if b.Len() > 0 {
				out = append(out, b.String())
				b.Reset()
			}
		default:
			b.WriteRune(r)
		}
	}
	if b.Len() > 0 {
		out = append(out, b.String())
	}
	return out
}

// fieldTerm splits a key:value or key=value token; the key is letters,
// digits, _ and -.
func fieldTerm(tok string) (key, value string, ok bool) {
	i := strings.IndexAny(tok, ":=")
	if i <= 0 {
		return "", "", false
	}
	for _, r := range tok[:i] {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && r != '-' {
			return "", "", false
		}
	}
	return strings.ToLower(tok[:i]), strings.ToLower(strings.ReplaceAll(tok[i+1:], `"`, "")), true
}

// Match reports whether document d passes every term of the filter.
func (f DocFilter) Match(d DocSummary) bool {
	for _, t := range f.Fields {
		v, ok := docField(d, t.Key)
		if !ok || v == "" || !strings.Contains(strings.ToLower(v), t.Value) {
			return false
		}
	}
	if len(f.Words) == 0 {
		return true
	}
	var hay strings.Builder
	hay.WriteString(strings.ToLower(d.Name + "\x00" + d.Kind))
	for _, v := range d.Attrs {
		hay.WriteString("\x00" + strings.ToLower(v))
	}
	h := hay.String()
	for _, w := range f.Words {
		if !strings.Contains(h, w) {
			return false
		}
	}
	return true
}

// docField returns d's value of the field key (kind, lang, name or an
// attribute, its name matched case-insensitively) and whether d has it.
func docField(d DocSummary, key string) (string, bool) {
	switch key {
	case "kind":
		return d.Kind, true
	case "lang":
		return d.Lang, true
	case "name":
		return d.Name, true
	}
	if v, ok := d.Attrs[key]; ok {
		return v, true
	}
	for k, v := range d.Attrs {
		if strings.EqualFold(k, key) {
			return v, true
		}
	}
	return "", false
}

// Unknown returns the filter's keys that no document of docs has: not
// kind, lang or name, nor an attribute of any of them.
func (f DocFilter) Unknown(docs []DocSummary) []string {
	var out []string
	for _, t := range f.Fields {
		known := false
		for _, d := range docs {
			if _, ok := docField(d, t.Key); ok {
				known = true
				break
			}
		}
		if !known {
			out = append(out, t.Key)
		}
	}
	return out
}
