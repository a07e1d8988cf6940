package search

import (
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2/search/query"
)

// TestLocateSearchesRequiredOnly checks that the term locations of a
// filtered query's hits are found by searching its required words alone,
// and that results (hits, order, scores, snippets and marks) are those
// found by the whole query.
func TestLocateSearchesRequiredOnly(t *testing.T) {
	pq, err := parseQuery("kind:client kela -hakemus")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := located(pq).(*query.BooleanQuery); ok {
		t.Errorf("kind:client kela -hakemus is located with its filter and exclusion")
	}
	queries := append([]string{"kind:client kela -hakemus", "region:kuopio (kela OR päätös) -liite",
		`kind:client "päätös liitteitä"`, "region:oulu toimeentulo*"}, fieldQueries...)
	for _, ix := range []*Index{finnishOnly(t), openCorpus(t)} {
		got := searchAll(t, ix, queries)
		locateRequiredOnly = false
		want := searchAll(t, ix, queries)
		locateRequiredOnly = true
		for i, q := range queries {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Errorf("%s: required only\n %+v\nwhole query\n %+v", q, got[i], want[i])
			}
		}
	}
}
