package refiqda

import (
	"fmt"
	"strings"
)

// What is lost with a source avain does not import (of a kind it does
// not read, or whose text is not in the file): its codings and memos,
// counted in the line that names it.

// lost counts the codings and memos of sources not imported.
type lost struct{ codings, memos int }

// with is prefix, whose and what is lost, as " and their 12 codings and
// 1 memo" (whose: "its" or "their"), or "" when nothing is lost.
func (l lost) with(prefix, whose string) string {
	var parts []string
	if l.codings > 0 {
		parts = append(parts, count(l.codings, "coding", "codings"))
	}
	if l.memos > 0 {
		parts = append(parts, count(l.memos, "memo", "memos"))
	}
	if len(parts) == 0 {
		return ""
	}
	return prefix + whose + " " + strings.Join(parts, " and ")
}

// note counts the memo a NoteRef to target is, when the note has text
// (an annotation note too), and marks it used: it is not reported again
// as a note nothing refers to.
func (l *lost) note(rd *projectReader, target string) {
	g := codeID(target)
	if a := rd.annots[g]; a != nil {
		a.taken = true
	}
	if rd.notes[g] != "" && !rd.used[g] {
		l.memos++
	}
	rd.used[g] = true
}

// selections counts the codings and memos of a text source's selections:
// their Descriptions and notes, and their codings' notes.
func (l *lost) selections(rd *projectReader, sels []xSelection) {
	for _, xs := range sels {
		if strings.TrimSpace(xs.Description) != "" {
			l.memos++
		}
		for _, r := range xs.NoteRef {
			l.note(rd, r.TargetGUID)
		}
		for _, xc := range xs.Coding {
			l.codings++
			for _, r := range xc.NoteRef {
				l.note(rd, r.TargetGUID)
			}
		}
	}
}

// node counts the codings and memos in an element of a source avain does
// not read: each Coding, each Description with text, each NoteRef to a
// note with text.
func (l *lost) node(rd *projectReader, n xNode) {
	switch n.XMLName.Local {
	case "Coding":
		l.codings++
	case "Description":
		if strings.TrimSpace(n.Text) != "" {
			l.memos++
		}
	case "NoteRef":
		l.note(rd, n.Target)
	}
	for _, k := range n.Kids {
		l.node(rd, k)
	}
}

// otherSources reports the sources of kinds avain does not read, a line
// per kind with their count, names, and the codings and memos lost with
// them.
func (rd *projectReader) otherSources(other []xOtherSource) {
	var kinds []string
	names := map[string][]string{}
	losses := map[string]*lost{}
	for _, o := range other {
		k := o.XMLName.Local
		if _, ok := names[k]; !ok {
			kinds = append(kinds, k)
			losses[k] = &lost{}
		}
		names[k] = append(names[k], fmt.Sprintf("%q", cleanName(o.Name)))
		for _, n := range o.Kids {
			losses[k].node(rd, n)
		}
	}
	for _, k := range kinds {
		whose := "their"
		if len(names[k]) == 1 {
			whose = "its"
		}
		rd.p.Skipped = append(rd.p.Skipped, fmt.Sprintf("%s%s (avain reads text sources only): %s",
			count(len(names[k]), k, k+"s"), losses[k].with(" and ", whose), capList(names[k])))
	}
}
