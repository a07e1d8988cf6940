package project

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/toituavain/avain/refiqda"
)

// TestQDPXStampsEveryRecord exports a coded project with memos and checks
// that every Note, TextSource, PlainTextSelection and Coding of its
// project.qde says who made it and when (QualCoder's importer reads a
// Note's creationDateTime unconditionally), that each creatingUser is a
// User of the file, and that the file still validates. Code and Case have
// no such attributes in Project.xsd.
func TestQDPXStampsEveryRecord(t *testing.T) {
	ctx := context.Background()
	p := codedDemo(t)
	file := filepath.Join(t.TempDir(), "p.qdpx")
	if _, err := p.ExportQDPX(ctx, file, "fi", "aino"); err != nil {
		t.Fatal(err)
	}
	validateQDE(t, file)
	want := map[string][]string{
		"Note":               {"creationDateTime", "modifiedDateTime", "creatingUser"},
		"TextSource":         {"creationDateTime", "modifiedDateTime", "creatingUser"},
		"PlainTextSelection": {"creationDateTime", "modifiedDateTime", "creatingUser"},
		"Coding":             {"creationDateTime", "creatingUser"},
	}
	users, elems := map[string]string{}, []xml.StartElement{}
	for _, e := range qdeElements(t, file) {
		if e.Name.Local == "User" {
			users[attr(e, "guid")] = attr(e, "name")
		}
		if want[e.Name.Local] != nil {
			elems = append(elems, e)
		}
	}
	count := map[string]int{}
	for _, e := range elems {
		count[e.Name.Local]++
		for _, a := range want[e.Name.Local] {
			v := attr(e, a)
			switch {
			case v == "":
				t.Fatalf("<%s guid=%q> has no %s", e.Name.Local, attr(e, "guid"), a)
			case a == "creatingUser" && users[v] == "":
				t.Fatalf("<%s guid=%q> creatingUser %s is no User of the file", e.Name.Local, attr(e, "guid"), v)
			case a != "creatingUser":
				if _, err := time.Parse("2006-01-02T15:04:05Z", v); err != nil {
					t.Fatalf("<%s guid=%q> %s=%q is not a UTC xsd:dateTime", e.Name.Local, attr(e, "guid"), a, v)
				}
			}
		}
	}
	for k := range want {
		if count[k] == 0 {
			t.Fatalf("no <%s> in the export: %v", k, count)
		}
	}
	// The one Note is aino's code memo (the document and coding memos are
	// Descriptions, stamped in avain/project.json); ville, who wrote the
	// coding memos, is a User all the same.
	authors := map[string]bool{}
	for _, e := range elems {
		if e.Name.Local == "Note" {
			authors[users[attr(e, "creatingUser")]] = true
		}
	}
	if !authors["aino"] || len(authors) != 1 || users[refiqda.UserGUID("ville")] != "ville" {
		t.Fatalf("note authors %v, users %v", authors, users)
	}
}

// qdeElements reads every start element of a .qdpx's project.qde.
func qdeElements(t *testing.T, file string) []xml.StartElement {
	t.Helper()
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	rc, err := zr.Open("project.qde")
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	var out []xml.StartElement
	d := xml.NewDecoder(rc)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			out = append(out, se.Copy())
		}
	}
}

// attr is the value of e's attribute named local ("" when it has none).
func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// TestQDPXOfAProjectWithoutDocumentsValidates: a project of codes alone
// (a codebook set up before the interviews) exports a project.qde the
// schema takes: no empty Sources element.
func TestQDPXOfAProjectWithoutDocumentsValidates(t *testing.T) {
	p, err := Create(context.Background(), filepath.Join(t.TempDir(), "codes.avain"))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	file := filepath.Join(t.TempDir(), "codes.qdpx")
	if _, err := p.ExportQDPX(context.Background(), file, "fi", "aino"); err != nil {
		t.Fatal(err)
	}
	validateQDE(t, file)
}
