package refiqda

import (
	"bytes"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

// Categories: a Code with isCodable="false" is read as coding.Code
// NotCodable, and written back so.

// categories lists the names of the codes that are categories.
func categories(codes []*coding.Code) string {
	var out []string
	for _, c := range codes {
		if c.NotCodable {
			out = append(out, c.NameFi)
		}
	}
	return strings.Join(out, ", ")
}

func TestCodebookCategories(t *testing.T) {
	for _, tc := range []struct {
		name string
		data func(t *testing.T) []byte
		want string // the categories, as the file marks them
	}{
		// NVivo 12.6 marks one code isCodable="false" (a folder of codes).
		{"NVivo 12.6 .qdpx", func(t *testing.T) []byte { return qde(t, "nvivo12.6-win_oltas0517.qdpx") }, "Attituderoots"},
		// ATLAS.ti and Taguette write isCodable="true" on every code.
		{"ATLAS.ti 8.4 .qde", func(t *testing.T) []byte { return file(t, "samples/atlasti8.4-mac_standard_project.qde") }, ""},
		{"Taguette 1.4.1 .qdc", func(t *testing.T) []byte { return file(t, "samples/taguette1.4.1_codebook.qdc") }, ""},
		// As QualCoder writes a category: isCodable="false" last, the
		// codes under it codable.
		{"QualCoder-shaped .qdc", func(*testing.T) []byte {
			return []byte(`<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="QualCoder">
<Codes>
<Code guid="0b9d7c55-5d61-4f37-8f0e-3c1f4f9a2d10" name="Arki" isCodable="false">
<Code guid="6f2e0a8c-1b7d-4e59-9a44-2d8e5c3b7a01" name="Kotityöt" isCodable="true" color="#F5A623">
</Code>
</Code>
</Codes>
</CodeBook>
`)
		}, "Arki"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			codes, err := ReadCodebook(bytes.NewReader(tc.data(t)))
			if err != nil {
				t.Fatal(err)
			}
			if got := categories(codes); got != tc.want {
				t.Fatalf("categories %q, want %q", got, tc.want)
			}
			var buf bytes.Buffer
			if err := WriteCodebook(&buf, codes, coding.LangFinnish); err != nil {
				t.Fatal(err)
			}
			if n := strings.Count(buf.String(), `isCodable="false"`); n != strings.Count(tc.want, ",")+min(1, len(tc.want)) {
				t.Errorf("written with %d isCodable=\"false\"", n)
			}
			back, err := ReadCodebook(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if got := categories(back); got != tc.want {
				t.Errorf("read back: categories %q, want %q", got, tc.want)
			}
			t.Run("valid", func(t *testing.T) { validate(t, buf.Bytes()) })
		})
	}
}

func TestWriteCodebookCategory(t *testing.T) {
	codes := fixture()
	codes[1].NotCodable = true // Byrokratialoukut, a theme with children
	var buf bytes.Buffer
	if err := WriteCodebook(&buf, codes, coding.LangFinnish); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `<Code guid="`+idT1+`" name="Byrokratialoukut" isCodable="false" color="#C0392B">`) ||
		strings.Count(buf.String(), `isCodable="true"`) != len(codes)-1 {
		t.Errorf("the category is not written so:\n%s", buf.String())
	}
	validate(t, buf.Bytes())
}
