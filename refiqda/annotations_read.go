package refiqda

import (
	"fmt"
	"sort"
	"strings"

	"github.com/toituavain/avain/coding"
)

// AnnotationsName is the name of the code whose codings hold the
// annotations of a file read (avain has no annotation of its own): a
// code of that name in the file, else one made at the top level of the
// codebook with the id AnnotationsGUID.
const AnnotationsName = "Annotations"

// AnnotationsGUID is the id of the code made for annotations.
var AnnotationsGUID = DerivedGUID("code", "annotations")

// annotationNote is a Note that holds the span it is on, as QualCoder
// writes an annotation: its text, its span with the note's author and
// dates, and whether a source took it.
type annotationNote struct {
	guid, text string
	sel        xSelection
	stamp      Stamp
	taken      bool
}

// noteAnnotation keeps n as an annotation when it holds a selection.
func (rd *projectReader) noteAnnotation(n xTextSource, text string, st Stamp) {
	if len(n.Selection) == 0 {
		return
	}
	xs := n.Selection[0]
	if xs.CreatingUser == "" {
		xs.CreatingUser = n.CreatingUser
	}
	if xs.CreationDateTime == "" {
		xs.CreationDateTime = n.CreationDateTime
	}
	if xs.CreationDateTime == "" {
		xs.CreationDateTime = n.ModifiedDateTime // QualCoder reads an annotation's date so
	}
	if xs.ModifiedDateTime == "" {
		xs.ModifiedDateTime = n.ModifiedDateTime
	}
	rd.annots[codeID(n.GUID)] = &annotationNote{guid: codeID(n.GUID), text: text, sel: xs, stamp: st}
}

// annotationsCode is the id of the code annotations are codings of:
// the file's code named AnnotationsName, else one made at the top level.
func (rd *projectReader) annotationsCode() string {
	if rd.p.AnnotationsCode != "" {
		return rd.p.AnnotationsCode
	}
	top := 0
	for _, c := range rd.p.Codes {
		if strings.EqualFold(c.NameFi, AnnotationsName) || strings.EqualFold(c.NameEn, AnnotationsName) || c.ID == AnnotationsGUID {
			rd.p.AnnotationsCode = c.ID
			return c.ID
		}
		if c.ParentID == "" {
			top++
		}
	}
	rd.p.Codes = append(rd.p.Codes, &coding.Code{Record: coding.Record{ID: AnnotationsGUID}, NameFi: AnnotationsName, Position: top})
	rd.ids[AnnotationsGUID] = true
	rd.p.AnnotationsCode = AnnotationsGUID
	return AnnotationsGUID
}

// annotation makes the pending selection of an annotation on the span
// xs: a coding of the annotations code by xs's author at its date (its
// guid made from seed), the annotation's text its memo, stamped from
// avain/project.json, else the note's, else fallback.
func (rd *projectReader) annotation(xs xSelection, seed, text string, fallback Stamp) pendingSelection {
	cg := derived("annotation", seed)
	xs.Coding = []xCoding{{GUID: cg, CreatingUser: xs.CreatingUser, CreationDateTime: xs.CreationDateTime,
		CodeRef: xCodeRef{TargetGUID: rd.annotationsCode()}}}
	rd.stampMemo(cg, fallback)
	rd.p.Annotations++
	return pendingSelection{x: xs, memos: []string{text}}
}

// stampMemo stamps the memo on target from avain/project.json, else
// keeps the stamp its note gave it, else gives it fallback.
func (rd *projectReader) stampMemo(target string, fallback Stamp) {
	if rd.extMemoStamp(target) {
		return
	}
	if _, ok := rd.p.MemoStamps[target]; !ok && fallback != (Stamp{}) {
		rd.p.MemoStamps[target] = fallback
	}
}

// selectionStamp is who made a selection and when, as its attributes say.
func selectionStamp(user, created, modified string) Stamp {
	st := Stamp{Created: parseTime(created), Updated: parseTime(modified)}
	if u := strings.TrimSpace(user); u != "" {
		st.User = codeID(u)
	}
	if st.Updated.IsZero() {
		st.Updated = st.Created
	}
	return st
}

// strayAnnotations gives the annotation notes no source referred to to
// the only source, when there is one; with more, they are reported (a
// QualCoder export refers only to the first annotation of each source).
func (rd *projectReader) strayAnnotations() {
	var stray []*annotationNote
	for _, a := range rd.annots {
		if !a.taken {
			stray = append(stray, a)
		}
	}
	if len(stray) == 0 {
		return
	}
	sort.Slice(stray, func(i, j int) bool { return stray[i].guid < stray[j].guid })
	if len(rd.p.Sources) == 1 {
		s := rd.p.Sources[0]
		for _, a := range stray {
			s.pending = append(s.pending, rd.annotation(a.sel, a.guid, a.text, a.stamp))
			rd.used[a.guid] = true
		}
		return
	}
	first := stray[0].text
	for _, a := range stray[1:] {
		first = min(first, a.text)
	}
	rd.p.Skipped = append(rd.p.Skipped, fmt.Sprintf("%s no document refers to (QualCoder refers only to each document's first), as %.60q: not imported",
		count(len(stray), "annotation", "annotations"), first))
	for _, a := range stray {
		rd.used[a.guid] = true
	}
}

// AvainOrigin is the origin of the projects avain writes.
const AvainOrigin = "avain"

// memoText is a memo's text as read: as it is in a file avain wrote,
// else trimmed of the padding other tools add.
func (rd *projectReader) memoText(s string) string {
	if rd.exact {
		return s
	}
	return strings.TrimSpace(s)
}

// joinMemo is joinMemo for the file read: in a file avain wrote (which
// gives a memo once, as a Description or as notes) the texts are kept as
// they are.
func (rd *projectReader) joinMemo(desc, notes string) string {
	if !rd.exact {
		return joinMemo(desc, notes)
	}
	switch {
	case strings.TrimSpace(desc) == "" || desc == notes:
		return notes
	case strings.TrimSpace(notes) == "":
		return desc
	}
	return desc + "\n\n" + notes
}

// joinMemo is a memo given both as a Description and as notes: once
// when they are the same text, else the two a blank line apart.
func joinMemo(desc, notes string) string {
	desc, notes = strings.TrimSpace(desc), strings.TrimSpace(notes)
	switch {
	case desc == "" || desc == notes:
		return notes
	case notes == "":
		return desc
	}
	return desc + "\n\n" + notes
}
