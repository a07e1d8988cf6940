package refiqda

import (
	"fmt"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// The cases of a project.qde: the attributes they give their sources, a
// named case of several sources kept as a membership attribute (as a
// set), and what of them is not carried.

// caseValue is an attribute a case gives a source: its value and the
// case's name.
type caseValue struct{ value, from string }

// attrClash is an attribute a source is given two values of: the one
// kept and where from, and the other.
type attrClash struct {
	source, name     string // source guid, attribute
	kept, keptFrom   string
	other, otherFrom string
}

// caseName is a case's name, or its guid when it has none.
func caseName(c xCase) string {
	if n := cleanName(c.Name); n != "" {
		return n
	}
	return codeID(c.GUID)
}

// readCases reads the variables' names and the attributes the cases give
// their sources. A source two cases give different values of one
// attribute keeps the first case's.
func (rd *projectReader) readCases(xv *xVariables, xc *xCases) {
	if xv != nil {
		for _, v := range xv.Variable {
			rd.varName[codeID(v.GUID)] = cleanName(v.Name)
		}
	}
	if xc == nil {
		return
	}
	for _, c := range xc.Case {
		from := fmt.Sprintf("its case %q", caseName(c))
		for _, r := range c.SourceRef {
			src := codeID(r.TargetGUID)
			for _, vv := range c.VariableValue {
				name, val := rd.varName[codeID(vv.VariableRef.TargetGUID)], cleanValue(vv.value())
				if name == "" || val == "" {
					continue
				}
				if rd.caseVals[src] == nil {
					rd.caseVals[src] = map[string]caseValue{}
				}
				if old, ok := rd.caseVals[src][name]; ok {
					if old.value != val {
						rd.clashes = append(rd.clashes, attrClash{source: src, name: name, kept: old.value, keptFrom: old.from, other: val, otherFrom: from})
					}
					continue
				}
				rd.caseVals[src][name] = caseValue{value: val, from: from}
			}
		}
	}
}

// sourceAttrs are the attributes of source: its cases' values, and its
// own VariableValues (vals), which win over a case's.
func (rd *projectReader) sourceAttrs(source string, vals []xVariableValue) map[string]string {
	attrs := map[string]string{}
	for name, cv := range rd.caseVals[source] {
		attrs[name] = cv.value
	}
	for _, vv := range vals {
		name, val := rd.varName[codeID(vv.VariableRef.TargetGUID)], cleanValue(vv.value())
		if name == "" || val == "" {
			continue
		}
		if cv, ok := rd.caseVals[source][name]; ok && cv.value != val {
			rd.clashes = append(rd.clashes, attrClash{source: source, name: name, kept: val, keptFrom: "the document",
				other: cv.value, otherFrom: cv.from})
		}
		attrs[name] = val
	}
	if len(attrs) == 0 {
		return nil
	}
	return attrs
}

// checkCases keeps each named case of several sources as a membership
// attribute of the sources read (avain's own one case per document is
// not one), and reports the attribute values a source read was given
// twice, the cases that refer to no text source read (their attributes
// reach no document) and the cases' descriptions (avain has no case
// memos).
func (rd *projectReader) checkCases(xc *xCases) {
	if xc == nil {
		return
	}
	read := map[string]*Source{}
	for _, s := range rd.p.Sources {
		read[s.GUID] = s
	}
	reserved := rd.reservedNames()
	var nowhere, described []string
	for _, c := range xc.Case {
		name := caseName(c)
		var members []*Source
		for _, r := range c.SourceRef {
			if s := read[codeID(r.TargetGUID)]; s != nil {
				members = append(members, s)
			}
		}
		if len(members) < len(c.SourceRef) {
			nowhere = append(nowhere, fmt.Sprintf("%q", name))
		}
		if cleanName(c.Name) != "" && len(c.SourceRef) > 1 && len(members) > 0 {
			rd.membership("case", name, members, reserved)
		}
		if strings.TrimSpace(c.Description) != "" {
			described = append(described, fmt.Sprintf("%q", name))
		}
	}
	rd.reportClashes(read)
	if len(nowhere) > 0 {
		verb := "refer"
		if len(nowhere) == 1 {
			verb = "refers"
		}
		rd.p.Skipped = append(rd.p.Skipped, fmt.Sprintf("%s %s to a source avain does not import (its attributes reach no document there): %s",
			count(len(nowhere), "case", "cases"), verb, capList(nowhere)))
	}
	if len(described) > 0 {
		rd.p.Skipped = append(rd.p.Skipped, fmt.Sprintf("the descriptions of %s (avain has no case memos): %s",
			count(len(described), "case", "cases"), capList(described)))
	}
}

// reportClashes says, a line each (capped), which value a source read
// kept of an attribute it was given twice.
func (rd *projectReader) reportClashes(read map[string]*Source) {
	n := 0
	for _, c := range rd.clashes {
		s := read[c.source]
		if s == nil {
			continue
		}
		if n++; n > maxListed {
			continue
		}
		rd.p.Changed = append(rd.p.Changed, fmt.Sprintf("source %q: attribute %q is %q in %s and %q in %s: kept %q",
			s.Name, c.name, c.kept, c.keptFrom, c.other, c.otherFrom, c.kept))
	}
	if n > maxListed {
		rd.p.Changed = append(rd.p.Changed, fmt.Sprintf("and %d more attributes given two values", n-maxListed))
	}
}

// cleanName is a name read from a file: in NFC (ATLAS.ti on macOS writes
// NFD), trimmed.
func cleanName(s string) string { return norm.NFC.String(strings.TrimSpace(s)) }

// cleanValue is an attribute value read from a file: in NFC, trimmed.
func cleanValue(s string) string { return norm.NFC.String(strings.TrimSpace(s)) }
