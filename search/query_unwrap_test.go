package search

import (
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2/search/query"
)

// TestOneQueryConjunctionsUnwrapped checks that a word with a filter is
// not wrapped in conjunctions of one query, and that the results (hits,
// order, scores, snippets) are those of the wrapped query.
func TestOneQueryConjunctionsUnwrapped(t *testing.T) {
	pq, err := parseQuery("kind:client kela")
	if err != nil {
		t.Fatal(err)
	}
	bq, ok := pq.(*query.BooleanQuery)
	if !ok {
		t.Fatalf("kind:client kela is a %T, want a boolean query", pq)
	}
	if c, ok := bq.Must.(*query.ConjunctionQuery); ok && len(c.Conjuncts) == 1 {
		t.Errorf("the word is wrapped in a conjunction of one")
	}
	if c, ok := bq.Filter.(*query.ConjunctionQuery); ok && len(c.Conjuncts) == 1 {
		t.Errorf("the filter is wrapped in a conjunction of one")
	}
	for _, ix := range []*Index{finnishOnly(t), openCorpus(t)} {
		got := searchAll(t, ix, fieldQueries)
		unwrapOne = false
		want := searchAll(t, ix, fieldQueries)
		unwrapOne = true
		for i, q := range fieldQueries {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Errorf("%s: unwrapped\n %+v\nwrapped\n %+v", q, got[i], want[i])
			}
		}
	}
}
