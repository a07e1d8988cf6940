package main

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/toituavain/avain/project"
)

// fieldTerm finds the field:value terms of a query outside quotes (field
// names as the query syntax reads them).
var fieldTerm = regexp.MustCompile(`(?:^|[\s(])[-+]?([\pL_][\pL\pN_.-]*):("[^"]*"|[^\s()]*)`)

// phrase is a quoted phrase: no field:value inside it.
var phrase = regexp.MustCompile(`"[^"]*"`)

// turnFields are the fields every turn has, beside the documents'
// attributes.
var turnFields = []string{"doc", "en", "fi", "kind", "lang", "name", "speaker", "text", "turn"}

// filterHint says, for a query that found nothing, which of its
// field:value terms no document can match: a field no document has, or a
// kind, language or attribute value none has. "" when it finds nothing to
// say.
func filterHint(ctx context.Context, p *project.Project, query string) string {
	docs, err := p.Documents(ctx)
	if err != nil {
		return ""
	}
	values := map[string]map[string]string{"kind": {}, "lang": {}} // field -> lower-case value -> as written
	for _, d := range docs {
		values["kind"][d.Kind], values["lang"][d.Lang] = d.Kind, d.Lang
		for k, v := range d.Attrs {
			k = strings.ToLower(k)
			if values[k] == nil {
				values[k] = map[string]string{}
			}
			values[k][strings.ToLower(v)] = v
		}
	}
	unquoted := phrase.ReplaceAllString(query, `""`)
	for _, m := range fieldTerm.FindAllStringSubmatch(unquoted, -1) {
		field, value := strings.ToLower(m[1]), strings.ToLower(strings.Trim(m[2], `"`))
		vals, known := values[field]
		switch {
		case !known && !slices.Contains(turnFields, field):
			return fmt.Sprintf("no document has the field %q (fields: %s, and the attributes %s)", m[1],
				strings.Join(turnFields, ", "), strings.Join(attrNames(values), ", "))
		case known && value != "" && !strings.ContainsAny(value, "*?<>=") && vals[value] == "":
			return fmt.Sprintf("no document has %s %q (%s: %s)", field, m[2], field, strings.Join(sortedSet(vals), ", "))
		}
	}
	return ""
}

// attrNames are the attribute names of values, kind and lang aside.
func attrNames(values map[string]map[string]string) []string {
	var out []string
	for k := range values {
		if k != "kind" && k != "lang" {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	if len(out) == 0 {
		return []string{"(none)"}
	}
	return out
}

// sortedSet lists the values of a set as written, sorted; ten at most.
func sortedSet(set map[string]string) []string {
	var out []string
	for _, v := range set {
		out = append(out, v)
	}
	sort.Strings(out)
	if len(out) > 10 {
		out = append(out[:10], "…")
	}
	return out
}
