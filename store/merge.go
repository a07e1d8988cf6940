package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
)

// A team merge folds other copies of a project into this one. Every record
// a coder makes (document, attribute, code, coding, memo) has an id, an
// updated time and a tombstone, so records are unified by id and the newer
// version wins (ties: the deletion, then the larger content, so every
// order of merging picks the same one). Documents are also unified by
// content: the same transcript imported separately in two copies is one
// document afterwards, and the other copy's records on it follow it.
//
// After the records are unified, a few rules repair what two copies can
// only break together, each a function of the merged records alone so the
// result does not depend on the order of merging: child codes of a code
// merged into another follow it (its codings follow it when read, through
// the live_codings view; codings of a code deleted in another copy stay in
// the project, hidden with their code); of two values
// of one attribute, or two memos on one target, both stay and readers
// take the newer; two codes cannot share a shortcut or be each other's
// ancestor.

// MergeOptions say how to merge.
type MergeOptions struct {
	// MatchCodesByName unifies a source's code with a target code of the
	// same name under the same parent, when their ids differ.
	MatchCodesByName bool
	// DryRun works out the report without writing anything.
	DryRun bool
	// Coder is who merges, for the audit trail.
	Coder string
}

// Merge folds the projects at sources into s, in one transaction: all or
// nothing. Each source is read through a consistent copy of itself made
// in a private temporary folder beside s (an older schema is migrated
// there; the source itself is never written). Nothing is written with
// DryRun. The report says what each source brought, per coder, and every
// conflict and how it was resolved.
func (s *Store) Merge(ctx context.Context, sources []string, opts MergeOptions) (*MergeReport, error) {
	rep := &MergeReport{Target: s.path, DryRun: opts.DryRun}
	before, err := loadState(ctx, s.db)
	if err != nil {
		return nil, err
	}
	m := &merging{state: cloneState(before), newDocs: map[string]*Store{}, have: map[string]bool{}}
	tmp, release, err := makeMergeDir(s.path)
	if err != nil {
		return nil, err
	}
	defer release()
	defer m.close()
	mine, err := s.AuditLog(ctx)
	if err != nil {
		return nil, err
	}
	for _, e := range mine {
		m.have[e.ID] = true
	}
	targetInfo, err := os.Stat(s.path)
	if err != nil {
		return nil, err
	}
	for i, path := range sources {
		if info, err := os.Stat(path); err == nil && os.SameFile(info, targetInfo) {
			return nil, fmt.Errorf("%s: is the target itself", path)
		}
		sr, err := m.add(ctx, path, filepath.Join(tmp, fmt.Sprintf("%d.avain", i)), opts)
		if err != nil {
			return nil, err
		}
		rep.Sources = append(rep.Sources, sr)
	}
	if rep.Repairs, err = repair(m.state); err != nil {
		return nil, fmt.Errorf("%s: %w; nothing was written", s.path, err)
	}
	if err := checkCodebook(m.state); err != nil {
		return nil, err
	}
	changes := diff(before, m.state)
	rep.Changed = len(changes) > 0
	if opts.DryRun || (!rep.Changed && len(m.audits) == 0) {
		return rep, nil
	}
	if err := s.writeMerge(ctx, rep, before, changes, m, opts.Coder); err != nil {
		return nil, err
	}
	return rep, nil
}

// merging is a merge under way: the records merged so far, the sources
// open for reading, and what the target lacks that is not in the records:
// the source of each new document's text and turns, and audit entries.
type merging struct {
	state   mstate
	srcs    []*Store
	newDocs map[string]*Store // document id -> the source to copy its text and turns from
	audits  []AuditEntry      // audit entries the target lacks
	have    map[string]bool   // audit entries the target holds, or a source brought
}

// add folds the source at path into the merge, read through a consistent
// copy of it made at copyPath, and says what it brought.
func (m *merging) add(ctx context.Context, path, copyPath string, opts MergeOptions) (*SourceReport, error) {
	src, err := openSnapshot(ctx, path, copyPath)
	if err != nil {
		return nil, err
	}
	m.srcs = append(m.srcs, src)
	sst, err := loadState(ctx, src.db)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	sr := &SourceReport{Source: path, ByCoder: map[string]*MergeTally{}}
	prev := cloneState(m.state)
	if err := fold(m.state, sst, opts, sr); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for id := range m.state["documents"] {
		if _, ok := prev["documents"][id]; !ok {
			if _, done := m.newDocs[id]; !done {
				m.newDocs[id] = src
			}
		}
	}
	tally(prev, m.state, sr.ByCoder, &sr.Total)
	log, err := src.AuditLog(ctx)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for _, e := range log {
		if !m.have[e.ID] {
			m.have[e.ID] = true
			m.audits = append(m.audits, e)
			sr.AuditEntries++
		}
	}
	return sr, nil
}

// close closes the sources.
func (m *merging) close() {
	for _, src := range m.srcs {
		src.db.Close()
	}
}
