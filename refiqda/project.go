package refiqda

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/toituavain/avain/coding"
)

// Project is a REFI-QDA project (.qdpx) as avain reads and writes it:
// the tool-neutral content, positions in code points of avain's form of
// each text (line ends "\n", NFC).
type Project struct {
	Name    string
	Origin  string            // the tool that wrote it
	Users   map[string]string // user guid -> name
	Codes   []*coding.Code    // parents before children, ids from guids
	Memos   map[string]string // code id -> memo
	Sources []*Source
	// Notes are project notes no source, code or coding refers to; avain
	// has no place for them and reports them.
	Notes []string
	// Skipped says, a line each, what of the file could not be read (a
	// source's own selections are in its Skipped and Changed).
	Skipped []string
	closer  io.Closer // the file the sources are read from
}

// Source is a text document with its attributes, memo and codings. A
// source of an opened project has its Text and Selections only once
// loaded (see Load).
type Source struct {
	GUID       string // canonical lowercase
	Name       string
	Text       string
	Attrs      map[string]string // variable name -> value
	Memo       string
	Selections []Selection
	// Entry is the archive entry its text is read from ("" when the text
	// is inline in the .qde, or the source was made in memory).
	Entry string
	// Skipped and Changed say, a line each, which of its selections Load
	// dropped (empty, or wholly outside the text) and which it cut to the
	// text (partly outside).
	Skipped, Changed []string

	load    func() (string, error) // the raw text
	pending []pendingSelection     // the selections as written
	units   Units                  // how the writing tool counts positions
}

// Selection is a coded span of a source.
type Selection struct {
	GUID       string
	Start, End int // code points of Source.Text, end exclusive
	Codings    []Coding
}

// Coding applies a code to a selection.
type Coding struct {
	GUID     string
	CodeGUID string
	User     string // user guid
	Created  time.Time
	Memo     string
}

// The XML of project.qde, in the order Project.xsd requires.
type (
	xProject struct {
		XMLName          xml.Name    `xml:"urn:QDA-XML:project:1.0 Project"`
		Name             string      `xml:"name,attr"`
		Origin           string      `xml:"origin,attr,omitempty"`
		CreationDateTime string      `xml:"creationDateTime,attr,omitempty"`
		Users            *xUsers     `xml:"Users"`
		CodeBook         *xCodeBook  `xml:"CodeBook"`
		Variables        *xVariables `xml:"Variables"`
		Cases            *xCases     `xml:"Cases"`
		Sources          *xSources   `xml:"Sources"`
		Notes            *xNotes     `xml:"Notes"`
	}
	xUsers    struct{ User []xUser }
	xUser     struct{ GUID, Name string }
	xCodeBook struct {
		Codes struct {
			Code []*xCode `xml:"Code"`
		} `xml:"Codes"`
	}
	xCode struct {
		GUID        string     `xml:"guid,attr"`
		Name        string     `xml:"name,attr"`
		IsCodable   bool       `xml:"isCodable,attr"`
		Color       string     `xml:"color,attr,omitempty"`
		Description string     `xml:"Description,omitempty"`
		NoteRef     []xNoteRef `xml:"NoteRef"`
		Code        []*xCode   `xml:"Code"`
	}
	xNoteRef   struct{ TargetGUID string }
	xVariables struct {
		Variable []xVariable `xml:"Variable"`
	}
	xVariable struct {
		GUID           string `xml:"guid,attr"`
		Name           string `xml:"name,attr"`
		TypeOfVariable string `xml:"typeOfVariable,attr"`
	}
	xCases struct {
		Case []xCase `xml:"Case"`
	}
	xCase struct {
		GUID          string           `xml:"guid,attr"`
		Name          string           `xml:"name,attr,omitempty"`
		VariableValue []xVariableValue `xml:"VariableValue"`
		SourceRef     []xSourceRef     `xml:"SourceRef"`
	}
	xVariableValue struct {
		VariableRef  xVariableRef `xml:"VariableRef"`
		TextValue    *string      `xml:"TextValue"`
		BooleanValue *string      `xml:"BooleanValue"`
		IntegerValue *string      `xml:"IntegerValue"`
		FloatValue   *string      `xml:"FloatValue"`
		DateValue    *string      `xml:"DateValue"`
	}
	xVariableRef struct {
		TargetGUID string `xml:"targetGUID,attr"`
	}
	xSourceRef struct {
		TargetGUID string `xml:"targetGUID,attr"`
	}
	xSources struct {
		TextSource []xTextSource `xml:"TextSource"`
		Other      []xAny        `xml:",any"`
	}
	xAny        struct{ XMLName xml.Name }
	xTextSource struct {
		GUID             string           `xml:"guid,attr"`
		Name             string           `xml:"name,attr,omitempty"`
		PlainTextPath    string           `xml:"plainTextPath,attr,omitempty"`
		CreatingUser     string           `xml:"creatingUser,attr,omitempty"`
		CreationDateTime string           `xml:"creationDateTime,attr,omitempty"`
		Description      string           `xml:"Description,omitempty"`
		PlainTextContent *string          `xml:"PlainTextContent"`
		Selection        []xSelection     `xml:"PlainTextSelection"`
		NoteRef          []xNoteRef       `xml:"NoteRef"`
		VariableValue    []xVariableValue `xml:"VariableValue"`
	}
	xSelection struct {
		GUID             string    `xml:"guid,attr"`
		Name             string    `xml:"name,attr,omitempty"`
		StartPosition    int       `xml:"startPosition,attr"`
		EndPosition      int       `xml:"endPosition,attr"`
		CreatingUser     string    `xml:"creatingUser,attr,omitempty"`
		CreationDateTime string    `xml:"creationDateTime,attr,omitempty"`
		Coding           []xCoding `xml:"Coding"`
	}
	xCoding struct {
		GUID             string     `xml:"guid,attr"`
		CreatingUser     string     `xml:"creatingUser,attr,omitempty"`
		CreationDateTime string     `xml:"creationDateTime,attr,omitempty"`
		CodeRef          xCodeRef   `xml:"CodeRef"`
		NoteRef          []xNoteRef `xml:"NoteRef"`
	}
	xCodeRef struct {
		TargetGUID string `xml:"targetGUID,attr"`
	}
	xNotes struct {
		Note []xTextSource `xml:"Note"`
	}
)

// The attribute forms of the small structs above.
func (u xUser) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	start.Name.Local = "User"
	start.Attr = []xml.Attr{{Name: xml.Name{Local: "guid"}, Value: u.GUID}, {Name: xml.Name{Local: "name"}, Value: u.Name}}
	return e.EncodeElement(struct{}{}, start)
}

func (u *xUser) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	for _, a := range start.Attr {
		switch a.Name.Local {
		case "guid":
			u.GUID = a.Value
		case "name":
			u.Name = a.Value
		}
	}
	return d.Skip()
}

func (n xNoteRef) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	start.Attr = []xml.Attr{{Name: xml.Name{Local: "targetGUID"}, Value: n.TargetGUID}}
	return e.EncodeElement(struct{}{}, start)
}

func (n *xNoteRef) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	for _, a := range start.Attr {
		if a.Name.Local == "targetGUID" {
			n.TargetGUID = a.Value
		}
	}
	return d.Skip()
}

// textVariable is the type avain gives every attribute.
const textVariable = "Text"

// derived makes a stable guid from a seed and a kind ("selection", "note").
func derived(kind, seed string) string {
	return uuid.NewSHA1(guidSpace, []byte(kind+":"+seed)).String()
}

// DerivedGUID is a stable guid for a thing of kind ("selection", "note")
// made from seed (an id), so a project exported twice has the same guids.
func DerivedGUID(kind, seed string) string { return derived(kind, seed) }

// UserGUID is the guid avain gives a coder: stable across exports.
func UserGUID(name string) string { return derived("user", name) }

// WriteProject writes p as a .qdpx archive: project.qde and, for each
// source, its text in sources/<guid>.txt (UTF-8, "\n" line ends), with
// positions in code points as the standard says. lang picks the name
// attribute of codes (the other name goes into the Description).
func WriteProject(w io.Writer, p *Project, lang string, now time.Time) error {
	cb, err := coding.NewCodebook(p.Codes)
	if err != nil {
		return err
	}
	x := xProject{Name: p.Name, Origin: p.Origin, CreationDateTime: now.UTC().Format(time.RFC3339)}
	var notes []xTextSource
	note := func(target, text, user string) []xNoteRef {
		if strings.TrimSpace(text) == "" {
			return nil
		}
		g := derived("note", target)
		t := text
		notes = append(notes, xTextSource{GUID: g, Name: "Memo", CreatingUser: user, PlainTextContent: &t})
		return []xNoteRef{{TargetGUID: g}}
	}
	// Users, sorted by name.
	if len(p.Users) > 0 {
		x.Users = &xUsers{}
		for g, n := range p.Users {
			x.Users.User = append(x.Users.User, xUser{GUID: g, Name: n})
		}
		sort.Slice(x.Users.User, func(i, j int) bool { return x.Users.User[i].Name < x.Users.User[j].Name })
	}
	// The codebook, nested.
	var codeOf func(c *coding.Code) *xCode
	codeOf = func(c *coding.Code) *xCode {
		xc := &xCode{GUID: c.ID, Name: c.Name(lang), IsCodable: true, Color: strings.ToUpper(c.Color),
			Description: foldDescription(entryOf(c, lang)), NoteRef: note(c.ID, p.Memos[c.ID], "")}
		for _, k := range cb.Children(c.ID) {
			xc.Code = append(xc.Code, codeOf(k))
		}
		return xc
	}
	if cb.Len() > 0 {
		x.CodeBook = &xCodeBook{}
		for _, c := range cb.Children("") {
			x.CodeBook.Codes.Code = append(x.CodeBook.Codes.Code, codeOf(c))
		}
	}
	// Variables: every attribute name, as text; a case per source.
	names := map[string]bool{}
	for _, s := range p.Sources {
		for k := range s.Attrs {
			names[k] = true
		}
	}
	varGUID := map[string]string{}
	if len(names) > 0 {
		x.Variables = &xVariables{}
		sorted := make([]string, 0, len(names))
		for k := range names {
			sorted = append(sorted, k)
		}
		sort.Strings(sorted)
		for _, k := range sorted {
			varGUID[k] = derived("variable", k)
			x.Variables.Variable = append(x.Variables.Variable, xVariable{GUID: varGUID[k], Name: k, TypeOfVariable: textVariable})
		}
		x.Cases = &xCases{}
	}
	files := map[string][]byte{}
	x.Sources = &xSources{}
	for _, s := range p.Sources {
		if len(names) > 0 {
			c := xCase{GUID: derived("case", s.GUID), Name: s.Name, SourceRef: []xSourceRef{{TargetGUID: s.GUID}}}
			keys := make([]string, 0, len(s.Attrs))
			for k := range s.Attrs {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				v := s.Attrs[k]
				c.VariableValue = append(c.VariableValue, xVariableValue{VariableRef: xVariableRef{TargetGUID: varGUID[k]}, TextValue: &v})
			}
			x.Cases.Case = append(x.Cases.Case, c)
		}
		ts := xTextSource{GUID: s.GUID, Name: s.Name, PlainTextPath: "internal://" + s.GUID + ".txt", NoteRef: note(s.GUID, s.Memo, "")}
		for _, sel := range s.Selections {
			xs := xSelection{GUID: sel.GUID, StartPosition: sel.Start, EndPosition: sel.End}
			for _, c := range sel.Codings {
				created := ""
				if !c.Created.IsZero() {
					created = c.Created.UTC().Format(time.RFC3339)
				}
				if xs.CreatingUser == "" {
					xs.CreatingUser, xs.CreationDateTime = c.User, created
				}
				xs.Coding = append(xs.Coding, xCoding{GUID: c.GUID, CreatingUser: c.User, CreationDateTime: created,
					CodeRef: xCodeRef{TargetGUID: c.CodeGUID}, NoteRef: note(c.GUID, c.Memo, c.User)})
			}
			ts.Selection = append(ts.Selection, xs)
		}
		x.Sources.TextSource = append(x.Sources.TextSource, ts)
		files["sources/"+s.GUID+".txt"] = []byte(s.Text)
	}
	if len(notes) > 0 {
		x.Notes = &xNotes{Note: notes}
	}
	var qde bytes.Buffer
	qde.WriteString(xml.Header)
	enc := xml.NewEncoder(&qde)
	enc.Indent("", "  ")
	if err := enc.Encode(x); err != nil {
		return fmt.Errorf("write project.qde: %w", err)
	}
	zw := zip.NewWriter(w)
	add := func(name string, data []byte) error {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: now})
		if err != nil {
			return err
		}
		_, err = f.Write(data)
		return err
	}
	if err := add("project.qde", qde.Bytes()); err != nil {
		return err
	}
	keys := make([]string, 0, len(files))
	for k := range files {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if err := add(k, files[k]); err != nil {
			return err
		}
	}
	return zw.Close()
}

// OpenProjectFile opens a .qdpx archive, or a bare .qde, and reads its
// project.qde: the codebook, users, memos, and each source's name,
// attributes and memo. A source's text and selections are read from the
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

// Close releases the file an opened project reads its sources from.
func (p *Project) Close() error {
	if p.closer == nil {
		return nil
	}
	err := p.closer.Close()
	p.closer = nil
	return err
}

// maxQDEBytes bounds the project.qde read from an archive (or a bare
// .qde), and the notes read from the archive's files together: texts
// inline in the .qde are decoded with it, so it holds no more than one
// document of the largest size.
const maxQDEBytes = coding.MaxDocumentBytes

// TooLargeError is a source, or a project.qde, over avain's limits.
// errors.Is(err, coding.ErrTooLarge) is true for it.
type TooLargeError struct {
	What string // `source "NAME" (sources/GUID.txt)`, or "project.qde"
	// Bytes is set when the bytes are over the limit, else the characters
	// are: Chars of them.
	Bytes bool
	Chars int
}

func (e *TooLargeError) Error() string {
	switch e.What {
	case "project.qde":
		return fmt.Sprintf("project.qde is over avain's limit of %s bytes", thousands(maxQDEBytes))
	case "notes":
		return fmt.Sprintf("the notes in the archive's files are over avain's limit of %s bytes together", thousands(maxQDEBytes))
	}
	held := "over " + thousands(coding.MaxDocumentBytes) + " bytes"
	if !e.Bytes {
		held = thousands(e.Chars)
	}
	return fmt.Sprintf("%s is over avain's limit of %s characters for one document (it holds %s)", e.What, thousands(coding.MaxDocumentChars), held)
}

// Unwrap makes errors.Is(err, coding.ErrTooLarge) true.
func (e *TooLargeError) Unwrap() error { return coding.ErrTooLarge }

// thousands writes n with commas: 20,000,000.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// readLimited reads at most limit bytes of r; more is a *TooLargeError
// about what.
func readLimited(r io.Reader, limit int, what string) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return nil, err
	}
	if len(b) > limit {
		return nil, &TooLargeError{What: what, Bytes: true}
	}
	return b, nil
}

// readEntry reads an archive entry through readLimited.
func readEntry(f *zip.File, limit int, what string) ([]byte, error) {
	if f.UncompressedSize64 > uint64(limit) {
		return nil, &TooLargeError{What: what, Bytes: true}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, &FormatError{Msg: f.Name + ": " + err.Error()}
	}
	defer rc.Close()
	b, err := readLimited(rc, limit, what)
	if err != nil {
		if _, ok := err.(*TooLargeError); ok {
			return nil, err
		}
		return nil, &FormatError{Msg: f.Name + ": " + err.Error()}
	}
	return b, nil
}

// readProject reads the project.qde of the archive (or bare .qde) in r,
// leaving the sources' texts in r for their Load.
func readProject(r io.ReaderAt, size int64) (*Project, error) {
	var qde []byte
	entries := map[string]*zip.File{} // lowercased path in the archive -> entry
	magic := make([]byte, 2)
	if n, _ := r.ReadAt(magic, 0); n == 2 && string(magic) == "PK" {
		zr, err := zip.NewReader(r, size)
		if err != nil {
			return nil, &FormatError{Msg: "not a .qdpx archive: " + err.Error()}
		}
		var qdeEntry *zip.File
		for _, f := range zr.File {
			name := strings.ToLower(path.Clean(strings.ReplaceAll(f.Name, "\\", "/")))
			if f.FileInfo().IsDir() {
				continue
			}
			if !strings.Contains(name, "/") && strings.HasSuffix(name, ".qde") {
				if qdeEntry != nil {
					return nil, &FormatError{Msg: "the archive holds more than one .qde"}
				}
				qdeEntry = f
				continue
			}
			entries[name] = f
		}
		if qdeEntry == nil {
			return nil, &FormatError{Msg: "the archive holds no project.qde"}
		}
		b, err := readEntry(qdeEntry, maxQDEBytes, "project.qde")
		if err != nil {
			return nil, err
		}
		qde = b
	} else {
		b, err := readLimited(io.NewSectionReader(r, 0, size), maxQDEBytes, "project.qde")
		if err != nil {
			return nil, err
		}
		qde = b
	}
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
	p := &Project{Name: x.Name, Origin: x.Origin, Users: map[string]string{}, Memos: map[string]string{}}
	units := UnitsOf(x.Origin)
	// Notes by guid, and which are referred to.
	notes := map[string]string{}
	used := map[string]bool{}
	noteBytes := 0 // read from the archive's files
	if x.Notes != nil {
		for _, n := range x.Notes.Note {
			text := n.Description
			if n.PlainTextContent != nil {
				text = *n.PlainTextContent
			} else if f, ok := entries[sourcePath(n.PlainTextPath)]; ok {
				b, err := readEntry(f, coding.MaxDocumentBytes, fmt.Sprintf("note %s (%s)", n.GUID, f.Name))
				if err != nil {
					return nil, err
				}
				if noteBytes += len(b); noteBytes > maxQDEBytes {
					return nil, &TooLargeError{What: "notes", Bytes: true}
				}
				text = normalize(decodeSource(b), CodePoints).text
			}
			notes[codeID(n.GUID)] = strings.TrimSpace(text)
		}
	}
	memo := func(refs []xNoteRef) string {
		var parts []string
		for _, r := range refs {
			g := codeID(r.TargetGUID)
			if t := notes[g]; t != "" {
				parts = append(parts, t)
			}
			used[g] = true
		}
		return strings.Join(parts, "\n\n")
	}
	if x.Users != nil {
		for _, u := range x.Users.User {
			p.Users[codeID(u.GUID)] = strings.TrimSpace(u.Name)
		}
	}
	// Codes, parents first.
	if x.CodeBook != nil {
		ids := map[string]bool{}
		var walk func(xc *xCode, parent string, pos int) error
		walk = func(xc *xCode, parent string, pos int) error {
			c := &coding.Code{ParentID: parent, Position: pos, Color: normalColor(xc.Color)}
			c.ID = codeID(xc.GUID)
			if ids[c.ID] {
				return &FormatError{Msg: "two codes have the guid " + c.ID}
			}
			ids[c.ID] = true
			e := parseDescription(xc.Description)
			c.ShortDef, c.Definition, c.WhenToUse, c.WhenNotUse, c.Example, c.Shortcut =
				e.ShortDef, e.Definition, e.WhenToUse, e.WhenNotUse, e.Example, e.Shortcut
			name := strings.TrimSpace(xc.Name)
			if e.HasNameFi {
				c.NameFi, c.NameEn = e.NameFi, name
			} else {
				c.NameFi, c.NameEn = name, e.NameEn
			}
			if c.NameFi == "" && c.NameEn == "" {
				return &FormatError{Msg: "code " + c.ID + " has no name"}
			}
			if m := memo(xc.NoteRef); m != "" {
				p.Memos[c.ID] = m
			}
			p.Codes = append(p.Codes, c)
			for i, k := range xc.Code {
				if err := walk(k, c.ID, i); err != nil {
					return err
				}
			}
			return nil
		}
		for i, xc := range x.CodeBook.Codes.Code {
			if err := walk(xc, "", i); err != nil {
				return nil, err
			}
		}
	}
	// Variables and cases: attributes by source.
	varName := map[string]string{}
	if x.Variables != nil {
		for _, v := range x.Variables.Variable {
			varName[codeID(v.GUID)] = strings.TrimSpace(v.Name)
		}
	}
	attrs := map[string]map[string]string{} // source guid -> name -> value
	setAttrs := func(source string, vals []xVariableValue) {
		for _, vv := range vals {
			name := varName[codeID(vv.VariableRef.TargetGUID)]
			val := vv.value()
			if name == "" || val == "" {
				continue
			}
			if attrs[source] == nil {
				attrs[source] = map[string]string{}
			}
			attrs[source][name] = val
		}
	}
	if x.Cases != nil {
		for _, c := range x.Cases.Case {
			for _, r := range c.SourceRef {
				setAttrs(codeID(r.TargetGUID), c.VariableValue)
			}
		}
	}
	// Sources.
	if x.Sources != nil {
		for _, o := range x.Sources.Other {
			p.Skipped = append(p.Skipped, fmt.Sprintf("a %s (avain reads text sources only)", o.XMLName.Local))
		}
		for _, ts := range x.Sources.TextSource {
			s := &Source{GUID: codeID(ts.GUID), Name: strings.TrimSpace(ts.Name), Memo: memo(ts.NoteRef)}
			if s.Name == "" {
				s.Name = s.GUID
			}
			setAttrs(s.GUID, ts.VariableValue)
			s.Attrs = attrs[s.GUID]
			sels := make([]pendingSelection, len(ts.Selection))
			for i, xs := range ts.Selection {
				sels[i] = pendingSelection{x: xs}
				for _, xc := range xs.Coding {
					sels[i].memos = append(sels[i].memos, memo(xc.NoteRef))
				}
			}
			switch f, ok := entries[sourcePath(ts.PlainTextPath)]; {
			case ts.PlainTextContent != nil:
				inline := *ts.PlainTextContent
				s.load = func() (string, error) { return inline, nil }
			case ok:
				s.Entry = f.Name
				if f.UncompressedSize64 > coding.MaxDocumentBytes {
					return nil, &TooLargeError{What: fmt.Sprintf("source %q (%s)", s.Name, f.Name), Bytes: true}
				}
				s.load = func() (string, error) {
					b, err := readEntry(f, coding.MaxDocumentBytes, fmt.Sprintf("source %q (%s)", s.Name, f.Name))
					if err != nil {
						return "", err
					}
					return decodeSource(b), nil
				}
			default:
				p.Skipped = append(p.Skipped, fmt.Sprintf("source %q: its text (%s) is not in the file", s.Name, ts.PlainTextPath))
				continue
			}
			s.pending, s.units = sels, units
			p.Sources = append(p.Sources, s)
		}
	}
	for g, t := range notes {
		if !used[g] && t != "" {
			p.Notes = append(p.Notes, t)
		}
	}
	sort.Strings(p.Notes)
	return p, nil
}

// value returns a variable value's text, whatever its type.
func (v xVariableValue) value() string {
	for _, s := range []*string{v.TextValue, v.BooleanValue, v.IntegerValue, v.FloatValue, v.DateValue} {
		if s != nil {
			return strings.TrimSpace(*s)
		}
	}
	return ""
}

// sourcePath turns a plainTextPath ("internal://GUID.txt", or a relative
// path) into the lowercased path of the file in the archive.
func sourcePath(p string) string {
	p = strings.ReplaceAll(strings.TrimSpace(p), "\\", "/")
	if rest, ok := strings.CutPrefix(p, "internal://"); ok {
		return "sources/" + strings.ToLower(rest)
	}
	return strings.ToLower(path.Clean(p))
}
