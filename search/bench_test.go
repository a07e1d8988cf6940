package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

// benchWords are the Finnish words benchmark turns are made of.
var benchWords = strings.Fields(`Kela toimeentulotuen hakemus päätös liitteitä asiointi
	sosiaalityöntekijä tiedonsiirto yhteistyö kunta hyvinvointialue palvelu etuus
	ja oli mutta kun se että ei on minä meillä heillä aina joskus usein
	byrokratialoukku tietosuoja asiakassuunnitelma neuvonta ohjaus`)

// benchDocs returns docs documents of turns turns each, random Finnish-ish
// sentences, the same on every call.
func benchDocs(docs, turns int) []*coding.Document {
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]*coding.Document, 0, docs)
	for i := range docs {
		lines := make([]line, turns)
		for n := range lines {
			words := make([]string, 15+rng.IntN(40))
			for w := range words {
				words[w] = benchWords[rng.IntN(len(benchWords))]
			}
			lines[n] = line{[]string{"H", "V"}[n%2], strings.Join(words, " ") + "."}
		}
		kind := coding.Kinds[i%2]
		attrs := map[string]string{"region": []string{"Kuopio", "Oulu", "Turku"}[i%3]}
		out = append(out, newDoc(fmt.Sprintf("doc%d", i), fmt.Sprintf("Haastattelu %d", i), kind, coding.LangFinnish, attrs, lines...))
	}
	return out
}

// BenchmarkRebuild indexes 10,000 turns.
func BenchmarkRebuild(b *testing.B) {
	docs := benchDocs(100, 100)
	ix, _, err := openIndex(b.TempDir()+"/ix", "v")
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	b.ResetTimer()
	for b.Loop() {
		if err := ix.Rebuild(context.Background(), yieldAll(docs), nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(100*100*b.N)/b.Elapsed().Seconds(), "turns/s")
}

// BenchmarkSearch searches an index of 20,000 turns.
func BenchmarkSearch(b *testing.B) {
	ix, _, err := openIndex(b.TempDir()+"/ix", "v")
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Rebuild(context.Background(), yieldAll(benchDocs(200, 100)), nil); err != nil {
		b.Fatal(err)
	}
	if err := ix.SetVersion("v"); err != nil {
		b.Fatal(err)
	}
	ix.Close() // readers open it read-only beside
	r, _, err := OpenWith(ix.Dir(), "v", OpenOptions{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	for _, bm := range []struct{ name, q string }{
		{"word", "toimeentulotuki"},
		{"phrase", `"päätös liitteitä"`},
		{"filtered", "+kind:client +region:kuopio +tiedonsiirto"},
		{"wildcard", "toimeentulo*"},
		{"fuzzy", "tietosuja~1"},
	} {
		b.Run(bm.name, func(b *testing.B) {
			for b.Loop() {
				res, err := r.Search(context.Background(), bm.q, 20)
				if err != nil {
					b.Fatal(err)
				}
				if res.Total == 0 {
					b.Fatalf("%s: no hits", bm.q)
				}
			}
		})
	}
	// As a project searches: the index opened read-only for the query
	// and closed after it.
	b.Run("word-open-per-query", func(b *testing.B) {
		for b.Loop() {
			q, _, err := OpenWith(ix.Dir(), "v", OpenOptions{ReadOnly: true})
			if err != nil {
				b.Fatal(err)
			}
			res, err := q.Search(context.Background(), "toimeentulotuki", 20)
			q.Close()
			if err != nil || res.Total == 0 {
				b.Fatalf("no hits: %v", err)
			}
		}
	})
}
