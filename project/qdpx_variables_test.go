package project

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/toituavain/avain/coding"
)

// TestQDPXTextSourcesCarryTheirVariables: every exported TextSource holds
// a VariableValue for each of its document's attributes (kind and lang
// among them), as QualCoder reads document attributes only from there or
// from unnamed cases; the file stays valid against Project.xsd.
func TestQDPXTextSourcesCarryTheirVariables(t *testing.T) {
	ctx := context.Background()
	a := codedDemo(t)
	want := map[string]map[string]string{}
	err := a.EachDocument(ctx, func(d *coding.Document) error {
		m := map[string]string{"kind": d.Kind, "lang": d.Lang}
		for k, v := range d.Attrs {
			m[k] = v
		}
		want[d.Name] = m
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "a.qdpx")
	if _, err := a.ExportQDPX(ctx, file, "fi", "aino"); err != nil {
		t.Fatal(err)
	}
	validateQDE(t, file)
	type value struct {
		Ref struct {
			Target string `xml:"targetGUID,attr"`
		} `xml:"VariableRef"`
		Text string `xml:"TextValue"`
	}
	var x struct {
		Variables []struct {
			GUID string `xml:"guid,attr"`
			Name string `xml:"name,attr"`
		} `xml:"Variables>Variable"`
		Sources []struct {
			Name   string  `xml:"name,attr"`
			Values []value `xml:"VariableValue"`
		} `xml:"Sources>TextSource"`
	}
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	rc, err := zr.Open("project.qde")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(rc)
	rc.Close()
	if err := xml.Unmarshal(data, &x); err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, v := range x.Variables {
		names[v.GUID] = v.Name
	}
	if len(x.Sources) != len(want) || len(want) != 10 {
		t.Fatalf("%d text sources, %d documents", len(x.Sources), len(want))
	}
	for _, s := range x.Sources {
		got := map[string]string{}
		for _, v := range s.Values {
			got[names[v.Ref.Target]] = v.Text
		}
		w := want[s.Name]
		if len(got) != len(w) {
			t.Errorf("%s: TextSource variables %v, want %v", s.Name, got, w)
		}
		for k, v := range w {
			if got[k] != v {
				t.Errorf("%s: TextSource %s = %q, want %q", s.Name, k, got[k], v)
			}
		}
	}
}

// qualCoderQDE is a project.qde in the shape QualCoder writes: document
// attributes only as VariableValue inside the TextSource, no cases.
const qualCoderQDE = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="qc" origin="QualCoder 3.6" creationDateTime="2025-06-18T10:00:00Z">
<Users><User guid="0b8f2a8c-5d0e-4c6a-9a3e-1f2b3c4d5e60" name="default"/></Users>
<Variables>
<Variable guid="1d2e3f40-5a6b-4c7d-8e9f-0a1b2c3d4e5f" name="ikä" typeOfVariable="Text"><Description /></Variable>
<Variable guid="2d2e3f40-5a6b-4c7d-8e9f-0a1b2c3d4e5f" name="kind" typeOfVariable="Text"><Description /></Variable>
<Variable guid="3d2e3f40-5a6b-4c7d-8e9f-0a1b2c3d4e5f" name="paino" typeOfVariable="Float"><Description /></Variable>
</Variables>
<Sources>
<TextSource guid="4d2e3f40-5a6b-4c7d-8e9f-0a1b2c3d4e5f" name="haastattelu1" plainTextPath="internal://4d2e3f40-5a6b-4c7d-8e9f-0a1b2c3d4e5f.txt" creatingUser="0b8f2a8c-5d0e-4c6a-9a3e-1f2b3c4d5e60" creationDateTime="2025-06-18T10:00:00Z">
<Description></Description>
<VariableValue>
<VariableRef targetGUID="1d2e3f40-5a6b-4c7d-8e9f-0a1b2c3d4e5f" />
<TextValue>20-29</TextValue>
</VariableValue>
<VariableValue>
<VariableRef targetGUID="2d2e3f40-5a6b-4c7d-8e9f-0a1b2c3d4e5f" />
<TextValue>client</TextValue>
</VariableValue>
<VariableValue>
<VariableRef targetGUID="3d2e3f40-5a6b-4c7d-8e9f-0a1b2c3d4e5f" />
<FloatValue>1.5</FloatValue>
</VariableValue>
</TextSource>
</Sources>
</Project>
`

// TestQDPXImportsQualCoderSourceVariables: attributes QualCoder keeps in
// TextSource/VariableValue become the document's attributes and kind.
func TestQDPXImportsQualCoderSourceVariables(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	file := filepath.Join(dir, "qc.qdpx")
	f, err := os.OpenFile(file, os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	w, _ := zw.Create("project.qde")
	w.Write([]byte(qualCoderQDE))
	w, _ = zw.Create("sources/4d2e3f40-5a6b-4c7d-8e9f-0a1b2c3d4e5f.txt")
	w.Write([]byte("H: Miten voit?\nV: Ihan hyvin, kiitos kysymästä.\n"))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	p, err := Create(ctx, filepath.Join(dir, "b.avain"))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	rep, err := p.ImportQDPX(ctx, file, "eero")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Documents != 1 {
		t.Fatalf("import report %+v", rep)
	}
	var got *coding.Document
	p.EachDocument(ctx, func(d *coding.Document) error { got = d; return nil })
	if got == nil || got.Kind != coding.KindClient || got.Attrs["ikä"] != "20-29" || got.Attrs["paino"] != "1.5" || len(got.Attrs) != 2 {
		t.Fatalf("document %+v", got)
	}
}
