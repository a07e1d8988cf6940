package finnish

import (
	"os"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
)

// benchmarkAnalyzer analyses the Finnish test texts with the named analyzer
// and reports words per second. The text repeats, so this is the speed with
// a warm term cache, as on real transcripts where most words recur.
func benchmarkAnalyzer(b *testing.B, name string) {
	text, err := os.ReadFile("testdata/domain_fi.txt")
	if err != nil {
		b.Fatal(err)
	}
	a, err := registry.NewCache().AnalyzerNamed(name)
	if err != nil {
		b.Fatal(err)
	}
	n := len(unicode.NewUnicodeTokenizer().Tokenize(text)) // words in, not terms out
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		a.Analyze(text)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

func BenchmarkAnalyzeVoikko(b *testing.B) {
	requireVoikko(b)
	benchmarkAnalyzer(b, VoikkoAnalyzer)
}

func BenchmarkAnalyzeFallback(b *testing.B) { benchmarkAnalyzer(b, FallbackAnalyzer) }
