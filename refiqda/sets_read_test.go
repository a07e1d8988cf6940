package refiqda

import (
	"archive/zip"
	"bytes"
	"regexp"
	"strings"
	"testing"
)

// atlasWithTexts is the ATLAS.ti 8.4 sample's project.qde (Sets, Links,
// Graphs, Notes, selections) in an archive with a fictional text for each
// of its text sources.
func atlasWithTexts(t *testing.T) []byte {
	qde := file(t, "samples/atlasti8.4-mac_standard_project.qde")
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("project.qde")
	w.Write(qde)
	line := "H: Mitä söit aamiaiseksi tänään?\r\nV: Kaurapuuroa ja kahvia, kuten aina arkisin.\r\n"
	for _, m := range regexp.MustCompile(`<TextSource plainTextPath="internal://([0-9A-F-]+\.txt)"`).FindAllSubmatch(qde, -1) {
		w, _ := zw.Create("Sources/" + string(m[1]))
		w.Write([]byte(strings.Repeat(line, 20)))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestReadATLASSetsLinksGraphs: the ATLAS.ti 8.4 sample's document sets
// become document attributes of their members; its code sets, sets of
// sources avain does not read, empty set, links and graphs are each
// named with counts; its selection with a comment and no coding is an
// annotation.
func TestReadATLASSetsLinksGraphs(t *testing.T) {
	p, err := readQDPX(t, atlasWithTexts(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Sources) != 6 {
		t.Fatalf("%d text sources, want the sample's 6", len(p.Sources))
	}
	sets := map[string][]string{}
	for _, s := range p.Sources {
		for k, v := range s.Attrs {
			sets[k+"="+v] = append(sets[k+"="+v], s.Name)
		}
	}
	for set, n := range map[string]int{"Text files=Text files": 6, "Mabel=Mabel": 2, "gender: male=gender: male": 1,
		"gender: female=gender: female": 2, "age: 25=age: 25": 2, "age: 67=age: 67": 1, "Simon=Simon": 1} {
		if len(sets[set]) != n {
			t.Errorf("attribute %s on %v, want %d documents", set, sets[set], n)
		}
	}
	skipped := strings.Join(p.Skipped, "\n")
	for _, w := range []string{
		"1 graph, 1 link (avain has no place for them)",
		`set "Feelings": 6 member codes (avain has no sets of codes)`,
		`set "Breakfast food": 6 member codes`,
		`set "Coke": 2 member sources avain does not import`,
		`set "Images": 1 member source avain does not import`,
		`set "<3": it has no members`,
		`2 PDFSources and their 6 codings (avain reads text sources only): "Kellogg's Passion for Nutrition.pdf"`,
		`2 VideoSources and their 1 coding (avain reads text sources only): `,
	} {
		if !strings.Contains(skipped, w) {
			t.Errorf("skipped has no %q:\n%s", w, skipped)
		}
	}
	if n := strings.Count(skipped, `set "`); n != 9 {
		t.Errorf("%d set lines in skipped, want 9 (of the 16 sets, 7 are kept whole)", n)
	}
	if p.Annotations != 1 {
		t.Errorf("%d annotations, want the comment on a selection with no coding", p.Annotations)
	}
}

// A MAXQDA-shaped project: lowercase sources/, "\n" texts, Descriptions
// on codes, a category marked isCodable="false", Sets with MemberSource,
// one named as a variable the file has already.
const maxqdaQDE = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" name="kysely" origin="MAXQDA 24 (Release 24.4.0)" creationDateTime="2025-02-10T12:00:00Z">
<Users><User guid="A1B2C3D4-0000-4000-8000-000000000001" name="Liisa"/></Users>
<CodeBook><Codes>
<Code guid="C0DE0000-0000-4000-8000-000000000001" name="Palvelut" isCodable="false" color="#FF0000"><Description>Kategoria</Description>
<Code guid="C0DE0000-0000-4000-8000-000000000002" name="Kela" isCodable="true" color="#FF8000"><Description>Kelan palvelut</Description></Code>
</Code>
<Code guid="C0DE0000-0000-4000-8000-000000000003" name="Tunteet" isCodable="false" color="#00FF00"/>
</Codes></CodeBook>
<Variables><Variable guid="0A000000-0000-4000-8000-000000000001" name="Ryhmä" typeOfVariable="Text"/><Variable guid="0A000000-0000-4000-8000-000000000002" name="Haastateltu" typeOfVariable="DateTime"/></Variables>
<Sources>
<TextSource guid="D0C00000-0000-4000-8000-000000000001" name="vastaaja 1" plainTextPath="internal://D0C00000-0000-4000-8000-000000000001.txt" creatingUser="A1B2C3D4-0000-4000-8000-000000000001" creationDateTime="2025-02-10T12:05:00Z">
<PlainTextSelection guid="5E100000-0000-4000-8000-000000000001" name="Kelasta ei vastattu" startPosition="3" endPosition="22" creatingUser="A1B2C3D4-0000-4000-8000-000000000001" creationDateTime="2025-02-11T09:00:00Z">
<Coding guid="C0D10000-0000-4000-8000-000000000001" creatingUser="A1B2C3D4-0000-4000-8000-000000000001"><CodeRef targetGUID="C0DE0000-0000-4000-8000-000000000003"/></Coding>
</PlainTextSelection>
<PlainTextSelection guid="5E100000-0000-4000-8000-000000000002" name="" startPosition="23" endPosition="41" creatingUser="A1B2C3D4-0000-4000-8000-000000000001" creationDateTime="2025-02-11T09:05:00Z">
<Description>Tarkista litterointi.</Description>
</PlainTextSelection>
<VariableValue><VariableRef targetGUID="0A000000-0000-4000-8000-000000000002"/><DateTimeValue>2025-01-15T10:30:00Z</DateTimeValue></VariableValue>
</TextSource>
<TextSource guid="D0C00000-0000-4000-8000-000000000002" name="vastaaja 2" plainTextPath="internal://D0C00000-0000-4000-8000-000000000002.txt" creatingUser="A1B2C3D4-0000-4000-8000-000000000001" creationDateTime="2025-02-10T12:06:00Z"/>
</Sources>
<Sets>
<Set guid="5E700000-0000-4000-8000-000000000001" name="Pilotti"><MemberSource targetGUID="D0C00000-0000-4000-8000-000000000001"/><MemberSource targetGUID="D0C00000-0000-4000-8000-000000000002"/></Set>
<Set guid="5E700000-0000-4000-8000-000000000002" name="Ryhmä"><MemberSource targetGUID="D0C00000-0000-4000-8000-000000000002"/></Set>
</Sets>
</Project>`

func TestReadMAXQDAShapedProject(t *testing.T) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, text := range map[string]string{
		"project.qde": maxqdaQDE,
		"sources/D0C00000-0000-4000-8000-000000000001.txt": "V: Kelasta ei vastattu. Soitin kolme kertaa.\n",
		"sources/D0C00000-0000-4000-8000-000000000002.txt": "V: Kaikki sujui hyvin.\n",
	} {
		w, _ := zw.Create(name)
		w.Write([]byte(text))
	}
	zw.Close()
	p, err := readQDPX(t, b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	codable := map[string]bool{}
	for _, c := range p.Codes {
		codable[c.NameFi] = !c.NotCodable
	}
	if codable["Palvelut"] || !codable["Kela"] || !codable["Tunteet"] {
		t.Errorf("codable %v: want Palvelut not codable, Kela codable, Tunteet kept codable (the file codes with it)", codable)
	}
	if p.Codes[0].Definition == "" && p.Codes[0].ShortDef == "" {
		t.Errorf("the category's Description is lost: %+v", p.Codes[0])
	}
	changed := strings.Join(p.Changed, "\n")
	for _, w := range []string{`code "Tunteet" is marked not codable (isCodable="false") but the file codes with it: kept codable`,
		`set "Pilotti": kept as the document attribute "Pilotti" (value "Pilotti") of its 2 documents`,
		`set "Ryhmä": kept as the document attribute "set-Ryhmä" (value "Ryhmä") of its 1 document`} {
		if !strings.Contains(changed, w) {
			t.Errorf("changed has no %q:\n%s", w, changed)
		}
	}
	s1, s2 := p.Sources[0], p.Sources[1]
	if s1.Attrs["Pilotti"] != "Pilotti" || s2.Attrs["Pilotti"] != "Pilotti" || s2.Attrs["set-Ryhmä"] != "Ryhmä" {
		t.Errorf("attributes %v, %v", s1.Attrs, s2.Attrs)
	}
	if s1.Attrs["Haastateltu"] != "2025-01-15T10:30:00Z" {
		t.Errorf("the DateTimeValue is not read: %v", s1.Attrs)
	}
	if p.Annotations != 1 || len(s1.Selections) != 2 {
		t.Fatalf("%d annotations, %d selections", p.Annotations, len(s1.Selections))
	}
	a := s1.Selections[1]
	if c := a.Codings[0]; c.CodeGUID != AnnotationsGUID || c.Memo != "Tarkista litterointi." || p.Users[c.User] != "Liisa" ||
		c.Created.Format("2006-01-02T15:04") != "2025-02-11T09:05" || a.Start != 23 || a.End != 41 {
		t.Errorf("annotation %+v", a)
	}
}
