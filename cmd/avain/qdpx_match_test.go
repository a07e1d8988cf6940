//go:build unix

package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/refiqda"
)

// A codebook that came back from another tool with new ids for every
// code: `avain import` refuses it as clashing codes, and with
// --match-codes-by-name takes it onto the codes here, the one new code
// added. The flag without a .qdpx is a usage
// error.
func TestImportMatchCodesByName(t *testing.T) {
	dir := t.TempDir()
	proj := filepath.Join(dir, "p.avain")
	here := writeQDPX(t, dir, "here.qdpx", &refiqda.Project{Name: "p", Codes: qdpxCodes(), Memos: map[string]string{}})
	if code, _, errs := avain(t, "init", proj, "--from", here); code != 0 {
		t.Fatalf("init: %s", errs)
	}
	// The other tool: new ids (in upper case), one code renamed in case
	// and a new one.
	var codes []*coding.Code
	fresh := map[string]string{}
	for i, c := range qdpxCodes() {
		k := *c
		k.ID = strings.ToUpper(refiqda.DerivedGUID("other", c.ID))
		fresh[c.ID] = k.ID
		if c.ParentID != "" {
			k.ParentID = fresh[c.ParentID]
		}
		if i == 2 {
			k.NameFi = "ODOTUS"
		}
		codes = append(codes, &k)
	}
	codes = append(codes, &coding.Code{Record: coding.Record{ID: refiqda.DerivedGUID("other", "new")}, NameFi: "Uusi", Position: 2})
	back := writeQDPX(t, dir, "back.qdpx", &refiqda.Project{Name: "p", Origin: "QualCoder 3.6", Codes: codes, Memos: map[string]string{}})

	code, _, errs := avain(t, "import", proj, back)
	if code != 1 || !strings.Contains(errs, "back.qdpx") || !strings.Contains(errs, `share the name "Kela"`) {
		t.Fatalf("without the flag: exit %d, %q", code, errs)
	}
	code, out, errs := avain(t, "import", proj, back, "--match-codes-by-name")
	// The code renamed in case is found, and its new spelling printed as
	// the one conflict: the project's name is kept.
	if code != 0 || !strings.Contains(out, "imported "+back+": 0 documents, 6 codes") || strings.Count(out, "conflict: ") != 1 ||
		!strings.Contains(out, `"Odotus" (en: "Waiting") here, "ODOTUS"`) {
		t.Fatalf("with the flag: exit %d\n%s%s", code, out, errs)
	}
	_, out, _ = avain(t, "codebook", proj)
	if strings.Count(out, "Kela") != 1 || !strings.Contains(out, "Uusi") || strings.Contains(out, "ODOTUS") {
		t.Errorf("codebook after:\n%s", out)
	}
	if code, _, errs := avain(t, "import", proj, filepath.Join(dir, "a.txt"), "--match-codes-by-name"); code != 2 || !strings.Contains(errs, "REFI-QDA") {
		t.Errorf("flag without a .qdpx: exit %d, %q", code, errs)
	}
}
