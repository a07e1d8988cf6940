package search

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

// plainSearch is Search done the plain way, the reference the fast path
// must equal: one bleve search that sorts every match by score, document
// name, turn and id, and returns the stored fields and term locations of
// the best limit.
func plainSearch(t *testing.T, ix *Index, q string, limit int) Result {
	t.Helper()
	pq, err := parseQuery(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	req := bleve.NewSearchRequestOptions(pq, limit, 0, false)
	req.Fields, req.IncludeLocations = storedFields, true
	req.SortBy([]string{"-_score", fieldName, fieldTurn, "_id"})
	res, err := ix.bi.Search(req)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	out := Result{Total: res.Total}
	for _, dm := range res.Hits {
		out.Hits = append(out.Hits, makeHit(dm))
	}
	return out
}

// TestSearchEqualsPlainSearch checks that Search, which ranks without
// fields or term locations and fetches them for the hits it keeps only,
// returns what one plain bleve search sorting every match returns: the
// same total, the same hits in the same order, with the same scores,
// offsets, snippets and marks. The queries cover each kind of clause, and
// ties at the cut (filters alone score every turn alike).
func TestSearchEqualsPlainSearch(t *testing.T) {
	ix, _, err := openIndex(t.TempDir()+"/ix", "v")
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	docs := append(benchDocs(40, 30), corpus()...)
	if err := ix.Rebuild(context.Background(), yieldAll(docs), nil); err != nil {
		t.Fatal(err)
	}
	queries := []string{
		"toimeentulotuki", "kela", "hakemus päätös", `"päätös liitteitä"`, `"toimeentulotuen hakemus"`,
		"+kind:client +hakemus", "+kind:client +region:kuopio +tiedonsiirto", "kind:client",
		"+kind:client +region:kuopio", "toimeentulo*", "tieto*", "tietosuja~1", "/tieto.*/",
		"kela -hakemus", "+kela +päätös -speaker:V", "speaker:H", "doc:doc3", "name:\"haastattelu 7\"",
		"decision", "the decision", "+the +decision", "社会福祉", "turn:>5", "nothingmatchesthis",
	}
	for _, q := range queries {
		for _, limit := range []int{1, 3, 20, 100} {
			t.Run(fmt.Sprintf("%s/%d", q, limit), func(t *testing.T) {
				want := plainSearch(t, ix, q, limit)
				got, err := ix.Search(context.Background(), q, limit)
				if err != nil {
					t.Fatal(err)
				}
				if got.Total != want.Total || len(got.Hits) != len(want.Hits) {
					t.Fatalf("total %d, %d hits; want total %d, %d hits", got.Total, len(got.Hits), want.Total, len(want.Hits))
				}
				for i := range want.Hits {
					if !reflect.DeepEqual(got.Hits[i], want.Hits[i]) {
						t.Errorf("hit %d:\n got %+v\nwant %+v", i, got.Hits[i], want.Hits[i])
					}
				}
			})
		}
	}
}
