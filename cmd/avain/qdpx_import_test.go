//go:build unix

package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
	"github.com/toituavain/avain/refiqda"
)

// qdpxCodes are the codebook of the test .qdpx files: two themes with two
// codes each, fixed guids.
func qdpxCodes() []*coding.Code {
	g := func(n int) string { return fmt.Sprintf("00000000-0000-4000-8000-%012d", n) }
	return []*coding.Code{
		{Record: coding.Record{ID: g(1)}, NameFi: "Kela", NameEn: "Kela"},
		{Record: coding.Record{ID: g(2)}, ParentID: g(1), NameFi: "Liitteet", NameEn: "Attachments", Position: 0},
		{Record: coding.Record{ID: g(3)}, ParentID: g(1), NameFi: "Odotus", NameEn: "Waiting", Position: 1},
		{Record: coding.Record{ID: g(4)}, NameFi: "Kunta", NameEn: "Municipality", Position: 1},
		{Record: coding.Record{ID: g(5)}, ParentID: g(4), NameFi: "Sosiaalityö", NameEn: "Social work", Position: 0},
	}
}

// writeQDPX writes q as a .qdpx file dir/name and returns its path.
func writeQDPX(t *testing.T, dir, name string, q *refiqda.Project) string {
	t.Helper()
	var b bytes.Buffer
	if err := refiqda.WriteProject(&b, q, coding.LangFinnish, time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	return write(t, dir, name, b.Bytes())
}

// codedQDPX is a REFI-QDA project of n fictional transcripts, each with
// per codings by two users: an import with thousands of records to write.
func codedQDPX(t *testing.T, n, per int) string {
	t.Helper()
	codes := qdpxCodes()
	users := map[string]string{refiqda.UserGUID("aino"): "aino", refiqda.UserGUID("ville"): "ville"}
	q := &refiqda.Project{Name: "kenttä", Origin: "avain", Users: users, Codes: codes, Memos: map[string]string{}}
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "Haastattelu %d, asiakas, fiktiivinen.\n\n", i)
		for j := range 100 {
			fmt.Fprintf(&b, "H: Kysymys %d: miten asiointi sujui kohdassa %d?\n", j, i)
			fmt.Fprintf(&b, "V: Vastaus %d. Hakemukseen pyydettiin liitteitä, ja päätös viipyi %d viikkoa.\n", j, j%7)
		}
		text := b.String()
		s := &refiqda.Source{GUID: refiqda.DerivedGUID("source", fmt.Sprint(i)), Name: fmt.Sprintf("h%02d.txt", i), Text: text,
			Attrs: map[string]string{"kind": "client"}}
		for k := range per {
			start := (k * 37) % (len([]rune(text)) - 60)
			user := refiqda.UserGUID([]string{"aino", "ville"}[k%2])
			s.Selections = append(s.Selections, refiqda.Selection{GUID: refiqda.DerivedGUID("selection", fmt.Sprint(i, k)), Start: start, End: start + 40,
				Codings: []refiqda.Coding{{GUID: refiqda.DerivedGUID("coding", fmt.Sprint(i, k)), CodeGUID: codes[1+k%4].ID, User: user}}})
		}
		q.Sources = append(q.Sources, s)
	}
	return writeQDPX(t, t.TempDir(), "kenttä.qdpx", q)
}

// TestQDPXImportKilled kills `avain import P X.qdpx` (12 documents, 1,800
// codings) with SIGKILL at random moments: the project always opens,
// passes avain check, and holds either none of the import or all of it.
func TestQDPXImportKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: QDPX imports killed with SIGKILL; run without -short")
	}
	bin := binary(t)
	dir := t.TempDir()
	file := codedQDPX(t, 12, 150)
	p0 := filepath.Join(dir, "p0.avain")
	mustRun(t, "init", p0)
	mustRun(t, "import", p0, write(t, t.TempDir(), "a.txt", []byte(clientInterview)))
	before := importState(t, p0)
	whole := filepath.Join(dir, "whole.avain")
	mustRun(t, "copy", p0, whole)
	began := time.Now()
	if out, err := exec.Command(bin, "import", whole, file).CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	took := time.Since(began) // to spread the kills over; nothing is asserted on it
	after := importState(t, whole)
	if before == after || !strings.Contains(after, "h11.txt") {
		t.Fatal("the import changes nothing; the test would prove nothing")
	}
	rng := rand.New(rand.NewPCG(7, 8))
	seen := map[string]int{}
	for i := range 8 {
		proj := filepath.Join(dir, fmt.Sprintf("k%d.avain", i))
		mustRun(t, "copy", p0, proj)
		cmd := exec.Command(bin, "import", proj, file)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Int64N(int64(took)*3/2 + 1)))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if code, out, errs := avain(t, "check", proj); code != 0 {
			t.Fatalf("check after kill %d: %s%s", i, out, errs)
		}
		switch importState(t, proj) {
		case before:
			seen["none"]++
		case after:
			seen["all"]++
		default:
			t.Fatalf("kill %d left a part of the import: %d documents", i, len(docTurns(t, proj)))
		}
	}
	t.Logf("a whole import took %v; 8 kills: %v", took.Round(time.Millisecond), seen)
}

// importState is what an import changes in the project at path: each
// document with its turns and codings, the codes, memos and audit
// entries, counted.
func importState(t *testing.T, path string) string {
	t.Helper()
	var b strings.Builder
	withDocs(t, path, func(p *project.Project, docs []coding.DocSummary) {
		for _, d := range docs {
			fmt.Fprintf(&b, "%s: %d turns, %d codings\n", d.Name, d.Turns, d.Codings)
		}
		for _, q := range []string{"codes WHERE deleted = 0", "codings", "memos", "audit_log"} {
			var n int
			if err := p.DB().QueryRow("SELECT count(*) FROM " + q).Scan(&n); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%s: %d\n", q, n)
		}
	})
	return b.String()
}

// TestQDPXImportDiskFull: a file-size limit standing in for a full disk
// stops a .qdpx import with a one-line error, and nothing of it is saved.
func TestQDPXImportDiskFull(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: a QDPX import on a full disk (prlimit); run without -short")
	}
	bin := binary(t)
	prlimit := needPrlimit(t)
	file := codedQDPX(t, 10, 100)
	proj := filepath.Join(t.TempDir(), "p.avain")
	mustRun(t, "init", proj)
	before := fullContent(t, proj)
	// 48 KiB: room for the shared-memory file and a small transaction,
	// not for the import's.
	out, err := exec.Command(prlimit, "--fsize=49152", bin, "import", proj, file).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "disk") || strings.Count(strings.TrimSpace(string(out)), "\n") != 0 {
		t.Errorf("full disk: %v, %q", err, out)
	}
	if code, o, errs := avain(t, "check", proj); code != 0 {
		t.Fatalf("check after a full disk: %s%s", o, errs)
	}
	if got := fullContent(t, proj); got != before {
		t.Errorf("full disk: the project changed though the error says nothing was saved:\n%s", got)
	}
}

// TestImportMixedList: transcripts and REFI-QDA projects in one list
// import together with one summary; a bad file gets its one line, the
// others import, and the command exits 1.
func TestImportMixedList(t *testing.T) {
	dir := t.TempDir()
	proj := filepath.Join(dir, "p.avain")
	mustRun(t, "init", proj)
	a := write(t, dir, "a.txt", []byte(clientInterview))
	b := codedQDPX(t, 2, 10)
	bad := write(t, dir, "bad.qdpx", []byte("PK\x03\x04 not really a zip"))
	c := write(t, dir, "c.txt", []byte(professionalInterview))
	code, out, errs := avain(t, "import", proj, a, b, bad, c)
	if code != 1 {
		t.Errorf("exit %d, want 1\n%s%s", code, out, errs)
	}
	if strings.Count(strings.TrimSpace(errs), "\n") != 0 || !strings.Contains(errs, "bad.qdpx") {
		t.Errorf("the bad file's error, one line naming it: %q", errs)
	}
	if !strings.Contains(out, "3 imported, 0 skipped as duplicates, 1 failed") {
		t.Errorf("no one summary of the four files:\n%s", out)
	}
	docs := docTurns(t, proj)
	for _, name := range []string{"a.txt", "c.txt", "h00.txt", "h01.txt"} {
		if docs[name] == 0 {
			t.Errorf("%s not imported: %v", name, docs)
		}
	}
	if n := strings.Count(mustRun(t, "codings", proj, "--json"), `"coder"`); n != 20 {
		t.Errorf("%d codings, want the .qdpx's 20", n)
	}
	if code, _, errs := avain(t, "import", proj, b, "--pseudonymize", "--yes"); code == 0 || !strings.Contains(errs, "REFI-QDA") {
		t.Errorf("--pseudonymize with a .qdpx: %d %q", code, errs)
	}
}

// TestQDPXOffsetsOutsideText: a selection partly outside its source's
// text is clamped and one wholly outside is dropped, and the import
// report names each with its original and new span.
func TestQDPXOffsetsOutsideText(t *testing.T) {
	codes := qdpxCodes()
	text := "H: Miten meni?\nV: Kelasta pyydettiin liitteitä." // 47 code points
	sel := func(name string, start, end int) refiqda.Selection {
		return refiqda.Selection{GUID: refiqda.DerivedGUID("selection", name), Start: start, End: end,
			Codings: []refiqda.Coding{{GUID: refiqda.DerivedGUID("coding", name), CodeGUID: codes[1].ID}}}
	}
	q := &refiqda.Project{Name: "x", Origin: "avain", Users: map[string]string{}, Codes: codes, Memos: map[string]string{},
		Sources: []*refiqda.Source{{GUID: refiqda.DerivedGUID("source", "x"), Name: "x.txt", Text: text,
			Selections: []refiqda.Selection{sel("before", -50, 5), sel("after", 3, 99999999999), sel("past", 100, 200), sel("fine", 18, 25)}}}}
	file := writeQDPX(t, t.TempDir(), "x.qdpx", q)
	proj := filepath.Join(t.TempDir(), "p.avain")
	mustRun(t, "init", proj)
	code, out, errs := avain(t, "import", proj, file)
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errs)
	}
	report := out + errs
	for _, want := range []string{
		refiqda.DerivedGUID("selection", "before"), "[-50,5)", "[0,5)",
		refiqda.DerivedGUID("selection", "after"), "[3,99999999999)", "[3,47)",
		refiqda.DerivedGUID("selection", "past"), "[100,200)",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("the report does not say %q:\n%s", want, report)
		}
	}
	if strings.Contains(report, refiqda.DerivedGUID("selection", "fine")) {
		t.Errorf("a selection inside the text is reported:\n%s", report)
	}
	if n := strings.Count(mustRun(t, "codings", proj, "--json"), `"coder"`); n != 3 {
		t.Errorf("%d codings, want 3 (one dropped)", n)
	}
}

// rewriteQDPX copies the .qdpx at path with the entry name replaced by
// what add writes, and returns the new file.
func rewriteQDPX(t *testing.T, path, name string, add func(zw *zip.Writer)) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := filepath.Join(t.TempDir(), "crafted.qdpx")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, e := range zr.File {
		if e.Name == name {
			continue
		}
		if err := zw.Copy(e); err != nil {
			t.Fatal(err)
		}
	}
	add(zw)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return out
}

// deflated compresses n bytes of c.
func deflated(t *testing.T, c byte, n int) []byte {
	t.Helper()
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.BestSpeed)
	chunk := bytes.Repeat([]byte{c}, 1<<20)
	for n > 0 {
		k := min(n, len(chunk))
		w.Write(chunk[:k])
		n -= k
	}
	w.Close()
	return b.Bytes()
}

// TestQDPXSourceOverLimit: a source over avain's limit on one document is
// refused with one line naming the file, the source and the limit, before
// anything is stored, whether the archive declares its size, lies about
// it, or holds more characters than the limit in fewer bytes.
func TestQDPXSourceOverLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: QDPX sources over the 20,000,000-character limit; run without -short")
	}
	codes := qdpxCodes()
	guid := refiqda.DerivedGUID("source", "big")
	q := &refiqda.Project{Name: "x", Origin: "avain", Users: map[string]string{}, Codes: codes, Memos: map[string]string{},
		Sources: []*refiqda.Source{
			{GUID: refiqda.DerivedGUID("source", "small"), Name: "small.txt", Text: clientInterview},
			{GUID: guid, Name: "iso.txt", Text: "H: Hei."}}}
	base := writeQDPX(t, t.TempDir(), "x.qdpx", q)
	entry := "sources/" + guid + ".txt"
	raw := func(declared uint64, data []byte) func(zw *zip.Writer) {
		return func(zw *zip.Writer) {
			w, err := zw.CreateRaw(&zip.FileHeader{Name: entry, Method: zip.Deflate, UncompressedSize64: declared,
				CompressedSize64: uint64(len(data))})
			if err != nil {
				t.Fatal(err)
			}
			w.Write(data)
		}
	}
	cases := map[string]string{
		// The header says 80 MB and one byte: refused unread.
		"declared": rewriteQDPX(t, base, entry, raw(coding.MaxDocumentBytes+1, deflated(t, 'a', 1000))),
		// The header says 1 KB; the data inflate past 80 MB: a broken
		// archive, read no further than the header says.
		"lying": rewriteQDPX(t, base, entry, raw(1000, deflated(t, 'a', coding.MaxDocumentBytes+1))),
		// 20,000,001 characters in 20 MB.
		"characters": rewriteQDPX(t, base, entry, func(zw *zip.Writer) {
			w, err := zw.Create(entry)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(w, io.LimitReader(repeatReader('a'), coding.MaxDocumentChars+1))
		}),
	}
	for name, file := range cases {
		t.Run(name, func(t *testing.T) {
			proj := filepath.Join(t.TempDir(), "p.avain")
			mustRun(t, "init", proj)
			before := fullContent(t, proj)
			code, out, errs := avain(t, "import", proj, file)
			if code == 0 || strings.Count(strings.TrimSpace(errs), "\n") != 0 || !strings.Contains(errs, "crafted.qdpx") ||
				!strings.Contains(errs, "iso.txt") || name != "lying" && !strings.Contains(errs, "20,000,000 characters") {
				t.Errorf("exit %d, want one line naming the file, the source and the limit: %q%q", code, out, errs)
			}
			if fullContent(t, proj) != before {
				t.Error("the refused import changed the project")
			}
		})
	}
}

type repeatReader byte

func (r repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

// TestQDPXCodeGUIDConflict: a .qdpx (or .qdc) code with the guid of a
// code here, another name, no description and no parent, neither renames
// nor moves the code here nor erases its English name, shortcut,
// definition and example; the conflict is reported, and the project's
// name and place kept. A field the code here lacks is filled in.
func TestQDPXCodeGUIDConflict(t *testing.T) {
	ctx := context.Background()
	for _, via := range []string{"qdpx", "qdc"} {
		t.Run(via, func(t *testing.T) {
			proj := filepath.Join(t.TempDir(), "p.avain")
			mustRun(t, "init", proj)
			p, err := project.Open(ctx, proj)
			if err != nil {
				t.Fatal(err)
			}
			parent := &coding.Code{NameFi: "Byrokratia", NameEn: "Bureaucracy"}
			if err := p.AddCode(ctx, parent, "aino"); err != nil {
				t.Fatal(err)
			}
			c := &coding.Code{ParentID: parent.ID, NameFi: "Liitepyynnöt", NameEn: "Attachment requests", Shortcut: "q",
				Definition: "Pyydetään samoja liitteitä uudestaan.", Example: "kolme kertaa samat liitteet"}
			if err := p.AddCode(ctx, c, "aino"); err != nil {
				t.Fatal(err)
			}
			p.Close()
			in := []*coding.Code{{Record: coding.Record{ID: c.ID}, NameFi: "Jotain muuta", Color: "#336699"}}
			var file string
			if via == "qdpx" {
				file = writeQDPX(t, t.TempDir(), "x.qdpx", &refiqda.Project{Name: "x", Users: map[string]string{}, Codes: in, Memos: map[string]string{}})
			} else {
				var b bytes.Buffer
				if err := refiqda.WriteCodebook(&b, in, coding.LangFinnish); err != nil {
					t.Fatal(err)
				}
				file = write(t, t.TempDir(), "x.qdc", b.Bytes())
			}
			var code int
			var out, errs string
			if via == "qdpx" {
				code, out, errs = avain(t, "import", proj, file)
			} else {
				code, out, errs = avain(t, "codebook", proj, "--import", file)
			}
			if code != 0 {
				t.Fatalf("exit %d: %s%s", code, out, errs)
			}
			p, err = project.Open(ctx, proj)
			if err != nil {
				t.Fatal(err)
			}
			defer p.Close()
			cb, err := p.Codebook(ctx)
			if err != nil {
				t.Fatal(err)
			}
			got := cb.Code(c.ID)
			if got == nil || got.NameFi != c.NameFi || got.ParentID != parent.ID || got.NameEn != c.NameEn || got.Shortcut != "q" ||
				got.Definition != c.Definition || got.Example != c.Example {
				t.Errorf("the code here was changed: %+v", got)
			}
			if got != nil && got.Color != "#336699" {
				t.Errorf("the colour the code here lacked was not filled in: %q", got.Color)
			}
			report := out + errs
			if !strings.Contains(report, "Liitepyynnöt") || !strings.Contains(report, "Jotain muuta") {
				t.Errorf("the conflict is not reported:\n%s", report)
			}
		})
	}
}

// TestQDPXEntriesReadWhenNeeded: a .qdpx whose archive also holds 40
// entries of 1 GB each that no text source refers to (media, say) imports
// its sources without reading them: entries are read one at a time, and
// only those needed.
func TestQDPXEntriesReadWhenNeeded(t *testing.T) {
	codes := qdpxCodes()
	q := &refiqda.Project{Name: "x", Origin: "avain", Users: map[string]string{}, Codes: codes, Memos: map[string]string{},
		Sources: []*refiqda.Source{
			{GUID: refiqda.DerivedGUID("source", "a"), Name: "a.txt", Text: clientInterview},
			{GUID: refiqda.DerivedGUID("source", "b"), Name: "b.txt", Text: professionalInterview}}}
	base := writeQDPX(t, t.TempDir(), "x.qdpx", q)
	data := deflated(t, 0, 1000)
	file := rewriteQDPX(t, base, "", func(zw *zip.Writer) {
		for i := range 40 {
			w, err := zw.CreateRaw(&zip.FileHeader{Name: fmt.Sprintf("sources/media%02d.mp4", i), Method: zip.Deflate,
				UncompressedSize64: 1 << 30, CompressedSize64: uint64(len(data))})
			if err != nil {
				t.Fatal(err)
			}
			w.Write(data)
		}
	})
	proj := filepath.Join(t.TempDir(), "p.avain")
	mustRun(t, "init", proj)
	if code, out, errs := avain(t, "import", proj, file); code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errs)
	}
	if docs := docTurns(t, proj); len(docs) != 2 {
		t.Errorf("documents: %v", docs)
	}
}
