package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestCodebookAndFreqCountAlike: on the coded demo, `avain codebook
// --json` and `avain export freq` give every code the same codings,
// passages and documents (a theme with its child codes), and the codebook
// table says what each number counts.
func TestCodebookAndFreqCountAlike(t *testing.T) {
	proj := filepath.Join(t.TempDir(), "demo.avain")
	if code, _, errs := avain(t, "demo", proj); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	_, cbOut, _ := avain(t, "codebook", proj, "--json")
	var codes []struct {
		ID                           string
		Path                         string
		Codings, Passages, Documents int
	}
	if err := json.Unmarshal([]byte(cbOut), &codes); err != nil {
		t.Fatal(err)
	}
	code, freqOut, errs := avain(t, "export", proj, "freq", "-o", "-", "--format", "json")
	if code != 0 {
		t.Fatalf("freq: %s", errs)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(freqOut), &rows); err != nil {
		t.Fatal(err)
	}
	byID := map[string]map[string]any{} // code -> measure -> value, of all documents
	for _, r := range rows {
		if id, ok := r["code_id"].(string); ok && r["group"] == "all" {
			if byID[id] == nil {
				byID[id] = map[string]any{}
			}
			byID[id][r["measure"].(string)] = r["value"]
		}
	}
	themes := 0
	for _, c := range codes {
		r, ok := byID[c.ID]
		if !ok {
			t.Errorf("%s: no freq row", c.Path)
			continue
		}
		got := [3]float64{r["codings"].(float64), r["passages"].(float64), r["documents"].(float64)}
		if want := [3]float64{float64(c.Codings), float64(c.Passages), float64(c.Documents)}; got != want {
			t.Errorf("%s: freq %v, codebook %v (codings, passages, documents)", c.Path, got, want)
		}
		if !strings.Contains(c.Path, "/") && c.Codings > 0 {
			themes++
		}
	}
	if themes == 0 {
		t.Error("no theme with codings in the demo: the check compared nothing")
	}
	_, table, _ := avain(t, "codebook", proj)
	for _, want := range []string{"CODINGS", "PASSAGES", "DOCS", "a theme counts its child codes", "each coder's counted", "coders merged"} {
		if !strings.Contains(table, want) {
			t.Errorf("the codebook table does not say %q", want)
		}
	}
}
