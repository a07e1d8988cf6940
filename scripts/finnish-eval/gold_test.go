package main

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestReadTreebank(t *testing.T) {
	sents, err := readTreebank("testdata/small.conllu")
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 2 {
		t.Fatalf("%d sentences, want 2", len(sents))
	}
	s := sents[0]
	if s.text != "Ettei tietosuojaa unohdettaisi, kirjoitimme Facebook-julkaisuja." {
		t.Errorf("text = %q", s.text)
	}
	// The contraction's words carry its written form; the empty node 6.1
	// is no word.
	want := []token{
		{"Ettei", "että", "SCONJ"}, {"Ettei", "ei", "AUX"}, {"tietosuojaa", "tieto#suoja", "NOUN"},
		{"unohdettaisi", "unohtaa", "VERB"}, {",", ",", "PUNCT"}, {"kirjoitimme", "kirjoittaa", "VERB"},
		{"Facebook-julkaisuja", "Facebook#julkaisu", "NOUN"}, {".", ".", "PUNCT"},
	}
	if !reflect.DeepEqual(s.tokens, want) {
		t.Errorf("tokens = %q\nwant %q", s.tokens, want)
	}
}

func TestReadTreebankRefusesBadInput(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"columns.conllu": "# text = a\n1\ta\ta\n",
		"no-text.conllu": "1\ta\ta\tX\t_\t_\t0\troot\t_\t_\n",
		"empty.conllu":   "\n",
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := readTreebank(path)
		if err == nil || !strings.HasPrefix(err.Error(), path) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error %v, want one line naming the file", name, err)
		}
	}
}

func TestQueryKey(t *testing.T) {
	for _, tc := range []struct{ lemma, form, want string }{
		{"tieto#suoja", "tietosuojaa", "tietosuoja"},
		{"Facebook#julkaisu", "Facebook-julkaisuja", "facebook-julkaisu"},
		{"EU#virka#mies", "EU-virkamiehet", "eu-virkamies"},
		{"kuorma-auto", "kuorma-autossa", "kuorma-auto"},
		{"Kuopio", "Kuopiossa", "kuopio"},
	} {
		if got := queryKey(tc.lemma, tc.form); got != tc.want {
			t.Errorf("queryKey(%q, %q) = %q, want %q", tc.lemma, tc.form, got, tc.want)
		}
	}
}

func TestSearchable(t *testing.T) {
	for key, want := range map[string]bool{
		"talo": true, "kuorma-auto": true, "äänestää": true,
		"": false, "1970luku": false, "eaa.": false, "-talo": false, "talo-": false, "a--b": false, "e’n": false,
	} {
		if got := searchable(key); got != want {
			t.Errorf("searchable(%q) = %v, want %v", key, got, want)
		}
	}
}

func TestPartRuns(t *testing.T) {
	got := partRuns("tieto#suoja#valtuutettu")
	want := []string{"tieto", "tietosuoja", "suoja", "suojavaltuutettu", "valtuutettu"}
	if !slices.Equal(got, want) {
		t.Errorf("partRuns = %q, want %q", got, want)
	}
	if got := partRuns("Kuorma-auto"); !slices.Equal(got, []string{"kuorma", "auto"}) {
		t.Errorf("partRuns(Kuorma-auto) = %q", got)
	}
	if got := partRuns("talo"); len(got) != 0 {
		t.Errorf("partRuns(talo) = %q, want none", got)
	}
}

func TestMakeGold(t *testing.T) {
	sents, err := readTreebank("testdata/small.conllu")
	if err != nil {
		t.Fatal(err)
	}
	g := makeGold(sents)
	var texts []string
	for _, q := range g.queries {
		texts = append(texts, q.text+"/"+q.pos)
	}
	// Function words are no queries; a lemma is searched as written.
	want := []string{"facebook-julkaisu/NOUN", "kirjoittaa/VERB", "suoja/NOUN", "tietosuoja/NOUN", "unohtaa/VERB"}
	if !slices.Equal(texts, want) {
		t.Errorf("queries = %q, want %q", texts, want)
	}
	q := g.queries[1]
	if !slices.Equal(q.relevant, []int{0, 1}) || !slices.Equal(q.forms[0], []string{"kirjoitimme"}) {
		t.Errorf("kirjoittaa: relevant %v, forms %v", q.relevant, q.forms)
	}
	if len(g.lastParts) != 2 || g.lastParts[0].text != "julkaisu" || g.lastParts[1].text != "suoja" ||
		!slices.Equal(g.lastParts[1].relevant, []int{0}) {
		t.Errorf("last parts = %+v", g.lastParts)
	}
	if !g.parts[0]["suoja"] || !g.parts[0]["tieto"] || g.parts[0]["tietosuoja"] || g.parts[1]["suoja"] {
		t.Errorf("compound parts = %v", g.parts)
	}
}

func TestScore(t *testing.T) {
	q := query{text: "suoja", pos: "NOUN", relevant: []int{0, 2, 4},
		forms: map[int][]string{0: {"suojaa"}, 2: {"suojan"}, 4: {"Suojassa", "suojat"}}}
	parts := []map[string]bool{{}, {"suoja": true}, {}, {}, {}}
	f := found{turns: []int{0, 1, 3}, marked: map[int][]string{0: {"suojaa"}, 1: {"tietosuojan"}, 3: {"suo"}}}
	got := score(q, f, parts, nil)
	want := queryResult{Query: "suoja", POS: "NOUN", Relevant: 3, Found: 3, RelevantFound: 1, CompoundFound: 1,
		Unrelated: 1, Missed: []string{"Suojassa", "suojan", "suojat"}, UnrelatedWords: []string{"suo"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("score = %+v\nwant %+v", got, want)
	}
}

// TestScoreFirstHits checks the first hits' counts, by rank: of 26 turns
// found, the relevant ones ranked 1st and 26th, a compound 2nd; and the
// unrelated turns counted by the cause the classifier gives.
func TestScoreFirstHits(t *testing.T) {
	q := query{text: "suoja", pos: "NOUN", relevant: []int{0, 30}}
	parts := make([]map[string]bool, 40)
	parts[7] = map[string]bool{"suoja": true}
	f := found{marked: map[int][]string{}, ranked: []int{0, 7}}
	for i := 1; i <= 24; i++ {
		if i != 7 {
			f.ranked = append(f.ranked, i)
		}
	}
	f.ranked = append(f.ranked, 30)
	f.turns = slices.Sorted(slices.Values(f.ranked))
	f.marked[3] = []string{"suot"}
	why := func(words []string) string {
		if slices.Contains(words, "suot") {
			return causeAmbiguous
		}
		return causeOther
	}
	got := score(q, f, parts, why)
	if got.First != 20 || got.FirstRelevant != 1 || got.FirstCompound != 1 {
		t.Errorf("first hits: %d, %d relevant, %d compound; want 20, 1, 1", got.First, got.FirstRelevant, got.FirstCompound)
	}
	if got.Unrelated != 23 || got.UnrelatedBy[causeAmbiguous] != 1 || got.UnrelatedBy[causeOther] != 22 {
		t.Errorf("%d unrelated, by cause %v", got.Unrelated, got.UnrelatedBy)
	}
}

func TestSumUp(t *testing.T) {
	rs := []queryResult{
		{Relevant: 4, Found: 2, RelevantFound: 2, First: 2, FirstRelevant: 2},                                                   // recall 0.5, precision 1
		{Relevant: 1, Found: 4, RelevantFound: 1, CompoundFound: 1, Unrelated: 2, First: 4, FirstRelevant: 1, FirstCompound: 1}, // recall 1, precision 0.25, tolerant 0.5
		{Relevant: 5}, // found nothing: no precision
	}
	w := sumUp("x", rs)
	near := func(name string, got, want float64) {
		if got < want-1e-9 || got > want+1e-9 {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	near("recall micro", w.RecallMicro, 3.0/10)
	near("recall macro", w.RecallMacro, 1.5/3)
	near("precision micro", w.PrecisionMicro, 3.0/6)
	near("precision macro", w.PrecisionMacro, 1.25/2)
	near("tolerant micro", w.TolerantMicro, 4.0/6)
	near("tolerant macro", w.TolerantMacro, 1.5/2)
	near("unrelated per query", w.UnrelatedPerQuery, 2.0/3)
	near("first hits' precision micro", w.FirstMicro, 3.0/6)
	near("first hits' tolerant macro", w.FirstTolerantMacro, 1.5/2)
	if w.Queries != 3 || w.Relevant != 10 || w.Found != 6 {
		t.Errorf("row = %+v", w)
	}
}
