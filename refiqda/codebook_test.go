package refiqda

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

const (
	idT1   = "4d8dfebf-3a2f-4339-894d-5a18d299057c"
	idC11  = "d67018bf-8ebb-4f58-ac94-805fdfa6bdd2"
	idC111 = "0f8a1907-7e42-4739-8610-a676b4d1b69f"
	idC112 = "d2c1e38e-5220-42fa-a442-908471cc7964"
	idC12  = "7988dac2-adbd-4258-a81e-71489189f5b5"
	idT2   = "0983e32e-6866-431a-bd94-dac9bb963825"
	idC21  = "d299efae-5779-46dc-9827-a3d1a5d544bc"
	idC22  = "7496ba52-9c8d-4396-8fab-cc438614e453"
	idT3   = "c3c7d437-6932-4b14-a55d-30b7f811bbf3"
	idC31  = "3dd1a2a6-3aef-4a4c-9138-718e9ce2386d"
)

// fixture is a three-level codebook that uses every field, given out of
// tree order.
func fixture() []*coding.Code {
	return []*coding.Code{
		{Record: coding.Record{ID: idC111}, ParentID: idC11, NameFi: "Liitteet ja \"selvitykset\"",
			Definition: "Pyydetään liitteitä, joita on jo toimitettu."}, // only a definition: written plain
		{Record: coding.Record{ID: idT1}, NameFi: "Byrokratialoukut", NameEn: "Bureaucracy traps", Color: "#c0392b", Shortcut: "1",
			ShortDef:   "Ongelmat, jotka syntyvät säännöistä itsestään.",
			Definition: "Tilanteet, joissa etuuksien <järjestäminen> vaikeuttaa asiointia.\n\nAnsa on järjestelmässä & ei asiakkaassa.",
			WhenToUse:  "Kun kuvataan konkreettinen kitka: 'paperisota'.",
			WhenNotUse: "Ei sujuvaan asiointiin (ks. \"Asiointi\").",
			Example:    "\"Se on semmosta paperisotaa, et ennen ku saa mitään...\""},
		{Record: coding.Record{ID: idC11}, ParentID: idT1, Position: 1, NameFi: "Kelan & kunnan välillä <pompottelu>",
			NameEn: "Passed \"between\" Kela's desks", Color: "#e06666", Shortcut: "2",
			ShortDef: "Asiakasta lähetetään luukulta toiselle.", WhenToUse: "Kun vastuu siirtyy > 1 kertaa."},
		{Record: coding.Record{ID: idC112}, ParentID: idC11, Position: 1, NameEn: "Only English", ShortDef: "Just a short definition."},
		{Record: coding.Record{ID: idC12}, ParentID: idT1, NameFi: "Odottaminen", NameEn: "Waiting", Shortcut: "w",
			Example: "Example: \"Odotin kolme viikkoa.\""},
		{Record: coding.Record{ID: idT2}, NameFi: "Tiedonsiirto", NameEn: "Data transfer", Color: "#2e86c1",
			Definition: "Tieto liikkuu Kelan ja kunnan välillä.\n"},
		{Record: coding.Record{ID: idC21}, ParentID: idT2, NameFi: "Äänitys ja öljy", NameEn: "Recording", Color: "#1abc9c",
			Definition: "  Rivit\nWindowsista\n", WhenNotUse: "Ei: tietosuoja.\n\nToinen kappale."},
		{Record: coding.Record{ID: idC22}, ParentID: idT2, NameFi: "Kuvaukseton"},
		{Record: coding.Record{ID: idT3}, Position: -1, NameFi: "Yleistä", NameEn: "General", Color: "#808080"},
		{Record: coding.Record{ID: idC31}, ParentID: idT3, NameFi: "Muu  välilyönnein", NameEn: "Other", Shortcut: "&"},
	}
}

// withoutPosition returns the code without its Position (positions are
// rewritten as sibling indexes; order is compared separately).
func withoutPosition(c *coding.Code) coding.Code {
	out := *c
	out.Position = 0
	return out
}

// siblingOrder lists each parent's children in order.
func siblingOrder(t *testing.T, codes []*coding.Code) map[string][]string {
	t.Helper()
	cb, err := coding.NewCodebook(codes)
	if err != nil {
		t.Fatal(err)
	}
	order := map[string][]string{}
	for _, c := range append([]*coding.Code{{}}, cb.Codes()...) {
		for _, k := range cb.Children(c.ID) {
			order[c.ID] = append(order[c.ID], k.ID)
		}
	}
	return order
}

func TestCodebookRoundTrip(t *testing.T) {
	for _, lang := range []string{coding.LangFinnish, coding.LangEnglish} {
		t.Run(lang, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteCodebook(&buf, fixture(), lang); err != nil {
				t.Fatal(err)
			}
			data := buf.Bytes()
			back, err := ReadCodebook(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("%v\n%s", err, data)
			}
			want := map[string]coding.Code{}
			for _, c := range fixture() {
				want[c.ID] = withoutPosition(c)
			}
			if len(back) != len(want) {
				t.Fatalf("read %d codes, want %d", len(back), len(want))
			}
			for i, c := range back {
				if c.ParentID != "" && i > 0 && !seenBefore(back[:i], c.ParentID) {
					t.Errorf("code %s comes before its parent", c.ID)
				}
				if got := withoutPosition(c); !reflect.DeepEqual(got, want[c.ID]) {
					t.Errorf("code %s:\n got %#v\nwant %#v", c.ID, got, want[c.ID])
				}
			}
			if got, want := siblingOrder(t, back), siblingOrder(t, fixture()); !reflect.DeepEqual(got, want) {
				t.Errorf("sibling order:\n got %v\nwant %v", got, want)
			}
			t.Run("valid", func(t *testing.T) { validate(t, data) })
		})
	}
}

func seenBefore(codes []*coding.Code, id string) bool {
	for _, c := range codes {
		if c.ID == id {
			return true
		}
	}
	return false
}

// TestWriteCodebookLayout pins the XML and the folded Description of one
// code, as a reader in another tool sees them.
func TestWriteCodebookLayout(t *testing.T) {
	codes := fixture()[1:3] // t1 and its child c11
	var buf bytes.Buffer
	if err := WriteCodebook(&buf, codes, coding.LangEnglish); err != nil {
		t.Fatal(err)
	}
	want := `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="avain">
  <Codes>
    <Code guid="4d8dfebf-3a2f-4339-894d-5a18d299057c" name="Bureaucracy traps" isCodable="true" color="#C0392B">
      <Description>Ongelmat, jotka syntyvät säännöistä itsestään.

Definition: Tilanteet, joissa etuuksien &lt;järjestäminen&gt; vaikeuttaa asiointia.

Ansa on järjestelmässä &amp; ei asiakkaassa.

When to use: Kun kuvataan konkreettinen kitka: 'paperisota'.

When not to use: Ei sujuvaan asiointiin (ks. "Asiointi").

Example: "Se on semmosta paperisotaa, et ennen ku saa mitään..."

Name (fi): Byrokratialoukut
Shortcut: 1</Description>
      <Code guid="d67018bf-8ebb-4f58-ac94-805fdfa6bdd2" name="Passed &quot;between&quot; Kela&apos;s desks" isCodable="true" color="#E06666">
        <Description>Asiakasta lähetetään luukulta toiselle.

When to use: Kun vastuu siirtyy &gt; 1 kertaa.

Name (fi): Kelan &amp; kunnan välillä &lt;pompottelu&gt;
Shortcut: 2</Description>
      </Code>
    </Code>
  </Codes>
</CodeBook>
`
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestWriteCodebookValid validates small codebooks, where empty elements
// would show.
func TestWriteCodebookValid(t *testing.T) {
	tests := []struct {
		name  string
		codes []*coding.Code
	}{
		{"single code", []*coding.Code{{Record: coding.Record{ID: idT1}, NameFi: "Ainoa"}}},
		{"no descriptions", []*coding.Code{
			{Record: coding.Record{ID: idT1}, NameFi: "Teema", Color: "#ABCDEF"},
			{Record: coding.Record{ID: idC11}, ParentID: idT1, NameFi: "Koodi"},
			{Record: coding.Record{ID: idC111}, ParentID: idC11, NameFi: "Alakoodi"},
		}},
		{"odd characters", []*coding.Code{{Record: coding.Record{ID: idT1}, NameFi: "a]]>b & <c>",
			Definition: "x ]]> \uFFFE z\n\ny"}}},
		{"deleted codes left out", []*coding.Code{
			{Record: coding.Record{ID: idT1}, NameFi: "Elossa"},
			{Record: coding.Record{ID: idT2, Deleted: true}, NameFi: "Poistettu"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteCodebook(&buf, tt.codes, ""); err != nil {
				t.Fatal(err)
			}
			for _, empty := range []string{"<Description></Description>", "<Codes/>", "<Sets", "<Codes></Codes>"} {
				if strings.Contains(buf.String(), empty) {
					t.Errorf("output has %s:\n%s", empty, buf.String())
				}
			}
			if _, err := ReadCodebook(bytes.NewReader(buf.Bytes())); err != nil {
				t.Errorf("reading it back: %v", err)
			}
			validate(t, buf.Bytes())
		})
	}
}

func TestWriteCodebookErrors(t *testing.T) {
	tests := []struct {
		name  string
		codes []*coding.Code
		lang  string
		want  string
	}{
		{"no codes", nil, "fi", "no codes"},
		{"only deleted codes", []*coding.Code{{Record: coding.Record{ID: idT1, Deleted: true}, NameFi: "x"}}, "fi", "no codes"},
		{"id not a UUID", []*coding.Code{{Record: coding.Record{ID: "t1"}, NameFi: "x"}}, "fi", "not a UUID"},
		{"same UUID twice", []*coding.Code{{Record: coding.Record{ID: idT1}, NameFi: "x"},
			{Record: coding.Record{ID: strings.ToUpper(idT1)}, NameFi: "y"}}, "fi", "same UUID"},
		{"unknown parent", []*coding.Code{{Record: coding.Record{ID: idT1}, ParentID: idT2, NameFi: "x"}}, "fi", "unknown parent"},
		{"bad language", fixture(), "sv", `language "sv"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := WriteCodebook(&buf, tt.codes, tt.lang)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.Is(err, coding.ErrInvalid) {
				t.Fatalf("err = %v, want one with %q that is coding.ErrInvalid", err, tt.want)
			}
		})
	}
}

const taguetteLike = `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Test"><Codes>%s</Codes><Sets/></CodeBook>`

func TestReadCodebookTolerance(t *testing.T) {
	const upper = "098AC082-A9C7-50F4-9728-48730081A95E"
	const lower = "098ac082-a9c7-50f4-9728-48730081a95e"
	doc := func(codes string) string { return strings.Replace(taguetteLike, "%s", codes, 1) }
	tests := []struct {
		name  string
		input string
		want  []coding.Code // compared without ID when ID is ""
	}{
		{"upper-case GUID", doc(`<Code guid="` + upper + `" name="A" isCodable="true"/>`),
			[]coding.Code{{Record: coding.Record{ID: lower}, NameFi: "A"}}},
		{"GUID in braces", doc(`<Code guid="{` + upper + `}" name="A" isCodable="true"/>`),
			[]coding.Code{{Record: coding.Record{ID: lower}, NameFi: "A"}}},
		{"missing colour", doc(`<Code guid="` + lower + `" name="A" isCodable="true"/>`),
			[]coding.Code{{Record: coding.Record{ID: lower}, NameFi: "A"}}},
		{"colours in any case", doc(`<Code guid="` + lower + `" name="A" isCodable="true" color="#F00082">` +
			`<Code guid="` + idT1 + `" name="B" isCodable="true" color="#abcDEF"/>` +
			`<Code guid="` + idT2 + `" name="C" isCodable="true" color="#AbC"/>` +
			`<Code guid="` + idT3 + `" name="D" isCodable="true" color="red"/></Code>`),
			[]coding.Code{{Record: coding.Record{ID: lower}, NameFi: "A", Color: "#f00082"},
				{Record: coding.Record{ID: idT1}, ParentID: lower, NameFi: "B", Color: "#abcdef"},
				{Record: coding.Record{ID: idT2}, ParentID: lower, NameFi: "C", Color: "#aabbcc", Position: 1},
				{Record: coding.Record{ID: idT3}, ParentID: lower, NameFi: "D", Position: 2}}},
		{"BOM and CRLF", "\uFEFF" + strings.ReplaceAll(doc(`
<Code guid="`+lower+`" name="A" isCodable="true">
  <Description>First line
second line
</Description>
</Code>`), "\n", "\r\n"),
			[]coding.Code{{Record: coding.Record{ID: lower}, NameFi: "A", Definition: "First line\nsecond line"}}},
		{"empty Sets and isCodable false", doc(`<Code guid="` + lower + `" name="Theme" isCodable="false"><Code guid="` + idT1 + `" name="x" isCodable="true"/></Code>`),
			[]coding.Code{{Record: coding.Record{ID: lower}, NameFi: "Theme", NotCodable: true}, {Record: coding.Record{ID: idT1}, ParentID: lower, NameFi: "x"}}},
		{"unknown elements and attributes", `<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0" xmlns:x="urn:x" x:extra="1"><Intro>hi<b/></Intro><Codes>` +
			`<Code guid="` + lower + `" name="A" isCodable="true" x:flag="y" weight="3"><x:Note>n<Code guid="` + idT2 + `" name="hidden" isCodable="true"/></x:Note>` +
			`<Description>plain <i>text</i>here</Description><Description>second</Description></Code></Codes>` +
			`<Sets><Set guid="` + idT3 + `" name="S"><MemberCode guid="` + lower + `"/></Set></Sets><Notes/></CodeBook>`,
			[]coding.Code{{Record: coding.Record{ID: lower}, NameFi: "A", Definition: "plain here"}}},
		{"no namespace", `<CodeBook><Codes><Code guid="` + lower + `" name="A" isCodable="true"/></Codes></CodeBook>`,
			[]coding.Code{{Record: coding.Record{ID: lower}, NameFi: "A"}}},
		{"project", `<Project xmlns="urn:QDA-XML:project:1.0" name="p"><Users><User guid="` + idT3 + `" name="u"/></Users><CodeBook><Codes>` +
			`<Code guid="` + lower + `" name="A" isCodable="true"/></Codes></CodeBook><Sources/></Project>`,
			[]coding.Code{{Record: coding.Record{ID: lower}, NameFi: "A"}}},
		{"project without codebook", `<Project xmlns="urn:QDA-XML:project:1.0" name="p"><Users/></Project>`, nil},
		{"no codes", `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>`, nil},
		{"Latin-1", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><CodeBook><Codes><Code guid=\"" + lower + "\" name=\"\xd6ljy\" isCodable=\"true\"/></Codes></CodeBook>",
			[]coding.Code{{Record: coding.Record{ID: lower}, NameFi: "Öljy"}}},
		{"UTF-16 declared on UTF-8", `<?xml version="1.0" encoding="utf-16"?><CodeBook><Codes><Code guid="` + lower + `" name="Öljy" isCodable="true"/></Codes></CodeBook>`,
			[]coding.Code{{Record: coding.Record{ID: lower}, NameFi: "Öljy"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			codes, err := ReadCodebook(strings.NewReader(tt.input))
			if err != nil {
				t.Fatal(err)
			}
			var got []coding.Code
			for _, c := range codes {
				got = append(got, *c)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %#v\nwant %#v", got, tt.want)
			}
		})
	}
}

func TestReadCodebookGUIDs(t *testing.T) {
	const input = `<CodeBook><Codes><Code name="no guid" isCodable="true"/><Code guid="c001" name="not a uuid" isCodable="true"/></Codes></CodeBook>`
	read := func() []*coding.Code {
		codes, err := ReadCodebook(strings.NewReader(input))
		if err != nil {
			t.Fatal(err)
		}
		return codes
	}
	a, b := read(), read()
	for _, c := range append(a, b...) {
		if !uuidRE.MatchString(c.ID) {
			t.Errorf("id %q is not a lowercase UUID", c.ID)
		}
	}
	if a[0].ID == b[0].ID {
		t.Errorf("a code without a guid got the same id twice: %s", a[0].ID)
	}
	if a[1].ID != b[1].ID {
		t.Errorf("the guid c001 gave two ids: %s, %s", a[1].ID, b[1].ID)
	}
}

func TestReadCodebookErrors(t *testing.T) {
	const g = "098ac082-a9c7-50f4-9728-48730081a95e"
	tests := []struct {
		name, input, want string
	}{
		{"empty", "", "no XML element found"},
		{"not XML", "just some text", "no XML element found"},
		{"other document", `<?xml version="1.0"?>` + "\n<html><body/></html>", `line 2: not a REFI-QDA codebook: the root element is <html>`},
		{"mismatched tags", "<CodeBook>\n<Codes>\n</CodeBook>", "line 3: broken XML: element <Codes> closed by </CodeBook>"},
		{"truncated", "<CodeBook>\n<Codes>\n<Code guid=\"" + g + "\" name=\"A\" isCodable=\"true\">", "broken XML: unexpected EOF"},
		{"truncated project", "<Project><CodeBook><Codes/></CodeBook>\n<Sources>", "line 2: broken XML: unexpected EOF"},
		{"bad entity", "<CodeBook><Codes>\n<Code guid=\"" + g + "\" name=\"&nbsp;\" isCodable=\"true\"/></Codes></CodeBook>", "line 2: broken XML: invalid character entity &nbsp;"},
		{"control character", "<CodeBook><Codes>\n\n<Code guid=\"" + g + "\" name=\"a\x01\" isCodable=\"true\"/></Codes></CodeBook>", "line 3: broken XML: illegal character code U+0001"},
		{"duplicate guid", "<CodeBook><Codes>\n<Code guid=\"" + g + "\" name=\"A\" isCodable=\"true\"/>\n<Code guid=\"{" + strings.ToUpper(g) + "}\" name=\"B\" isCodable=\"true\"/></Codes></CodeBook>",
			"line 3: two codes have the guid " + g},
		{"no name", "<CodeBook><Codes>\n<Code guid=\"" + g + "\" isCodable=\"true\"/></Codes></CodeBook>", "line 2: code " + g + " has no name attribute"},
		{"empty name", "<CodeBook><Codes>\n<Code guid=\"" + g + "\" name=\"\" isCodable=\"true\"/></Codes></CodeBook>", "line 2: code " + g + " has an empty name"},
		{"unknown encoding", `<?xml version="1.0" encoding="EBCDIC"?><CodeBook/>`, `the encoding "EBCDIC" is not supported`},
		{"too deep", "<CodeBook><Codes>" + strings.Repeat(`<Code name="x" isCodable="true">`, maxDepth+1), "nest more than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadCodebook(strings.NewReader(tt.input))
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("err = %q, want one line with %q", err, tt.want)
			}
			if !errors.Is(err, coding.ErrInvalid) {
				t.Errorf("err = %v, want coding.ErrInvalid", err)
			}
		})
	}
}

func TestReadCodebookFile(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.qdc")
	if err := os.WriteFile(bad, []byte("<CodeBook>\n<Codes>\n</CodeBook>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadCodebookFile(bad); err == nil || err.Error() != bad+": line 3: broken XML: element <Codes> closed by </CodeBook>" {
		t.Errorf("err = %v", err)
	}
	gone := filepath.Join(dir, "gone.qdc")
	if _, err := ReadCodebookFile(gone); err == nil || err.Error() != gone+": no such file or directory" || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("err = %v", err)
	}
	good := filepath.Join(dir, "good.qdc")
	f, err := os.Create(good)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteCodebook(f, fixture(), "fi"); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	codes, err := ReadCodebookFile(good)
	if err != nil || len(codes) != len(fixture()) {
		t.Errorf("read %d codes, err %v", len(codes), err)
	}
}
