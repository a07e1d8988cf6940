package main

import (
	"archive/zip"
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportWarnsAndRefusesOnOneLine: avain import prints a warning naming
// the lines of a file that were not UTF-8, and refuses a document over
// avain's limits on one line naming the file and the limit, storing nothing
// of it.
func TestImportWarnsAndRefusesOnOneLine(t *testing.T) {
	dir := t.TempDir()
	proj := filepath.Join(dir, "p.avain")
	if code, _, errOut := avain(t, "init", proj); code != 0 {
		t.Fatalf("init: %s", errOut)
	}
	mixed := write(t, dir, "sekoitus.txt", []byte("H: Hyvää päivää.\nV: Hyv\xe4\xe4 p\xe4iv\xe4\xe4.\nH: Miten menee?"))
	code, out, errOut := avain(t, "import", proj, mixed)
	if code != 0 || errOut != "warning: "+mixed+": line 2 was not UTF-8; read as Windows-1252\n" ||
		!strings.HasPrefix(out, "imported "+mixed+": 3 turns, 6 words") {
		t.Errorf("import of mixed encodings: code %d, stdout %q, stderr %q", code, out, errOut)
	}

	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		strings.Repeat("<w:p><w:r><w:t>x</w:t></w:r>", 300) + strings.Repeat("</w:p>", 300) + `</w:body></w:document>`))
	zw.Close()
	nested := write(t, dir, "sisakkain.docx", buf.Bytes())
	code, out, errOut = avain(t, "import", proj, nested)
	want := "error: " + nested + ": word/document.xml nests elements deeper than 256 levels, avain's limit\n"
	if code != 1 || errOut != want || strings.Contains(out, "imported") {
		t.Errorf("import of deep nesting: code %d, stdout %q, stderr %q, want %q", code, out, errOut, want)
	}
	if _, out, _ := avain(t, "docs", proj); strings.Contains(out, "sisakkain") {
		t.Errorf("the refused document is in the project: %s", out)
	}
}
