package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
	"github.com/toituavain/avain/voikko"
)

// A fictional interview full of personal data: identity codes with old
// and 2023 century signs, phones, e-mails, an IBAN, and listed names and
// places in inflected forms. 131052-308U has a wrong check character and
// must stay.
const personalInterview = `Haastattelu 9, asiakas, fiktiivinen.

H: Kerro ensin vähän itsestäsi.
Tuomas Virtanen: Olen Tuomas Virtanen, henkilötunnukseni on 131052-308T ja poikani tunnus on 010594Y9021. Tyttären tunnus on 020516C903K.
H: Miten Kela on ollut yhteydessä?
Tuomas Virtanen: Kelasta soitettiin numeroon 040 123 4567 ja minä soitin takaisin numerosta +358 50 765 4321. Sähköpostia tuli osoitteeseen tuomas.virtanen@esimerkki.fi ja tilini on FI21 1234 5600 0007 85.
H: Entä muut palvelut?
Tuomas Virtanen: Kuopiossa kävin sosiaalitoimistossa, ja Kuopioon muutin vasta. Sosiaalityöntekijä Lähde neuvoi, soitin Lähteelle monesti. Virtaselle, siis vaimolleni, ja Virtasen siskolle kerroin. Tuomakselle ei kukaan soittanut.
H: Kiitos. Tunnus 131052-308U oli lomakkeessa väärin.
`

// personalValues are what must be nowhere in the project afterwards.
var personalValues = []string{"131052-308T", "010594Y9021", "020516C903K", "040 123 4567", "+358 50 765 4321",
	"tuomas.virtanen@esimerkki.fi", "FI21 1234 5600 0007 85", "Virtanen", "Virtasen", "Virtaselle", "Tuomakselle",
	"Kuopiossa", "Kuopioon", "Lähteelle"}

// docNamed returns the document of proj whose name contains part.
func docNamed(t *testing.T, proj, part string) *coding.Document {
	t.Helper()
	var doc *coding.Document
	withDocs(t, proj, func(p *project.Project, docs []coding.DocSummary) {
		for _, d := range docs {
			if doc == nil && strings.Contains(d.Name, part) {
				var err error
				if doc, err = p.Document(context.Background(), d.ID); err != nil {
					t.Fatal(err)
				}
			}
		}
	})
	if doc == nil {
		t.Fatalf("no document named *%s* in %s", part, proj)
	}
	return doc
}

// leaks returns the files under dir (recursively) whose bytes hold one of
// the values, as "file: value".
func leaks(t *testing.T, dir string, values []string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, v := range values {
			if bytes.Contains(b, []byte(v)) {
				out = append(out, filepath.Base(path)+": "+v)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestImportPseudonymized(t *testing.T) {
	for _, mode := range []string{"voikko", "table"} {
		t.Run(mode, func(t *testing.T) {
			t.Setenv("XDG_CONFIG_HOME", t.TempDir())
			values := personalValues
			if mode == "table" {
				t.Setenv(voikko.EnvDisable, "1")
				values = values[:len(values)-1] // Lähteelle is Lähde only to Voikko
			} else if !voikkoOpens() {
				if os.Getenv("CI") != "" {
					t.Fatal("Voikko is not installed (apt-get install libvoikko1 voikko-fi)")
				}
				t.Skip("Voikko is not installed")
			}
			in := t.TempDir()
			src := write(t, in, "tuomas_virtanen_kuopio.txt", []byte(personalInterview))
			names := write(t, in, "nimet.txt", []byte("# haastateltavat\nTuomas Virtanen\nVirtanen\nTuomas\nLähde\n"))
			places := write(t, in, "paikat.txt", []byte("Kuopio\n"))
			dir := t.TempDir()
			proj := filepath.Join(dir, "p.avain")
			mustRun(t, "init", proj, "--coder", "aino")

			// Without a terminal and without --yes: refused, nothing written.
			before := projectContent(t, proj)
			if code, _, errs := avain(t, "import", proj, src, "--pseudonymize", "--names", names); code != 2 ||
				!strings.Contains(errs, "give --yes") {
				t.Fatalf("no terminal: exit %d, %s", code, errs)
			}
			if projectContent(t, proj) != before {
				t.Fatal("a refused import changed the project")
			}

			keys := filepath.Join(in, "avain.csv")
			out := mustRun(t, "import", proj, src, "--pseudonymize", "--names", names, "--places", places, "--yes",
				"--key-file", keys, "--kind", "client")
			if !strings.Contains(out, "HETU 3, PUHELIN 2, SÄHKÖPOSTI 1, IBAN 1") {
				t.Errorf("report: %s", out)
			}
			for _, v := range personalValues {
				if strings.Contains(out, v) {
					t.Errorf("the report names %q", v)
				}
			}
			export := filepath.Join(dir, "segments.csv")
			doc := docNamed(t, proj, "[PAIKKA-1].txt")
			if !strings.HasPrefix(doc.Name, "[HENKILÖ-") {
				t.Errorf("document name %q", doc.Name)
			}
			mustRun(t, "code", proj, "--doc", doc.ID, "--turn", "5", "--code", "Toistuvat liitepyynnöt", "--coder", "aino")
			mustRun(t, "export", proj, "segments", "-o", export)
			mustRun(t, "export", proj, "qdpx", "-o", filepath.Join(dir, "p.qdpx"))
			mustRun(t, "search", proj, "Kela") // opens and updates the index
			if l := leaks(t, dir, values); len(l) > 0 {
				t.Errorf("personal data left in the project, its index or exports:\n%s", strings.Join(l, "\n"))
			}
			if l := leaks(t, dir, []string{"131052-308U"}); len(l) == 0 {
				t.Error("the invalid identity code 131052-308U was replaced too")
			}
			text := mustRun(t, "codings", proj, "--json")
			if !strings.Contains(text, "numeroon [PUHELIN] ja minä") {
				t.Errorf("coded turn 5 lacks its placeholder:\n%s", text)
			}
			if got := docNamed(t, proj, "").Text; !strings.Contains(got, "Tyttären tunnus on [HETU].") ||
				!strings.Contains(got, "ja tilini on [IBAN].") {
				t.Errorf("text:\n%s", got)
			}

			// The key file: private, and every placeholder with its original.
			st, err := os.Stat(keys)
			if err != nil || st.Mode().Perm() != 0o600 {
				t.Fatalf("key file: %v, %v", st, err)
			}
			f, _ := os.Open(keys)
			rows, err := csv.NewReader(f).ReadAll()
			f.Close()
			if err != nil {
				t.Fatal(err)
			}
			byOrig := map[string]string{}
			for _, r := range rows[1:] {
				byOrig[r[7]] = r[5]
			}
			if byOrig["Tuomas Virtanen"] == "" || byOrig["131052-308T"] != "[HETU]" || byOrig["Kuopiossa"] != byOrig["Kuopioon"] {
				t.Errorf("key file rows: %v", byOrig)
			}

			// A second document: the same names get the same placeholders.
			src2 := write(t, in, "toinen.txt", []byte("H: Kuka soitti?\nV: Virtanen soitti Kuopiosta.\n"))
			mustRun(t, "import", proj, src2, "--pseudonymize", "--names", names, "--places", places, "--yes")
			if want, got := byOrig["Virtaselle"]+" soitti "+byOrig["Kuopioon"], docNamed(t, proj, "toinen").Text; !strings.Contains(got, want) {
				t.Errorf("second document: want %q in\n%s", want, got)
			}
			log := mustRun(t, "log", proj, "--action", "pseudonymize")
			if strings.Count(log, "pseudonymize") != 2 || !strings.Contains(log, "HETU 3") {
				t.Errorf("audit trail:\n%s", log)
			}
		})
	}
}

func TestImportPseudonymizedAsks(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	in := t.TempDir()
	src := write(t, in, "a.txt", []byte("H: Numero?\nV: 040 123 4567, ja hetu 131052-308T, ja posti a@b.fi.\n"))
	proj := filepath.Join(t.TempDir(), "p.avain")
	mustRun(t, "init", proj)
	// Keep the first finding (the phone), then replace all.
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, stdin: strings.NewReader("n\nA\n"), ttyIn: true}
	if code := run(context.Background(), e, []string{"import", proj, src, "--pseudonymize"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(errb.String(), "PUHELIN: H: Numero? V: »040 123 4567«, ja hetu") || strings.Count(errb.String(), "replace with") != 2 {
		t.Errorf("questions:\n%s", errb.String())
	}
	if got := docNamed(t, proj, "a.txt").Text; !strings.Contains(got, "040 123 4567, ja hetu [HETU], ja posti [SÄHKÖPOSTI].") {
		t.Errorf("text:\n%s", got)
	}
	// q stops: the document is not imported, and the batch ends.
	src2 := write(t, in, "b.txt", []byte("H: Numero?\nV: 050 765 4321.\n"))
	e = &env{stdout: &out, stderr: &errb, stdin: strings.NewReader("q\n"), ttyIn: true}
	if code := run(context.Background(), e, []string{"import", proj, src2, "--pseudonymize"}); code != 1 {
		t.Errorf("q: exit %d", code)
	}
	if docs := mustRun(t, "docs", proj); strings.Contains(docs, "b.txt") {
		t.Errorf("stopped document imported:\n%s", docs)
	}
}

func TestPseudonymizeCommand(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	in := t.TempDir()
	src := write(t, in, "c.txt", []byte(personalInterview))
	names := write(t, in, "nimet.txt", []byte("Tuomas Virtanen\nVirtanen\nTuomas\n"))
	dir := t.TempDir()
	proj := filepath.Join(dir, "p.avain")
	mustRun(t, "init", proj)
	mustRun(t, "import", proj, src)
	before := projectContent(t, proj)
	prev := mustRun(t, "pseudonymize", proj, "c.txt", "--preview", "--names", names)
	if !strings.Contains(prev, "turn 3\tHETU\t") || !strings.Contains(prev, "»131052-308T«") ||
		!strings.Contains(prev, "would replace HETU 3, PUHELIN 2, SÄHKÖPOSTI 1, IBAN 1, HENKILÖ") {
		t.Errorf("preview:\n%s", prev)
	}
	if projectContent(t, proj) != before {
		t.Fatal("the preview changed the project")
	}
	mustRun(t, "search", proj, "Kela") // the index holds the original text now
	out := mustRun(t, "pseudonymize", proj, "c.txt", "--names", names, "--yes")
	if !strings.Contains(out, "pseudonymised: HETU 3") {
		t.Errorf("pseudonymize: %s", out)
	}
	if l := leaks(t, dir, []string{"131052-308T", "040 123 4567", "tuomas.virtanen@esimerkki.fi", "Virtaselle"}); len(l) > 0 {
		t.Errorf("the old text lingers:\n%s", strings.Join(l, "\n"))
	}
	// A coded document is refused and left as it was.
	mustRun(t, "code", proj, "--doc", "c.txt", "--turn", "2", "--code", "Toistuvat liitepyynnöt")
	before = projectContent(t, proj)
	if code, _, errs := avain(t, "pseudonymize", proj, "c.txt", "--yes"); code != 1 || !strings.Contains(errs, "has 1 codings") {
		t.Errorf("coded document: exit %d, %s", code, errs)
	}
	if projectContent(t, proj) != before {
		t.Error("a refused pseudonymisation changed the project")
	}
}
