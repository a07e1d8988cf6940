package refiqda

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/toituavain/avain/coding"
)

// qdeTree is the part of project.qde the memo tests look at, read
// independently of the writer's own types.
type qdeTree struct {
	Description *string `xml:"Description"`
	NoteRef     []struct {
		Target string `xml:"targetGUID,attr"`
	} `xml:"NoteRef"`
	Codes []qdeCode `xml:"CodeBook>Codes>Code"`
	Notes []struct {
		GUID string `xml:"guid,attr"`
		Text string `xml:"PlainTextContent"`
	} `xml:"Notes>Note"`
	Sources []struct {
		GUID        string  `xml:"guid,attr"`
		Path        string  `xml:"plainTextPath,attr"`
		Description *string `xml:"Description"`
		NoteRef     []struct {
			Target string `xml:"targetGUID,attr"`
		} `xml:"NoteRef"`
		Selections []struct {
			GUID        string  `xml:"guid,attr"`
			Description *string `xml:"Description"`
			NoteRef     []struct {
				Target string `xml:"targetGUID,attr"`
			} `xml:"NoteRef"`
			Codings []struct {
				GUID    string `xml:"guid,attr"`
				NoteRef []struct {
					Target string `xml:"targetGUID,attr"`
				} `xml:"NoteRef"`
			} `xml:"Coding"`
		} `xml:"PlainTextSelection"`
	} `xml:"Sources>TextSource"`
}

type qdeCode struct {
	GUID      string `xml:"guid,attr"`
	IsCodable string `xml:"isCodable,attr"`
	NoteRef   []struct {
		Target string `xml:"targetGUID,attr"`
	} `xml:"NoteRef"`
	Code []qdeCode `xml:"Code"`
}

// memoProject is sampleProject with a project memo, a category that is
// not codable, the memos' authors and times, the codes' records and the
// first source's format and turns.
func memoProject() *Project {
	p := sampleProject()
	t0 := time.Date(2026, 3, 1, 9, 30, 15, 250e6, time.UTC)
	p.Memo = "Projektin muistio: haastattelut 2026."
	p.Codes = append(p.Codes, &coding.Code{Record: coding.Record{ID: "0199a000-0000-7000-8000-000000000004", Coder: "ville",
		Created: t0, Updated: t0.Add(time.Hour)}, NameFi: "Teemat", NotCodable: true, Position: 2})
	p.Codes[0].Record = coding.Record{ID: p.Codes[0].ID, Coder: "aino", Created: t0, Updated: t0}
	p.MemoStamps = map[string]Stamp{
		"project":                              {User: UserGUID("ville"), Created: t0, Updated: t0.Add(2 * time.Hour)},
		"0199a000-0000-7000-8000-0000000000d1": {User: UserGUID("aino"), Created: t0.Add(time.Minute)},
		"0199a000-0000-7000-8000-0000000000c1": {User: UserGUID("ville"), Created: t0.Add(3 * time.Minute),
			Updated: t0.Add(4 * time.Minute)},
	}
	s := p.Sources[0]
	s.Format = "vtt"
	s.Turns = []coding.Turn{
		{N: 1, Speaker: "H", Start: 0, End: 20, Time: 2400 * time.Millisecond, TimeEnd: 8013 * time.Millisecond, HasTime: true},
		{N: 2, Speaker: "V", Start: 21, End: 64, Time: 12911 * time.Millisecond, HasTime: true},
		{N: 3, Start: 65, End: 77},
	}
	return p
}

// writeMemoProject writes memoProject and returns the archive.
func writeMemoProject(t *testing.T, p *Project) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteProject(&b, p, coding.LangFinnish, time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// zipEntries reads an archive's entries in their order.
func zipEntries(t *testing.T, archive []byte) ([]string, map[string][]byte, map[string]*zip.File) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(archive), int64(len(archive)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	data, files := map[string][]byte{}, map[string]*zip.File{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, f.Name)
		data[f.Name], files[f.Name] = b, f
	}
	return names, data, files
}

// TestWriteProjectPutsMemosWhereToolsReadThem: a coding memo is the
// Description of its PlainTextSelection, a document memo its TextSource's
// and the project memo the Project's (where QualCoder, ATLAS.ti and MAXQDA
// write and read them), with no Note beside them; a code's Description is
// its codebook entry, so a code memo stays a Note. A category avain keeps
// from coding is isCodable="false". The file validates.
func TestWriteProjectPutsMemosWhereToolsReadThem(t *testing.T) {
	p := memoProject()
	archive := writeMemoProject(t, p)
	validateProject(t, archive)
	_, data, _ := zipEntries(t, archive)
	var x qdeTree
	if err := xml.Unmarshal(data["project.qde"], &x); err != nil {
		t.Fatal(err)
	}
	if x.Description == nil || *x.Description != p.Memo || len(x.NoteRef) != 0 {
		t.Errorf("project Description %v, NoteRefs %v; want %q", x.Description, x.NoteRef, p.Memo)
	}
	src := x.Sources[0]
	if src.Description == nil || *src.Description != "Haastattelu keskeytyi." || len(src.NoteRef) != 0 {
		t.Errorf("source Description %v, NoteRefs %v", src.Description, src.NoteRef)
	}
	if x.Sources[1].Description != nil {
		t.Errorf("a source without a memo has a Description %q", *x.Sources[1].Description)
	}
	sel := src.Selections[0]
	if sel.Description == nil || *sel.Description != "Viikkoja!" || len(sel.NoteRef) != 0 || len(sel.Codings[0].NoteRef) != 0 {
		t.Errorf("selection Description %v, NoteRefs %v, coding NoteRefs %v", sel.Description, sel.NoteRef, sel.Codings[0].NoteRef)
	}
	if d := src.Selections[1].Description; d != nil {
		t.Errorf("a selection without a memo has a Description %q", *d)
	}
	// The one Note left is the code memo's, and the code refers to it.
	if len(x.Notes) != 1 || x.Notes[0].Text != "Kela mainitaan usein." {
		t.Fatalf("notes %+v, want the code memo alone", x.Notes)
	}
	codable := map[string]string{}
	var walk func([]qdeCode)
	walk = func(cs []qdeCode) {
		for _, c := range cs {
			codable[c.GUID] = c.IsCodable
			if c.GUID == "0199a000-0000-7000-8000-000000000003" && (len(c.NoteRef) != 1 || c.NoteRef[0].Target != x.Notes[0].GUID) {
				t.Errorf("code memo NoteRef %v, note %s", c.NoteRef, x.Notes[0].GUID)
			}
			walk(c.Code)
		}
	}
	walk(x.Codes)
	if codable["0199a000-0000-7000-8000-000000000004"] != "false" || codable["0199a000-0000-7000-8000-000000000001"] != "true" ||
		codable["0199a000-0000-7000-8000-000000000002"] != "true" {
		t.Errorf("isCodable %v", codable)
	}
}

// TestWriteProjectWritesTheAvainExtension: after project.qde and the
// sources' texts, the archive holds avain/project.json (the codes'
// records and the stamps of the memos written as Descriptions, by coder
// name) and avain/sources/<guid>.json for each source (its text's hash,
// format and turns in code points and milliseconds). Two writes are the
// same bytes.
func TestWriteProjectWritesTheAvainExtension(t *testing.T) {
	p := memoProject()
	archive := writeMemoProject(t, p)
	names, data, files := zipEntries(t, archive)
	d1, d2 := "0199a000-0000-7000-8000-0000000000d1", "0199a000-0000-7000-8000-0000000000d2"
	want := []string{"project.qde", "sources/" + d1 + ".txt", "sources/" + d2 + ".txt",
		"avain/project.json", "avain/sources/" + d1 + ".json"}
	if !slices.Equal(names, want) {
		t.Fatalf("entries %q, want %q", names, want)
	}
	for _, f := range files {
		if !f.Modified.Equal(time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)) {
			t.Errorf("%s modified %v", f.Name, f.Modified)
		}
	}
	var ext ExtProject
	if err := json.Unmarshal(data["avain/project.json"], &ext); err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 3, 1, 9, 30, 15, 250e6, time.UTC)
	if ext.Version != ExtVersion {
		t.Errorf("version %d", ext.Version)
	}
	wantCodes := map[string]ExtRecord{
		"0199a000-0000-7000-8000-000000000001": {Coder: "aino", Created: t0, Updated: t0},
		"0199a000-0000-7000-8000-000000000004": {Coder: "ville", Created: t0, Updated: t0.Add(time.Hour)},
	}
	if len(ext.Codes) != len(p.Codes) { // every code, for its entry
		t.Errorf("codes %+v", ext.Codes)
	}
	for _, c := range p.Codes {
		if x := ext.Codes[c.ID].Entry; x == nil || x.NameFi != c.NameFi || x.Definition != c.Definition || x.Shortcut != c.Shortcut {
			t.Errorf("code %s: entry %+v, want the code's fields %+v", c.ID, x, c)
		}
	}
	for id, w := range wantCodes {
		if g, ok := ext.Codes[id]; !ok || g.Coder != w.Coder || !g.Created.Equal(w.Created) || !g.Updated.Equal(w.Updated) {
			t.Errorf("code %s: %+v (present %v), want %+v", id, g, ok, w)
		}
	}
	wantMemos := map[string]ExtRecord{
		"project":                              {Coder: "ville", Created: t0, Updated: t0.Add(2 * time.Hour)},
		d1:                                     {Coder: "aino", Created: t0.Add(time.Minute)},
		"0199a000-0000-7000-8000-0000000000c1": {Coder: "ville", Created: t0.Add(3 * time.Minute), Updated: t0.Add(4 * time.Minute)},
	}
	if len(ext.Memos) != len(wantMemos) {
		t.Errorf("memos %+v", ext.Memos)
	}
	for id, w := range wantMemos {
		if g := ext.Memos[id]; g.Coder != w.Coder || !g.Created.Equal(w.Created) || !g.Updated.Equal(w.Updated) {
			t.Errorf("memo stamp %s: %+v, want %+v", id, g, w)
		}
	}
	var src ExtSource
	if err := json.Unmarshal(data["avain/sources/"+d1+".json"], &src); err != nil {
		t.Fatal(err)
	}
	wantSrc := ExtSource{Hash: coding.ContentHash(p.Sources[0].Text), Format: "vtt", Turns: []ExtTurn{
		{Speaker: "H", Start: 0, End: 20, TimeMs: 2400, TimeEndMs: 8013, HasTime: true},
		{Speaker: "V", Start: 21, End: 64, TimeMs: 12911, HasTime: true},
		{Start: 65, End: 77},
	}}
	if src.Hash != wantSrc.Hash || src.Format != wantSrc.Format || !slices.Equal(src.Turns, wantSrc.Turns) {
		t.Errorf("source extension %+v\nwant %+v", src, wantSrc)
	}
	if again := writeMemoProject(t, memoProject()); !bytes.Equal(again, archive) {
		t.Error("the same project written twice differs")
	}
	// The texts are as they were: the extension is beside them.
	if string(data["sources/"+d1+".txt"]) != p.Sources[0].Text || strings.Contains(string(data["project.qde"]), "avain/") {
		t.Error("the texts or project.qde changed")
	}
}
