package project

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

// TestImportRefusesADocumentOverTheLimitBeforeStoring: an .odt whose
// spaces expand past coding.MaxDocumentChars fails on one line naming the
// file and the limit, the other file still imports, and nothing of the
// large one reaches the project or the audit trail.
func TestImportRefusesADocumentOverTheLimitBeforeStoring(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	p, err := Create(ctx, filepath.Join(dir, "p.avain"))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	bomb := filepath.Join(dir, "tilat.odt")
	content := `<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ` +
		`xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>H: a` +
		strings.Repeat(`<text:s text:c="1000"/>`, coding.MaxDocumentChars/1000+1) + `b</text:p></office:text></office:body></office:document-content>`
	if err := os.WriteFile(bomb, zipped(t, "content.xml", content), 0o600); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "hyva.txt")
	os.WriteFile(good, []byte("H: Kysymys?\nV: Vastaus."), 0o600)
	var results []ImportResult
	failed, err := p.ImportFiles(ctx, []string{bomb, good}, ImportOptions{Coder: "aino"}, func(_ int, r ImportResult) { results = append(results, r) })
	if err != nil || failed != 1 || len(results) != 2 {
		t.Fatalf("failed=%d err=%v results=%v", failed, err, results)
	}
	msg := results[0].Err.Error()
	if !errors.Is(results[0].Err, coding.ErrTooLarge) || !strings.HasPrefix(msg, bomb+": ") || !strings.Contains(msg, "20,000,000 characters") || strings.Contains(msg, "\n") {
		t.Errorf("error = %q, want one line naming %s and the limit", msg, bomb)
	}
	docs, _ := p.Store.Documents(ctx)
	log, _ := p.Store.AuditLog(ctx)
	if len(docs) != 1 || docs[0].Name != "hyva.txt" || len(log) != 1 {
		t.Errorf("documents %+v, audit log of %d entries; want the good file alone", docs, len(log))
	}
	if limit := debug.SetMemoryLimit(-1); limit != math.MaxInt64 {
		t.Errorf("the import left a memory limit of %d behind", limit)
	}
}

// TestImportWarnsOfLinesNotInUTF8: a file of UTF-8 and Windows-1252 lines
// imports with each line in its own encoding and a warning naming the file
// and the lines.
func TestImportWarnsOfLinesNotInUTF8(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	p, err := Create(ctx, filepath.Join(dir, "p.avain"))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	f := filepath.Join(dir, "sekoitus.txt")
	os.WriteFile(f, []byte("H: Hyvää päivää.\nV: Hyv\xe4\xe4 p\xe4iv\xe4\xe4.\nH: Miten menee?"), 0o600)
	var got ImportResult
	if _, err := p.ImportFiles(ctx, []string{f}, ImportOptions{Coder: "aino"}, func(_ int, r ImportResult) { got = r }); err != nil {
		t.Fatal(err)
	}
	want := f + ": line 2 was not UTF-8; read as Windows-1252"
	if got.Status != Imported || len(got.Warnings) != 1 || got.Warnings[0] != want {
		t.Fatalf("result %v, warnings %q; want imported with %q", got.Status, got.Warnings, want)
	}
	doc, err := p.Store.Document(ctx, got.Doc.ID)
	if err != nil || doc.Text != "H: Hyvää päivää.\nV: Hyvää päivää.\nH: Miten menee?" {
		t.Errorf("stored text %q, %v", doc.Text, err)
	}
	if got.Words != doc.Words() || got.Words != 6 {
		t.Errorf("Words = %d, want %d", got.Words, doc.Words())
	}
}

// zipped packs one file into a zip archive.
func zipped(t *testing.T, name, content string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(name)
	if err == nil {
		_, err = w.Write([]byte(content))
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
