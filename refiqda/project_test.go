package refiqda

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/toituavain/avain/coding"
	"golang.org/x/text/unicode/norm"
)

// validateProject checks a .qdpx's project.qde against the real
// Project.xsd with xmllint.
func validateProject(t *testing.T, qdpx []byte) {
	t.Helper()
	xsd := need(t, "Project.xsd")
	lint, err := exec.LookPath("xmllint")
	if err != nil {
		missing(t, "xmllint is not installed (apt-get install libxml2-utils)")
	}
	zr, err := zip.NewReader(bytes.NewReader(qdpx), int64(len(qdpx)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name != "project.qde" {
			continue
		}
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		path := filepath.Join(t.TempDir(), "project.qde")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(lint, "--noout", "--schema", xsd, path).CombinedOutput(); err != nil {
			t.Fatalf("xmllint: %v\n%s\n--- project.qde ---\n%s", err, out, data)
		}
		return
	}
	t.Fatal("no project.qde in the archive")
}

// sampleProject is a small project with every kind of content: nested
// codes with definitions and a memo, two sources (one with a decomposed
// character and a character outside the BMP), attributes, selections with
// one and two codings by two users, and memos.
func sampleProject() *Project {
	u1, u2 := UserGUID("aino"), UserGUID("ville")
	return &Project{
		Name: "testi", Origin: "avain", Users: map[string]string{u1: "aino", u2: "ville"},
		Codes: []*coding.Code{
			{Record: coding.Record{ID: "0199a000-0000-7000-8000-000000000001"}, NameFi: "Byrokratia", NameEn: "Bureaucracy", Color: "#c0392b",
				Definition: "Järjestelmän luomat esteet.", WhenToUse: "Kun este on säännöissä.", Shortcut: "1"},
			{Record: coding.Record{ID: "0199a000-0000-7000-8000-000000000002"}, ParentID: "0199a000-0000-7000-8000-000000000001",
				NameFi: "Odottaminen", NameEn: "Waiting", Color: "#2980b9"},
			{Record: coding.Record{ID: "0199a000-0000-7000-8000-000000000003"}, NameFi: "Kela", Position: 1},
		},
		Memos: map[string]string{"0199a000-0000-7000-8000-000000000003": "Kela mainitaan usein."},
		Sources: []*Source{
			{GUID: "0199a000-0000-7000-8000-0000000000d1", Name: "asiakas_01.txt",
				Text:  "H: Miten haku eteni?\nV: Odotin viikkoja. Kela 😀 pyysi liitteitä.\nH: Entä sitten?",
				Attrs: map[string]string{"kind": "client", "region": "Kuopio"}, Memo: "Haastattelu keskeytyi.",
				Selections: []Selection{
					{GUID: derived("selection", "c1"), Start: 24, End: 40, Codings: []Coding{
						{GUID: "0199a000-0000-7000-8000-0000000000c1", CodeGUID: "0199a000-0000-7000-8000-000000000002", User: u1,
							Created: time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC), Memo: "Viikkoja!"},
					}},
					{GUID: derived("selection", "c2"), Start: 41, End: 64, Codings: []Coding{
						{GUID: "0199a000-0000-7000-8000-0000000000c2", CodeGUID: "0199a000-0000-7000-8000-000000000003", User: u1},
						{GUID: "0199a000-0000-7000-8000-0000000000c3", CodeGUID: "0199a000-0000-7000-8000-000000000003", User: u2},
					}},
				}},
			{GUID: "0199a000-0000-7000-8000-0000000000d2", Name: "ammattilainen_02.txt", Text: "H: Kuvaile työtäsi.\nV: Teen aikuissosiaalityötä.",
				Attrs: map[string]string{"kind": "professional"}},
		},
	}
}

func TestWriteProjectValidatesAndReadsBack(t *testing.T) {
	p := sampleProject()
	var b bytes.Buffer
	if err := WriteProject(&b, p, coding.LangFinnish, time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	validateProject(t, b.Bytes())
	got, err := readQDPX(t, b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Skipped) != 0 || len(got.Notes) != 0 {
		t.Errorf("skipped %v, loose notes %v", got.Skipped, got.Notes)
	}
	if len(got.Users) != 2 || got.Users[UserGUID("ville")] != "ville" {
		t.Errorf("users %v", got.Users)
	}
	if len(got.Codes) != 3 {
		t.Fatalf("%d codes", len(got.Codes))
	}
	for i, want := range p.Codes {
		c := got.Codes[i]
		if c.ID != want.ID || c.ParentID != want.ParentID || c.NameFi != want.NameFi || c.NameEn != want.NameEn ||
			c.Color != want.Color || c.Definition != want.Definition || c.WhenToUse != want.WhenToUse || c.Shortcut != want.Shortcut {
			t.Errorf("code %d: %+v, want %+v", i, c, want)
		}
	}
	if got.Memos["0199a000-0000-7000-8000-000000000003"] != "Kela mainitaan usein." {
		t.Errorf("code memo %q", got.Memos)
	}
	for i, want := range p.Sources {
		s := got.Sources[i]
		if s.GUID != want.GUID || s.Name != want.Name || s.Text != want.Text || s.Memo != want.Memo || len(s.Attrs) != len(want.Attrs) {
			t.Errorf("source %d: %+v", i, s)
		}
		for k, v := range want.Attrs {
			if s.Attrs[k] != v {
				t.Errorf("source %d attribute %s = %q, want %q", i, k, s.Attrs[k], v)
			}
		}
		if len(s.Selections) != len(want.Selections) {
			t.Fatalf("source %d: %d selections", i, len(s.Selections))
		}
		for j, sel := range want.Selections {
			g := s.Selections[j]
			if g.Start != sel.Start || g.End != sel.End || len(g.Codings) != len(sel.Codings) {
				t.Errorf("selection %d: %+v, want %+v", j, g, sel)
				continue
			}
			for k, c := range sel.Codings {
				if g.Codings[k].GUID != c.GUID || g.Codings[k].CodeGUID != c.CodeGUID || g.Codings[k].User != c.User ||
					g.Codings[k].Memo != c.Memo || !g.Codings[k].Created.Equal(c.Created) {
					t.Errorf("coding %+v, want %+v", g.Codings[k], c)
				}
			}
		}
	}
	// The coded text is what was coded: positions are code points (the
	// emoji is one).
	s := got.Sources[0]
	if txt := coding.Slice(s.Text, s.Selections[1].Start, s.Selections[1].End); txt != "Kela 😀 pyysi liitteitä." {
		t.Errorf("second selection covers %q", txt)
	}
}

// nvivoText reads an NVivo source as NVivo counts it: UTF-16 code units
// of the text without its byte-order mark, "\r\n" two.
func nvivoText(t *testing.T, data []byte) []uint16 {
	t.Helper()
	return utf16.Encode([]rune(strings.TrimPrefix(string(data), "\uFEFF")))
}

func TestReadNVivoSampleKeepsItsSelections(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: every selection of the NVivo sample checked against its own text; run without -short")
	}
	path := need(t, "samples/nvivo12.6-win_oltas0517.qdpx")
	p, err := readQDPXFile(t, path)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Codes) != 152 || len(p.Sources) != 2 || len(p.Users) != 2 {
		t.Fatalf("%d codes, %d sources, %d users", len(p.Codes), len(p.Sources), len(p.Users))
	}
	// Each selection must cover, in avain's form of the text, exactly the
	// text NVivo's own positions pick out of its own file.
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	raw := map[string][]byte{}
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, ".txt") {
			rc, _ := f.Open()
			raw[strings.ToLower(strings.TrimSuffix(filepath.Base(f.Name), ".txt"))], _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	qde := readZipFile(t, path, "project.qde")
	n, emoji := 0, false
	for _, s := range p.Sources {
		units := nvivoText(t, raw[s.GUID])
		for _, sel := range s.Selections {
			x := findSelection(t, qde, sel.GUID)
			want := string(utf16.Decode(units[x[0]:x[1]]))
			want = strings.TrimRight(norm.NFC.String(strings.ReplaceAll(want, "\r\n", "\n")), " \t\r\n")
			got := strings.TrimRight(coding.Slice(s.Text, sel.Start, sel.End), " \t\r\n")
			if got != want {
				t.Fatalf("selection %s [%d,%d): avain has %q, NVivo's file %q", sel.GUID, x[0], x[1], got, want)
			}
			for _, r := range got {
				emoji = emoji || r > 0xFFFF
			}
			n += len(sel.Codings)
		}
	}
	if n != 303 {
		t.Errorf("%d codings, want the sample's 303", n)
	}
	if !emoji {
		t.Error("no selection covered a character outside the BMP; the test proves less than it claims")
	}
}

// readZipFile returns one file of a zip archive.
func readZipFile(t *testing.T, archive, name string) []byte {
	t.Helper()
	zr, err := zip.OpenReader(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == name {
			rc, _ := f.Open()
			defer rc.Close()
			b, _ := io.ReadAll(rc)
			return b
		}
	}
	t.Fatalf("%s has no %s", archive, name)
	return nil
}

// findSelection returns the startPosition and endPosition of the
// selection with guid in a .qde.
func findSelection(t *testing.T, qde []byte, guid string) [2]int {
	t.Helper()
	var x xProject
	d := xml.NewDecoder(bytes.NewReader(qde))
	d.CharsetReader = charsetReader
	if err := d.Decode(&x); err != nil {
		t.Fatal(err)
	}
	for _, ts := range x.Sources.TextSource {
		for _, s := range ts.Selection {
			if codeID(s.GUID) == guid {
				return [2]int{s.StartPosition, s.EndPosition}
			}
		}
	}
	t.Fatalf("no selection %s", guid)
	return [2]int{}
}

func TestReadATLASSamples(t *testing.T) {
	p, err := readQDPXFile(t, need(t, "samples/atlasti23-win_target-atlas-project.qdpx"))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Codes) != 3 || len(p.Users) != 2 || len(p.Sources) != 0 || p.Codes[1].ParentID != p.Codes[0].ID {
		t.Errorf("ATLAS.ti 23: %d codes, %d users, %d sources", len(p.Codes), len(p.Users), len(p.Sources))
	}
	if _, err := readQDPXFile(t, need(t, "samples/atlasti23-win_blank-atlas-project.qdpx")); err != nil {
		t.Errorf("blank ATLAS.ti 23 project: %v", err)
	}
	// The 8.4 .qde comes without its sources: codes, users and notes are
	// read, the text sources reported.
	p, err = readQDPXFile(t, need(t, "samples/atlasti8.4-mac_standard_project.qde"))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Codes) != 14 || len(p.Sources) != 0 || len(p.Skipped) == 0 || len(p.Notes) == 0 {
		t.Errorf("ATLAS.ti 8.4: %d codes, %d sources, %d skipped, %d notes", len(p.Codes), len(p.Sources), len(p.Skipped), len(p.Notes))
	}
	for _, s := range p.Skipped {
		if strings.Contains(s, "\n") {
			t.Errorf("skip line spans lines: %q", s)
		}
	}
}

func TestNormalizeMapsEachToolsPositions(t *testing.T) {
	raw := "e\u0301 ok\r\nKela 😀 x\r\ny  \r\n"
	for _, tc := range []struct {
		units      Units
		start, end int
		want       string
	}{
		{CodePoints, 0, 2, "é"},              // a decomposed é, recomposed
		{CodePoints, 7, 11, "Kela"},          // after "\r\n" as two
		{CodePointsCRLFAsOne, 6, 10, "Kela"}, // "\r\n" as one
		{UTF16, 7, 14, "Kela 😀"},             // the emoji is two units
		{UTF16, 15, 16, "x"},
		{CodePoints, 14, 15, "x"},
		{CodePoints, 17, 99, "y"}, // past the end: clamped to the trimmed text
	} {
		n := normalize(raw, tc.units)
		if got := coding.Slice(n.text, n.pos(tc.start), n.pos(tc.end)); got != tc.want {
			t.Errorf("units %d [%d,%d): %q, want %q (text %q)", tc.units, tc.start, tc.end, got, tc.want, n.text)
		}
	}
}

func TestReadProjectRefusesBadFiles(t *testing.T) {
	for name, data := range map[string][]byte{
		"not xml":       []byte("hello"),
		"not a project": []byte(`<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>`),
		"broken zip":    []byte("PK\x03\x04garbage"),
	} {
		if _, err := readQDPX(t, data); err == nil || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: %v", name, err)
		}
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("readme.txt")
	w.Write([]byte("no project here"))
	zw.Close()
	if _, err := readQDPX(t, b.Bytes()); err == nil || !strings.Contains(err.Error(), "no project.qde") {
		t.Errorf("zip without a .qde: %v", err)
	}
}
