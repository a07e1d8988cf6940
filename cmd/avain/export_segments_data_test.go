package main

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// TestSegmentsDataXLSXCutsLongText: in the data layout's workbook a coded
// turn of 40,000 characters is cut to the 32,767 an Excel cell holds,
// ending in "…", and a warning on standard error says so; the CSV keeps
// it whole.
func TestSegmentsDataXLSXCutsLongText(t *testing.T) {
	dir := t.TempDir()
	proj := filepath.Join(dir, "p.avain")
	mustRun(t, "init", proj, "--coder", "aino")
	long := strings.Repeat("Kelasta pyydettiin liitteitä taas. ", 1200) // 42,000 characters
	mustRun(t, "import", proj, write(t, dir, "pitka.txt", []byte("H: Miten meni?\nV: "+long+"\n")), "--kind", "client")
	mustRun(t, "code", proj, "--doc", "pitka.txt", "--turn", "2", "--code", "Toistuvat liitepyynnöt", "--coder", "aino")
	out := filepath.Join(dir, "data.xlsx")
	code, _, errs := avain(t, "export", proj, "segments", "--layout", "data", "-o", out)
	if code != 0 || !strings.Contains(errs, "warning: "+out+": 1 text longer than an Excel cell holds (32767 characters) is cut, ending in …") {
		t.Fatalf("export: %d %q", code, errs)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Segments") // after the About sheet
	if err != nil || len(rows) != 2 {
		t.Fatalf("rows: %d %v", len(rows), err)
	}
	text := rows[1][len(rows[0])-1]
	if rows[0][len(rows[0])-1] != "text" || utf8.RuneCountInString(text) != 32767 || !strings.HasSuffix(text, "…") || !strings.HasPrefix(long, strings.TrimSuffix(text, "…")) {
		t.Errorf("the text cell holds %d characters ending %q", utf8.RuneCountInString(text), text[len(text)-20:])
	}
	csv := filepath.Join(dir, "data.csv")
	if code, _, errs := avain(t, "export", proj, "segments", "--layout", "data", "-o", csv); code != 0 || strings.Contains(errs, "warning") || !strings.Contains(read(t, csv), strings.TrimSpace(long)) {
		t.Errorf("the CSV: %d %q", code, errs)
	}
}
