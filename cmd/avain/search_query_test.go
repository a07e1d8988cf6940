package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestSearchQueryMeaning runs avain search on the demo project with the
// queries a new user writes: every word is required, field:value terms
// filter, OR and -word are explicit, and a query of filters alone lists
// turns. Each hit's snippet is checked, not only the count.
func TestSearchQueryMeaning(t *testing.T) {
	proj := filepath.Join(t.TempDir(), "demo.avain")
	if code, _, errs := avain(t, "demo", "--uncoded", proj); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	search := func(t *testing.T, q string) []jsonHit {
		t.Helper()
		code, out, errs := avain(t, "search", proj, "--json", "--limit", "1000", "--", q)
		if code != 0 {
			t.Fatalf("search %q: exit %d: %s", q, code, errs)
		}
		var hits []jsonHit
		if err := json.Unmarshal([]byte(out), &hits); err != nil {
			t.Fatal(err)
		}
		return hits
	}
	marked := func(h jsonHit, part string) bool { // a word marked in the snippet holds part
		for _, m := range strings.Split(h.Snippet, "«")[1:] {
			if w, _, _ := strings.Cut(m, "»"); strings.Contains(strings.ToLower(w), part) {
				return true
			}
		}
		return false
	}
	tests := []struct {
		q    string
		min  int // at least this many hits
		max  int // at most this many
		each func(h jsonHit) bool
	}{
		// the README's example: before, all 29 turns of the Kuopio client interview
		{"+kind:client +region:Kuopio liite*", 1, 5, func(h jsonHit) bool {
			return h.Doc == "asiakas_01_kuopio.txt" && marked(h, "liit")
		}},
		// before, 171 turns, 7 of them with the word
		{"kind:client suostumus", 1, 7, func(h jsonHit) bool { return h.Kind == "client" && marked(h, "suostum") }},
		{"toimeentulotuki hakemus", 2, 10, func(h jsonHit) bool {
			return marked(h, "toimeentulotu") || marked(h, "hakemu")
		}},
		{"kela OR kunta", 20, 1000, func(h jsonHit) bool { return marked(h, "kel") || marked(h, "kun") }},
		{"suostumus -kind:client", 1, 7, func(h jsonHit) bool { return h.Kind == "professional" && marked(h, "suostum") }},
		{"speaker:V region:Kuopio", 10, 1000, func(h jsonHit) bool { return h.Speaker == "V" && strings.HasSuffix(h.Doc, "kuopio.txt") }},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			hits := search(t, tt.q)
			if len(hits) < tt.min || len(hits) > tt.max {
				t.Errorf("%d hits, want %d to %d", len(hits), tt.min, tt.max)
			}
			for _, h := range hits {
				if !tt.each(h) {
					t.Errorf("hit %s turn %d (%s, %s): %s", h.Doc, h.Turn, h.Kind, h.Speaker, h.Snippet)
				}
			}
		})
	}
	code, _, errs := avain(t, "search", proj, "kela OR")
	if code == 0 || strings.Count(strings.TrimSpace(errs), "\n") != 0 || !strings.Contains(errs, "OR must stand between two terms") {
		t.Errorf("search 'kela OR': exit %d, %q: want one line saying where OR goes", code, errs)
	}
}

// A query that starts with -, typed without --, is told about --; a query
// that finds nothing is told when it has a lower-case or (operators are in
// capitals), a field no document has, or a value no document has.
func TestSearchHintsForTypingMistakes(t *testing.T) {
	dir := t.TempDir()
	proj := filepath.Join(dir, "p.avain")
	doc := write(t, dir, "h.txt", []byte("H: Miten Kela auttoi?\nV: Kunta auttoi enemmän.\n"))
	if code, _, errs := avain(t, "init", proj); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := avain(t, "import", proj, doc, "--attr", "region=Kuopio", "--kind", "client"); code != 0 {
		t.Fatal(errs)
	}
	for q, want := range map[string]string{
		"kind:klient kela":     `no document has kind "klient" (kind: client)`,
		"foo:bar kela":         `no document has the field "foo"`,
		"region:Helsinki kela": `no document has region "Helsinki" (region: Kuopio)`,
	} {
		if code, out, errs := avain(t, "search", proj, q); code != 0 || !strings.Contains(out, "0 hits") || !strings.Contains(errs, want) {
			t.Errorf("%s: exit %d, %q, %q; want the hint %q", q, code, out, errs, want)
		}
	}
	if _, _, errs := avain(t, "search", proj, "region:kuopio kela"); strings.Contains(errs, "hint") {
		t.Errorf("a hint for a query that finds: %q", errs)
	}
	code, _, errs := avain(t, "search", proj, "-speaker:H")
	if code != 2 || !strings.Contains(errs, "follows --") || strings.Count(strings.TrimSpace(errs), "\n") > 1 {
		t.Errorf("a leading -: exit %d, %q", code, errs)
	}
	code, out, errs := avain(t, "search", proj, "kela or kunta")
	if code != 0 || !strings.Contains(out, "0 hits") || !strings.Contains(errs, "capitals") {
		t.Errorf("lower-case or: exit %d, %q, %q", code, out, errs)
	}
	if _, _, errs := avain(t, "search", proj, "kela OR kunta"); strings.Contains(errs, "capitals") {
		t.Errorf("a hint for a query that finds something: %q", errs)
	}
}
