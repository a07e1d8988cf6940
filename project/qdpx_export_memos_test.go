package project

import (
	"archive/zip"
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/refiqda"
)

// exportEntries exports p to a .qdpx and reads its entries by name, in
// their order.
func exportEntries(t *testing.T, p *Project) (string, []string, map[string][]byte) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "p.qdpx")
	if _, err := p.ExportQDPX(context.Background(), file, "fi", "aino"); err != nil {
		t.Fatal(err)
	}
	names, data := archiveEntries(t, file)
	return file, names, data
}

// archiveEntries reads the entries of the zip archive file by name, and
// their names in their order.
func archiveEntries(t *testing.T, file string) ([]string, map[string][]byte) {
	t.Helper()
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	data := map[string][]byte{}
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
		names, data[f.Name] = append(names, f.Name), b
	}
	return names, data
}

// exportedQDE is the part of an exported project.qde these tests read.
type exportedQDE struct {
	Origin      string `xml:"origin,attr"`
	Description string `xml:"Description"`
	Codes       []struct {
		GUID      string `xml:"guid,attr"`
		IsCodable string `xml:"isCodable,attr"`
	} `xml:"CodeBook>Codes>Code"`
	Notes   []struct{} `xml:"Notes>Note"`
	Sources []struct {
		GUID        string     `xml:"guid,attr"`
		Description string     `xml:"Description"`
		NoteRefs    []struct{} `xml:"NoteRef"`
		Selections  []struct {
			Description string `xml:"Description"`
			Coding      struct {
				GUID     string     `xml:"guid,attr"`
				NoteRefs []struct{} `xml:"NoteRef"`
			} `xml:"Coding"`
		} `xml:"PlainTextSelection"`
	} `xml:"Sources>TextSource"`
}

// TestQDPXExportPutsMemosInDescriptions: the coded demo with a project
// memo and a category exports each coding memo as its selection's
// Description, each document memo as its TextSource's and the project
// memo as the Project's, where QualCoder reads them; the code memo stays
// the only Note; the category is isCodable="false"; the file validates.
func TestQDPXExportPutsMemosInDescriptions(t *testing.T) {
	ctx := context.Background()
	p := codedDemo(t)
	if err := p.SetMemo(ctx, coding.MemoProject, coding.ProjectMemoID, "Projekti: työllisyyspalvelut 2026.", "ville"); err != nil {
		t.Fatal(err)
	}
	cat := &coding.Code{NameFi: "Teemat", Color: "#1abc9c", NotCodable: true}
	if err := p.AddCode(ctx, cat, "aino"); err != nil {
		t.Fatal(err)
	}
	file, _, data := exportEntries(t, p)
	validateQDE(t, file)
	var x exportedQDE
	if err := xml.Unmarshal(data["project.qde"], &x); err != nil {
		t.Fatal(err)
	}
	if x.Description != "Projekti: työllisyyspalvelut 2026." {
		t.Errorf("project Description %q", x.Description)
	}
	// QualCoder's importer reads Project@origin unconditionally.
	if x.Origin != "avain" {
		t.Errorf("Project origin %q", x.Origin)
	}
	if len(x.Notes) != 1 {
		t.Errorf("%d Notes, want the code memo's alone", len(x.Notes))
	}
	for _, c := range x.Codes {
		if want := map[bool]string{true: "false", false: "true"}[c.GUID == cat.ID]; c.IsCodable != want {
			t.Errorf("code %s isCodable=%q, want %q", c.GUID, c.IsCodable, want)
		}
	}
	names := map[string]string{}
	err := p.EachDocument(ctx, func(d *coding.Document) error {
		names[d.ID] = d.Name
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	codingMemos := 0
	for _, s := range x.Sources {
		if s.Description != "Muistio: "+names[s.GUID] || len(s.NoteRefs) != 0 {
			t.Errorf("source %s: Description %q, %d NoteRefs", names[s.GUID], s.Description, len(s.NoteRefs))
		}
		for _, sel := range s.Selections {
			if len(sel.Coding.NoteRefs) != 0 {
				t.Errorf("coding %s keeps a NoteRef", sel.Coding.GUID)
			}
			if sel.Description != "" {
				codingMemos++
				if sel.Description != "Ville: "+names[s.GUID] {
					t.Errorf("selection of coding %s: Description %q", sel.Coding.GUID, sel.Description)
				}
			}
		}
	}
	cs, err := p.Codings(ctx, coding.CodingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, c := range cs {
		if c.Memo != "" {
			want++
		}
	}
	if want == 0 || codingMemos != want {
		t.Errorf("%d selections with a memo, want %d", codingMemos, want)
	}
}

// TestQDPXExportWritesTheAvainExtension: after project.qde and sources/,
// the archive holds avain/project.json with every code's coder and times
// and the authors and times of the memos written as Descriptions, and for
// every document avain/sources/<guid>.json with its text's hash, its
// format and its turns (the VTT's speakers and timestamps among them).
func TestQDPXExportWritesTheAvainExtension(t *testing.T) {
	ctx := context.Background()
	p := codedDemo(t)
	if err := p.SetMemo(ctx, coding.MemoProject, coding.ProjectMemoID, "Projekti.", "ville"); err != nil {
		t.Fatal(err)
	}
	_, names, data := exportEntries(t, p)
	// The order: project.qde, the texts, the extension.
	part := func(n string) int {
		switch {
		case n == "project.qde":
			return 0
		case strings.HasPrefix(n, "sources/"):
			return 1
		case n == "avain/project.json":
			return 2
		case strings.HasPrefix(n, "avain/sources/"):
			return 3
		}
		t.Fatalf("unexpected entry %s", n)
		return -1
	}
	for i := 1; i < len(names); i++ {
		if a, b := part(names[i-1]), part(names[i]); a > b || a == b && names[i-1] >= names[i] {
			t.Fatalf("entries out of order: %s before %s", names[i-1], names[i])
		}
	}
	var ext refiqda.ExtProject
	if err := json.Unmarshal(data["avain/project.json"], &ext); err != nil {
		t.Fatal(err)
	}
	cb, err := p.Codebook(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cb.Codes() {
		r := ext.Codes[c.ID]
		if r.Coder != c.Coder || r.Coder == "" || !r.Created.Equal(c.Created) || !r.Updated.Equal(c.Updated) {
			t.Fatalf("code %s: extension %+v, record %+v", c.ID, r, c.Record)
		}
	}
	memos, err := p.Memos(ctx)
	if err != nil {
		t.Fatal(err)
	}
	described := 0
	for _, m := range memos {
		if m.Target == coding.MemoCode {
			if _, ok := ext.Memos[m.TargetID]; ok {
				t.Errorf("code memo %s is stamped in the extension (its Note carries the stamp)", m.TargetID)
			}
			continue
		}
		described++
		r := ext.Memos[m.TargetID]
		if r.Coder != m.Coder || !r.Created.Equal(m.Created) || !r.Updated.Equal(m.Updated) {
			t.Errorf("%s memo %s: extension %+v, memo %+v", m.Target, m.TargetID, r, m.Record)
		}
	}
	if described == 0 || len(ext.Memos) != described || ext.Memos["project"].Coder != "ville" {
		t.Errorf("extension memos %d, want %d (project %+v)", len(ext.Memos), described, ext.Memos["project"])
	}
	vtt := 0
	err = p.EachDocument(ctx, func(d *coding.Document) error {
		var es refiqda.ExtSource
		if err := json.Unmarshal(data["avain/sources/"+d.ID+".json"], &es); err != nil {
			t.Fatalf("%s: %v", d.Name, err)
		}
		if es.Hash != coding.ContentHash(d.Text) || es.Format != d.Format || len(es.Turns) != len(d.Turns) || len(d.Turns) == 0 {
			t.Fatalf("%s: extension %s %s %d turns, want %s %s %d", d.Name, es.Hash, es.Format, len(es.Turns),
				coding.ContentHash(d.Text), d.Format, len(d.Turns))
		}
		for i, tn := range d.Turns {
			w := refiqda.ExtTurn{Speaker: tn.Speaker, Start: tn.Start, End: tn.End, TimeMs: tn.Time.Milliseconds(),
				TimeEndMs: tn.TimeEnd.Milliseconds(), HasTime: tn.HasTime}
			if es.Turns[i] != w {
				t.Fatalf("%s turn %d: %+v, want %+v", d.Name, i+1, es.Turns[i], w)
			}
		}
		if d.Format == "vtt" {
			vtt++
			if first := es.Turns[0]; first.Speaker != "Interviewer" || !first.HasTime || first.TimeMs != 2400 || first.TimeEndMs != 11081 {
				t.Errorf("the VTT's first turn %+v", first)
			}
		}
		return nil
	})
	if err != nil || vtt != 1 {
		t.Fatalf("%d VTT documents, %v", vtt, err)
	}
}
