package codebooks

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

// Ids for test snippets.
const (
	id1 = "00000000-0000-4000-8000-000000000001"
	id2 = "00000000-0000-4000-8000-000000000002"
	id3 = "00000000-0000-4000-8000-000000000003"
)

// want is one expected problem: its line and a part of its message.
type want struct {
	line int
	msg  string
}

func TestParseProblems(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []want
	}{
		{"duplicate id", `codes:
  - id: ` + id1 + `
    name_fi: A
    name_en: A en
  - id: ` + strings.ToUpper(id1) + `
    name_fi: B
    name_en: B en
`, []want{{5, "id " + id1 + ` is already the id of "A" on line 2`}}},
		{"duplicate fi name, other case", `codes:
  - id: ` + id1 + `
    name_fi: Aa
    name_en: A en
  - id: ` + id2 + `
    name_fi: aA
    name_en: B en
`, []want{{6, `name "aA" is already used by the sibling code on line 3`}}},
		{"fi name equals a sibling's en name", `codes:
  - id: ` + id1 + `
    name_fi: A
    name_en: Same
  - id: ` + id2 + `
    name_fi: same
    name_en: B
`, []want{{6, `name "same" is already used by the sibling code on line 4`}}},
		{"duplicate name among nested siblings", `codes:
  - id: ` + id1 + `
    name_fi: T
    name_en: T en
    children:
      - id: ` + id2 + `
        name_fi: X
        name_en: X en
      - id: ` + id3 + `
        name_fi: Y
        name_en: x EN
`, []want{{11, `name "x EN" is already used by the sibling code on line 8`}}},
		{"unknown parent", `codes:
  - id: ` + id1 + `
    name_fi: A
    name_en: A en
    parent: ` + id2 + `
`, []want{{5, "unknown parent " + id2}}},
		{"own parent", `codes:
  - id: ` + id1 + `
    name_fi: A
    name_en: A en
    parent: ` + id1 + `
`, []want{{5, `code "A" is its own parent`}}},
		{"cycle of parents", `codes:
  - id: ` + id3 + `
    name_fi: C
    name_en: C en
    parent: ` + id1 + `
  - id: ` + id1 + `
    name_fi: A
    name_en: A en
    parent: ` + id2 + `
  - id: ` + id2 + `
    name_fi: B
    name_en: B en
    parent: ` + id1 + `
`, []want{{9, `the parent fields of "A", "B" form a cycle`}}},
		{"parent contradicts nesting", `codes:
  - id: ` + id1 + `
    name_fi: A
    name_en: A en
  - id: ` + id2 + `
    name_fi: B
    name_en: B en
    children:
      - id: ` + id3 + `
        name_fi: C
        name_en: C en
        parent: ` + id1 + `
`, []want{{12, "parent " + id1 + " contradicts the nesting under the code on line 5"}}},
		{"bad colours", `codes:
  - id: ` + id1 + `
    name_fi: A
    name_en: A en
    color: red
  - id: ` + id2 + `
    name_fi: B
    name_en: B en
    color: "#12345g"
`, []want{{5, `color "red" is not of the form "#rrggbb"`}, {9, `color "#12345g" is not`}}},
		{"unquoted colour", `codes:
  - id: ` + id1 + `
    name_fi: A
    name_en: A en
    color: #c0392b
`, []want{{5, "color is empty; write it in quotes"}}},
		{"duplicate shortcut", `codes:
  - id: ` + id1 + `
    name_fi: A
    name_en: A en
    shortcut: 1
    children:
      - id: ` + id2 + `
        name_fi: B
        name_en: B en
        shortcut: "1"
`, []want{{10, `shortcut "1" is already the shortcut of "A" on line 5`}}},
		{"long shortcut", `codes:
  - id: ` + id1 + `
    name_fi: A
    name_en: A en
    shortcut: ab
`, []want{{5, `shortcut "ab" must be a single character`}}},
		{"missing names", `codes:
  - id: ` + id1 + `
    name_fi: A
  - id: ` + id2 + `
    name_fi: "  "
    name_en: B
`, []want{{2, `code "A" has no name_en`}, {5, `code "B" has no name_fi`}}},
		{"name on two lines", `codes:
  - id: ` + id1 + `
    name_fi: "A\nB"
    name_en: A
`, []want{{3, `name_fi "A\x0aB" must be one line`}}},
		{"terminal controls", `codes:
  - id: ` + id1 + `
    name_fi: "\u202Etxt.exe"
    name_en: "\e[31mA"
    shortcut: "\u009b"
    definition: "ok\nline\ttab\a"
`, []want{{3, `name_fi "\u202etxt.exe" holds a bidirectional text control (\u202e)`},
			{4, `name_en "\x1b[31mA" holds a control character (\x1b)`},
			{5, `shortcut "\u009b" must be a visible character`},
			{6, `definition "ok\x0aline\x09tab\x07" holds a control character (\x07)`}}},
		{"missing id", `codes:
  - name_fi: A
    name_en: A en
`, []want{{2, `code "A" has no id`}}},
		{"id not a UUID", `codes:
  - id: 42
    name_fi: A
    name_en: A en
`, []want{{2, `id "42" is not a UUID`}}},
		{"unknown field", `codes:
  - id: ` + id1 + `
    name_fi: A
    name_en: A en
    when_to_usee: often
`, []want{{5, `unknown field "when_to_usee" (did you mean when_to_use?)`}}},
		{"unknown top-level field", `codebok: X
codes:
  - id: ` + id1 + `
    name_fi: A
    name_en: A en
`, []want{{1, `unknown field "codebok" (did you mean codebook?)`}}},
		{"field given twice", `codes:
  - id: ` + id1 + `
    name_fi: A
    name_en: A en
    name_fi: B
`, []want{{5, "field name_fi is given twice (first on line 3)"}}},
		{"name is a list", `codes:
  - id: ` + id1 + `
    name_fi: [A, B]
    name_en: A en
`, []want{{3, "name_fi must be text, not a list"}}},
		{"children is text", `codes:
  - id: ` + id1 + `
    name_fi: A
    name_en: A en
    children: none
`, []want{{5, `children must be a list of codes, not the text "none"`}}},
		{"codes is a mapping", `codes:
  a: b
`, []want{{2, "codes must be a list of codes, not a mapping"}}},
		{"code is text", `codes:
  - just a name
`, []want{{2, `a code must be a mapping of fields (id, name_fi, ...), not the text "just a name"`}}},
		{"root is a list", `- a
- b
`, []want{{1, "a codebook file must be a mapping"}}},
		{"tagged value", `codes:
  - id: ` + id1 + `
    name_fi: !!binary aGVsbG8=
    name_en: A en
`, []want{{3, "name_fi must be text, not a value tagged !!binary"}}},
		{"alias of a mapping", `codes:
  - &a
    id: ` + id1 + `
    name_fi: A
    name_en: A en
  - *a
`, []want{{6, "the alias *a may only stand for a single value"}}},
		{"no codes", `codebook: X
`, []want{{1, "the codebook has no codes"}}},
		{"empty codes", `codes: []
`, []want{{1, "the codebook has no codes"}}},
		{"empty file", "# nothing\n", []want{{0, "the file is empty"}}},
		{"syntax error", `codes:
  - id: ` + id1 + `
    name_fi: "A
`, []want{{3, "found unexpected end of stream"}}},
		{"two documents", `codes: []
---
codes: []
`, []want{{1, "the codebook has no codes"}, {2, "holds one YAML document"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := Parse("t.yaml", []byte(tt.yaml))
			if err == nil {
				t.Fatalf("Parse accepted it: %+v", b)
			}
			checkProblems(t, err, tt.want)
		})
	}
}

// checkProblems checks that err lists exactly the wanted problems.
func checkProblems(t *testing.T, err error, wants []want) {
	t.Helper()
	var perr *Error
	if !errors.As(err, &perr) {
		t.Fatalf("err = %v (%T), want *Error", err, err)
	}
	if !errors.Is(err, coding.ErrInvalid) {
		t.Errorf("errors.Is(err, ErrInvalid) = false")
	}
	if len(perr.Problems) != len(wants) {
		t.Fatalf("got %d problems, want %d:\n%v", len(perr.Problems), len(wants), err)
	}
	lines := strings.Split(err.Error(), "\n")
	for _, w := range wants {
		prefix := fmt.Sprintf("t.yaml:%d: ", w.line)
		if w.line == 0 {
			prefix = "t.yaml: "
		}
		found := false
		for _, l := range lines {
			if strings.HasPrefix(l, prefix) && strings.Contains(l, w.msg) {
				found = true
			}
		}
		if !found {
			t.Errorf("no problem %q%s in:\n%v", prefix, w.msg, err)
		}
	}
}

func TestParseReportsEveryProblem(t *testing.T) {
	src := `codebook: Many
description: Several things wrong at once.
codes:
  - id: ` + id1 + `
    name_fi: A
    name_en: A en
    color: blue
    shortcut: x
  - id: ` + id1 + `
    name_fi: a
    name_en: B en
    shortcut: x
    when_to_usee: never
  - id: not-a-uuid
    name_en: C en
    parent: ` + id3 + `
`
	_, err := Parse("t.yaml", []byte(src))
	checkProblems(t, err, []want{
		{7, `color "blue"`},
		{9, "is already the id of"},
		{10, `name "a" is already used`},
		{12, `shortcut "x" is already the shortcut of "A" on line 8`},
		{13, `unknown field "when_to_usee"`},
		{14, `id "not-a-uuid" is not a UUID`},
		{14, `code "C en" has no name_fi`},
		{16, "unknown parent " + id3},
	})
	if got := strings.Count(err.Error(), "\n") + 1; got != 8 {
		t.Errorf("Error() has %d lines, want one per problem:\n%v", got, err)
	}
	if !strings.HasPrefix(err.Error(), "t.yaml:7: ") {
		t.Errorf("problems are not in line order:\n%v", err)
	}
}

func TestParseAccepts(t *testing.T) {
	tests := []struct {
		name  string
		yaml  string
		check func(t *testing.T, b *Book)
	}{
		{"same names under different parents", `codes:
  - id: ` + id1 + `
    name_fi: A
    name_en: A en
    children:
      - id: ` + id3 + `
        name_fi: Other
        name_en: Other en
  - id: ` + id2 + `
    name_fi: B
    name_en: B en
    children:
      - id: 00000000-0000-4000-8000-000000000004
        name_fi: Other
        name_en: Other en
`, func(t *testing.T, b *Book) {
			if b.Codes[1].ParentID != id1 || b.Codes[3].ParentID != id2 || b.Codes[3].Position != 0 || b.Codes[2].Position != 1 {
				t.Errorf("parents or positions wrong: %+v %+v %+v", b.Codes[1], b.Codes[2], b.Codes[3])
			}
		}},
		{"ids lowercased, text trimmed, numbers as text", `codes:
  - id: ` + strings.ToUpper(id1) + `
    name_fi: |
      Kaksi
    name_en: 2023
    shortcut: 7
    color: "#ABCDEF"
  - id: ` + id2 + `
    name_fi: B
    name_en: B en
    parent: ` + strings.ToUpper(id1) + `
`, func(t *testing.T, b *Book) {
			c := b.Codes[0]
			if c.ID != id1 || c.NameFi != "Kaksi" || c.NameEn != "2023" || c.Shortcut != "7" || c.Color != "#ABCDEF" {
				t.Errorf("got %+v", c)
			}
			if b.Codes[1].ParentID != id1 {
				t.Errorf("parent %q, want %s", b.Codes[1].ParentID, id1)
			}
		}},
		{"flat list, child first", `codes:
  - id: ` + id2 + `
    parent: ` + id1 + `
    name_fi: B
    name_en: B en
  - id: ` + id1 + `
    name_fi: A
    name_en: A en
  - id: ` + id3 + `
    parent: ` + id1 + `
    name_fi: C
    name_en: C en
`, func(t *testing.T, b *Book) {
			if b.Codes[0].ID != id2 || b.Codes[0].ParentID != id1 || b.Codes[0].Position != 0 ||
				b.Codes[1].Position != 0 || b.Codes[2].Position != 1 {
				t.Errorf("got %+v %+v %+v", b.Codes[0], b.Codes[1], b.Codes[2])
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := Parse("t.yaml", []byte(tt.yaml))
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, b)
		})
	}
}
