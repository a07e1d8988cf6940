package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestSegmentsNoQuotations: a project with documents and no codings gives
// a quotation report that says it has none, and no warning of quoted
// interview text; its report says the selection holds no codings.
func TestSegmentsNoQuotations(t *testing.T) {
	dir := t.TempDir()
	proj := filepath.Join(dir, "bare.avain")
	if code, _, errs := avain(t, "demo", "--uncoded", proj); code != 0 {
		t.Fatalf("demo --uncoded: %d %s", code, errs)
	}
	code, md, errs := avain(t, "export", proj, "segments")
	if code != 0 || !strings.Contains(md, "Valinnalla ei löytynyt sitaatteja.") ||
		strings.Contains(errs, "quoted interview text") || !strings.Contains(errs, "note: no quotations: the selection holds no coded passages") {
		t.Errorf("export segments of no codings: %d %q %q", code, md, errs)
	}
	for _, o := range []string{"d.csv", "d.md", "d.xlsx"} { // the flat table of no codings
		code, _, errs = avain(t, "export", proj, "segments", "--layout", "data", "-o", filepath.Join(dir, o))
		if code != 0 || strings.Contains(errs, "quoted interview text") || !strings.Contains(errs, "note: no quotations") {
			t.Errorf("export segments --layout data -o %s of no codings: %d %q", o, code, errs)
		}
	}
	out := filepath.Join(dir, "r.html")
	code, _, errs = avain(t, "report", proj, "-o", out)
	if html := read(t, out); code != 0 || strings.Contains(errs, "quoted interview text") ||
		!strings.Contains(html, "Valinnassa ei ole koodauksia") || strings.Contains(html, "säilytä se yhtä huolellisesti") {
		t.Errorf("report of no codings: %d %q", code, errs)
	}
}
