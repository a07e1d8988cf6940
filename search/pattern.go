package search

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// patternQuery is a wildcard or regexp term on one field. The terms of the
// index it matches are looked up once per search and kept: a search runs
// its query twice, to rank and then to locate the words of the hits it
// keeps, and looking the terms up (toimeentulo* matches thousands) was a
// quarter of a wildcard query's time. A patternQuery belongs to one
// search; the terms of the index it read first stand for both runs (the
// index does not change under a search).
type patternQuery struct {
	field string
	exprs []string // regexps matching whole terms, without a leading ^
	boost float64

	terms      []string
	expansions int // how many times the terms were looked up
	// only, when set, keeps of terms those it holds: the terms of the
	// turns whose words are being located (see Index.locate).
	only map[string]bool
	// searched is how many terms the last searcher searched.
	searched int
}

// newPatternQuery returns the patternQuery of regexp expr on field; in
// the fi field under Voikko's analysis, it also matches the terms marked
// as readings of an ambiguous word (withMarked).
func newPatternQuery(field, expr string, boost float64) *patternQuery {
	expr = strings.TrimPrefix(expr, "^")
	q := &patternQuery{field: field, exprs: []string{expr}, boost: boost}
	if field == fieldFI {
		q.exprs = withMarked(expr)
	}
	return q
}

// Searcher implements query.Query as bleve's RegexpQuery does, with the
// terms looked up once.
func (q *patternQuery) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping,
	options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	ir, ok := i.(index.IndexReaderRegexp)
	if !ok {
		return nil, fmt.Errorf("the index cannot search patterns")
	}
	if q.expansions == 0 {
		q.terms = nil
		for _, expr := range q.exprs { // each with its literal prefix, which bounds the lookup
			terms, err := matchingTerms(ir, q.field, expr)
			if err != nil {
				return nil, err
			}
			q.terms = append(q.terms, terms...)
		}
		q.expansions++
	}
	terms := q.terms
	if q.only != nil {
		terms = slices.DeleteFunc(slices.Clone(terms), func(t string) bool { return !q.only[t] })
	}
	q.searched = len(terms)
	return searcher.NewMultiTermSearcher(ctx, i, terms, q.field, q.boost, options, true)
}

// patternClauses returns the patternQuery clauses of q that give term
// locations (exclusions give none).
func patternClauses(q query.Query) []*patternQuery {
	var out []*patternQuery
	var walk func(q query.Query)
	walk = func(q query.Query) {
		switch q := q.(type) {
		case *patternQuery:
			out = append(out, q)
		case textFieldsQuery:
			for _, c := range q.qs {
				walk(c)
			}
		case *query.ConjunctionQuery:
			for _, c := range q.Conjuncts {
				walk(c)
			}
		case *query.DisjunctionQuery:
			for _, c := range q.Disjuncts {
				walk(c)
			}
		case *query.BooleanQuery:
			walk(q.Must)
			walk(q.Should)
		}
	}
	walk(q)
	return out
}

// onlyTermsOf restricts the pattern clauses of q to the terms of the text
// of hits (their stored fields loaded), as the index analysed it: only
// those can be located in them, and a pattern matching thousands of terms
// would otherwise open a searcher for each to locate the words of a few
// turns. The function it returns lifts the restriction.
func (ix *Index) onlyTermsOf(q query.Query, hits bsearch.DocumentMatchCollection) func() {
	ps := patternClauses(q)
	if len(ps) == 0 {
		return func() {}
	}
	terms := map[string]map[string]bool{fieldFI: {}, fieldEN: {}}
	for _, dm := range hits {
		for f, a := range map[string]analysis.Analyzer{fieldFI: ix.an.fi, fieldEN: ix.an.en} {
			text, ok := dm.Fields[f].(string)
			if !ok || a == nil {
				continue
			}
			for _, tok := range a.Analyze([]byte(text)) {
				terms[f][string(tok.Term)] = true
			}
		}
	}
	for _, p := range ps {
		p.only = terms[p.field] // nil for another field: not restricted
	}
	return func() {
		for _, p := range ps {
			p.only = nil
		}
	}
}

// matchingTerms returns the terms of field that expr matches, in the
// index's order, as bleve's regexp searcher finds them.
func matchingTerms(ir index.IndexReaderRegexp, field, expr string) (terms []string, err error) {
	dict, err := ir.FieldDictRegexp(field, expr)
	if err != nil {
		return nil, err
	}
	defer func() {
		if cerr := dict.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	seen := map[string]bool{}
	for {
		d, err := dict.Next()
		if err != nil {
			return nil, err
		}
		if d == nil {
			return terms, nil
		}
		if !seen[d.Term] {
			seen[d.Term] = true
			terms = append(terms, d.Term)
		}
	}
}
