package refiqda

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// TestNamesReadInNFC: the names ATLAS.ti on macOS writes decomposed (NFD)
// — of sources, codes (and their other-language names), users,
// variables, sets and cases, and attribute values — are read composed
// (NFC), as avain keeps every text, so that a name typed finds them.
func TestNamesReadInNFC(t *testing.T) {
	d := norm.NFD.String
	qde := `<?xml version="1.0" encoding="utf-8"?>
<Project name="nfd" origin="ATLAS.ti 8.4.0 macOS" xmlns="urn:QDA-XML:project:1.0">
<Users><User guid="11111111-1111-4111-8111-111111111111" name="` + d("Märta") + `" /></Users>
<CodeBook><Codes><Code guid="c0000000-0000-4000-8000-000000000003" name="` + d("Yö") + `" isCodable="true">
<Description>Name (en): ` + d("Nätt") + `</Description></Code></Codes></CodeBook>
<Variables><Variable guid="a0000000-0000-4000-8000-000000000001" name="` + d("ikäryhmä") + `" typeOfVariable="Text" /></Variables>
<Cases><Case guid="b0000000-0000-4000-8000-000000000001" name="` + d("Ryhmä Ä") + `">
<VariableValue><VariableRef targetGUID="a0000000-0000-4000-8000-000000000001" /><TextValue>` + d("yli 65-vuotiaat, iäkkäät") + `</TextValue></VariableValue>
<SourceRef targetGUID="d0000000-0000-4000-8000-000000000005"/><SourceRef targetGUID="d0000000-0000-4000-8000-000000000006"/>
</Case></Cases>
<Sources>
<TextSource guid="d0000000-0000-4000-8000-000000000005" name="` + d("Hän herää.txt") + `"><PlainTextContent>Yöt ovat vaikeita.</PlainTextContent></TextSource>
<TextSource guid="d0000000-0000-4000-8000-000000000006" name="` + d("Äiti.txt") + `"><PlainTextContent>Äiti pärjää.</PlainTextContent></TextSource>
<PDFSource guid="d0000000-0000-4000-8000-000000000007" name="` + d("Päätös.pdf") + `" />
</Sources>
<Sets><Set guid="e0000000-0000-4000-8000-000000000001" name="` + d("Kesä") + `"><MemberSource targetGUID="d0000000-0000-4000-8000-000000000005"/></Set></Sets>
</Project>`
	path := filepath.Join(t.TempDir(), "nfd.qde")
	if err := os.WriteFile(path, []byte(qde), 0o600); err != nil {
		t.Fatal(err)
	}
	p, err := readQDPXFile(t, path)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, u := range p.Users {
		names = append(names, u)
	}
	for _, c := range p.Codes {
		names = append(names, c.NameFi, c.NameEn)
	}
	for _, s := range p.Sources {
		names = append(names, s.Name)
		for k, v := range s.Attrs {
			names = append(names, k, v)
		}
	}
	names = append(names, p.Changed...)
	names = append(names, p.Skipped...)
	all := strings.Join(names, "\n")
	for _, w := range []string{"Märta", "Yö", "Nätt", "ikäryhmä", "yli 65-vuotiaat, iäkkäät", "Ryhmä Ä", "Hän herää.txt", "Äiti.txt", "Kesä", "Päätös.pdf"} {
		if !strings.Contains(all, w) {
			t.Errorf("no %q in NFC among the names read:\n%s", w, all)
		}
	}
	if !norm.NFC.IsNormalString(all) {
		t.Errorf("names not in NFC:\n%+q", all)
	}
}
