package refiqda

import (
	"strings"
	"testing"
)

// isCodable is an xs:boolean: only "false" (or "0") makes a category; a
// Code without the attribute, which Project.xsd requires but some tools
// leave out, is codable, as QualCoder reads it.
func TestIsCodableOfAProject(t *testing.T) {
	qde := `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="test"><CodeBook><Codes>
<Code guid="00000000-0000-4000-8000-000000000001" name="Ilman"/>
<Code guid="00000000-0000-4000-8000-000000000002" name="Tosi" isCodable="true"/>
<Code guid="00000000-0000-4000-8000-000000000003" name="Epätosi" isCodable="false"/>
<Code guid="00000000-0000-4000-8000-000000000004" name="Nolla" isCodable=" 0 "/>
<Code guid="00000000-0000-4000-8000-000000000005" name="Yksi" isCodable="1"/>
</Codes></CodeBook></Project>`
	p, err := readProject(strings.NewReader(qde), int64(len(qde)))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"Ilman": false, "Tosi": false, "Epätosi": true, "Nolla": true, "Yksi": false}
	for _, c := range p.Codes {
		if c.NotCodable != want[c.NameFi] {
			t.Errorf("%s: NotCodable %v, want %v", c.NameFi, c.NotCodable, want[c.NameFi])
		}
	}
	if len(p.Codes) != len(want) {
		t.Errorf("%d codes", len(p.Codes))
	}
}
