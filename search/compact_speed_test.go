package search

import (
	"context"
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"
)

// segmentCount is how many segments ix's index holds.
func segmentCount(t *testing.T, ix *Index) int {
	t.Helper()
	adv, err := ix.bi.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	return segments(adv.(*scorch.Scorch), true)
}

// smallBatches makes every batch of indexing hold n turns, and Compact
// merge any index of more than one segment, until the test ends.
func smallBatches(t *testing.T, n int) {
	batchTurns, compactAbove = n, 1
	t.Cleanup(func() { batchTurns, compactAbove = batchSize, 4 })
}

// searchAll runs each query and returns the results, their times left out.
func searchAll(t *testing.T, ix *Index, queries []string) []Result {
	t.Helper()
	var out []Result
	for _, q := range queries {
		res, err := ix.Search(context.Background(), q, 20)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		res.Took = 0
		out = append(out, res)
	}
	return out
}

var compactQueries = []string{
	"toimeentulotuki", `"päätös liitteitä"`, "+kind:client +region:kuopio +tiedonsiirto",
	"toimeentulo*", "tietosuja~1", "kind:client", "kela -hakemus", "decision",
}

// TestCompactMergesSegments checks that Compact merges an index of many
// segments into one, and that searches find the same hits in the same
// order, with the same scores and snippets, before and after.
func TestCompactMergesSegments(t *testing.T) {
	smallBatches(t, 50)
	dir := t.TempDir() + "/ix"
	// A writer per document, as an import's batches: each leaves a
	// segment on disk.
	for _, d := range append(benchDocs(8, 30), corpus()...) {
		w, _, err := openIndex(dir, "v")
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Insert(d); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	ix, _, err := openIndex(dir, "v")
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n := segmentCount(t, ix); n < 2 {
		t.Fatalf("the test index has %d segments, want several", n)
	}
	before := searchAll(t, ix, compactQueries)
	if err := ix.Compact(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := segmentCount(t, ix); n != 1 {
		t.Errorf("after Compact: %d segments, want 1", n)
	}
	if after := searchAll(t, ix, compactQueries); !reflect.DeepEqual(after, before) {
		t.Errorf("results differ after Compact:\n got %+v\nwant %+v", after, before)
	}
}

// TestCompactLeavesFewSegments checks that Compact leaves an index of no
// more than compactAbove segments as it is: a small import into a large
// project does not rewrite the whole index.
func TestCompactLeavesFewSegments(t *testing.T) {
	if compactAbove < 2 {
		t.Fatalf("compactAbove is %d", compactAbove)
	}
	ix, _, err := openIndex(t.TempDir()+"/ix", "v")
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, d := range corpus()[:2] {
		if err := ix.Insert(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Compact(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := segmentCount(t, ix); n != 2 {
		t.Errorf("after Compact: %d segments, want the 2 left as they were", n)
	}
}

// TestRebuildCompacts checks that a rebuild in many batches leaves an index
// of one segment, and that a reader opening it finds it so.
func TestRebuildCompacts(t *testing.T) {
	smallBatches(t, 40)
	dir := t.TempDir() + "/ix"
	ix, _, err := openIndex(dir, "v")
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Rebuild(context.Background(), yieldAll(append(benchDocs(10, 30), corpus()...)), nil); err != nil {
		t.Fatal(err)
	}
	if err := ix.SetVersion("v"); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	r, _, err := OpenWith(dir, "v", OpenOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if n := segmentCount(t, r); n != 1 {
		t.Errorf("a reader finds %d segments after the rebuild, want 1", n)
	}
}

// TestCompactRefusesReader checks that Compact through an index open for
// reading is refused.
func TestCompactRefusesReader(t *testing.T) {
	ix := openCorpus(t)
	if err := ix.SetVersion("v"); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	r, _, err := OpenWith(ix.Dir(), "v", OpenOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if err := r.Compact(context.Background()); err != errReadOnly {
		t.Errorf("Compact on a reader: %v, want %v", err, errReadOnly)
	}
}
