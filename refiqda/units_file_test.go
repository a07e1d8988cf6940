package refiqda

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/toituavain/avain/coding"
)

// crlfPair is a .qdpx in the shape QualCoder writes with "MAXQDA line
// endings" ("\r\n" texts, positions counted on the "\n" texts): a first
// source whose only selection is an annotation (a Note holding its span,
// no name), and a second whose named selections show the convention
// (one of them named for other text). named false leaves the second's
// selections unnamed too.
func crlfPair(t *testing.T, named bool) []byte {
	t3 := "H: Eka rivi.\nV: Toka rivi.\nH: Kolmas rivi.\nV: Neljäs rivi, tässä on tärkeä kohta.\n"
	t4 := "H: Yksi.\nV: Kaksi kolme.\nH: Neljä.\nV: Viisi kuusi seitsemän.\n"
	span := func(text, sub string) string {
		return `startPosition="` + itoa(at(text, sub)) + `" endPosition="` + itoa(at(text, sub)+utf8.RuneCountInString(sub)) + `"`
	}
	name := func(n string) string {
		if !named {
			return ""
		}
		return ` name="` + n + `"`
	}
	qde := `<?xml version="1.0" encoding="utf-8"?>
<Project name="x.qda" origin="QualCoder 3.6" xmlns="urn:QDA-XML:project:1.0">
<Users><User guid="11111111-1111-4111-8111-111111111111" name="maija" /></Users>
<CodeBook><Codes><Code guid="c0000000-0000-4000-8000-000000000003" name="Työ" isCodable="true" color="#00AA00" /></Codes></CodeBook>
<Sources>
<TextSource plainTextPath="internal://e3.txt" creatingUser="11111111-1111-4111-8111-111111111111" creationDateTime="2025-03-01T10:05:00Z" guid="d0000000-0000-4000-8000-000000000003" name="vain_annotaatio.txt">
<NoteRef targetGUID="90000000-0000-4000-8000-000000000003" />
</TextSource>
<TextSource plainTextPath="internal://e4.txt" creatingUser="11111111-1111-4111-8111-111111111111" creationDateTime="2025-03-01T10:05:00Z" guid="d0000000-0000-4000-8000-000000000004" name="vaara_nimi.txt">
<PlainTextSelection guid="f0000000-0000-4000-8000-000000000011" ` + span(t4, "Viisi kuusi") + name("Viisi kuusi") + ` creatingUser="11111111-1111-4111-8111-111111111111" creationDateTime="2025-03-02T11:00:00Z">
<Coding guid="f1000000-0000-4000-8000-000000000011" creatingUser="11111111-1111-4111-8111-111111111111"><CodeRef targetGUID="c0000000-0000-4000-8000-000000000003" /></Coding>
</PlainTextSelection>
<PlainTextSelection guid="f0000000-0000-4000-8000-000000000012" ` + span(t4, "Kaksi") + name("Jotain muuta aivan") + ` creatingUser="11111111-1111-4111-8111-111111111111" creationDateTime="2025-03-02T11:00:00Z">
<Coding guid="f1000000-0000-4000-8000-000000000012" creatingUser="11111111-1111-4111-8111-111111111111"><CodeRef targetGUID="c0000000-0000-4000-8000-000000000003" /></Coding>
</PlainTextSelection>
</TextSource>
</Sources>
<Notes>
<Note guid="90000000-0000-4000-8000-000000000003" creatingUser="11111111-1111-4111-8111-111111111111" creationDateTime="2025-03-03T09:00:00Z" >
<PlainTextContent>Annotation in CRLF text</PlainTextContent>
<PlainTextSelection guid="91000000-0000-4000-8000-000000000003" ` + span(t3, "tärkeä kohta") + ` />
</Note>
</Notes>
</Project>`
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("project.qde")
	w.Write([]byte(qde))
	for n, text := range map[string]string{"e3": t3, "e4": t4} {
		w, _ := zw.Create("sources/" + n + ".txt")
		w.Write([]byte("\ufeff" + strings.ReplaceAll(text, "\n", "\r\n")))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestUnnamedSourceTakesTheFilesUnits: a source without named selections
// counts its positions as the file's named selections agree (read before
// the source that shows it), and says so; with no named selection in the
// file it counts as the origin says, silently.
func TestUnnamedSourceTakesTheFilesUnits(t *testing.T) {
	spans := func(p *Project) map[string]string {
		out := map[string]string{}
		for _, s := range p.Sources {
			for _, sel := range s.Selections {
				out[s.Name] += "[" + coding.Slice(s.Text, sel.Start, sel.End) + "]"
			}
		}
		return out
	}
	t.Run("named elsewhere in the file", func(t *testing.T) {
		p, err := readQDPX(t, crlfPair(t, true))
		if err != nil {
			t.Fatal(err)
		}
		if got := spans(p)["vain_annotaatio.txt"]; got != "[tärkeä kohta]" {
			t.Errorf("annotation on %s, want [tärkeä kohta]", got)
		}
		changed := strings.Join(append(p.Sources[0].Changed, p.Sources[1].Changed...), "\n")
		want := `source "vain_annotaatio.txt": positions read as code points with CRLF as one, not code points: it has no named selections, and 1 of the file's 2 named selections agree so`
		if !strings.Contains(changed, want) {
			t.Errorf("changed:\n%s\nwant the line\n%s", changed, want)
		}
	})
	t.Run("no names in the file", func(t *testing.T) {
		p, err := readQDPX(t, crlfPair(t, false))
		if err != nil {
			t.Fatal(err)
		}
		if got := spans(p)["vain_annotaatio.txt"]; got != "[on tärkeä ko]" {
			t.Errorf("annotation on %s, want the origin's code points [on tärkeä ko]", got)
		}
		if c := append(p.Sources[0].Changed, p.Sources[1].Changed...); len(c) != 0 {
			t.Errorf("changed %q", c)
		}
	})
}
