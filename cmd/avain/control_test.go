package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/store"
)

// terminalControls are the characters no output of avain may carry raw
// from the data: ESC, BEL, NUL, the 8-bit CSI, and bidi overrides and
// isolates.
const terminalControls = "\x1b\a\x00\u009b\u202e\u202d\u2066\u2067\u2068\u2069"

// snapshot is what a project holds that a refused command must not change.
func snapshot(t *testing.T, proj string) string {
	t.Helper()
	var b strings.Builder
	for _, args := range [][]string{{"docs", proj, "--json"}, {"codebook", proj, "--json"}, {"codings", proj, "--json"}} {
		code, out, errs := avain(t, args...)
		if code != 0 {
			t.Fatalf("%v: %s", args, errs)
		}
		b.WriteString(out)
	}
	return b.String()
}

// refused checks that a command failed with one line on stderr that shows
// want, carries no terminal control, and changed nothing.
func refused(t *testing.T, proj, want string, args ...string) {
	t.Helper()
	before := snapshot(t, proj)
	code, _, errs := avain(t, args...)
	if code == 0 {
		t.Fatalf("%q: accepted", args)
	}
	if strings.Count(strings.TrimSuffix(errs, "\n"), "\n") != 0 || strings.ContainsAny(errs, terminalControls) {
		t.Errorf("%q: want one escaped line, got %q", args, errs)
	}
	if !strings.Contains(errs, want) {
		t.Errorf("%q: %q does not say %q", args, errs, want)
	}
	if after := snapshot(t, proj); after != before {
		t.Errorf("%q changed the project:\n%s\n---\n%s", args, before, after)
	}
}

func TestControlCharactersRefused(t *testing.T) {
	proj, dir := codedProject(t)
	t.Run("code name", func(t *testing.T) {
		refused(t, proj, `name_fi "\x1b[31mX" holds a control character (\x1b)`, "codebook", proj, "add", "\x1b[31mX", "--en", "X")
	})
	t.Run("English name with a line break", func(t *testing.T) {
		refused(t, proj, `name_en "a\x0ab" must be one line`, "codebook", proj, "add", "Uusi", "--en", "a\nb")
	})
	t.Run("rename to RLO", func(t *testing.T) {
		refused(t, proj, `\u202e`, "codebook", proj, "rename", "Byrokratialoukut", "Byro\u202ekratia")
	})
	t.Run("attribute value", func(t *testing.T) {
		b := write(t, dir, "b.txt", []byte(professionalInterview))
		refused(t, proj, `attribute k value "v\x07" holds a control character (\x07)`, "import", proj, b, "--attr", "k=v\a")
	})
	t.Run("document name", func(t *testing.T) {
		b := write(t, dir, "b\x1b[2J.txt", []byte(professionalInterview))
		refused(t, proj, `document name "b\x1b[2J.txt" holds a control character (\x1b)`, "import", proj, b)
	})
	t.Run("CSV sidecar", func(t *testing.T) {
		sub := filepath.Join(dir, "meta")
		os.Mkdir(sub, 0o700)
		b := write(t, sub, "c.txt", []byte(professionalInterview))
		// Rows enough that the two controls are not taken for binary data.
		rows := "file,region\nc.txt,Kuo\x1b]0;x\apio\n" + "muu1.txt,Pohjois-Pohjanmaan hyvinvointialue\nmuu2.txt,Pohjois-Pohjanmaan hyvinvointialue\n" +
			"muu3.txt,Pohjois-Pohjanmaan hyvinvointialue\nmuu4.txt,Pohjois-Pohjanmaan hyvinvointialue\n"
		meta := write(t, sub, "meta.csv", []byte(rows))
		refused(t, proj, `attribute region value "Kuo\x1b]0;x\x07pio"`, "import", proj, b, "--meta", meta)
	})
	t.Run("memo", func(t *testing.T) {
		refused(t, proj, `memo "a\x1b[2Jb" holds a control character`, "memo", proj, "--doc", "asiakas_01.txt", "a\x1b[2Jb")
	})
	t.Run("coder", func(t *testing.T) {
		refused(t, proj, `coder "ai\u202eno"`, "memo", proj, "--doc", "asiakas_01.txt", "ok", "--coder", "ai\u202eno")
	})
	t.Run("YAML codebook", func(t *testing.T) {
		y := write(t, dir, "bad.yaml", []byte(`codebook: Paha
codes:
  - id: 0b4f6a39-9a3a-4b8e-9c43-4a8a9a7d0001
    name_fi: "Nimi\u202Etxt"
    name_en: "\e[31mName"
`))
		refused(t, proj, `bad.yaml:4: name_fi "Nimi\u202etxt" holds a bidirectional text control (\u202e)`, "codebook", proj, "--import", y)
		refused(t, proj, `bad.yaml:5: name_en "\x1b[31mName"`, "codebook", proj, "--import", y)
	})
	t.Run("qdc", func(t *testing.T) {
		q := write(t, dir, "bad.qdc", []byte(`<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="test">
  <Codes>
    <Code guid="0b4f6a39-9a3a-4b8e-9c43-4a8a9a7d0002" name="Nimi&#x202E;txt.exe" isCodable="true"/>
  </Codes>
</CodeBook>
`))
		refused(t, proj, `bad.qdc: `, "codebook", proj, "--import", q)
		refused(t, proj, `"Nimi\u202etxt.exe" holds a bidirectional text control`, "codebook", proj, "--import", q)
	})
}

// TestCodeTreeDepth builds a chain of codes to the limit from the command
// line: the 17th level is refused by add, move and a codebook file, and
// the 16-deep tree's YAML export reads back.
func TestCodeTreeDepth(t *testing.T) {
	proj, dir := codedProject(t)
	parent := "/"
	for i := 1; i <= coding.MaxCodeDepth; i++ {
		name := fmt.Sprintf("Taso %d", i)
		args := []string{"codebook", proj, "add", name, "--en", fmt.Sprintf("Level %d", i)}
		if parent != "/" {
			args = append(args, "--parent", parent)
		}
		if code, _, errs := avain(t, args...); code != 0 {
			t.Fatalf("level %d: %s", i, errs)
		}
		parent = name
	}
	refused(t, proj, "lies 17 levels deep; a code tree may be at most 16 deep",
		"codebook", proj, "add", "Taso 17", "--en", "Level 17", "--parent", "Taso 16")
	refused(t, proj, "lies 17 levels deep", "codebook", proj, "move", "Byrokratialoukut", "Taso 16")
	// A theme whose children would go one level too deep.
	refused(t, proj, "lies 17 levels deep", "codebook", proj, "move", "Byrokratialoukut", "Taso 15")

	out := filepath.Join(dir, "syva.yaml")
	if code, _, errs := avain(t, "codebook", proj, "--export", out); code != 0 {
		t.Fatalf("export: %s", errs)
	}
	fresh := filepath.Join(dir, "fresh.avain")
	if code, _, errs := avain(t, "init", fresh, "--codebook", out); code != 0 {
		t.Fatalf("the 16-deep export does not read back: %s", errs)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	// One level more in the file: a last code under Taso 16.
	code, js, errs := avain(t, "codebook", proj, "--json")
	if code != 0 {
		t.Fatal(errs)
	}
	var codes []struct {
		ID     string `json:"id"`
		NameFi string `json:"name_fi"`
	}
	if err := json.Unmarshal([]byte(js), &codes); err != nil {
		t.Fatal(err)
	}
	var id16 string
	for _, c := range codes {
		if c.NameFi == "Taso 16" {
			id16 = c.ID
		}
	}
	if id16 == "" {
		t.Fatalf("no Taso 16 in %s", js)
	}
	deeper := string(data) + "  - id: 0b4f6a39-9a3a-4b8e-9c43-4a8a9a7d0017\n    parent: " + id16 +
		"\n    name_fi: Taso 17\n    name_en: Level 17\n"
	bad := write(t, dir, "deeper.yaml", []byte(deeper))
	line := strings.Count(string(data), "\n") + 1
	refused(t, proj, fmt.Sprintf(`deeper.yaml:%d: code "Taso 17" lies 17 levels deep`, line), "codebook", proj, "--import", bad)
}

// TestStoredControlsPrintedEscaped writes control characters into a project
// as an older avain may have stored them, and reads them back through the
// text outputs: each shows them escaped.
func TestStoredControlsPrintedEscaped(t *testing.T) {
	proj, _ := codedProject(t)
	if code, _, errs := avain(t, "code", proj, "--doc", "asiakas_01.txt", "--turn", "2", "--code", "Toistuvat liitepyynnöt", "--coder", "aino"); code != 0 {
		t.Fatalf("code: %s", errs)
	}
	ctx := context.Background()
	s, err := store.Open(ctx, proj)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`UPDATE documents SET name = 'asiakas' || char(27) || '[2J' || char(7) || '.txt'`,
		`UPDATE codes SET name_fi = 'Toistuvat' || char(155) || '31m' || char(8238) || ' liitepyynnöt' WHERE name_fi = 'Toistuvat liitepyynnöt'`,
		`UPDATE codings SET coder = 'ai' || char(27) || ']0;pwned' || char(7) || 'no'`,
		`INSERT INTO doc_attributes(id, document_id, key, value, coder, created, updated)
			SELECT 'x1', id, 'region', 'Kuo' || char(27) || '[31mpio' || char(0), 'aino', 0, 0 FROM documents`,
	} {
		if _, err := s.DB().ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	s.Close()
	// check names the code today's rules refuse, escaped, and still
	// rebuilds the index.
	if code, out, errs := avain(t, "check", proj, "--reindex"); code != 1 || !strings.Contains(out+errs, `Toistuvat\u009b31m\u202e liitepyynnöt`) ||
		!strings.Contains(out+errs, "search index rebuilt") {
		t.Fatalf("check --reindex: exit %d, %s%s", code, out, errs)
	}
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"docs", proj}, []string{`asiakas\x1b[2J\x07.txt`, `region=Kuo\x1b[31mpio\x00`}},
		{[]string{"codebook", proj}, []string{`Toistuvat\u009b31m\u202e liitepyynnöt`}},
		{[]string{"codings", proj}, []string{`asiakas\x1b[2J\x07.txt`, `Toistuvat\u009b31m\u202e liitepyynnöt`, `ai\x1b]0;pwned\x07no`}},
		{[]string{"log", proj}, []string{"code"}},
		{[]string{"search", proj, "Kelasta"}, []string{`asiakas\x1b[2J\x07.txt`}},
	} {
		code, out, errs := avain(t, c.args...)
		if code != 0 {
			t.Errorf("%v: %s", c.args, errs)
			continue
		}
		if strings.ContainsAny(out+errs, terminalControls) {
			t.Errorf("%v printed a terminal control raw:\n%q", c.args, out)
		}
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v does not show %s:\n%s", c.args, w, out)
			}
		}
	}
	// An error message that names stored data is escaped too.
	code, _, errs := avain(t, "code", proj, "--doc", "nope\x1b[2J", "--turn", "1", "--code", "x")
	if code == 0 || strings.ContainsAny(errs, terminalControls) || !strings.Contains(errs, `nope\x1b[2J`) {
		t.Errorf("error message: %q", errs)
	}
	// The code can be put right under its escaped name's id.
	if code, _, errs := avain(t, "codebook", proj, "rename", "Toistuvat\u009b31m\u202e liitepyynnöt", "Toistuvat liitepyynnöt"); code != 0 {
		t.Errorf("renaming the stored bad name: %s", errs)
	}
}

// nestedCodes returns n codes in REFI-QDA XML, each inside the one before;
// the first is named first.
func nestedCodes(first string, n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		name := fmt.Sprintf("Taso %d", i)
		if i == 1 {
			name = first
		}
		fmt.Fprintf(&b, `<Code guid="0b4f6a39-9a3a-4b8e-9c43-%012d" name="%s" isCodable="true">`, i, name)
	}
	return b.String() + strings.Repeat("</Code>", n)
}

// codesQDPX writes a .qdpx whose project holds only the codes given.
func codesQDPX(t *testing.T, dir, name, codes string) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("project.qde")
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="t" origin="test"><CodeBook><Codes>%s</Codes></CodeBook></Project>
`, codes)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return write(t, dir, name, buf.Bytes())
}

// TestExchangeFilesChecked refuses a .qdc and a .qdpx whose code tree is
// 17 deep or whose code name carries a bidi override, and takes 16 levels.
func TestExchangeFilesChecked(t *testing.T) {
	proj, dir := codedProject(t)
	qdc := func(name, codes string) string {
		return write(t, dir, name, []byte(`<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="test"><Codes>`+codes+`</Codes></CodeBook>
`))
	}
	refused(t, proj, "deep17.qdc: invalid codebook: code 0b4f6a39-9a3a-4b8e-9c43-000000000017 \"Taso 17\" lies 17 levels deep",
		"codebook", proj, "--import", qdc("deep17.qdc", nestedCodes("Syvä", 17)))
	refused(t, proj, "lies 17 levels deep", "import", proj, codesQDPX(t, dir, "deep17.qdpx", nestedCodes("Syvä", 17)))
	refused(t, proj, `name_fi "Nimi\u202etxt" holds a bidirectional text control`,
		"import", proj, codesQDPX(t, dir, "rlo.qdpx", nestedCodes("Nimi&#x202E;txt", 1)))
	for _, from := range []string{"deep17.qdpx", "rlo.qdpx"} {
		fresh := filepath.Join(dir, "from-"+from+".avain")
		code, _, errs := avain(t, "init", fresh, "--from", filepath.Join(dir, from))
		if code == 0 || strings.Count(strings.TrimSuffix(errs, "\n"), "\n") != 0 || strings.ContainsAny(errs, terminalControls) {
			t.Errorf("init --from %s: exit %d, %q", from, code, errs)
		}
		if _, err := os.Stat(fresh); err == nil {
			t.Errorf("init --from %s left a project behind", from)
		}
	}
	if code, _, errs := avain(t, "codebook", proj, "--import", qdc("deep16.qdc", nestedCodes("Syvä", 16))); code != 0 {
		t.Errorf("16 levels from a .qdc: %s", errs)
	}
	fresh := filepath.Join(dir, "deep16.avain")
	if code, _, errs := avain(t, "init", fresh, "--from", codesQDPX(t, dir, "deep16.qdpx", nestedCodes("Syvä", 16))); code != 0 {
		t.Errorf("16 levels from a .qdpx: %s", errs)
	}
}
