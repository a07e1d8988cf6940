package search

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

// longDoc is a document of n short turns.
func longDoc(id string, n int) *coding.Document {
	lines := make([]line, n)
	for i := range lines {
		lines[i] = line{"V", fmt.Sprintf("Kelasta pyydettiin liitteitä %d kertaa.", i)}
	}
	return newDoc(id, "pitkä "+id, coding.KindClient, coding.LangFinnish, nil, lines...)
}

// TestOneLongDocumentIsIndexedInBoundedBatches: a document of many turns
// goes into the index in batches of at most batchSize turns, not in one
// batch holding them all (bleve keeps a batch's analysed turns in memory),
// whether it is inserted or rebuilt, and every turn is found.
func TestOneLongDocumentIsIndexedInBoundedBatches(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: a document of thousands of turns indexed several times; run without -short")
	}
	const turns = 2*batchSize + 500
	var sizes []int
	batched = func(ops int) { sizes = append(sizes, ops) }
	defer func() { batched = nil }()
	check := func(what string, wantOps int) {
		t.Helper()
		total := 0
		for _, n := range sizes {
			if n > batchSize {
				t.Errorf("%s: a batch of %d, over %d", what, n, batchSize)
			}
			total += n
		}
		if total != wantOps || len(sizes) < 3 {
			t.Errorf("%s: batches %v, want %d operations in at least 3", what, sizes, wantOps)
		}
		sizes = nil
	}
	ix, _, err := openIndex(t.TempDir()+"/ix", "")
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	d := longDoc("d1", turns)
	if err := ix.Insert(d); err != nil {
		t.Fatal(err)
	}
	check("insert", turns)
	err = ix.Rebuild(context.Background(), func(yield func(*coding.Document) error) error { return yield(d) }, nil)
	if err != nil {
		t.Fatal(err)
	}
	check("rebuild", turns)
	if n, err := ix.TurnCount("d1"); err != nil || n != turns {
		t.Errorf("the index holds %d turns (%v), want %d", n, err, turns)
	}
	res, err := ix.Search(context.Background(), `"liitteitä 4321 kertaa"`, 5)
	if err != nil || len(res.Hits) != 1 || !strings.Contains(res.Hits[0].Text, "4321") {
		t.Errorf("search: %+v %v", res, err)
	}
}
