package finnish

import (
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/registry"
)

func TestHyphenTokenizer(t *testing.T) {
	text := "Kuorma-auto ja vapaa-ajattelija - sekä Aviva -yhtiön 1960-luvulla, Etelä‐Korea."
	var got []string
	for i, tok := range newHyphenTokenizer().Tokenize([]byte(text)) {
		if tok.Position != i+1 {
			t.Errorf("%q at position %d, want %d", tok.Term, tok.Position, i+1)
		}
		if string(tok.Term) != text[tok.Start:tok.End] {
			t.Errorf("term %q, offsets give %q", tok.Term, text[tok.Start:tok.End])
		}
		got = append(got, string(tok.Term))
	}
	want := "Kuorma-auto|ja|vapaa-ajattelija|sekä|Aviva|yhtiön|1960-luvulla|Etelä‐Korea"
	if strings.Join(got, "|") != want {
		t.Errorf("got %s, want %s", strings.Join(got, "|"), want)
	}
}

// analyse returns the terms an analyzer gives text, word by word
// (positions joined by "|", terms at one position by " ").
func analyse(t *testing.T, analyzer, text string) string {
	t.Helper()
	a, err := registry.NewCache().AnalyzerNamed(analyzer)
	if err != nil {
		t.Fatal(err)
	}
	var words []string
	last := 0
	for _, tok := range a.Analyze([]byte(text)) {
		if tok.Position != last {
			words = append(words, "")
			last = tok.Position
		} else {
			words[len(words)-1] += " "
		}
		words[len(words)-1] += string(tok.Term)
	}
	return strings.Join(words, "|")
}

func TestHyphenatedCompounds(t *testing.T) {
	t.Run("fallback", func(t *testing.T) {
		q := analyse(t, FallbackQueryAnalyzer, "kuorma-auto")
		if strings.ContainsAny(q, " |") {
			t.Fatalf("query kuorma-auto gives %q, want one term", q)
		}
		idx := analyse(t, FallbackAnalyzer, "kuorma-autolla")
		if !strings.HasPrefix(idx, q+" ") || strings.Contains(idx, "|") {
			t.Errorf("kuorma-autolla is indexed as %q, want %q and its halves at one position", idx, q)
		}
	})
	t.Run("voikko", func(t *testing.T) {
		requireVoikko(t)
		if q := analyse(t, VoikkoQueryAnalyzer, "kuorma-auto"); q != "kuorma-auto "+AmbiguousPrefix+"kuorma-auto" {
			t.Errorf("query kuorma-auto gives %q", q)
		}
		// A reading of an ambiguous word counts as the word (see AmbiguousPrefix).
		idx := " " + strings.ReplaceAll(analyse(t, VoikkoAnalyzer, "kuorma-autolla 1960-luvulla"), "|", " | ") + " "
		idx = strings.ReplaceAll(idx, AmbiguousPrefix, "")
		for _, want := range []string{" kuorma-auto ", " kuorma ", " auto ", " 1960-luku ", " 1960 ", " luku "} {
			if !strings.Contains(idx, want) {
				t.Errorf("indexed as %q, want %q among the terms", idx, want)
			}
		}
	})
}
