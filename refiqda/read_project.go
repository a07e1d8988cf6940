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

	"github.com/toituavain/avain/coding"
)

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

// sourcePath turns a plainTextPath ("internal://GUID.txt", or a relative
// path) into the lowercased path of the file in the archive.
func sourcePath(p string) string {
	p = strings.ReplaceAll(strings.TrimSpace(p), "\\", "/")
	if rest, ok := strings.CutPrefix(p, "internal://"); ok {
		return "sources/" + strings.ToLower(rest)
	}
	return strings.ToLower(path.Clean(p))
}
