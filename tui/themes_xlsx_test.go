package tui

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestThemesXLSXHasAbout: the themes table saved as .xlsx is the
// workbook avain export freq writes: its About sheet (Tietoja, in Finnish) first, naming the
// project, the coders and what each number counts, then the table and
// its chart.
func TestThemesXLSXHasAbout(t *testing.T) {
	m, p, _ := coder(t, 240, 24)
	m = do(t, m, "T")
	m = do(t, m, "x")
	out := filepath.Join(t.TempDir(), "teemat.xlsx")
	m = typeText(t, m, out)
	do(t, m, "enter")
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatalf("the saved workbook: %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 3 || sheets[0] != "Tietoja" || sheets[1] != "Frekvenssit" {
		t.Fatalf("sheets %q, want Tietoja, Frekvenssit and its chart", sheets)
	}
	rows, err := f.GetRows("Tietoja")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, r := range rows {
		lines = append(lines, strings.Join(r, " "))
	}
	text := strings.Join(lines, "\n")
	for _, want := range []string{"Projekti: " + filepath.Base(p.Path()), "Koodaajat: ", "Koodaukset"} {
		if !strings.Contains(text, want) {
			t.Errorf("the About sheet does not say %q:\n%s", want, text)
		}
	}
	if !slices.ContainsFunc(lines, func(l string) bool {
		return strings.HasPrefix(l, "Koodaajat: ") && !strings.Contains(l, "kaikki koodaajat")
	}) {
		t.Errorf("the About sheet does not name the coders:\n%s", text)
	}
}
