package project

import (
	"context"
	"fmt"
	"sort"
)

// CheckReport is what avain check found.
type CheckReport struct {
	Schema       int
	Documents    int
	Turns        int
	IndexedTurns int
	Problems     []string // one line each; none when all is well
}

// Check verifies the store (SQLite integrity, foreign keys, avain's
// invariants) and that every turn of every document is in the search index
// (rebuilding a stale index first, as any command would).
func (p *Project) Check(ctx context.Context) (*CheckReport, error) {
	rep := &CheckReport{}
	var err error
	if rep.Problems, err = p.Store.Check(ctx); err != nil {
		return nil, err
	}
	if rep.Schema, err = p.Store.Version(ctx); err != nil {
		return nil, err
	}
	counts, err := p.Store.TurnCounts(ctx)
	if err != nil {
		return nil, err
	}
	ix, err := p.Index(ctx)
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	ids := make([]string, 0, len(counts))
	for id := range counts {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		want := counts[id]
		rep.Documents++
		rep.Turns += want
		got, err := ix.TurnCount(id)
		if err != nil {
			return nil, err
		}
		rep.IndexedTurns += got
		if got != want {
			rep.Problems = append(rep.Problems, fmt.Sprintf("document %s: %d of %d turns in the search index (run avain check --reindex)", id, got, want))
		}
	}
	return rep, nil
}
