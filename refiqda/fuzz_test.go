package refiqda

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/toituavain/avain/coding"
)

// FuzzReadCodebook checks that ReadCodebook never panics, that it refuses
// input only with a one-line *FormatError, and that a codebook it accepts
// (and coding accepts) writes out and reads back unchanged in both
// languages. Seeds are in testdata/fuzz/FuzzReadCodebook.
func FuzzReadCodebook(f *testing.F) {
	var buf bytes.Buffer
	if err := WriteCodebook(&buf, fixture(), coding.LangEnglish); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		codes, err := ReadCodebook(bytes.NewReader(data))
		if err != nil {
			var fe *FormatError
			if !errors.As(err, &fe) || !errors.Is(err, coding.ErrInvalid) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("err = %#v, want a one-line *FormatError", err)
			}
			return
		}
		seen := map[string]bool{}
		for _, c := range codes {
			if !uuidRE.MatchString(c.ID) || seen[c.ID] || c.ParentID != "" && !seen[c.ParentID] {
				t.Fatalf("code %q (parent %q): bad id, or it comes before its parent", c.ID, c.ParentID)
			}
			if c.Color != "" && !lowerColor(c.Color) {
				t.Fatalf("colour %q is not lowercase #rrggbb", c.Color)
			}
			seen[c.ID] = true
		}
		if len(codes) == 0 {
			return
		}
		if _, err := coding.NewCodebook(codes); err != nil {
			return // e.g. two siblings with one name: avain refuses that
		}
		for _, lang := range []string{coding.LangFinnish, coding.LangEnglish} {
			var out bytes.Buffer
			if err := WriteCodebook(&out, codes, lang); err != nil {
				t.Fatal(err)
			}
			back, err := ReadCodebook(bytes.NewReader(out.Bytes()))
			if err != nil {
				t.Fatalf("written codebook does not read: %v\n%s", err, out.Bytes())
			}
			if len(back) != len(codes) {
				t.Fatalf("read back %d codes, want %d", len(back), len(codes))
			}
			for i := range codes {
				if *back[i] != *codes[i] {
					t.Fatalf("%s: code %d changed:\n got %#v\nwant %#v\n%s", lang, i, *back[i], *codes[i], out.Bytes())
				}
			}
		}
	})
}

func lowerColor(s string) bool { return coding.ValidColor(s) && s == strings.ToLower(s) }

// FuzzReadProject checks that reading a project as an import does
// (OpenProjectFile and each source's Load; a .qdpx archive or a bare .qde)
// never panics, refuses input with a one-line error, and that every coded
// selection it accepts lies inside its source's text. Seeds: a project
// avain writes, a bare .qde, and those in testdata/fuzz/FuzzReadProject.
func FuzzReadProject(f *testing.F) {
	p := &Project{Name: "fuzz", Users: map[string]string{}, Codes: fixture()}
	p.Sources = []*Source{{GUID: "0d1e2f30-4a5b-4c6d-8e7f-8091a2b3c4d5", Name: "a.txt", Text: "H: Hei.\nV: Kelasta soitettiin.",
		Selections: []Selection{{GUID: "1d1e2f30-4a5b-4c6d-8e7f-8091a2b3c4d5", Start: 11, End: 18,
			Codings: []Coding{{GUID: "2d1e2f30-4a5b-4c6d-8e7f-8091a2b3c4d5", CodeGUID: fixture()[0].ID}}}}}}
	var buf bytes.Buffer
	if err := WriteProject(&buf, p, coding.LangFinnish, time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(`<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources><TextSource guid="0d1e2f30-4a5b-4c6d-8e7f-8091a2b3c4d5" name="a"><PlainTextContent>Hei</PlainTextContent><PlainTextSelection guid="1d1e2f30-4a5b-4c6d-8e7f-8091a2b3c4d5" startPosition="0" endPosition="9"/></TextSource></Sources></Project>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := readQDPX(t, data)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("a multi-line error: %q", err)
			}
			return
		}
		for _, s := range p.Sources {
			n := len([]rune(s.Text))
			for _, sel := range s.Selections {
				if sel.Start < 0 || sel.End < sel.Start || sel.End > n {
					t.Fatalf("selection %d–%d outside %s (%d code points)", sel.Start, sel.End, s.Name, n)
				}
			}
		}
	})
}
