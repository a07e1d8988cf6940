package search

// A term without a field searches both text fields (fi and en). In a
// project without English turns the en clause can never match, yet a
// disjunction pays for it at every match: most of a word query's time.
// textFieldsQuery searches only the field that can match, and keeps every
// score exactly what the disjunction of both gives.

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
// clauses but one search a field no turn of the index has a word in: then
// the searcher of that one clause, scored as the disjunction would score
// it. A disjunction scores a match by the sum of its matching clauses
// times the share of clauses that match (the coord), and tells every
// clause the query norm made from the weights of all; so the clause alone
// gets the same norm (the weights of the others still count) and its
// score is multiplied by 1/len(qs), the coord of one match.
func (q textFieldsQuery) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping,
	options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	kept := -1
	for k, f := range q.fields {
		empty, err := emptyField(i, f)
		if err != nil {
			return nil, err
		}
		if !empty {
			if kept >= 0 {
				return query.NewDisjunctionQuery(q.qs).Searcher(ctx, i, m, options)
			}
			kept = k
		}
	}
	if kept < 0 || optionsUnscored(options) || !leaveOutEmptyFields {
		// No field has words (an empty index), or scores do not count:
		// the disjunction is cheap or its scores are not used.
		return query.NewDisjunctionQuery(q.qs).Searcher(ctx, i, m, options)
	}
	all := make(searcher.OrderedSearcherList, 0, len(q.qs))
	closeAll := func() {
		for _, s := range all {
			_ = s.Close()
		}
	}
	var one bsearch.Searcher
	for k, c := range q.qs {
		s, err := c.Searcher(ctx, i, m, options)
		if err != nil {
			closeAll()
			return nil, err
		}
		if k == kept {
			one = s
		}
		all = append(all, s)
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

// emptyField reports whether text field f holds no word in the index.
func emptyField(i index.IndexReader, f string) (bool, error) {
	d, err := i.FieldDict(f)
	if err != nil {
		return false, err
	}
	e, err := d.Next()
	_ = d.Close()
	return e == nil, err
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
