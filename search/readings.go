package search

// A word Voikko reads in several ways with different base forms (silloin:
// the adverb, or silta's instructive plural) is indexed under its base
// forms marked with finnish.AmbiguousPrefix. A search finds the base form
// both plain and marked, and ranks a turn that holds it only through such
// a word below one that holds a form that can only be it.

import (
	"context"
	"math"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
	"github.com/toituavain/avain/search/finnish"
)

// ambiguousWeight is how much a match through an ambiguous word counts
// against a match through a word that can only be the one searched, the
// same number of times in a turn of the same length.
const ambiguousWeight = 0.5

const marker = finnish.AmbiguousPrefix

// readingsQuery is a word searched in the fi field (a MatchQuery whose
// query analysis gives each base form b plain and marked, ≈b). It matches
// what the MatchQuery matches; a marked term scores ambiguousWeight times
// what the plain term would score for the same match (its own, usually
// higher, rarity aside). A fuzzy word also searches the marked forms of
// its terms.
type readingsQuery struct{ *query.MatchQuery }

// Searcher implements query.Query.
func (q readingsQuery) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping,
	options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	a := m.AnalyzerNamed(q.Analyzer)
	if a == nil {
		return q.MatchQuery.Searcher(ctx, i, m, options)
	}
	var plain []string
	marked := map[string]bool{}
	for _, tok := range a.Analyze([]byte(q.Match)) {
		t := string(tok.Term)
		if b, ok := strings.CutPrefix(t, marker); ok {
			marked[b] = true
		} else if !slices.Contains(plain, t) {
			plain = append(plain, t)
		}
	}
	if q.Fuzziness != 0 {
		return q.fuzzy(ctx, i, m, options, plain)
	}
	if len(marked) == 0 || optionsUnscored(options) {
		return q.MatchQuery.Searcher(ctx, i, m, options)
	}
	docs, err := i.DocCount()
	if err != nil {
		return nil, err
	}
	boost := q.BoostVal.Value()
	var ss []bsearch.Searcher
	closeAll := func() {
		for _, s := range ss {
			_ = s.Close()
		}
	}
	for _, t := range plain {
		s, err := searcher.NewTermSearcher(ctx, i, t, q.FieldVal, boost, options)
		if err != nil {
			closeAll()
			return nil, err
		}
		ss = append(ss, s)
		if !marked[t] {
			continue
		}
		n, err := docCount(ctx, i, marker+t, q.FieldVal)
		if err != nil {
			closeAll()
			return nil, err
		}
		// A term's score grows with the square of its idf: scale the marked
		// term's boost so that its idf counts as the plain term's.
		r := idf(docs, s.Count()) / idf(docs, n)
		ms, err := searcher.NewTermSearcher(ctx, i, marker+t, q.FieldVal, boost*ambiguousWeight*r*r, options)
		if err != nil {
			closeAll()
			return nil, err
		}
		ss = append(ss, ms)
	}
	// As a MatchQuery's disjunction of its terms.
	nctx := context.WithValue(ctx, bsearch.IncludeScoreBreakdownKey, false)
	return searcher.NewDisjunctionSearcher(nctx, i, ss, 1, options)
}

// fuzzy returns the searcher of a fuzzy word: each of its terms plain, and
// each that is not an unknown word's key also marked, within the edit
// distance.
func (q readingsQuery) fuzzy(ctx context.Context, i index.IndexReader, m mapping.IndexMapping,
	options bsearch.SearcherOptions, plain []string) (bsearch.Searcher, error) {
	var qs []query.Query
	add := func(t string) {
		f := query.NewFuzzyQuery(t)
		f.SetFuzziness(q.Fuzziness)
		f.SetPrefix(q.Prefix)
		f.SetField(q.FieldVal)
		f.SetBoost(q.BoostVal.Value())
		qs = append(qs, f)
	}
	for _, t := range plain {
		add(t)
		if !strings.HasPrefix(t, "~") {
			add(marker + t)
		}
	}
	d := query.NewDisjunctionQuery(qs)
	d.SetMin(1)
	d.SetBoost(q.BoostVal.Value())
	return d.Searcher(ctx, i, m, options)
}

// idf is bleve's inverse document frequency of a term in n of docs turns.
func idf(docs, n uint64) float64 { return 1 + math.Log(float64(docs)/float64(n+1)) }

// docCount returns how many turns hold term in field.
func docCount(ctx context.Context, i index.IndexReader, term, field string) (uint64, error) {
	r, err := i.TermFieldReader(ctx, []byte(term), field, false, false, false)
	if err != nil {
		return 0, err
	}
	defer r.Close()
	return r.Count(), nil
}

// withMarked returns the regexp (bleve's syntax: whole terms, an optional
// leading ^) that matches what expr matches, plain or marked as a reading
// of an ambiguous word, when Voikko's analysis is in force; expr otherwise.
func withMarked(expr string) string {
	if !finnish.UsesVoikko() {
		return expr
	}
	return marker + "?(?:" + strings.TrimPrefix(expr, "^") + ")"
}
