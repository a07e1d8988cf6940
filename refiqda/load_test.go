package refiqda

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/toituavain/avain/coding"
)

// TestOpenReadsSourcesOnLoad: opening a .qdpx reads its project.qde
// alone; each source's text is read by its Load, so a broken entry stops
// only the source that needs it, naming it.
func TestOpenReadsSourcesOnLoad(t *testing.T) {
	kela := &coding.Code{Record: coding.Record{ID: "3d1e2f30-4a5b-4c6d-8e7f-8091a2b3c4d5"}, NameFi: "Kela"}
	sel := func(g string, s, e int) Selection {
		return Selection{GUID: g, Start: s, End: e, Codings: []Coding{{GUID: g, CodeGUID: kela.ID}}}
	}
	p := &Project{Name: "x", Users: map[string]string{}, Codes: []*coding.Code{kela}, Sources: []*Source{
		{GUID: "0d1e2f30-4a5b-4c6d-8e7f-8091a2b3c4d5", Name: "a.txt", Text: "H: Hei.\nV: Kelasta soitettiin.",
			Selections: []Selection{sel("1d1e2f30-4a5b-4c6d-8e7f-8091a2b3c4d5", 11, 18)}},
		{GUID: "0d1e2f30-4a5b-4c6d-8e7f-8091a2b3c4d6", Name: "b.txt", Text: "H: Toinen."}}}
	var buf bytes.Buffer
	if err := WriteProject(&buf, p, coding.LangFinnish, time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	// Break b.txt's entry: deflate data that do not inflate.
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, "8091a2b3c4d6.txt") {
			if err := zw.Copy(f); err != nil {
				t.Fatal(err)
			}
			continue
		}
		w, err := zw.CreateRaw(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, UncompressedSize64: 10, CompressedSize64: 4})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte{0xff, 0xff, 0xff, 0xff})
	}
	zw.Close()
	path := filepath.Join(t.TempDir(), "x.qdpx")
	if err := os.WriteFile(path, out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	q, err := OpenProjectFile(path)
	if err != nil {
		t.Fatalf("opening read a source: %v", err)
	}
	defer q.Close()
	if len(q.Sources) != 2 || q.Sources[0].Text != "" || q.Sources[0].Selections != nil {
		t.Fatalf("sources before Load: %+v", q.Sources)
	}
	if err := q.Sources[0].Load(); err != nil || q.Sources[0].Text != p.Sources[0].Text || len(q.Sources[0].Selections) != 1 {
		t.Errorf("a.txt: %v %+v", err, q.Sources[0])
	}
	if err := q.Sources[1].Load(); err == nil || !strings.Contains(err.Error(), `"b.txt"`) || strings.Contains(err.Error(), "\n") {
		t.Errorf("the broken b.txt: %v", err)
	}
}

// TestLoadReportsSelectionsOutsideText: positions outside the text as the
// writing tool counts it are cut to it (Changed) or, with nothing left,
// dropped (Skipped), each named with both spans; positions inside it are
// taken silently, trailing white space included.
func TestLoadReportsSelectionsOutsideText(t *testing.T) {
	text := "H: Hei.\nV: Kelasta soitettiin.\n" // 31 code points, 31 UTF-16 units
	for _, origin := range []string{"avain", "NVivo 14", "ATLAS.ti 23"} {
		t.Run(origin, func(t *testing.T) {
			end := 31
			qde := `<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="x" origin="` + origin + `"><Sources>` +
				`<TextSource guid="0d1e2f30-4a5b-4c6d-8e7f-8091a2b3c4d5" name="a.txt"><PlainTextContent>` + text + `</PlainTextContent>` +
				sel("1", -50, 5) + sel("2", 3, 99999999999) + sel("3", 100, 200) + sel("4", 0, end) + sel("5", 4, 4) + sel("6", 20, 10) +
				`</TextSource></Sources></Project>`
			p, err := readQDPX(t, []byte(qde))
			if err != nil {
				t.Fatal(err)
			}
			s := p.Sources[0]
			n := coding.RuneLen(s.Text)
			if len(s.Changed) != 2 || !strings.Contains(s.Changed[0], "[-50,5)") || !strings.Contains(s.Changed[0], "[0,") ||
				!strings.Contains(s.Changed[1], "[3,99999999999)") || !strings.Contains(s.Changed[1], "1d1e2f30-4a5b-4c6d-8e7f-8091a2b3c4d2") {
				t.Errorf("changed: %q", s.Changed)
			}
			if len(s.Skipped) != 3 || !strings.Contains(s.Skipped[0], "[100,200)") || !strings.Contains(s.Skipped[1], "[4,4) is empty") ||
				!strings.Contains(s.Skipped[2], "[20,10) is reversed (it ends before it starts); dropped") {
				t.Errorf("skipped: %q", s.Skipped)
			}
			if len(s.Selections) != 3 || s.Selections[2].End != n {
				t.Errorf("selections: %+v (text %d)", s.Selections, n)
			}
		})
	}
}

func sel(n string, start, end int) string {
	return `<PlainTextSelection guid="1d1e2f30-4a5b-4c6d-8e7f-8091a2b3c4d` + n + `" startPosition="` + strconv.Itoa(start) + `" endPosition="` + strconv.Itoa(end) +
		`"><Coding guid="2d1e2f30-4a5b-4c6d-8e7f-8091a2b3c4d` + n + `"><CodeRef targetGUID="3d1e2f30-4a5b-4c6d-8e7f-8091a2b3c4d5"/></Coding></PlainTextSelection>`
}

// TestNotesBounded: notes kept in the archive's files are read when the
// project is opened, so together they may hold no more than avain's limit
// on one document: two notes of 41 MB are refused, with ErrTooLarge.
func TestNotesBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: an 82 MiB archive of notes; run without -short")
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	w, _ := zw.Create("project.qde")
	w.Write([]byte(`<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="x"><Notes>` +
		`<Note guid="4d1e2f30-4a5b-4c6d-8e7f-8091a2b3c4d1" plainTextPath="internal://n1.txt"/>` +
		`<Note guid="4d1e2f30-4a5b-4c6d-8e7f-8091a2b3c4d2" plainTextPath="internal://n2.txt"/></Notes></Project>`))
	chunk := bytes.Repeat([]byte("a"), 1<<20)
	for _, name := range []string{"sources/n1.txt", "sources/n2.txt"} {
		w, _ := zw.Create(name)
		for range 41 {
			w.Write(chunk)
		}
	}
	zw.Close()
	_, err := readQDPX(t, out.Bytes())
	if !errors.Is(err, coding.ErrTooLarge) || !strings.Contains(err.Error(), "notes") {
		t.Errorf("two notes of 41 MB: %v", err)
	}
}
