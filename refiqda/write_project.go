package refiqda

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/toituavain/avain/coding"
)

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
