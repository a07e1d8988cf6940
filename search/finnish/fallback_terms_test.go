package finnish

import (
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/registry"
)

// TestFallbackAnalyzerTerms checks the fallback analysis through bleve: a
// word is indexed under its keys and as written (for wildcards), all at the
// word's position and offsets, and a base-form query finds it.
func TestFallbackAnalyzerTerms(t *testing.T) {
	cache := registry.NewCache()
	index, err := cache.AnalyzerNamed(FallbackAnalyzer)
	if err != nil {
		t.Fatal(err)
	}
	query, err := cache.AnalyzerNamed(FallbackQueryAnalyzer)
	if err != nil {
		t.Fatal(err)
	}
	text := "Neuvolassa oli porukan tiedonsiirrossa vikaa."
	terms := map[string][]string{} // word → its index terms
	for _, tok := range index.Analyze([]byte(text)) {
		word := strings.ToLower(text[tok.Start:tok.End])
		if strings.ContainsAny(word, " .") {
			t.Fatalf("offsets [%d:%d] of %q do not cover one word: %q", tok.Start, tok.End, tok.Term, word)
		}
		if want := slices.Index(strings.Fields(strings.ToLower(strings.TrimSuffix(text, "."))), word) + 1; tok.Position != want {
			t.Errorf("%q of %q at position %d, want %d", tok.Term, word, tok.Position, want)
		}
		terms[word] = append(terms[word], string(tok.Term))
	}
	for word, base := range map[string]string{"neuvolassa": "neuvola", "porukan": "porukka", "tiedonsiirrossa": "tiedonsiirto", "oli": "olla"} {
		q := query.Analyze([]byte(base))
		if len(q) != 1 || !slices.Contains(terms[word], string(q[0].Term)) {
			t.Errorf("%q searches %v, %q is indexed as %q: want it found", base, q, word, terms[word])
		}
	}
	if !slices.Contains(terms["tiedonsiirrossa"], "tiedonsiirrossa") {
		t.Errorf("tiedonsiirrossa is indexed as %q, want the word as written too", terms["tiedonsiirrossa"])
	}
}
