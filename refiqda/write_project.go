package refiqda

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/toituavain/avain/coding"
)

// WriteProject writes p as a .qdpx archive: project.qde, for each
// source its text in sources/<guid>.txt (UTF-8, "\n" line ends), with
// positions in code points as the standard says, and then avain's
// extension (see avainext.go), which other tools pass by. lang picks the
// name attribute of codes (the other name goes into the Description).
// Memos go where other tools read them: the project's, a source's and a
// selection's in their Description, a code's (whose Description is its
// codebook entry) in a Note.
func WriteProject(w io.Writer, p *Project, lang string, now time.Time) error {
	cb, err := coding.NewCodebook(p.Codes)
	if err != nil {
		return err
	}
	pw := &projectWriter{p: p, lang: lang, cb: cb, now: now,
		ext: ExtProject{Version: ExtVersion, Codes: map[string]ExtCode{}, Memos: map[string]ExtRecord{}}}
	x := xProject{Name: p.Name, Origin: p.Origin, CreationDateTime: now.UTC().Format(time.RFC3339)}
	x.Users = pw.users()
	x.CodeBook = pw.codeBook()
	x.Variables, x.Cases = pw.cases()
	x.Sources = pw.sources()
	if len(pw.notes) > 0 {
		x.Notes = &xNotes{Note: pw.notes}
	}
	x.Description = pw.description(coding.ProjectMemoID, p.Memo, Stamp{})
	qde, err := encodeQDE(x)
	if err != nil {
		return err
	}
	entries := append([]archiveEntry{{name: "project.qde", write: writeBytes(qde)}}, pw.texts()...)
	return writeArchive(w, append(entries, pw.extEntries()...), now)
}

// projectWriter holds what writing a project has made so far: the notes
// its code memos became, and the records of the extension.
type projectWriter struct {
	p     *Project
	lang  string
	cb    *coding.Codebook
	notes []xTextSource
	now   time.Time         // the stamp of what has no time of its own
	vars  map[string]string // attribute name -> its variable's GUID
	ext   ExtProject        // avain/project.json
}

// xmlTime is t in the xsd:dateTime form the standard uses (UTC, seconds),
// or the export time when t is zero.
func (pw *projectWriter) xmlTime(t time.Time) string {
	if t.IsZero() {
		t = pw.now
	}
	return t.UTC().Format("2006-01-02T15:04:05Z")
}

// note makes the note of a memo on target (none for a blank memo) and
// returns the reference to it. The note is stamped with the memo's
// author and times, else with dflt's (the stamp of what it is on).
func (pw *projectWriter) note(target, text string, dflt Stamp) []xNoteRef {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	g := derived("note", target)
	t := text
	st, ok := pw.p.MemoStamps[target]
	if !ok {
		st = dflt
	}
	pw.notes = append(pw.notes, xTextSource{GUID: g, Name: "Memo", CreatingUser: st.User,
		CreationDateTime: pw.xmlTime(st.Created), ModifiedDateTime: pw.xmlTime(later(st)), PlainTextContent: &t})
	return []xNoteRef{{TargetGUID: g}}
}

// description is a memo on target written as its Description ("" for a
// blank memo). A Description has no author or time: the memo's stamp,
// else dflt (the stamp of what it is on), goes into the extension's Memos
// under target.
func (pw *projectWriter) description(target, text string, dflt Stamp) string {
	if strings.TrimSpace(text) == "" {
		return ""
	}
	st, ok := pw.p.MemoStamps[target]
	if !ok {
		st = dflt
	}
	if r := (ExtRecord{Coder: pw.p.Users[st.User], Created: st.Created, Updated: st.Updated}); r != (ExtRecord{}) {
		pw.ext.Memos[target] = r
	}
	return text
}

// users lists the users, sorted by name (nil for none).
func (pw *projectWriter) users() *xUsers {
	if len(pw.p.Users) == 0 {
		return nil
	}
	xu := &xUsers{}
	for g, n := range pw.p.Users {
		xu.User = append(xu.User, xUser{GUID: g, Name: n})
	}
	sort.Slice(xu.User, func(i, j int) bool { return xu.User[i].Name < xu.User[j].Name })
	return xu
}

// codeBook nests the codes (nil for none).
func (pw *projectWriter) codeBook() *xCodeBook {
	if pw.cb.Len() == 0 {
		return nil
	}
	xb := &xCodeBook{}
	for _, c := range pw.cb.Children("") {
		xb.Codes.Code = append(xb.Codes.Code, pw.code(c))
	}
	return xb
}

// code is c with its memo and its children.
func (pw *projectWriter) code(c *coding.Code) *xCode {
	xc := &xCode{GUID: c.ID, Name: c.Name(pw.lang), IsCodable: strconv.FormatBool(!c.NotCodable), Color: strings.ToUpper(c.Color),
		Description: foldDescription(entryOf(c, pw.lang)), NoteRef: pw.note(c.ID, pw.p.Memos[c.ID], Stamp{})}
	pw.ext.Codes[c.ID] = ExtCode{ExtRecord: ExtRecord{Coder: c.Coder, Created: c.Created, Updated: c.Updated},
		Entry: &ExtEntry{NameFi: c.NameFi, NameEn: c.NameEn, Shortcut: c.Shortcut, ShortDef: c.ShortDef,
			Definition: c.Definition, WhenToUse: c.WhenToUse, WhenNotUse: c.WhenNotUse, Example: c.Example}}
	for _, k := range pw.cb.Children(c.ID) {
		xc.Code = append(xc.Code, pw.code(k))
	}
	return xc
}

// cases makes a text variable of every attribute name and a case per
// source holding its values (both nil when no source has attributes).
func (pw *projectWriter) cases() (*xVariables, *xCases) {
	names := map[string]bool{}
	for _, s := range pw.p.Sources {
		for k := range s.Attrs {
			names[k] = true
		}
	}
	if len(names) == 0 {
		return nil, nil
	}
	xv, xc := &xVariables{}, &xCases{}
	varGUID := map[string]string{}
	pw.vars = varGUID
	for _, k := range sortedKeys(names) {
		varGUID[k] = derived("variable", k)
		xv.Variable = append(xv.Variable, xVariable{GUID: varGUID[k], Name: k, TypeOfVariable: textVariable})
	}
	for _, s := range pw.p.Sources {
		c := xCase{GUID: derived("case", s.GUID), Name: s.Name, SourceRef: []xSourceRef{{TargetGUID: s.GUID}},
			VariableValue: pw.values(s)}
		xc.Case = append(xc.Case, c)
	}
	return xv, xc
}

// values are the variable values of s's attributes, by name. They go
// both in its case and in its TextSource: QualCoder takes a document's
// attributes only from there or from an unnamed case.
func (pw *projectWriter) values(s *Source) []xVariableValue {
	var vs []xVariableValue
	for _, k := range sortedKeys(s.Attrs) {
		v := s.Attrs[k]
		vs = append(vs, xVariableValue{VariableRef: xVariableRef{TargetGUID: pw.vars[k]}, TextValue: &v})
	}
	return vs
}

// sortedKeys returns the keys of m, sorted.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// sources makes the text sources, their selections and memos (each one's
// text goes in its file, see texts); nil for a project of no documents
// (the schema wants a Sources element to hold one at least).
func (pw *projectWriter) sources() *xSources {
	if len(pw.p.Sources) == 0 {
		return nil
	}
	xs := &xSources{}
	for _, s := range pw.p.Sources {
		ts := xTextSource{GUID: s.GUID, Name: s.Name, PlainTextPath: "internal://" + s.GUID + ".txt", Description: pw.description(s.GUID, s.Memo, s.Stamp),
			CreatingUser: s.Stamp.User, CreationDateTime: pw.xmlTime(s.Stamp.Created), ModifiedDateTime: pw.xmlTime(later(s.Stamp))}
		for _, sel := range s.Selections {
			ts.Selection = append(ts.Selection, pw.selection(sel))
		}
		ts.VariableValue = pw.values(s)
		xs.TextSource = append(xs.TextSource, ts)
	}
	return xs
}

// selection is sel with its codings and their memos; the selection's
// creator and times are its first coding's. The memo of a selection's
// only coding (avain writes a selection per coding) is the selection's
// Description, where QualCoder and ATLAS.ti keep a coding memo; codings
// that share a selection keep theirs in Notes. (Notes and sources always
// get times, the export's when they have none: QualCoder needs a Note's.)
func (pw *projectWriter) selection(sel Selection) xSelection {
	xs := xSelection{GUID: sel.GUID, StartPosition: sel.Start, EndPosition: sel.End}
	for i, c := range sel.Codings {
		st := Stamp{User: c.User, Created: c.Created, Updated: c.Updated}
		var refs []xNoteRef
		if len(sel.Codings) == 1 {
			xs.Description = pw.description(c.GUID, c.Memo, st)
		} else {
			refs = pw.note(c.GUID, c.Memo, st)
		}
		created, modified := "", "" // a coding without a time is written without one
		if !c.Created.IsZero() {
			created, modified = pw.xmlTime(c.Created), pw.xmlTime(later(Stamp{Created: c.Created, Updated: c.Updated}))
		}
		if i == 0 {
			xs.CreatingUser, xs.CreationDateTime, xs.ModifiedDateTime = c.User, created, modified
		}
		xs.Coding = append(xs.Coding, xCoding{GUID: c.GUID, CreatingUser: c.User, CreationDateTime: created,
			CodeRef: xCodeRef{TargetGUID: c.CodeGUID}, NoteRef: refs})
	}
	return xs
}

// later is when st was last changed: Updated, else Created.
func later(st Stamp) time.Time {
	if st.Updated.IsZero() {
		return st.Created
	}
	return st.Updated
}

// encodeQDE writes x as the bytes of project.qde, indented.
func encodeQDE(x xProject) ([]byte, error) {
	var qde bytes.Buffer
	qde.WriteString(xml.Header)
	enc := xml.NewEncoder(&qde)
	enc.Indent("", "  ")
	if err := enc.Encode(x); err != nil {
		return nil, fmt.Errorf("write project.qde: %w", err)
	}
	return qde.Bytes(), nil
}
