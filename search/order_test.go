package search

import (
	"context"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

// Search sorts by score alone and breaks ties itself; its hits must be
// exactly those of bleve sorting every match by score, name, turn and id,
// with scored queries, filter-only ones (every score tied) and limits that
// cut through ties.
func TestSearchOrderMatchesFullSort(t *testing.T) {
	ix, _, err := openIndex(t.TempDir()+"/ix", "v")
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Rebuild(context.Background(), yieldAll(benchDocs(30, 40)), nil); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"toimeentulotuki", `"päätös liitteitä"`, "+kind:client +hakemus", "toimeentulo*",
		"kind:client", "region:kuopio", "Kela hakemus", "tietosuja~1"} {
		for _, limit := range []int{1, 3, 20, 200} {
			got, err := ix.Search(context.Background(), q, limit)
			if err != nil {
				t.Fatal(err)
			}
			pq, err := parseQuery(q)
			if err != nil {
				t.Fatal(err)
			}
			req := bleve.NewSearchRequestOptions(pq, limit, 0, false)
			req.SortBy([]string{"-_score", fieldName, fieldTurn, "_id"})
			want, err := ix.bi.Search(req)
			if err != nil {
				t.Fatal(err)
			}
			if got.Total != want.Total || len(got.Hits) != len(want.Hits) {
				t.Fatalf("%s limit %d: %d of %d hits, want %d of %d", q, limit, len(got.Hits), got.Total, len(want.Hits), want.Total)
			}
			for i, h := range got.Hits {
				if id := turnID(h.DocID, h.Turn); id != want.Hits[i].ID {
					t.Errorf("%s limit %d: hit %d is %s (score %g), want %s (score %g)", q, limit, i, id, h.Score, want.Hits[i].ID, want.Hits[i].Score)
					break
				}
			}
		}
	}
}
