package refiqda

import (
	"strings"
	"testing"
)

// casesQDE is a project.qde in QualCoder's shape: an unnamed case of one
// source (a document's attributes), a named case of two sources with a
// value one of them also has, differently, in its TextSource.
const casesQDE = `<?xml version="1.0" encoding="utf-8"?>
<Project name="fiction.qda" origin="QualCoder 3.6" xmlns="urn:QDA-XML:project:1.0">
<Variables>
<Variable guid="a0000000-0000-4000-8000-000000000002" name="gender" typeOfVariable="Text" >
<Description>self-described</Description>
</Variable>
<Variable guid="a0000000-0000-4000-8000-000000000003" name="site" typeOfVariable="Text" >
<Description />
</Variable>
</Variables>
<Cases>
<Case guid="b0000000-0000-4000-8000-000000000001">
<VariableValue>
<VariableRef targetGUID="a0000000-0000-4000-8000-000000000003" />
<TextValue>Kuopio</TextValue>
</VariableValue>
<SourceRef targetGUID="d0000000-0000-4000-8000-000000000001"/>
</Case>
<Case guid="b0000000-0000-4000-8000-000000000002" name="Group A">
<VariableValue>
<VariableRef targetGUID="a0000000-0000-4000-8000-000000000002" />
<TextValue>mixed</TextValue>
</VariableValue>
<SourceRef targetGUID="d0000000-0000-4000-8000-000000000001"/>
<SourceRef targetGUID="d0000000-0000-4000-8000-000000000002"/>
</Case>
</Cases>
<Sources>
<TextSource guid="d0000000-0000-4000-8000-000000000001" name="haastattelu1.txt">
<PlainTextContent>H: Miten menee?</PlainTextContent>
<VariableValue>
<VariableRef targetGUID="a0000000-0000-4000-8000-000000000002" />
<TextValue>female</TextValue>
</VariableValue>
</TextSource>
<TextSource guid="d0000000-0000-4000-8000-000000000002" name="interview2.txt">
<PlainTextContent>Interviewer: How are you?</PlainTextContent>
</TextSource>
</Sources>
</Project>`

// TestNamedCaseOfSeveralSources: a named case of several sources is kept
// as a membership attribute of each (as a set), its values reach its
// sources, and a source's own value that differs from its case's wins
// and is said.
func TestNamedCaseOfSeveralSources(t *testing.T) {
	p, err := readQDPX(t, []byte(casesQDE))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]string{
		"haastattelu1.txt": {"site": "Kuopio", "gender": "female", "Group A": "Group A"},
		"interview2.txt":   {"gender": "mixed", "Group A": "Group A"},
	}
	for _, s := range p.Sources {
		if len(s.Attrs) != len(want[s.Name]) {
			t.Errorf("%s: attributes %v, want %v", s.Name, s.Attrs, want[s.Name])
		}
		for k, v := range want[s.Name] {
			if s.Attrs[k] != v {
				t.Errorf("%s: %s = %q, want %q", s.Name, k, s.Attrs[k], v)
			}
		}
	}
	changed := strings.Join(p.Changed, "\n")
	for _, w := range []string{
		`case "Group A": kept as the document attribute "Group A" (value "Group A") of its 2 documents`,
		`source "haastattelu1.txt": attribute "gender" is "female" in the document and "mixed" in its case "Group A": kept "female"`,
	} {
		if !strings.Contains(changed, w) {
			t.Errorf("changed:\n%s\nwant the line\n%s", changed, w)
		}
	}
}
