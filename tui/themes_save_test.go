package tui

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/toituavain/avain/coding"
	"github.com/xuri/excelize/v2"
)

// avainCLI starts building the real avain binary, for a test that
// compares the UI's outputs with the command line's, and returns the
// function that waits for it: the build runs while the UI is driven.
func avainCLI(t *testing.T) func() string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "avain")
	var out bytes.Buffer
	build := exec.Command("go", "build", "-o", bin, "github.com/toituavain/avain/cmd/avain")
	build.Stdout, build.Stderr = &out, &out
	if err := build.Start(); err != nil {
		t.Fatalf("building avain: %v", err)
	}
	t.Cleanup(func() { _ = build.Wait() }) // a test that stopped early
	return func() string {
		t.Helper()
		if err := build.Wait(); err != nil {
			t.Fatalf("building avain: %v\n%s", err, out.String())
		}
		return bin
	}
}

// withoutDate drops the line that says when a table was made, the one
// line that differs between two saves of the same table.
func withoutDate(lines []string) []string {
	return slices.DeleteFunc(slices.Clone(lines), func(l string) bool {
		return strings.Contains(l, "Tehty: ") || strings.Contains(l, "Made: ")
	})
}

// workbookRows reads every sheet of an XLSX file as lines of cells.
func workbookRows(t *testing.T, path string) []string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	defer f.Close()
	var out []string
	for _, s := range f.GetSheetList() {
		out = append(out, "# "+s)
		rows, _ := f.GetRows(s) // a chart sheet has none
		for _, r := range rows {
			out = append(out, strings.Join(r, "|"))
		}
	}
	return out
}

// TestThemesSaveIsTheExport: the themes view split by kind, saved as CSV,
// TSV, Markdown, JSON and XLSX, writes what avain export PROJECT freq --by
// kind writes, in the language the UI names the codes in (Finnish, the
// export's default): "laji = asiakas", decimal commas, the coders named,
// avain's version; only the line with the date differs.
func TestThemesSaveIsTheExport(t *testing.T) {
	saveIsTheExport(t, coding.LangFinnish, []string{"csv", "tsv", "md", "json", "xlsx"},
		[]string{"laji = asiakas", "Koodaajat: aino, ville", "avain, versio ", "koodaukset"}, "90,0", "# Tietoja")
}

// TestThemesSaveInEnglish: a UI opened with --lang en saves the table
// avain export freq --lang en writes: English labels and code names.
func TestThemesSaveInEnglish(t *testing.T) {
	saveIsTheExport(t, coding.LangEnglish, []string{"csv", "xlsx"},
		[]string{"kind = client", "Coders: aino, ville", "avain, version ", "codings", "Waiting"}, "90.0", "# About")
}

// saveIsTheExport saves the themes view split by kind from a UI in lang
// as each of exts and compares each file with avain export freq --by kind
// --lang lang; each must hold words, the CSV-like ones also number and a
// workbook also sheet.
func saveIsTheExport(t *testing.T, lang string, exts, words []string, number, sheet string) {
	built := avainCLI(t)
	p := countsDemo(t)
	dir := t.TempDir()
	tm := teatest.NewTestModel(t, NewIn(p, "demo", "aino", lang), teatest.WithInitialTermSize(160, 40))
	waitFor(t, tm, "Documents")
	hit(tm, "T")
	waitFor(t, tm, "all n=10") // the table, counted
	hit(tm, "s")
	waitFor(t, tm, "n=6") // split by kind: its six client interviews
	suggested := map[string]string{coding.LangFinnish: "teemat-kind.csv", coding.LangEnglish: "themes-kind.csv"}[lang]
	for i, ext := range exts {
		hit(tm, "x")
		if i == 0 {
			waitFor(t, tm, suggested) // in the language of the table
		}
		out := filepath.Join(dir, "tui."+ext)
		tm.Type(out) // typed over the suggested name, not after it
		hit(tm, "enter")
		teatest.WaitFor(t, tm.Output(), func([]byte) bool { // written, then reported
			_, err := os.Stat(out)
			return err == nil
		}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	}
	hit(tm, "ctrl+c")
	tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second))
	bin := built()

	for _, ext := range exts {
		cli := filepath.Join(dir, "cli."+ext)
		if out, err := exec.Command(bin, "export", p.Path(), "freq", "--by", "kind", "--lang", lang, "-o", cli).CombinedOutput(); err != nil {
			t.Fatalf("avain export: %v\n%s", err, out)
		}
		var got, want []string
		if ext != "xlsx" {
			g, err := os.ReadFile(filepath.Join(dir, "tui."+ext))
			if err != nil {
				t.Fatal(err)
			}
			w, err := os.ReadFile(cli)
			if err != nil {
				t.Fatal(err)
			}
			got, want = strings.Split(string(g), "\n"), strings.Split(string(w), "\n")
		} else {
			got, want = workbookRows(t, filepath.Join(dir, "tui.xlsx")), workbookRows(t, cli)
		}
		if !slices.Equal(withoutDate(got), withoutDate(want)) {
			t.Errorf("%s saved from the themes view:\n%s\n\navain export freq --by kind --lang %s:\n%s", ext,
				strings.Join(got, "\n"), lang, strings.Join(want, "\n"))
		}
		text := strings.Join(got, "\n")
		want = slices.Clone(words)
		switch ext {
		case "json": // the data layout: numbers for programs, values as they are
			continue
		case "csv", "tsv", "md":
			want = append(want, number) // a workbook holds numbers, shown in the reader's own way
		default:
			want = append(want, sheet)
		}
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("the %s saved from the themes view lacks %q:\n%s", ext, w, text)
			}
		}
	}
}

// TestThemesNameFieldReplacesTheSuggestion: the file name x suggests is
// replaced by what is typed or pasted first, cleared by backspace, and
// edited in place once the cursor has moved.
func TestThemesNameFieldReplacesTheSuggestion(t *testing.T) {
	tests := []struct {
		name string
		keys []string
		want string
	}{
		{"typed", []string{"u", "u", "s", "i"}, "uusi"},
		{"backspace", []string{"backspace"}, ""},
		{"backspace then typed", []string{"backspace", "a"}, "a"},
		{"moved then typed", []string{"left", "left", "left", "left", "-", "2"}, "teemat-2.csv"},
		{"end then typed", []string{"end", "x"}, "teemat.csvx"},
		{"nothing typed", nil, "teemat.csv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _, _ := coder(t, 160, 24)
			m = do(t, m, "T", "x")
			for _, k := range tt.keys {
				if c, ok := map[string]rune{"left": tea.KeyLeft, "end": tea.KeyEnd}[k]; ok {
					m, _ = send(t, m, tea.KeyPressMsg{Code: c})
					continue
				}
				m = do(t, m, k)
			}
			if got := m.themes.input.Value(); got != tt.want {
				t.Errorf("after %q the field holds %q, want %q", tt.keys, got, tt.want)
			}
			if v := ansi.Strip(m.View().Content); !strings.Contains(v, "Write the table to: "+tt.want) {
				t.Errorf("after %q the prompt does not show %q:\n%s", tt.keys, tt.want, v)
			}
		})
	}
	t.Run("pasted", func(t *testing.T) {
		m, _, _ := coder(t, 160, 24)
		m = do(t, m, "T", "x")
		m, _ = send(t, m, tea.PasteMsg{Content: "taulukko.md"})
		if got := m.themes.input.Value(); got != "taulukko.md" {
			t.Errorf("after a paste the field holds %q, want taulukko.md", got)
		}
	})
}
