package codebooks

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

func TestWriteYAMLRoundTrip(t *testing.T) {
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			b, err := Load(name)
			if err != nil {
				t.Fatal(err)
			}
			roundTrip(t, b)
		})
	}
}

// roundTrip writes b, parses the output and checks it equals b.
func roundTrip(t *testing.T, b *Book) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteYAML(&buf, b); err != nil {
		t.Fatal(err)
	}
	back, err := Parse("out.yaml", buf.Bytes())
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.Bytes())
	}
	if !reflect.DeepEqual(back, b) {
		for i := range min(len(b.Codes), len(back.Codes)) {
			if !reflect.DeepEqual(b.Codes[i], back.Codes[i]) {
				t.Fatalf("code %d differs:\n got %+v\nwant %+v", i, back.Codes[i], b.Codes[i])
			}
		}
		t.Fatalf("round trip differs:\n got %+v\nwant %+v", back, b)
	}
	return buf.Bytes()
}

func TestWriteYAMLOddText(t *testing.T) {
	long := strings.Repeat("word ", 40) + "end"
	b := &Book{Name: "yes", Description: "line one\n\n  indented: line # two\nthree", Codes: []*coding.Code{
		{Record: coding.Record{ID: id1}, NameFi: "null", NameEn: "- dash: colon", Color: "#a0b0c0", Shortcut: "#",
			ShortDef: long, Definition: "tab\there \"quoted\" \\ back\u00a0nbsp", WhenToUse: "'single' #hash",
			WhenNotUse: long + "  two spaces", Example: "ends with break\n\nand\ttab"},
		{Record: coding.Record{ID: id2}, ParentID: id1, NameFi: "123", NameEn: "true", Shortcut: "ä",
			ShortDef: "[flow, like] {this}", Definition: "a\u00a0b\ufeffc\u200dd", WhenToUse: "*alias &anchor !tag %dir @at `tick`",
			WhenNotUse: strings.Repeat("x", 150), Example: "---"},
	}}
	out := roundTrip(t, b)
	if !strings.Contains(string(out), "short_definition: >-\n      word word") {
		t.Errorf("long text is not folded:\n%s", out)
	}
}

func TestWriteYAMLFlatToNested(t *testing.T) {
	src := `codebook: Flat
codes:
  - id: ` + id1 + `
    name_fi: A
    name_en: A en
  - id: ` + id2 + `
    parent: ` + id1 + `
    name_fi: B
    name_en: B en
  - id: ` + id3 + `
    parent: ` + id2 + `
    name_fi: C
    name_en: C en
`
	b, err := Parse("flat.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	out := roundTrip(t, b)
	want := `codebook: Flat
codes:
  - id: ` + id1 + `
    name_fi: A
    name_en: A en
    children:
      - id: ` + id2 + `
        name_fi: B
        name_en: B en
        children:
          - id: ` + id3 + `
            name_fi: C
            name_en: C en
`
	if string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}

func TestWriteYAMLRefusesInvalid(t *testing.T) {
	b := &Book{Codes: []*coding.Code{{Record: coding.Record{ID: id1}, NameFi: "A", ParentID: id2}}}
	if err := WriteYAML(&bytes.Buffer{}, b); err == nil {
		t.Error("WriteYAML wrote a code with an unknown parent")
	}
}

func TestWriteMarkdown(t *testing.T) {
	for _, name := range Names() {
		for _, lang := range []string{coding.LangFinnish, coding.LangEnglish} {
			t.Run(name+"/"+lang, func(t *testing.T) {
				b, err := Load(name)
				if err != nil {
					t.Fatal(err)
				}
				var buf bytes.Buffer
				if err := WriteMarkdown(&buf, b, lang); err != nil {
					t.Fatal(err)
				}
				checkMarkdown(t, b, buf.String())
			})
		}
	}
}

func TestWriteMarkdownEscapes(t *testing.T) {
	b := &Book{Name: "Pipes | and\nnewlines", Codes: []*coding.Code{
		{Record: coding.Record{ID: id1}, NameFi: "Theme", NameEn: "Theme en"},
		{Record: coding.Record{ID: id2}, ParentID: id1, NameFi: "a|b", NameEn: `c\|d`,
			ShortDef: "one\ntwo | three", WhenToUse: "x\\", WhenNotUse: "|", Example: "*bold* _it_"},
	}}
	var buf bytes.Buffer
	if err := WriteMarkdown(&buf, b, coding.LangFinnish); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	checkMarkdown(t, b, out)
	if !strings.Contains(out, `| a\|b (*c\\\|d*) | one two \| three |`) {
		t.Errorf("cells not escaped:\n%s", out)
	}
	if err := WriteMarkdown(&buf, b, "sv"); err == nil {
		t.Error("WriteMarkdown accepted language sv")
	}
}

// checkMarkdown checks that every code's names appear and that every
// table row has as many cell separators as its header.
func checkMarkdown(t *testing.T, b *Book, out string) {
	t.Helper()
	for _, c := range b.Codes {
		// A code whose names differ only in case (B, b) is named once, in
		// the list's language.
		if strings.EqualFold(c.NameFi, c.NameEn) {
			if !strings.Contains(out, inline(c.NameFi)) && !strings.Contains(out, inline(c.NameEn)) {
				t.Errorf("name %q missing", c.NameFi)
			}
			continue
		}
		for _, n := range []string{c.NameFi, c.NameEn} {
			if !strings.Contains(out, inline(n)) {
				t.Errorf("name %q missing", n)
			}
		}
	}
	tables, cols := 0, 0
	for i, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "|") {
			cols = 0
			continue
		}
		n := separators(line)
		if cols == 0 {
			cols = n
			tables++
		} else if n != cols {
			t.Errorf("line %d has %d separators, the table's header %d: %s", i+1, n, cols, line)
		}
		if !strings.HasSuffix(line, " |") && !strings.HasSuffix(line, "-|") {
			t.Errorf("line %d does not end the row: %s", i+1, line)
		}
	}
	for _, c := range b.Codes {
		if c.ParentID != "" && tables == 0 {
			t.Fatal("codes below themes but no tables")
		}
	}
}

// separators counts the unescaped | of a Markdown table row.
func separators(line string) int {
	n := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '|':
			n++
		}
	}
	return n
}
