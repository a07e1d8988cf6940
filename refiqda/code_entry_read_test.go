package refiqda

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

// rewriteEntry is archive with its entry name changed by edit, as
// another tool that rewrites project.qde and passes the rest by.
func rewriteEntry(t *testing.T, archive []byte, name string, edit func(string) string) []byte {
	t.Helper()
	names, data, _ := zipEntries(t, archive)
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, n := range names {
		w, _ := zw.Create(n)
		if n == name {
			w.Write([]byte(edit(string(data[n]))))
		} else {
			w.Write(data[n])
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// xmlText is s escaped as encoding/xml writes character data.
func xmlText(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// foreignCodes is a QualCoder-shaped codebook: the Description of each
// code as it comes back from another tool.
const foreignCodes = `<Code guid="c0000000-0000-4000-8000-000000000001" name="Työ" isCodable="true">
<Description>Lyhyt.&#xA;&#xA;Definition: Pitkä.&#xA;&#xA;Name (en): Work&#xA;Shortcut: 1</Description>
</Code>
<Code guid="c0000000-0000-4000-8000-000000000002" name="Ilo" isCodable="true">
<Description>Lyhyt.&#xA;&#xA;Definition: Pitkä.&#xA;&#xA;Name (en): Positive experiences&#xA;Shortcut: 2&#xA;&#xA;Lisätty QualCoderissa: tarkista rajaus.</Description>
<Code guid="c0000000-0000-4000-8000-000000000003" name="Alakoodi" isCodable="true">
<Description>Name (en): Subcode&#xA;Lisäys toisessa työkalussa</Description>
</Code>
</Code>
<Code guid="c0000000-0000-4000-8000-000000000004" name="Huoli" isCodable="true">
<Description>  Huolesta puhuminen.
</Description>
</Code>
<Code guid="c0000000-0000-4000-8000-000000000005" name="Arki" isCodable="true">
<Description />
</Code>`

// TestForeignDescriptions: a code Description avain did not fold (text
// added after the shortcut or a name, padding) is named in
// ForeignDescriptions, of a project and of a codebook file alike; the
// shortcut stays one key and a name one line, the added text kept in the
// definition.
func TestForeignDescriptions(t *testing.T) {
	qde := `<?xml version="1.0" encoding="utf-8"?>
<Project name="x.qda" origin="QualCoder 3.6" xmlns="urn:QDA-XML:project:1.0">
<CodeBook><Codes>` + foreignCodes + `</Codes></CodeBook>
</Project>`
	p, err := readQDPX(t, []byte(qde))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"c0000000-0000-4000-8000-000000000002": true, "c0000000-0000-4000-8000-000000000003": true,
		"c0000000-0000-4000-8000-000000000004": true}
	check := func(t *testing.T, codes []*coding.Code, foreign map[string]bool) {
		for _, c := range codes {
			if foreign[c.ID] != want[c.ID] {
				t.Errorf("code %s %q: foreign %v, want %v", c.ID, c.NameFi, foreign[c.ID], want[c.ID])
			}
		}
		if len(foreign) != len(want) {
			t.Errorf("foreign %v", foreign)
		}
		byID := map[string]*coding.Code{}
		for _, c := range codes {
			byID[c.ID] = c
		}
		if c := byID["c0000000-0000-4000-8000-000000000002"]; c.Shortcut != "2" || c.NameEn != "Positive experiences" ||
			c.Definition != "Pitkä.\n\nLisätty QualCoderissa: tarkista rajaus." {
			t.Errorf("text added after the shortcut: %+v", c)
		}
		if c := byID["c0000000-0000-4000-8000-000000000003"]; c.NameEn != "Subcode" || c.Definition != "Lisäys toisessa työkalussa" {
			t.Errorf("text added after a name: %+v", c)
		}
		if c := byID["c0000000-0000-4000-8000-000000000001"]; c.Shortcut != "1" || c.NameEn != "Work" || c.ShortDef != "Lyhyt." {
			t.Errorf("avain's own Description: %+v", c)
		}
	}
	t.Run("project", func(t *testing.T) { check(t, p.Codes, p.ForeignDescriptions) })
	t.Run("codebook file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "x.qdc")
		qdc := `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>` + foreignCodes + `</Codes></CodeBook>`
		if err := os.WriteFile(path, []byte(qdc), 0o600); err != nil {
			t.Fatal(err)
		}
		codes, foreign, err := ReadCodebookFileForeign(path)
		if err != nil {
			t.Fatal(err)
		}
		check(t, codes, foreign)
	})
}

// TestCodeFieldsComeBackExactly: avain → .qdpx → avain gives back every
// field of a code, even a definition part holding a line that looks like
// a label, from avain/project.json while the Description is still their
// fold; a Description another tool cut is read as written, and foreign.
func TestCodeFieldsComeBackExactly(t *testing.T) {
	p := sampleProject()
	c := &coding.Code{Record: coding.Record{ID: "0199a000-0000-7000-8000-000000000009"}, NameFi: "Käännekohdat", NameEn: "Turning points",
		Shortcut: "3", ShortDef: "rivi1\n\nWhen to use: fake marker", Definition: "Määritelmä.\n\nName (fi): ei nimi",
		WhenNotUse: " ei \n", Example: "Example: nested\nName (en): Fake", Position: 2}
	p.Codes = append(p.Codes, c)
	for _, lang := range []string{coding.LangFinnish, coding.LangEnglish} {
		t.Run(lang, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteProject(&b, p, lang, p.Sources[0].Selections[0].Codings[0].Created); err != nil {
				t.Fatal(err)
			}
			back, err := readQDPX(t, b.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			got := codeByID(back.Codes, c.ID)
			if got == nil || withoutPosition(got) != withoutPosition(c) {
				t.Fatalf("got  %#v\nwant %#v", got, c)
			}
			if len(back.ForeignDescriptions) != 0 {
				t.Errorf("foreign %v in avain's own file", back.ForeignDescriptions)
			}
			// Another tool keeps only the Description's first paragraph.
			folded := foldDescription(entryOf(c, lang))
			cut := rewriteEntry(t, b.Bytes(), "project.qde", func(s string) string {
				if !strings.Contains(s, xmlText(folded)) {
					t.Fatalf("the Description %q is not in project.qde", folded)
				}
				return strings.Replace(s, xmlText(folded), xmlText(strings.SplitN(folded, "\n\n", 2)[0]), 1)
			})
			back, err = readQDPX(t, cut)
			if err != nil {
				t.Fatal(err)
			}
			if !back.ForeignDescriptions[c.ID] || len(back.ForeignDescriptions) != 1 {
				t.Errorf("foreign %v, want only %s", back.ForeignDescriptions, c.ID)
			}
			if got := codeByID(back.Codes, c.ID); got.ShortDef != "rivi1" || got.Definition != "" || got.Example != "" {
				t.Errorf("a cut Description is read as written: %#v", got)
			}
		})
	}
}

func codeByID(codes []*coding.Code, id string) *coding.Code {
	for _, c := range codes {
		if c.ID == id {
			return c
		}
	}
	return nil
}
