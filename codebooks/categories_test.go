package codebooks

import (
	"bytes"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

// Categories: "codable: false" marks a code that groups codes and takes no
// codings (coding.Code.NotCodable); it is written only for those.

func TestCategoryYAML(t *testing.T) {
	const file = `codebook: Arki
codes:
  - id: ` + id1 + `
    name_fi: Arki
    name_en: Everyday life
    codable: false
    children:
      - id: ` + id2 + `
        name_fi: Kotityöt
        name_en: Chores
        codable: true
`
	b, err := Parse("arki.yaml", []byte(file))
	if err != nil {
		t.Fatal(err)
	}
	if !b.Codes[0].NotCodable || b.Codes[1].NotCodable {
		t.Fatalf("read: Arki a category %v (want true), Kotityöt %v (want false)", b.Codes[0].NotCodable, b.Codes[1].NotCodable)
	}
	out := roundTrip(t, b)
	if strings.Count(string(out), "codable:") != 1 || !strings.Contains(string(out), "    name_en: Everyday life\n    codable: false\n") {
		t.Errorf("written:\n%s", out)
	}
	var md bytes.Buffer
	if err := WriteMarkdown(&md, b, coding.LangFinnish); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "## 1. Arki (*Everyday life*) (category: groups codes, not for coding)") ||
		strings.Contains(md.String(), "Kotityöt (*Chores*) (category") {
		t.Errorf("markdown does not mark the category alone:\n%s", md.String())
	}
}

func TestCategoryYAMLErrors(t *testing.T) {
	for _, tc := range []struct{ value, want string }{
		{"maybe", `a.yaml:5: codable must be true or false, not the text "maybe"`},
		{`"false"`, `a.yaml:5: codable must be true or false, not the text "false"`},
		{"[]", `a.yaml:5: codable must be true or false, not a list`},
	} {
		t.Run(tc.value, func(t *testing.T) {
			_, err := Parse("a.yaml", []byte("codes:\n  - id: "+id1+"\n    name_fi: Arki\n    name_en: Everyday life\n    codable: "+tc.value+"\n"))
			if err == nil || err.Error() != tc.want {
				t.Errorf("got %v, want %s", err, tc.want)
			}
		})
	}
}
