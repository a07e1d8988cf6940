package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// avain runs one invocation in-process and returns its exit code and output.
func avain(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, stdin: strings.NewReader("")}
	code = run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// binary builds the avain command once for the tests that run it as a
// child process. Under -short it builds nothing: it links this test binary
// as "avain", which TestMain runs as the command (the same main).
func binary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "avain-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "avain")
		if testing.Short() { // the inner loop: this test binary, run as avain by TestMain
			self, err := os.Executable()
			if err == nil {
				err = os.Symlink(self, binPath)
			}
			binErr = err
			return
		}
		if out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput(); err != nil {
			binErr = fmt.Errorf("build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

func TestMain(m *testing.M) {
	if filepath.Base(os.Args[0]) == "avain" { // binary's link under -short
		main()
	}
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

func write(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

const clientInterview = `Haastattelu 1, asiakas, fiktiivinen.

H: [00:00:05] Miten toimeentulotuen hakeminen sujui?
V: [00:00:12] No, Kelasta pyydettiin samoja liitteitä kolme kertaa. Päätöksen sain vasta kuukauden päästä.
H: Entä kunnan sosiaalityö?
V: Sosiaalityöntekijä ei nähnyt Kelan tietoja, joten kerroin kaiken uudestaan.
`

const professionalInterview = `Interviewer: How does the collaboration with Kela work?
Respondent: We mostly call the consultation line. Decisions about basic social assistance are hard to explain to clients.
Interviewer: And data transfer?
Respondent: Secure e-mail, when the client has given consent.
`

func TestHelpAndUsageErrors(t *testing.T) {
	if code, out, _ := avain(t, "--help"); code != 0 || !strings.Contains(out, "import") || !strings.Contains(out, "search") {
		t.Errorf("--help: %d %q", code, out)
	}
	if code, out, _ := avain(t, "import", "--help"); code != 0 || !strings.Contains(out, "--kind") || !strings.Contains(out, "--meta") {
		t.Errorf("import --help: %d %q", code, out)
	}
	for _, c := range commands() {
		if code, out, _ := avain(t, c.name, "--help"); code != 0 || strings.Count(out, "usage: avain "+c.name) != 1 {
			t.Errorf("%s --help: exit %d, want the usage once:\n%s", c.name, code, out)
		}
		if code, out, errs := avain(t, c.name, "--no-such-flag"); code != 2 || out != "" || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, "no-such-flag") ||
			!strings.Contains(errs, "avain "+c.name+" --help") {
			t.Errorf("%s --no-such-flag: exit %d, want the error alone, on one line:\nstdout %q\nstderr %q", c.name, code, out, errs)
		}
	}
	if code, _, errs := avain(t, "frobnicate"); code != 2 || !strings.Contains(errs, "unknown command") {
		t.Errorf("unknown command: %d %q", code, errs)
	}
	if code, _, errs := avain(t, "init"); code != 2 || !strings.Contains(errs, "avain init --help") {
		t.Errorf("init without args: %d %q", code, errs)
	}
	if code, _, errs := avain(t, "import", "x.avain", "a.txt", "--kind", "patient"); code != 2 || !strings.Contains(errs, "patient") {
		t.Errorf("bad kind: %d %q", code, errs)
	}
	if code, _, errs := avain(t, "docs", filepath.Join(t.TempDir(), "none.avain")); code != 1 || !strings.Contains(errs, "avain init") {
		t.Errorf("missing project: %d %q", code, errs)
	}
}

func TestInitImportDocsSearchCheck(t *testing.T) {
	dir := t.TempDir()
	proj := filepath.Join(dir, "study.avain")
	if code, _, errs := avain(t, "init", proj); code != 0 {
		t.Fatalf("init: %d %s", code, errs)
	}
	if fi, err := os.Stat(proj); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("project file: %v %v", fi, err)
	}
	a := write(t, dir, "asiakas_01.txt", []byte(clientInterview))
	b := write(t, dir, "pro_01.txt", []byte(professionalInterview))
	meta := write(t, dir, "meta.csv", []byte("file,kind,region\nasiakas_01.txt,client,Kuopio\npro_01.txt,professional,Joensuu\n"))
	bad := write(t, dir, "broken.docx", []byte("PK\x03\x04 this is no zip"))
	empty := write(t, dir, "empty.txt", nil)

	code, out, errs := avain(t, "import", proj, a, bad, b, empty, filepath.Join(dir, "missing.txt"), "--meta", meta, "--coder", "aino")
	if code != 1 {
		t.Errorf("import with bad files: exit %d, want 1", code)
	}
	if !strings.Contains(out, "imported "+a) || !strings.Contains(out, "imported "+b) {
		t.Errorf("good files not reported imported:\n%s", out)
	}
	for _, f := range []string{bad, empty, "missing.txt"} {
		if !strings.Contains(errs, f) {
			t.Errorf("no error line naming %s:\n%s", f, errs)
		}
	}
	if n := strings.Count(strings.TrimSpace(errs), "\n") + 1; n != 3 {
		t.Errorf("want one stderr line per bad file, got %d:\n%s", n, errs)
	}

	// Importing the same text again is skipped.
	code, out, _ = avain(t, "import", proj, a)
	if code != 0 || !strings.Contains(out, "skipped") {
		t.Errorf("duplicate import: %d %q", code, out)
	}

	code, out, _ = avain(t, "docs", proj, "--json")
	if code != 0 {
		t.Fatalf("docs: %d", code)
	}
	var docs []struct {
		ID, Name, Kind, Lang string
		Attrs                map[string]string
		Words, Turns         int
		Codings              int
	}
	if err := json.Unmarshal([]byte(out), &docs); err != nil {
		t.Fatalf("docs --json: %v\n%s", err, out)
	}
	if len(docs) != 2 {
		t.Fatalf("want 2 documents, got %d", len(docs))
	}
	if docs[0].Name != "asiakas_01.txt" || docs[0].Kind != "client" || docs[0].Lang != "fi" || docs[0].Attrs["region"] != "Kuopio" || docs[0].Turns != 5 {
		t.Errorf("client doc: %+v", docs[0])
	}
	if docs[1].Kind != "professional" || docs[1].Lang != "en" || docs[1].Attrs["region"] != "Joensuu" {
		t.Errorf("professional doc: %+v", docs[1])
	}
	code, out, _ = avain(t, "docs", proj)
	if code != 0 || !strings.Contains(out, "NAME") || !strings.Contains(out, "region=Kuopio") {
		t.Errorf("docs table: %q", out)
	}

	// Search: a Finnish base form finds the inflected form, with offsets into the text.
	code, out, errs = avain(t, "search", proj, "päätös", "--json")
	if code != 0 {
		t.Fatalf("search: %d %s", code, errs)
	}
	var hits []struct {
		Doc, DocID, Speaker, Snippet string
		Turn, Start, End             int
	}
	if err := json.Unmarshal([]byte(out), &hits); err != nil {
		t.Fatalf("search --json: %v\n%s", err, out)
	}
	if len(hits) != 1 || hits[0].Doc != "asiakas_01.txt" || hits[0].Turn != 3 || hits[0].Speaker != "V" ||
		!strings.Contains(hits[0].Snippet, "«Päätöksen»") {
		t.Fatalf("hits for päätös: %+v", hits)
	}
	if got := []rune(strings.ReplaceAll(clientInterview, "\r", ""))[hits[0].Start:hits[0].End]; string(got) != "Päätöksen" {
		t.Errorf("offsets [%d:%d] give %q", hits[0].Start, hits[0].End, string(got))
	}
	code, out, _ = avain(t, "search", proj, "+kind:professional consent")
	if code != 0 || !strings.Contains(out, "pro_01.txt") || strings.Contains(out, "asiakas") {
		t.Errorf("filtered search: %q", out)
	}
	code, _, errs = avain(t, "search", proj, `"unbalanced`)
	if code != 1 || strings.Count(errs, "\n") != 1 || strings.Contains(errs, "goroutine") {
		t.Errorf("bad query: %d %q", code, errs)
	}

	// check passes; a deleted index is rebuilt.
	if code, out, _ := avain(t, "check", proj); code != 0 || !strings.Contains(out, "ok") {
		t.Errorf("check: %d %q", code, out)
	}
	if err := os.RemoveAll(proj + ".index"); err != nil {
		t.Fatal(err)
	}
	code, out, _ = avain(t, "search", proj, "Kela", "--json")
	if code != 0 || !strings.Contains(out, "asiakas_01.txt") {
		t.Errorf("search after deleting the index: %d %q", code, out)
	}
	if code, out, _ := avain(t, "check", proj, "--reindex"); code != 0 || !strings.Contains(out, "rebuilt") || !strings.Contains(out, "9 turns indexed") {
		t.Errorf("check --reindex: %d %q", code, out)
	}
}

func TestDemo(t *testing.T) {
	proj := filepath.Join(t.TempDir(), "demo.avain")
	code, out, errs := avain(t, "demo", proj)
	if code != 0 {
		t.Fatalf("demo: %d %s", code, errs)
	}
	if !strings.Contains(out, "fictional interviews") {
		t.Errorf("demo output: %q", out)
	}
	code, out, _ = avain(t, "docs", proj, "--json")
	var docs []struct{ Kind, Lang string }
	if code != 0 || json.Unmarshal([]byte(out), &docs) != nil {
		t.Fatalf("docs: %d %q", code, out)
	}
	kinds, langs := map[string]int{}, map[string]int{}
	for _, d := range docs {
		kinds[d.Kind]++
		langs[d.Lang]++
	}
	if len(docs) < 8 || kinds["client"] == 0 || kinds["professional"] == 0 || langs["fi"] == 0 || langs["en"] == 0 {
		t.Errorf("demo documents: %d, kinds %v, langs %v", len(docs), kinds, langs)
	}
	// It comes coded by the two fictional example coders; --uncoded leaves
	// their codings out.
	code, out, _ = avain(t, "codings", proj, "--json")
	if code != 0 || !strings.Contains(out, `"coder": "aino"`) || !strings.Contains(out, `"coder": "ville"`) {
		t.Errorf("demo codings: %d %.300s", code, out)
	}
	bare := filepath.Join(t.TempDir(), "bare.avain")
	if code, _, errs := avain(t, "demo", "--uncoded", bare); code != 0 {
		t.Fatalf("demo --uncoded: %d %s", code, errs)
	}
	if code, out, _ := avain(t, "codings", bare, "--json"); code != 0 || strings.TrimSpace(out) != "[]" {
		t.Errorf("demo --uncoded codings: %d %.300s", code, out)
	}
	// Running it again opens the same project rather than failing.
	if code, out, _ := avain(t, "demo", proj); code != 0 || !strings.Contains(out, "existing") {
		t.Errorf("second demo: %d %q", code, out)
	}
	if code, out, _ := avain(t, "search", proj, "toimeentulotuki", "--json"); code != 0 || !strings.Contains(out, "toimeentulotu") {
		t.Errorf("demo search: %d %q", code, out)
	}
	if code, _, _ := avain(t, "check", proj); code != 0 {
		t.Errorf("check of the demo project failed")
	}
}
