package refiqda

import (
	"fmt"
	"strings"
)

// What of a project.qde avain keeps other than the file has it, or
// reports as not carried: sets, links, graphs, cases.

// readSets makes each set with member sources a document attribute of
// its members, as QualCoder imports a set: the set's name is the
// attribute and its value (so the documents filter finds the members by
// the set's name, and `--by NAME` groups them). A name that is already
// a variable of the file, an attribute of a member, or one of the
// documents filter's own fields (kind, lang, name) gets the prefix
// "set-". Members that are no text source read, and a set's member
// codes and notes (avain has no sets of codes or notes), are reported.
func (rd *projectReader) readSets(xs *xSets) {
	if xs == nil {
		return
	}
	byGUID := map[string]*Source{}
	for _, s := range rd.p.Sources {
		byGUID[s.GUID] = s
	}
	vars := rd.reservedNames()
	for _, set := range xs.Set {
		name := strings.Join(strings.Fields(cleanName(set.Name)), " ")
		if name == "" {
			name = codeID(set.GUID)
		}
		var members []*Source
		for _, m := range set.MemberSource {
			if s := byGUID[codeID(m.TargetGUID)]; s != nil {
				members = append(members, s)
			}
		}
		if len(members) > 0 {
			rd.membership("set", name, members, vars)
		}
		var lost []string
		if n := len(set.MemberSource) - len(members); n > 0 {
			lost = append(lost, count(n, "member source", "member sources")+" avain does not import")
		}
		if n := len(set.MemberCode); n > 0 {
			lost = append(lost, count(n, "member code", "member codes")+" (avain has no sets of codes)")
		}
		if n := len(set.MemberNote); n > 0 {
			lost = append(lost, count(n, "member note", "member notes")+" (avain has no sets of notes)")
		}
		if d := strings.TrimSpace(set.Description); d != "" {
			lost = append(lost, fmt.Sprintf("its description %.40q (avain has no set memos)", d))
		}
		switch {
		case len(lost) > 0:
			rd.p.Skipped = append(rd.p.Skipped, fmt.Sprintf("set %q: %s", name, strings.Join(lost, ", ")))
		case len(members) == 0:
			rd.p.Skipped = append(rd.p.Skipped, fmt.Sprintf("set %q: it has no members", name))
		}
	}
}

// reservedNames are the names a membership attribute must not take
// without a prefix: the file's variables and the documents filter's own
// fields (kind, lang, name), lower case.
func (rd *projectReader) reservedNames() map[string]bool {
	vars := map[string]bool{"kind": true, "lang": true, "name": true}
	for _, v := range rd.varName {
		vars[strings.ToLower(v)] = true
	}
	return vars
}

// membership makes members' membership of a group (a set, a case) of
// the kind given a document attribute: the group's name is the attribute
// and its value, prefixed with kind and "-" when the name is reserved
// (see reservedNames) or already an attribute of a member. It is said in
// Changed.
func (rd *projectReader) membership(kind, name string, members []*Source, reserved map[string]bool) {
	key := name
	for _, s := range members {
		if _, ok := s.Attrs[key]; ok {
			reserved[strings.ToLower(key)] = true
		}
	}
	if reserved[strings.ToLower(key)] {
		key = kind + "-" + name
	}
	for _, s := range members {
		if s.Attrs == nil {
			s.Attrs = map[string]string{}
		}
		s.Attrs[key] = name
	}
	rd.p.Changed = append(rd.p.Changed, fmt.Sprintf("%s %q: kept as the document attribute %q (value %q) of its %s",
		kind, name, key, name, count(len(members), "document", "documents")))
}

// readLinksGraphs reports the file's links and graphs, which avain has
// no place for, with their counts.
func (rd *projectReader) readLinksGraphs(x *xProject) {
	var parts []string
	if x.Graphs != nil && len(x.Graphs.Graph) > 0 {
		parts = append(parts, count(len(x.Graphs.Graph), "graph", "graphs"))
	}
	if x.Links != nil && len(x.Links.Link) > 0 {
		parts = append(parts, count(len(x.Links.Link), "link", "links"))
	}
	if len(parts) > 0 {
		rd.p.Skipped = append(rd.p.Skipped, strings.Join(parts, ", ")+" (avain has no place for them)")
	}
}

// keepCodable keeps codable a category the file marks not codable but
// codes with, and says so.
func (rd *projectReader) keepCodable() {
	for _, c := range rd.p.Codes {
		if c.NotCodable && rd.codedWith[c.ID] {
			c.NotCodable = false
			rd.p.Changed = append(rd.p.Changed, fmt.Sprintf("code %q is marked not codable (isCodable=\"false\") but the file codes with it: kept codable", c.Name("fi")))
		}
	}
}

// count is "1 thing" or "n things".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// maxListed is how many names, or lines, a report lists before "and N
// more".
const maxListed = 10

// capList joins names with ", ", the first maxListed, then "and N more".
func capList(names []string) string {
	if len(names) <= maxListed {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:maxListed], ", ") + fmt.Sprintf(" and %d more", len(names)-maxListed)
}
