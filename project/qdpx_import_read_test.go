package project

import (
	"archive/zip"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/refiqda"
)

// zipDir packs a directory of testdata as a .qdpx in the test's temp
// directory, its files at the archive's root.
func zipDir(t *testing.T, dir string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), filepath.Base(dir)+".qdpx")
	f, err := os.OpenFile(out, os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == ".gitattributes" {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		w, err := zw.Create(filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	})
	if err == nil {
		err = zw.Close()
	}
	if err == nil {
		err = f.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// QualCoder's export with "MAXQDA line endings" (CRLF text, LF
// positions, the selected text in each selection's name) imports with
// every coding on its text, the memos where QualCoder put them with
// their authors and dates, the annotation on its span, the document by
// its maker at its date, and the project description beside the project
// memo here (the newer current).
func TestQDPXImportOfQualCoderExport(t *testing.T) {
	ctx := context.Background()
	file := zipDir(t, filepath.Join("testdata", "qualcoder-maxqda-line-endings"))
	p, err := Create(ctx, filepath.Join(t.TempDir(), "p.avain"))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if err := p.SetMemo(ctx, coding.MemoProject, coding.ProjectMemoID, "Oma muistio.", "aino"); err != nil {
		t.Fatal(err)
	}
	rep, err := p.ImportQDPX(ctx, file, "eero")
	if err != nil {
		t.Fatal(err)
	}
	cb, _ := p.Codebook(ctx)
	cs, err := p.Codings(ctx, coding.CodingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var doc *coding.Document
	p.EachDocument(ctx, func(d *coding.Document) error { doc = d; return nil })
	if doc == nil || doc.Coder != "maija" || doc.Created.Format("2006-01-02T15:04") != "2025-05-01T09:00" {
		t.Fatalf("document %+v", doc)
	}
	got := map[string]*coding.Coding{}
	for _, c := range cs {
		got[cb.Code(c.CodeID).Name("fi")+": "+coding.Slice(doc.Text, c.Start, c.End)] = c
	}
	for _, k := range []string{"Arki: Ihan hyvin 😊 mutta väsyttää vähän.", "Uni: Yöt ovat lyhyitä, kun vauva herää usein.", "Annotations: vauva herää"} {
		if c := got[k]; c == nil || c.Coder != "maija" {
			t.Errorf("no coding %q by maija (codings %v)", k, got)
		}
	}
	if len(cs) != 3 {
		t.Errorf("%d codings", len(cs))
	}
	arki := got["Arki: Ihan hyvin 😊 mutta väsyttää vähän."]
	if m := memoBy(t, p, coding.MemoCoding, arki.ID); m.Text != "Hymiö kertoo paljon." || m.Coder != "maija" || m.Created.Format("2006-01-02") != "2025-05-02" {
		t.Errorf("coding memo %+v", m)
	}
	ann := got["Annotations: vauva herää"]
	if m := memoBy(t, p, coding.MemoCoding, ann.ID); m.Text != "Vauva on kolmen kuukauden ikäinen." || m.Coder != "maija" ||
		m.Created.Format("2006-01-02") != "2025-05-03" {
		t.Errorf("annotation memo %+v", m)
	}
	if c := cb.Code(ann.CodeID); c.ParentID != "" || c.ID != refiqda.AnnotationsGUID {
		t.Errorf("annotations code %+v", c)
	}
	if m := memoBy(t, p, coding.MemoDocument, doc.ID); m.Text != "Haastattelu tehtiin kotona." || m.Coder != "maija" {
		t.Errorf("document memo %+v", m)
	}
	// The project description, undated, is newer than the memo here: the
	// project memo, the one here kept under it, the two reported.
	if m, _ := p.Memo(ctx, coding.MemoProject, coding.ProjectMemoID); m != "Perheiden arki -hanke." {
		t.Errorf("project memo %q", m)
	}
	if len(rep.Conflicts) != 1 || !strings.HasPrefix(rep.Conflicts[0].String(), "memo on the project: the file's text and the text here differ; kept both") {
		t.Errorf("conflicts %v", rep.Conflicts)
	}
	changed, skipped := strings.Join(rep.Changed, "\n"), strings.Join(rep.Skipped, "\n")
	for _, w := range []string{`1 annotation kept as codings of the code "Annotations"`, "positions read as code points with CRLF as one"} {
		if !strings.Contains(changed, w) {
			t.Errorf("changed %q: no %q", rep.Changed, w)
		}
	}
	for _, w := range []string{`1 PDFSource (avain reads text sources only): "perhe_02.pdf"`, `1 case refers to a source avain does not import`} {
		if !strings.Contains(skipped, w) {
			t.Errorf("skipped %q: no %q", rep.Skipped, w)
		}
	}
	// Again: nothing twice, the project memo as it is.
	if _, err := p.ImportQDPX(ctx, file, "eero"); err != nil {
		t.Fatal(err)
	}
	if m, _ := p.Memo(ctx, coding.MemoProject, coding.ProjectMemoID); m != "Perheiden arki -hanke." {
		t.Errorf("project memo after a second import %q", m)
	}
	if ms, _ := p.Memos(ctx); len(ms) != 5 {
		t.Errorf("%d memos after a second import, want 5 (2 on the project)", len(ms))
	}
	if cs, _ := p.Codings(ctx, coding.CodingFilter{}); len(cs) != 3 {
		t.Errorf("%d codings after a second import", len(cs))
	}
}

// A .qdpx avain wrote brings back each document's format and turns
// (speakers and times) from its avain/ entries, not the turns a .txt
// would have, and a Description memo's author from avain/project.json.
func TestQDPXImportKeepsAvainTurns(t *testing.T) {
	ctx := context.Background()
	file := zipDir(t, filepath.Join("testdata", "avain-vtt-turns"))
	p, err := Create(ctx, filepath.Join(t.TempDir(), "p.avain"))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if _, err := p.ImportQDPX(ctx, file, "eero"); err != nil {
		t.Fatal(err)
	}
	var doc *coding.Document
	p.EachDocument(ctx, func(d *coding.Document) error { doc = d; return nil })
	if doc.Format != "vtt" || len(doc.Turns) != 3 {
		t.Fatalf("format %q, turns %+v", doc.Format, doc.Turns)
	}
	if tn := doc.Turns[1]; tn.Speaker != "Gillian" || tn.Time != 4*time.Second || tn.TimeEnd != 6500*time.Millisecond ||
		coding.Slice(doc.Text, tn.Start, tn.End) != "Hyvää, kiitos." {
		t.Errorf("turn 2 %+v", tn)
	}
	if m := memoBy(t, p, coding.MemoDocument, doc.ID); m.Text != "Äänitys oli huono." || m.Coder != "ville" || m.Created.Year() != 2024 {
		t.Errorf("document memo %+v", m)
	}
}

// A project that has a code named "Annotations" takes a file's
// annotations as codings of that code; none is made.
func TestQDPXImportAnnotationsOntoTheCodeHere(t *testing.T) {
	ctx := context.Background()
	file := zipDir(t, filepath.Join("testdata", "qualcoder-maxqda-line-endings"))
	p, err := Create(ctx, filepath.Join(t.TempDir(), "p.avain"))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	mine := &coding.Code{NameFi: "Huomiot", NameEn: "Annotations"}
	if err := p.AddCode(ctx, mine, "aino"); err != nil {
		t.Fatal(err)
	}
	if _, err := p.ImportQDPX(ctx, file, "eero"); err != nil {
		t.Fatal(err)
	}
	cb, _ := p.Codebook(ctx)
	if cb.Code(refiqda.AnnotationsGUID) != nil || len(cb.Codes()) != 3 {
		t.Errorf("%d codes, one of them made for annotations: %v", len(cb.Codes()), cb.Code(refiqda.AnnotationsGUID))
	}
	cs, _ := p.Codings(ctx, coding.CodingFilter{})
	n := 0
	for _, c := range cs {
		if c.CodeID == mine.ID {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d codings of the project's Annotations code, want 1", n)
	}
}
