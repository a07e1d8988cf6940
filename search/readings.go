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

// withMarked returns the regexps (whole terms, no leading ^) that match
// what expr matches, plain and marked as a reading of an ambiguous word,
// when Voikko's analysis is in force; expr alone otherwise. Each keeps its
// literal prefix, which bounds the terms the index looks through.
func withMarked(expr string) []string {
	if !finnish.UsesVoikko() {
		return []string{expr}
	}
	return []string{expr, marker + "(?:" + expr + ")"}
}

// readingsPhrase is a phrase searched in the fi field: bleve's phrase of
// the query analysis (each base form plain and marked at its position),
// less the marked terms no turn holds, which would only slow the phrase
// searcher down.
type readingsPhrase struct{ *query.MatchPhraseQuery }

// Searcher implements query.Query as bleve's MatchPhraseQuery does.
func (q readingsPhrase) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping,
	options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	a := m.AnalyzerNamed(q.Analyzer)
	if a == nil {
		return q.MatchPhraseQuery.Searcher(ctx, i, m, options)
	}
	tokens := a.Analyze([]byte(q.MatchPhrase))
	if len(tokens) == 0 {
		return query.NewMatchNoneQuery().Searcher(ctx, i, m, options)
	}
	first := tokens[0].Position
	var phrase [][]string
	for _, tok := range tokens {
		t := string(tok.Term)
		if strings.HasPrefix(t, marker) {
			n, err := docCount(ctx, i, t, q.FieldVal)
			if err != nil {
				return nil, err
			}
			if n == 0 {
				continue
			}
		}
		for len(phrase) <= tok.Position-first {
			phrase = append(phrase, nil)
		}
		phrase[tok.Position-first] = append(phrase[tok.Position-first], t)
	}
	p := query.NewMultiPhraseQuery(phrase, q.FieldVal)
	p.SetBoost(q.BoostVal.Value())
	p.SetFuzziness(q.Fuzziness)
	return p.Searcher(ctx, i, m, options)
}

// phraseOn returns phrase p, on the fi field under Voikko's analysis as a
// readingsPhrase.
func phraseOn(p *query.MatchPhraseQuery) query.Query {
	if p.FieldVal == fieldFI && finnish.UsesVoikko() {
		return readingsPhrase{p}
	}
	return p
}
