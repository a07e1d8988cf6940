package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
	"github.com/toituavain/avain/voikko"
)

// An interview with the forms of personal data pseudonymisation missed:
// parts of a listed name alone, a hyphenated surname, a Finnish number
// without its plus, a lower-case IBAN and an identity code with spaces
// around its sign.
const gapsInterview = `H: Kuka olet?
V: Olen Matti Virtanen. Virtasen perhe asuu täällä, ja Virtaselle soitettiin eilen. Sisareni on Virtanen-Koski.
H: Yhteystiedot?
V: Numero on 358 40 123 4567, tili fi21 1234 5600 0007 85 ja tunnus 131052 - 308T. Matille voi soittaa.
H: Kiitos. Vuonna 2019 kävit 3 kertaa, 12.10.2020 kello 10.15.
`

// gapsValues must be nowhere in the project, its index or its exports.
var gapsValues = []string{"Matti", "Virtanen", "Virtasen", "Virtaselle", "Virtanen-Koski", "Matille", "358 40 123 4567",
	"fi21 1234 5600 0007 85", "131052 - 308T", "040 123 4567", "matti.virtanen@example.fi"}

// TestPseudonymizeAttributesAndGaps imports with --attr and --meta values
// holding personal data: attributes go through the same detection as the
// text, and nothing of the originals reaches the project, its WAL, its
// index or any export.
func TestPseudonymizeAttributesAndGaps(t *testing.T) {
	for _, mode := range []string{"voikko", "table"} {
		t.Run(mode, func(t *testing.T) {
			t.Setenv("XDG_CONFIG_HOME", t.TempDir())
			if mode == "table" {
				t.Setenv(voikko.EnvDisable, "1")
			} else if !voikkoOpens() {
				if os.Getenv("CI") != "" {
					t.Fatal("Voikko is not installed (apt-get install libvoikko1 voikko-fi)")
				}
				t.Skip("Voikko is not installed")
			}
			in := t.TempDir()
			src := write(t, in, "haastattelu_3.txt", []byte(gapsInterview))
			names := write(t, in, "nimet.txt", []byte("Matti Virtanen\n"))
			meta := write(t, in, "meta.csv", []byte("file,contact,age\nhaastattelu_3.txt,matti.virtanen@example.fi,45\n"))
			dir := t.TempDir()
			proj := filepath.Join(dir, "p.avain")
			mustRun(t, "init", proj, "--coder", "aino")
			out := mustRun(t, "import", proj, src, "--pseudonymize", "--names", names, "--yes", "--meta", meta,
				"--attr", "interviewee=Matti Virtanen", "--attr", "phone=040 123 4567")
			if !strings.Contains(out, "HETU 1, PUHELIN 2, SÄHKÖPOSTI 1, IBAN 1, HENKILÖ 6") {
				t.Errorf("report: %s", out)
			}
			doc := docNamed(t, proj, "haastattelu_3")
			for k, want := range map[string]string{"interviewee": "[HENKILÖ-1]", "phone": "[PUHELIN]", "contact": "[SÄHKÖPOSTI]", "age": "45"} {
				if doc.Attrs[k] != want {
					t.Errorf("attribute %s = %q, want %q", k, doc.Attrs[k], want)
				}
			}
			want := "V: Olen [HENKILÖ-1]. [HENKILÖ-1] perhe asuu täällä, ja [HENKILÖ-1] soitettiin eilen. Sisareni on [HENKILÖ-1].\n" +
				"H: Yhteystiedot?\nV: Numero on [PUHELIN], tili [IBAN] ja tunnus [HETU]. [HENKILÖ-1] voi soittaa.\n" +
				"H: Kiitos. Vuonna 2019 kävit 3 kertaa, 12.10.2020 kello 10.15."
			if !strings.Contains(doc.Text, want) {
				t.Errorf("text:\n%s\nwant\n%s", doc.Text, want)
			}
			mustRun(t, "code", proj, "--doc", doc.ID, "--turn", "2", "--code", "Toistuvat liitepyynnöt", "--coder", "aino")
			mustRun(t, "export", proj, "segments", "-o", filepath.Join(dir, "segments.csv"))
			mustRun(t, "export", proj, "freq", "--by", "interviewee", "-o", filepath.Join(dir, "freq.csv"))
			mustRun(t, "export", proj, "qdpx", "-o", filepath.Join(dir, "p.qdpx"))
			if err := os.WriteFile(filepath.Join(dir, "docs.json"), []byte(mustRun(t, "docs", proj, "--json")), 0o600); err != nil {
				t.Fatal(err)
			}
			mustRun(t, "search", proj, "perhe") // opens and updates the index
			if l := leaks(t, dir, gapsValues); len(l) > 0 {
				t.Errorf("personal data left in the project, its index or exports:\n%s", strings.Join(l, "\n"))
			}
			if !bytes.Contains(readAll(t, filepath.Join(dir, "freq.csv")), []byte("[HENKILÖ-1]")) {
				t.Error("freq --by interviewee lacks the placeholder")
			}
		})
	}
}

func readAll(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestKeyFileRefused: a key file that is a symbolic link, a project, its
// WAL, a folder or a FIFO is refused with one line before anything is
// imported, and the file it names is left alone.
func TestKeyFileRefused(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	in := t.TempDir()
	src := write(t, in, "a.txt", []byte("H: Numero?\nV: 040 123 4567.\n"))
	dir := t.TempDir()
	proj := filepath.Join(dir, "p.avain")
	mustRun(t, "init", proj)
	mustRun(t, "import", proj, write(t, in, "b.txt", []byte("H: Hei.\nV: Moi.\n")))
	target := write(t, in, "elsewhere.txt", []byte("someone else's file\n"))
	if err := os.Chmod(target, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(in, "link.csv")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(in, "fifo.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(in, "q.avain")
	mustRun(t, "init", other)
	wal := proj + "-wal"
	if _, err := os.Stat(wal); err != nil {
		write(t, dir, "p.avain-wal", nil) // a WAL left beside the project
	}
	for _, tc := range []struct{ name, path, why string }{
		{"symlink", link, "symbolic link"},
		{"the project", proj, "is an avain project"},
		{"another project", other, "is an avain project"},
		{"the WAL", wal, "belongs to the database"},
		{"a folder", in, "not a regular file"},
		{"a FIFO", fifo, "not a regular file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := fullContent(t, proj)
			code, out, errs := avain(t, "import", proj, src, "--pseudonymize", "--yes", "--key-file", tc.path)
			if code == 0 || !strings.Contains(errs, tc.path) || !strings.Contains(errs, tc.why) || strings.Count(errs, "\n") != 1 {
				t.Errorf("exit %d: %s%s", code, out, errs)
			}
			if fullContent(t, proj) != before {
				t.Error("a refused key file let the import through")
			}
		})
	}
	if b := readAll(t, target); string(b) != "someone else's file\n" {
		t.Errorf("the symlink's target was written: %q", b)
	}
	if st, _ := os.Stat(target); st.Mode().Perm() != 0o644 {
		t.Errorf("the symlink's target was chmodded: %v", st.Mode())
	}
	// The pseudonymize command refuses it as well.
	if code, _, errs := avain(t, "pseudonymize", proj, "b.txt", "--yes", "--key-file", link); code == 0 || !strings.Contains(errs, "symbolic link") {
		t.Errorf("pseudonymize: exit %d, %s", code, errs)
	}
}

// TestKeyFileFull: a key file that cannot grow (a full disk) is an error
// of one line, and the key file is left as it was, with no half row.
func TestKeyFileFull(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: a key file on a full disk (prlimit); run without -short")
	}
	prlimit := needPrlimit(t)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	in := t.TempDir()
	src := write(t, in, "a.txt", []byte("H: Numero?\nV: 040 123 4567 ja 131052-308T.\n"))
	proj := filepath.Join(t.TempDir(), "p.avain")
	mustRun(t, "init", proj)
	mustRun(t, "search", proj, "x") // the index exists before the limit
	// A key file of earlier imports, 4 MiB, that may grow by 20 bytes only:
	// the project's own writes stay far below the limit.
	old := append([]byte("document_id,document,where,start,end,placeholder,kind,original\n"),
		bytes.Repeat([]byte("x,a.txt,text,1,2,[HETU],HETU,000000-0000\n"), 4<<20/40)...)
	keys := write(t, in, "keys.csv", old)
	out, err := exec.Command(prlimit, "--fsize="+strconv.Itoa(len(old)+20), binary(t), "import", proj, src,
		"--pseudonymize", "--yes", "--key-file", keys).CombinedOutput()
	if err == nil || !strings.Contains(string(out), keys) || strings.Count(string(out), "\n") != 1 {
		t.Errorf("full key file: %v, %q", err, out)
	}
	if !bytes.Equal(readAll(t, keys), old) {
		t.Error("the key file was changed by a failed append")
	}
	// Nothing was imported whose originals were lost: the same import,
	// with room, brings the document and its keys.
	if docs := mustRun(t, "docs", proj, "--json"); strings.Contains(docs, "a.txt") {
		t.Errorf("the document was imported though its keys were not kept:\n%s", docs)
	}
	mustRun(t, "import", proj, src, "--pseudonymize", "--yes", "--key-file", keys)
	if got := string(readAll(t, keys)); !strings.Contains(got, "131052-308T") || !strings.Contains(got, "040 123 4567") {
		t.Errorf("the key file lacks the originals after the second import:\n%s", got[len(old):])
	}

	// avain pseudonymize of a document imported plainly: a key file that
	// cannot take the originals leaves the document as it was.
	src2 := write(t, in, "b.txt", []byte("H: Entä?\nV: 050 765 4321.\n"))
	mustRun(t, "import", proj, src2)
	if err := os.WriteFile(keys, old, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err = exec.Command(prlimit, "--fsize="+strconv.Itoa(len(old)+20), binary(t), "pseudonymize", proj, "b.txt",
		"--yes", "--key-file", keys).CombinedOutput()
	if err == nil || !strings.Contains(string(out), keys) || strings.Count(string(out), "\n") != 1 {
		t.Errorf("pseudonymize with a full key file: %v, %q", err, out)
	}
	if !bytes.Equal(readAll(t, keys), old) {
		t.Error("the key file was changed by a failed pseudonymisation")
	}
	if seg := mustRun(t, "search", proj, "765"); !strings.Contains(seg, "b.txt") {
		t.Errorf("b.txt was changed though its originals could not be kept: %s", seg)
	}
}

// TestMemoChecked: memos written into a pseudonymised project are checked
// against the detectors and the project's keyed names: asked about on a
// terminal, replaced with --yes, refused without either.
func TestMemoChecked(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv(voikko.EnvDisable, "1") // the table of endings alone must do
	in := t.TempDir()
	src := write(t, in, "a.txt", []byte("H: Kuka?\nV: Matti Virtanen, Kuopiosta.\n"))
	names := write(t, in, "nimet.txt", []byte("Matti Virtanen\n"))
	places := write(t, in, "paikat.txt", []byte("Kuopio\n"))
	dir := t.TempDir()
	proj := filepath.Join(dir, "p.avain")
	mustRun(t, "init", proj)
	mustRun(t, "import", proj, src, "--pseudonymize", "--yes", "--names", names, "--places", places)
	doc := docNamed(t, proj, "a.txt")
	memo := "Matti Virtanen 131052-308T, Virtaselle soitettiin Kuopioon."
	want := "[HENKILÖ-1] [HETU], [HENKILÖ-1] soitettiin [PAIKKA-1]."

	// Without a terminal and without --yes: refused, nothing stored.
	code, _, errs := avain(t, "memo", proj, "--doc", doc.ID, memo)
	if code != 1 || !strings.Contains(errs, "HETU 1, HENKILÖ 2, PAIKKA 1") || strings.Count(errs, "\n") != 1 {
		t.Errorf("no terminal: exit %d, %s", code, errs)
	}
	mustRun(t, "memo", proj, "--doc", doc.ID, memo, "--yes")
	mustRun(t, "code", proj, "--doc", doc.ID, "--turn", "2", "--code", "Toistuvat liitepyynnöt", "--memo", memo, "--yes")
	mustRun(t, "memo", proj, "--code", "Toistuvat liitepyynnöt", memo, "--yes")
	if rows := mustRun(t, "codings", proj, "--json"); !strings.Contains(rows, want) {
		t.Errorf("coding memo:\n%s", rows)
	}

	// On a terminal: asked, finding by finding.
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, stdin: strings.NewReader("n\ny\na\n"), ttyIn: true}
	if code := run(context.Background(), e, []string{"memo", proj, "--doc", doc.ID, "Matti Virtanen 131052-308T, Virtasen."}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(errb.String(), "HENKILÖ (memo): »Matti Virtanen« 131052-308T") {
		t.Errorf("questions:\n%s", errb.String())
	}
	e = &env{stdout: &out, stderr: &errb, stdin: strings.NewReader("q\n"), ttyIn: true}
	if code := run(context.Background(), e, []string{"memo", proj, "--doc", doc.ID, "Soita 040 123 4567"}); code != 1 {
		t.Errorf("q: exit %d", code)
	}
	mustRun(t, "search", proj, "soitettiin")
	if l := leaks(t, dir, []string{"Virtaselle", "131052-308T", "Kuopioon", "040 123 4567"}); len(l) > 0 {
		t.Errorf("personal data of memos left in the project:\n%s", strings.Join(l, "\n"))
	}
	withDocs(t, proj, func(p *project.Project, _ []coding.DocSummary) {
		m, err := p.Memo(context.Background(), coding.MemoDocument, doc.ID)
		if err != nil || m != "Matti Virtanen [HETU], [HENKILÖ-1]." {
			t.Errorf("document memo %q, %v", m, err)
		}
	})

	// A project never pseudonymised: memos are stored as typed.
	plain := filepath.Join(t.TempDir(), "plain.avain")
	mustRun(t, "init", plain)
	mustRun(t, "import", plain, write(t, in, "b.txt", []byte("H: Hei.\nV: Moi.\n")))
	mustRun(t, "memo", plain, "--doc", "b.txt", "Soita 040 123 4567")
}

// TestPseudonymizeCommandAttributes: avain pseudonymize replaces personal
// data in a document's attribute values too, and the old values leave the
// project.
func TestPseudonymizeCommandAttributes(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	in := t.TempDir()
	src := write(t, in, "d.txt", []byte("H: Kuka?\nV: Matti Virtanen.\n"))
	names := write(t, in, "nimet.txt", []byte("Matti Virtanen\n"))
	dir := t.TempDir()
	proj := filepath.Join(dir, "p.avain")
	mustRun(t, "init", proj)
	mustRun(t, "import", proj, src, "--attr", "interviewee=Matti Virtanen", "--attr", "phone=040 123 4567", "--attr", "age=45")
	prev := mustRun(t, "pseudonymize", proj, "d.txt", "--preview", "--names", names)
	if !strings.Contains(prev, "attribute interviewee\tHENKILÖ\t»Matti Virtanen«") || !strings.Contains(prev, "attribute phone\tPUHELIN") {
		t.Errorf("preview:\n%s", prev)
	}
	mustRun(t, "pseudonymize", proj, "d.txt", "--names", names, "--yes")
	doc := docNamed(t, proj, "d.txt")
	if doc.Attrs["interviewee"] != "[HENKILÖ-1]" || doc.Attrs["phone"] != "[PUHELIN]" || doc.Attrs["age"] != "45" {
		t.Errorf("attributes %v", doc.Attrs)
	}
	mustRun(t, "search", proj, "Kuka")
	if l := leaks(t, dir, []string{"Matti Virtanen", "040 123 4567"}); len(l) > 0 {
		t.Errorf("old values left:\n%s", strings.Join(l, "\n"))
	}
}
