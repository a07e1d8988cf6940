package search

import (
	"context"
	"testing"

	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/toituavain/avain/coding"
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

// TestPatternLocatesInTheHitsTermsOnly checks that locating the words of
// the hits kept searches only the pattern's terms those turns hold, and
// finds the same words as the whole search (TestSearchEqualsPlainSearch
// compares the rest).
func TestPatternLocatesInTheHitsTermsOnly(t *testing.T) {
	ix, _, err := openIndex(t.TempDir()+"/ix", "v1")
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	doc := newDoc("d1", "Haastattelu", coding.KindClient, coding.LangFinnish, nil,
		line{"H", "Toimeentulotuki tuli ajallaan."},
		line{"V", "Toimeentuloasiakas odotti."},
		line{"H", "Toimeentulotukipäätös viipyi."},
		line{"V", "Toimeentulon turva puuttui."})
	if err := ix.Rebuild(context.Background(), yieldAll([]*coding.Document{doc}), nil); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"toimeentulo*", "/toimeentulo.*/"} {
		pq, err := parseQuery(q)
		if err != nil {
			t.Fatal(err)
		}
		res, err := ix.topHits(context.Background(), pq, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) != 1 || len(res.Hits[0].Locations[fieldFI]) == 0 {
			t.Fatalf("%s: %d hits, want one with its word located", q, len(res.Hits))
		}
		for _, p := range patterns(pq) {
			if p.field == fieldFI && (p.searched == 0 || p.searched >= len(p.terms)) {
				t.Errorf("%s: located by %d of the pattern's %d terms, want only the hit's", q, p.searched, len(p.terms))
			}
			if p.only != nil {
				t.Errorf("%s: the restriction to the hits' terms was left in place", q)
			}
		}
	}
}
