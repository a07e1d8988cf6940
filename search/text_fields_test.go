package search

import (
	"context"
	"reflect"
	"testing"

	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/toituavain/avain/coding"
)

// fieldQueries are queries of every kind a text term takes, alone, with
// others, with filters, exclusions, OR and boosts.
var fieldQueries = []string{
	"kela", "toimeentulotuki", "kela päätös", `"päätös liitteitä"`, "toimeentulo*",
	"tietosuja~1", "/tiedonsiirt.*/", "kela OR kunta", "(kela OR kunta) päätös", "kela^3 kunta",
	"kind:client kela", "+kind:client +region:kuopio +tiedonsiirto", "kela -hakemus",
	"region:oulu (yhteistyö OR tietosuoja) -kunta", "kind:client", "decision", "text:kela", "fi:kela",
}

// finnishOnly is an index of Finnish turns only.
func finnishOnly(t *testing.T) *Index {
	t.Helper()
	ix, _, err := openIndex(t.TempDir()+"/ix", "v")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	docs := append(benchDocs(6, 30), corpus()[:2]...)
	if err := ix.Rebuild(context.Background(), yieldAll(docs), nil); err != nil {
		t.Fatal(err)
	}
	return ix
}

// searcherOf returns the type of the searcher of query q on ix.
func searcherOf(t *testing.T, ix *Index, q string) bsearch.Searcher {
	t.Helper()
	pq, err := parseQuery(q)
	if err != nil {
		t.Fatal(err)
	}
	adv, err := ix.bi.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	s, err := pq.Searcher(context.Background(), r, ix.bi.Mapping(), bsearch.SearcherOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	return s
}

// isOne reports whether s searches one text field for both.
func isOne(s bsearch.Searcher) bool { _, ok := s.(*oneFieldSearcher); return ok }

// searchBothWays returns the results of queries with a field no turn has
// words in left out, and with every field searched.
func searchBothWays(t *testing.T, ix *Index, queries []string) (left, all []Result) {
	t.Helper()
	left = searchAll(t, ix, queries)
	leaveOutEmptyFields = false
	defer func() { leaveOutEmptyFields = true }()
	return left, searchAll(t, ix, queries)
}

// TestEmptyTextFieldLeftOut checks that in an index without English turns
// a word is searched in the Finnish field alone, and that every query
// finds the same hits, in the same order, with the same scores (to the
// bit) and snippets as the disjunction over both text fields.
func TestEmptyTextFieldLeftOut(t *testing.T) {
	ix := finnishOnly(t)
	if s := searcherOf(t, ix, "kela"); !isOne(s) {
		t.Errorf("kela in a Finnish index is searched by %T, want the Finnish field alone", s)
	}
	left, all := searchBothWays(t, ix, fieldQueries)
	for i, q := range fieldQueries {
		if !reflect.DeepEqual(left[i], all[i]) {
			t.Errorf("%s: the Finnish field alone gives\n %+v\nboth fields give\n %+v", q, left[i], all[i])
		}
	}
	if len(left[0].Hits) == 0 || len(left[3].Hits) == 0 || len(left[4].Hits) == 0 {
		t.Errorf("the test queries find nothing: %+v", left[:5])
	}
}

// TestMixedIndexSearchesBothFields checks that with English turns in the
// index a word they hold is searched in both fields and finds them, one
// they do not hold in the Finnish field alone, and that results are those
// of the disjunction.
func TestMixedIndexSearchesBothFields(t *testing.T) {
	ix := openCorpus(t)
	if s := searcherOf(t, ix, "toimeentulotuki"); !isOne(s) {
		t.Errorf("toimeentulotuki, in no English turn, is searched by %T, want the Finnish field alone", s)
	}
	if s := searcherOf(t, ix, "kela"); isOne(s) {
		t.Errorf("kela, in an English turn too, is searched in one field")
	}
	left, all := searchBothWays(t, ix, fieldQueries)
	if !reflect.DeepEqual(left, all) {
		t.Errorf("results differ:\n %+v\n %+v", left, all)
	}
	res, err := ix.Search(context.Background(), "decision kela", 20)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 || res.Hits[0].Lang != coding.LangEnglish {
		t.Errorf("decision kela: %+v, want the English turn", res.Hits)
	}
}
