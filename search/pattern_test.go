package search

import (
	"context"
	"testing"

	"github.com/blevesearch/bleve/v2/search/query"
)

// patterns returns the patternQuery clauses of q.
func patterns(q query.Query) []*patternQuery {
	switch q := q.(type) {
	case *patternQuery:
		return []*patternQuery{q}
	case textFieldsQuery:
		var out []*patternQuery
		for _, c := range q.qs {
			out = append(out, patterns(c)...)
		}
		return out
	case *query.BooleanQuery:
		return append(patterns(q.Must), patterns(q.Filter)...)
	case *query.ConjunctionQuery:
		var out []*patternQuery
		for _, c := range q.Conjuncts {
			out = append(out, patterns(c)...)
		}
		return out
	}
	return nil
}

// TestPatternTermsLookedUpOnce checks that a search with a wildcard or a
// regexp looks up the terms it matches once, though it runs the query
// twice (to rank, then to locate the words of the hits kept), and that the
// hits still mark the words.
func TestPatternTermsLookedUpOnce(t *testing.T) {
	ix := openCorpus(t)
	for _, q := range []string{"toimeentulo*", "/päätö.*/", "kela toimeentulo*", "+kind:client +toimeentulo*"} {
		pq, err := parseQuery(q)
		if err != nil {
			t.Fatal(err)
		}
		res, err := ix.topHits(context.Background(), pq, 20)
		if err != nil {
			t.Fatal(err)
		}
		ps := patterns(pq)
		if len(ps) == 0 || len(res.Hits) == 0 {
			t.Fatalf("%s: %d pattern clauses, %d hits", q, len(ps), len(res.Hits))
		}
		for _, p := range ps {
			if p.expansions != 1 {
				t.Errorf("%s: the terms of %s in %s looked up %d times, want once", q, p.exprs, p.field, p.expansions)
			}
		}
		for _, dm := range res.Hits {
			if len(dm.Locations[fieldFI]) == 0 {
				t.Errorf("%s: hit %s has no words located", q, dm.ID)
			}
		}
	}
}
