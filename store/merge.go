package store

import (
	"context"
	"database/sql"
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
	state := cloneState(before)
	tmp, release, err := makeMergeDir(s.path)
	if err != nil {
		return nil, err
	}
	defer release()
	srcs := make([]*Store, len(sources))
	defer func() {
		for _, src := range srcs {
			if src != nil {
				src.db.Close()
			}
		}
	}()
	newDocs := map[string]*Store{} // document id -> the source to copy its text and turns from
	var newAudits []AuditEntry     // audit entries the target lacks
	have := map[string]bool{}      // audit entries the target holds, or a source brought
	mine, err := s.AuditLog(ctx)
	if err != nil {
		return nil, err
	}
	for _, e := range mine {
		have[e.ID] = true
	}
	targetInfo, err := os.Stat(s.path)
	if err != nil {
		return nil, err
	}
	for i, path := range sources {
		if info, err := os.Stat(path); err == nil && os.SameFile(info, targetInfo) {
			return nil, fmt.Errorf("%s: is the target itself", path)
		}
		src, err := openSnapshot(ctx, path, filepath.Join(tmp, fmt.Sprintf("%d.avain", i)))
		if err != nil {
			return nil, err
		}
		srcs[i] = src
		sst, err := loadState(ctx, src.db)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		sr := &SourceReport{Source: path, ByCoder: map[string]*MergeTally{}}
		rep.Sources = append(rep.Sources, sr)
		prev := cloneState(state)
		if err := fold(state, sst, opts, sr); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		for id := range state["documents"] {
			if _, ok := prev["documents"][id]; !ok {
				if _, done := newDocs[id]; !done {
					newDocs[id] = src
				}
			}
		}
		tally(prev, state, sr.ByCoder, &sr.Total)
		log, err := src.AuditLog(ctx)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		for _, e := range log {
			if !have[e.ID] {
				have[e.ID] = true
				newAudits = append(newAudits, e)
				sr.AuditEntries++
			}
		}
	}
	rep.Repairs = repair(state)
	if err := checkCodebook(state); err != nil {
		return nil, err
	}
	changes := diff(before, state)
	rep.Changed = len(changes) > 0
	if opts.DryRun || (!rep.Changed && len(newAudits) == 0) {
		return rep, nil
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
			return err
		}
		indexed := false
		ps := prepared{tx: tx, stmts: map[string]*sql.Stmt{}}
		defer ps.close()
		for _, ch := range changes {
			if err := ch.write(ctx, &ps, before, newDocs); err != nil {
				return err
			}
			indexed = indexed || ch.table.name == "documents" || ch.table.name == "doc_attributes"
		}
		for _, e := range newAudits {
			if _, err := tx.ExecContext(ctx, `INSERT INTO audit_log(id, at, coder, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)`,
				e.ID, ms(e.At), e.Coder, e.Action, e.Target, e.Detail); err != nil {
				return err
			}
		}
		if indexed {
			if err := bumpContentVersion(ctx, tx); err != nil {
				return err
			}
		}
		for _, sr := range rep.Sources {
			t := sr.Total
			if err := s.audit(ctx, tx, opts.Coder, "merge", filepath.Base(sr.Source), fmt.Sprintf(
				"documents +%d ~%d -%d; codes +%d ~%d -%d; codings +%d ~%d -%d; memos +%d ~%d -%d; %d conflicts",
				t.Documents.Added, t.Documents.Updated, t.Documents.Deleted, t.Codes.Added, t.Codes.Updated, t.Codes.Deleted,
				t.Codings.Added, t.Codings.Updated, t.Codings.Deleted, t.Memos.Added, t.Memos.Updated, t.Memos.Deleted,
				len(sr.Conflicts))); err != nil {
				return err
			}
		}
		return validCodebook(ctx, tx)
	})
	if err != nil {
		return nil, err
	}
	return rep, nil
}
