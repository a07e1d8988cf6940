package search

import (
	"context"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// An index is made of segments: each batch applied adds one, and bleve
// merges them in the background, ten of a size at a time. After 1,000
// transcripts are imported the index has some twenty, and a search pays
// for each: opening the index maps every segment and reads its doc-value
// offsets (most of the time of a search that opens the index for itself,
// as a project's does), and a wildcard is expanded against every
// segment's dictionary. Compact merges them into one.

// compactAbove is how many segments an index may have before Compact
// merges them: a few small imports into a large project leave a few small
// segments beside the large one, not worth rewriting the whole index for.
// A variable so that tests can change it (bleve keeps a small index in few
// segments).
var compactAbove = 4

// Compact merges the index's segments into one when it has more than a
// few. It takes time in proportion to the size of the index (about a
// third of the time it took to build it): a writer calls it once a large
// change is done, as Rebuild does.
func (ix *Index) Compact(ctx context.Context) error {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if err := ix.writable(); err != nil {
		return err
	}
	return compact(ctx, ix.bi, compactAbove)
}

// compact merges the segments of bi into one when there are more than
// above; bleve's merger does the work, and this waits for it.
func compact(ctx context.Context, bi bleve.Index, above int) error {
	adv, err := bi.Advanced()
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok || segments(s) <= above {
		return nil
	}
	// A merge takes only the segments already on disk; those still in
	// memory are written meanwhile and taken by the next round.
	for round := 0; segments(s) > 1; round++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		if round == 20 {
			return nil // the merger makes no progress; leave the rest to it
		}
		before := segments(s)
		if err := s.ForceMerge(ctx, nil); err != nil {
			return fmt.Errorf("search: merging the index: %w", err)
		}
		if segments(s) >= before {
			time.Sleep(20 * time.Millisecond)
		}
	}
	return nil
}

// segments is how many segments the index's current snapshot holds, on
// disk and in memory.
func segments(s *scorch.Scorch) int {
	m := s.StatsMap()
	n := 0
	for _, k := range []string{"num_root_filesegments", "num_root_memorysegments"} {
		if v, ok := m[k].(uint64); ok {
			n += int(v)
		}
	}
	return n
}
