package search

// A term without a field searches both text fields (fi and en). A Finnish
// word no English turn holds (or any word, in a project without English
// turns) can match in the fi field only, yet a disjunction pays for the en
// clause at every match: most of a word query's time. textFieldsQuery
// searches only the field that can match, and keeps every score exactly
// what the disjunction of both gives.

import (
	"context"
	"math"
	"sort"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// textFieldsQuery is the disjunction of qs, each searching text field
// fields[i].
type textFieldsQuery struct {
	qs     []query.Query
	fields []string
}

// Searcher returns bleve's disjunction searcher of the clauses, unless all
// clauses but one can match nothing in the index (their searchers count no
// turn: a word no English turn has, a field without words): then the
// searcher of that one clause, scored as the disjunction would score it.
// A disjunction scores a match by the sum of its matching clauses times
// the share of clauses that match (the coord), and tells every clause the
// query norm made from the weights of all; so the clause alone gets the
// same norm (the weights of the others still count) and its score is
// multiplied by 1/len(qs), the coord of one match.
func (q textFieldsQuery) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping,
	options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	all := make(searcher.OrderedSearcherList, 0, len(q.qs))
	closeAll := func() {
		for _, s := range all {
			_ = s.Close()
		}
	}
	var one bsearch.Searcher
	live := 0
	for _, c := range q.qs {
		s, err := c.Searcher(ctx, i, m, options)
		if err != nil {
			closeAll()
			return nil, err
		}
		if s.Count() > 0 { // a count is at least the matches
			one, live = s, live+1
		}
		all = append(all, s)
	}
	if live != 1 || optionsUnscored(options) || !leaveOutEmptyFields {
		// As query.DisjunctionQuery does.
		nctx := context.WithValue(ctx, bsearch.IncludeScoreBreakdownKey, false)
		return searcher.NewDisjunctionSearcher(nctx, i, all, 0, options)
	}
	rv := &oneFieldSearcher{Searcher: one, coord: float64(1) / float64(len(all))}
	// As bleve's disjunction: the clauses in order of their counts, their
	// weights summed in that order, the norm told to each.
	sort.Sort(all)
	var sum float64
	var count uint64
	for _, s := range all {
		sum += s.Weight()
		count += s.Count()
		rv.pool += s.DocumentMatchPoolSize()
	}
	rv.weight, rv.count, rv.pool = sum, count, rv.pool+len(all)
	rv.SetQueryNorm(1 / math.Sqrt(sum))
	for _, s := range all {
		if s != one {
			_ = s.Close()
		}
	}
	return rv, nil
}

// leaveOutEmptyFields is unset by tests to compare with the disjunction of
// every field.
var leaveOutEmptyFields = true

// optionsUnscored reports whether a search with options needs no scores
// (bleve then merges a disjunction of terms into one cheap searcher).
func optionsUnscored(o bsearch.SearcherOptions) bool {
	return o.Score == "none" && !o.IncludeTermVectors
}

// oneFieldSearcher is the searcher of the one clause of a textFieldsQuery
// that can match, standing in for the disjunction of all: weight, count
// and pool size are the disjunction's, each match's score is multiplied
// by the coord of one matching clause.
type oneFieldSearcher struct {
	bsearch.Searcher
	coord  float64
	weight float64
	count  uint64
	pool   int
}

func (s *oneFieldSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	return s.scaled(s.Searcher.Next(ctx))
}

func (s *oneFieldSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	return s.scaled(s.Searcher.Advance(ctx, id))
}

// scaled multiplies the score of d as bleve's disjunction scorer does:
// the sum of the one matching clause's score (0 + score) times the coord.
func (s *oneFieldSearcher) scaled(d *bsearch.DocumentMatch, err error) (*bsearch.DocumentMatch, error) {
	if d != nil {
		var sum float64
		sum += d.Score
		d.Score = sum * s.coord
	}
	return d, err
}

func (s *oneFieldSearcher) Weight() float64            { return s.weight }
func (s *oneFieldSearcher) Count() uint64              { return s.count }
func (s *oneFieldSearcher) Min() int                   { return 0 }
func (s *oneFieldSearcher) DocumentMatchPoolSize() int { return s.pool }
