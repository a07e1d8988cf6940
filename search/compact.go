package search

import (
	"context"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
)

// An index is made of segments: each batch applied adds one, and bleve
// merges them in the background, ten of a size at a time. After 1,000
// transcripts are imported the index has some twenty, and a search pays
// for each: opening the index maps every segment and reads its doc-value
// offsets (most of the time of a search that opens the index for itself,
// as a project's does), and a wildcard is expanded against every
// segment's dictionary. Compact merges them into one, or a few large ones.

// compactAbove is how many segments an index may have before Compact
// merges them: a few small imports into a large project leave a few small
// segments beside the large one, not worth rewriting the whole index for.
// A variable so that tests can change it (bleve keeps a small index in few
// segments).
var compactAbove = 4

// Compact merges the index's segments into one (or, for a large index,
// into a few of up to maxSegmentTurns turns) when it has more than a few.
// It takes time in proportion to the size of the index (5 s after the
// benchmark's 75 s import of 1,000 transcripts on 2 quiet cores): a
// writer calls it once a large change is done, as Rebuild and an import
// do.
func (ix *Index) Compact(ctx context.Context) error {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if err := ix.writable(); err != nil {
		return err
	}
	return compact(ctx, ix.bi, compactAbove)
}

// maxSegmentTurns bounds the turns of a segment Compact makes: on a busy
// machine, merging into one segment the index of 1,000 transcripts
// (137,000 turns) took 300 MB and 22 s, into segments of at most 40,000
// turns 210 MB and 15 s, leaving three. A segment that large is not merged again, so a later
// Compact merges only the small segments beside it.
const maxSegmentTurns = 40_000

// compactPlan is bleve's plan for merging into one segment, with segments
// bounded by maxSegmentTurns.
var compactPlan = func() mergeplan.MergePlanOptions {
	o := mergeplan.SingleSegmentMergePlanOptions
	o.MaxSegmentSize = maxSegmentTurns
	return o
}()

// compact merges the segments of bi (see compactPlan) when there are more
// than above; bleve's merger does the work, and this waits for it.
func compact(ctx context.Context, bi bleve.Index, above int) error {
	adv, err := bi.Advanced()
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok || segments(s, true) <= above {
		return nil
	}
	// A merge takes only the segments already on disk; those still in
	// memory are written meanwhile and taken by the next round.
	for range 20 {
		if err := ctx.Err(); err != nil {
			return err
		}
		before := segments(s, true)
		if err := s.ForceMerge(ctx, &compactPlan); err != nil {
			return fmt.Errorf("search: merging the index: %w", err)
		}
		// The merged segments are introduced a moment after the merge
		// returns, and a merge of bleve's own, running meanwhile, takes
		// segments the forced one left: wait for the count to drop before
		// taking the round for the last (returning at once left 12 or 32
		// segments after some imports of the bench's 1,000 transcripts).
		if waitFewer(ctx, s, before, settle) {
			continue
		}
		if segments(s, false) == 0 {
			return nil // all on disk, and nothing more to merge
		}
	}
	return nil
}

// settle is how long compact waits for a merge's segments to be
// introduced before it takes a round that merged nothing for the last.
const settle = time.Second

// waitFewer waits up to d for the index to hold fewer than n segments,
// and reports whether it does.
func waitFewer(ctx context.Context, s *scorch.Scorch, n int, d time.Duration) bool {
	for deadline := time.Now().Add(d); ; time.Sleep(20 * time.Millisecond) {
		if segments(s, true) < n {
			return true
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return false
		}
	}
}

// segments is how many segments the index's current snapshot holds in
// memory, and on disk too when disk is set.
func segments(s *scorch.Scorch, disk bool) int {
	m := s.StatsMap()
	keys := []string{"num_root_memorysegments"}
	if disk {
		keys = append(keys, "num_root_filesegments")
	}
	n := 0
	for _, k := range keys {
		if v, ok := m[k].(uint64); ok {
			n += int(v)
		}
	}
	return n
}
