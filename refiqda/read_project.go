package refiqda

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/toituavain/avain/coding"
)

// OpenProjectFile opens a .qdpx archive, or a bare .qde, and reads its
// project.qde: the codebook, users, memos, and each source's name,
// attributes and memo. Memos are read where tools put them: a source's
// Description and notes are its memo, a selection's Description and a
// coding's notes the coding's memo, the project's Description and notes
// the project memo (a text given twice kept once); a code's Description
// is its definition. Annotations (a Note holding its span, a selection
// with a memo and no coding) become codings of the code AnnotationsName;
// sets of sources become attributes of their members; avain's own
// entries (avain/) give codes and memos their makers, and sources their
// format and turns. What is kept otherwise is in Changed, what is not
// kept in Skipped. A source's text and selections are read from the
// archive only by its Load, one source at a time, so memory stays bounded
// by the largest source. A source over avain's limit on one document is
// refused here when the archive declares its size. Close the project
// when done.
func OpenProjectFile(name string) (*Project, error) {
	f, err := os.Open(name)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err // "x.qdpx: no such file or directory", not "open x.qdpx: ..."
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	p, err := readProject(f, st.Size())
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	p.closer = f
	return p, nil
}

// readProject reads the project.qde of the archive (or bare .qde) in r,
// leaving the sources' texts in r for their Load. Its steps follow the
// .qde: the notes first (codes, sources and codings refer to them), the
// users, the codebook, the attributes, the sources, and last the notes
// nothing referred to.
func readProject(r io.ReaderAt, size int64) (*Project, error) {
	qde, entries, err := readQDE(r, size)
	if err != nil {
		return nil, err
	}
	x, err := decodeQDE(qde)
	if err != nil {
		return nil, err
	}
	rd := &projectReader{
		p: &Project{Name: x.Name, Origin: x.Origin, Users: map[string]string{}, Memos: map[string]string{},
			MemoStamps: map[string]Stamp{}},
		units:   UnitsOf(x.Origin),
		file:    &fileUnits{guess: UnitsOf(x.Origin), counted: map[*Source]bool{}},
		entries: entries,
		notes:   map[string]string{}, used: map[string]bool{}, stamps: map[string]Stamp{},
		ids: map[string]bool{}, varName: map[string]string{}, caseVals: map[string]map[string]caseValue{},
		annots: map[string]*annotationNote{}, codedWith: map[string]bool{},
	}
	rd.exact = x.Origin == AvainOrigin
	rd.ext = rd.readExtProject()
	if err := rd.readNotes(x.Notes); err != nil {
		return nil, err
	}
	rd.readUsers(x.Users)
	if err := rd.readCodebook(x.CodeBook); err != nil {
		return nil, err
	}
	rd.readCases(x.Variables, x.Cases)
	if err := rd.readSources(x.Sources); err != nil {
		return nil, err
	}
	rd.strayAnnotations()
	rd.file.needUnits()
	rd.p.Memo = rd.joinMemo(x.Description, rd.memo(coding.ProjectMemoID, x.NoteRef))
	if strings.TrimSpace(rd.p.Memo) != "" {
		rd.stampMemo(coding.ProjectMemoID, Stamp{})
	}
	rd.readSets(x.Sets)
	rd.readLinksGraphs(x)
	rd.checkCases(x.Cases)
	rd.keepCodable()
	rd.looseNotes()
	return rd.p, nil
}

// decodeQDE decodes the bytes of a project.qde.
func decodeQDE(qde []byte) (*xProject, error) {
	var x xProject
	d := xml.NewDecoder(bytes.NewReader(qde))
	d.CharsetReader = charsetReader
	if err := d.Decode(&x); err != nil {
		line, _ := d.InputPos()
		return nil, &FormatError{Line: line, Msg: "project.qde: " + err.Error()}
	}
	if x.XMLName.Local != "Project" {
		return nil, &FormatError{Msg: "project.qde: the root element is not <Project>"}
	}
	return &x, nil
}

// projectReader holds what reading a project.qde has found so far.
type projectReader struct {
	p       *Project
	units   Units                // how the writing tool counts positions
	file    *fileUnits           // what the file's named selections say of units
	entries map[string]*zip.File // lowercased path in the archive -> entry
	notes   map[string]string    // note guid -> text
	used    map[string]bool      // note guid -> referred to
	stamps  map[string]Stamp     // note guid -> its author and times
	ids     map[string]bool      // the code guids read
	varName map[string]string    // variable guid -> name
	// caseVals are the attributes cases give sources: source guid ->
	// name -> value and the case.
	caseVals map[string]map[string]caseValue
	clashes  []attrClash // values a source is given twice
	// annots are the notes that hold their span (annotations), by guid.
	annots map[string]*annotationNote
	// codedWith are the codes the file's codings use.
	codedWith map[string]bool
	ext       *ExtProject // avain/project.json, when the archive has one
	// exact is set for a file avain wrote: its memos are read as they
	// are, other tools' with their padding trimmed.
	exact bool
}

// readNotes reads the notes' texts, inline or from the archive's files;
// those in files may hold no more than maxQDEBytes together.
func (rd *projectReader) readNotes(xn *xNotes) error {
	if xn == nil {
		return nil
	}
	noteBytes := 0 // read from the archive's files
	for _, n := range xn.Note {
		text := n.Description
		if n.PlainTextContent != nil {
			text = *n.PlainTextContent
		} else if f, ok := rd.entries[sourcePath(n.PlainTextPath)]; ok {
			b, err := readEntry(f, coding.MaxDocumentBytes, fmt.Sprintf("note %s (%s)", n.GUID, f.Name))
			if err != nil {
				return err
			}
			if noteBytes += len(b); noteBytes > maxQDEBytes {
				return &TooLargeError{What: "notes", Bytes: true}
			}
			text = normalize(decodeSource(b), CodePoints).text
		}
		rd.notes[codeID(n.GUID)] = rd.memoText(text)
		st := Stamp{Created: parseTime(n.CreationDateTime), Updated: parseTime(n.ModifiedDateTime)}
		if u := strings.TrimSpace(n.CreatingUser); u != "" {
			st.User = codeID(u)
		}
		rd.stamps[codeID(n.GUID)] = st
		rd.noteAnnotation(n, rd.memoText(text), st)
	}
	return nil
}

// memo joins the texts of the notes refs refer to, a blank line between,
// and marks them used. The memo takes the author and times of its first
// note with text, kept in MemoStamps under target.
func (rd *projectReader) memo(target string, refs []xNoteRef) string {
	var parts []string
	for _, r := range refs {
		g := codeID(r.TargetGUID)
		if t := rd.notes[g]; t != "" {
			if len(parts) == 0 {
				if st := rd.stamps[g]; st != (Stamp{}) {
					rd.p.MemoStamps[target] = st
				}
			}
			parts = append(parts, t)
		}
		rd.used[g] = true
	}
	return strings.Join(parts, "\n\n")
}

// parseTime reads an xs:dateTime (with or without a zone; none is UTC),
// the zero time when absent or unreadable.
func parseTime(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

// readUsers reads the users' names by guid.
func (rd *projectReader) readUsers(xu *xUsers) {
	if xu == nil {
		return
	}
	for _, u := range xu.User {
		rd.p.Users[codeID(u.GUID)] = cleanName(u.Name)
	}
}

// readCodebook reads the codes, parents before their children.
func (rd *projectReader) readCodebook(cb *xCodeBook) error {
	if cb == nil {
		return nil
	}
	for i, xc := range cb.Codes.Code {
		if err := rd.readCode(xc, "", i); err != nil {
			return err
		}
	}
	return nil
}

// readCode reads a code at pos under parent, its memo, then its children.
func (rd *projectReader) readCode(xc *xCode, parent string, pos int) error {
	c := &coding.Code{ParentID: parent, Position: pos, Color: normalColor(xc.Color), NotCodable: notCodable(xc.IsCodable)}
	c.ID = codeID(xc.GUID)
	if rd.ids[c.ID] {
		return &FormatError{Msg: "two codes have the guid " + c.ID}
	}
	rd.ids[c.ID] = true
	e, foreign := rd.codeEntry(c.ID, xc.Description)
	if foreign {
		if rd.p.ForeignDescriptions == nil {
			rd.p.ForeignDescriptions = map[string]bool{}
		}
		rd.p.ForeignDescriptions[c.ID] = true
	}
	c.ShortDef, c.Definition, c.WhenToUse, c.WhenNotUse, c.Example, c.Shortcut =
		e.ShortDef, e.Definition, e.WhenToUse, e.WhenNotUse, e.Example, e.Shortcut
	name := cleanName(xc.Name)
	if e.HasNameFi {
		c.NameFi, c.NameEn = cleanName(e.NameFi), name
	} else {
		c.NameFi, c.NameEn = name, cleanName(e.NameEn)
	}
	if c.NameFi == "" && c.NameEn == "" {
		return &FormatError{Msg: "code " + c.ID + " has no name"}
	}
	if m := rd.memo(c.ID, xc.NoteRef); m != "" {
		rd.p.Memos[c.ID] = m
		rd.extMemoStamp(c.ID)
	}
	rd.extCode(c)
	rd.p.Codes = append(rd.p.Codes, c)
	for i, k := range xc.Code {
		if err := rd.readCode(k, c.ID, i); err != nil {
			return err
		}
	}
	return nil
}

// readSources reads the text sources (their texts left for Load) and
// reports the sources of other kinds.
func (rd *projectReader) readSources(xs *xSources) error {
	if xs == nil {
		return nil
	}
	rd.otherSources(xs.Other)
	for _, ts := range xs.TextSource {
		s, err := rd.readSource(ts)
		if err != nil {
			return err
		}
		if s != nil {
			rd.p.Sources = append(rd.p.Sources, s)
		}
	}
	return nil
}

// readSource reads a text source: its name, memo, attributes, selections
// as written, and where its text is. A source whose text is not in the
// file is reported and nil.
func (rd *projectReader) readSource(ts xTextSource) (*Source, error) {
	s := &Source{GUID: codeID(ts.GUID), Name: cleanName(ts.Name),
		Stamp: selectionStamp(ts.CreatingUser, ts.CreationDateTime, ts.ModifiedDateTime)}
	if s.Name == "" {
		s.Name = s.GUID
	}
	var memoRefs []xNoteRef
	var annots []*annotationNote
	for _, r := range ts.NoteRef {
		a := rd.annots[codeID(r.TargetGUID)]
		if a == nil || a.taken {
			memoRefs = append(memoRefs, r)
			continue
		}
		a.taken, rd.used[a.guid] = true, true
		annots = append(annots, a)
	}
	s.Memo = rd.joinMemo(ts.Description, rd.memo(s.GUID, memoRefs))
	if strings.TrimSpace(ts.Description) != "" {
		rd.stampMemo(s.GUID, s.Stamp)
	} else {
		rd.extMemoStamp(s.GUID)
	}
	s.Attrs = rd.sourceAttrs(s.GUID, ts.VariableValue)
	if ok, err := rd.sourceText(ts, s, len(annots)); !ok || err != nil {
		return nil, err
	}
	// Only a source read has its annotations and selections read.
	for _, a := range annots {
		s.pending = append(s.pending, rd.annotation(a.sel, a.guid, a.text, a.stamp))
	}
	for _, xs := range ts.Selection {
		s.pending = append(s.pending, rd.selection(xs))
	}
	s.units, s.file = rd.units, rd.file
	rd.file.sources = append(rd.file.sources, s)
	rd.readExtSource(s)
	return s, nil
}

// sourceText finds where the text of s is, for its Load: inline, or an
// archive entry within avain's limit. A source whose text is not in the
// file is reported with its codings and memos (annots: the annotations
// on it), and false.
func (rd *projectReader) sourceText(ts xTextSource, s *Source, annots int) (bool, error) {
	switch f, ok := rd.entries[sourcePath(ts.PlainTextPath)]; {
	case ts.PlainTextContent != nil:
		inline := *ts.PlainTextContent
		s.load = func() (string, error) { return inline, nil }
		s.raw = s.load
	case ok:
		s.Entry = f.Name
		if f.UncompressedSize64 > coding.MaxDocumentBytes {
			return false, &TooLargeError{What: fmt.Sprintf("source %q (%s)", s.Name, f.Name), Bytes: true}
		}
		s.load = func() (string, error) {
			b, err := readEntry(f, coding.MaxDocumentBytes, fmt.Sprintf("source %q (%s)", s.Name, f.Name))
			if err != nil {
				return "", err
			}
			return decodeSource(b), nil
		}
		s.raw = s.load
	default:
		l := lost{memos: annots} // an annotation's text is a memo lost
		if strings.TrimSpace(s.Memo) != "" {
			l.memos++
		}
		l.selections(rd, ts.Selection)
		rd.p.Skipped = append(rd.p.Skipped, fmt.Sprintf("source %q%s: its text (%s) is not in the file", s.Name, l.with(", with ", "its"), ts.PlainTextPath))
		return false, nil
	}
	return true, nil
}

// selection reads a selection as written: its codings' memos (its
// Description is the memo of each, joined with the coding's notes), or,
// when it has no coding but a Description or notes, an annotation.
func (rd *projectReader) selection(xs xSelection) pendingSelection {
	if strings.TrimSpace(xs.GUID) == "" {
		xs.GUID = codeID("") // one id, for its codings' and the selection's
	}
	desc := rd.memoText(xs.Description)
	st := selectionStamp(xs.CreatingUser, xs.CreationDateTime, xs.ModifiedDateTime)
	if len(xs.Coding) == 0 {
		seed := codeID(xs.GUID)
		text := rd.joinMemo(desc, rd.memo(derived("annotation", seed), xs.NoteRef))
		if strings.TrimSpace(text) == "" {
			return pendingSelection{x: xs}
		}
		return rd.annotation(xs, seed, text, st)
	}
	ps := pendingSelection{x: xs}
	for i, xc := range xs.Coding {
		if strings.TrimSpace(xc.GUID) == "" { // a guid the memo's stamp and the coding share
			xs.Coding[i].GUID = derived("coding", fmt.Sprintf("%s/%d", xs.GUID, i))
		}
		cg := codeID(xs.Coding[i].GUID)
		rd.codedWith[codeID(xc.CodeRef.TargetGUID)] = true
		ps.memos = append(ps.memos, rd.joinMemo(desc, rd.memo(cg, xc.NoteRef)))
		if strings.TrimSpace(desc) != "" {
			rd.stampMemo(cg, st)
		} else {
			rd.extMemoStamp(cg)
		}
	}
	return ps
}

// looseNotes puts the notes nothing referred to in the project's Notes,
// sorted.
func (rd *projectReader) looseNotes() {
	for g, t := range rd.notes {
		if !rd.used[g] && t != "" {
			rd.p.Notes = append(rd.p.Notes, t)
		}
	}
	sort.Strings(rd.p.Notes)
}

// codingTimes are when a coding was made, from its own creationDateTime,
// else its selection's, and last changed: the selection's
// modifiedDateTime when later, else the same.
func codingTimes(xc xCoding, xs xSelection) (created, updated time.Time) {
	created = parseTime(xc.CreationDateTime)
	if created.IsZero() {
		created = parseTime(xs.CreationDateTime)
	}
	updated = created
	if m := parseTime(xs.ModifiedDateTime); m.After(created) {
		updated = m
	}
	return created, updated
}

// notCodable reads an isCodable attribute (xs:boolean): "false" or "0"
// make a category; "true", "1", or no attribute at all (as QualCoder
// reads one missing) a codable code.
func notCodable(isCodable string) bool {
	v := strings.TrimSpace(isCodable)
	return v == "false" || v == "0"
}
