package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/toituavain/avain/coding"
)

// The codebook edits that can be taken back exactly: a merge records what
// it moved and tombstoned, a deletion what it tombstoned; UnmergeCode and
// RestoreCode put exactly those records back, and only while each is
// still as the edit left it (its state, not its time: an undo of a later
// edit of the same records comes first, and changes their times).

// ErrChangedElsewhere: a record an undo would put back was changed since
// the edit (by another process, or a merge); nothing was written.
var ErrChangedElsewhere = errors.New("changed in another process since")

// CodeMerge is what MergeCodeRecorded did: code From merged into Into at
// At, its codings Moved to Into, its codings that repeated one of Into's
// Dropped (tombstoned), and its child codes Children moved under Into.
type CodeMerge struct {
	From, Into               string
	Moved, Dropped, Children []string
	At                       time.Time
}

// CodeDeletion is what DeleteCodeRecorded did: the codes Codes (the code
// and its subtree, the code first) and their live codings Codings
// tombstoned at At.
type CodeDeletion struct {
	Codes, Codings []string
	At             time.Time
}

// MergeCodeRecorded is MergeCode, returning what it changed for
// UnmergeCode.
func (s *Store) MergeCodeRecorded(ctx context.Context, from, into, coder string) (CodeMerge, error) {
	var m CodeMerge
	if from == into {
		return m, fmt.Errorf("%w: cannot merge a code into itself", coding.ErrInvalid)
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		m, err = s.mergeCodeTx(ctx, tx, from, into, coder)
		return err
	})
	return m, err
}

// mergeCodeTx is MergeCode inside tx.
func (s *Store) mergeCodeTx(ctx context.Context, tx *sql.Tx, from, into, coder string) (CodeMerge, error) {
	m := CodeMerge{From: from, Into: into, At: fromMS(ms(s.Now()))}
	now := ms(m.At)
	cb, err := codebookTx(ctx, tx)
	if err != nil {
		return m, err
	}
	if cb.Code(from) == nil || cb.Code(into) == nil {
		return m, fmt.Errorf("merge: %w", coding.ErrNotFound)
	}
	for _, a := range cb.Ancestors(into) {
		if a == from {
			return m, fmt.Errorf("%w: cannot merge a code into one of its own descendants", coding.ErrInvalid)
		}
	}
	// A category takes no codings, so only a code without any merges into
	// one.
	if cb.Code(into).NotCodable {
		if n, err := codingsOn(ctx, tx, from); err != nil {
			return m, err
		} else if n > 0 {
			return m, fmt.Errorf("merge: code %s is a category: %w; %s has %d codings", nameOf(cb.Code(into)), ErrCategory, nameOf(cb.Code(from)), n)
		}
	}
	// Codings that would repeat one already on into (same coder, same
	// span) are tombstoned; the rest move. (A coding keeps its coder; who
	// changed it is in the audit log.)
	if m.Dropped, err = ids(ctx, tx, `SELECT id FROM codings WHERE code_id = ? AND deleted = 0
		AND EXISTS (SELECT 1 FROM codings o WHERE o.code_id = ? AND o.deleted = 0 AND o.document_id = codings.document_id
			AND o.start = codings.start AND o.end = codings.end AND o.coder = codings.coder) ORDER BY id`, from, into); err != nil {
		return m, err
	}
	if err := setEach(ctx, tx, `UPDATE codings SET deleted = 1, updated = ? WHERE id = ?`, m.Dropped, now); err != nil {
		return m, err
	}
	if m.Moved, err = ids(ctx, tx, `SELECT id FROM codings WHERE code_id = ? AND deleted = 0 ORDER BY id`, from); err != nil {
		return m, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE codings SET code_id = ?, updated = ? WHERE code_id = ? AND deleted = 0`, into, now, from); err != nil {
		return m, err
	}
	if m.Children, err = ids(ctx, tx, `SELECT id FROM codes WHERE parent_id = ? AND deleted = 0 ORDER BY id`, from); err != nil {
		return m, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE codes SET parent_id = ?, updated = ?, coder = ? WHERE parent_id = ? AND deleted = 0`,
		into, now, coder, from); err != nil {
		return m, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE codes SET deleted = 1, merged_into = ?, updated = ?, coder = ? WHERE id = ?`,
		into, now, coder, from); err != nil {
		return m, err
	}
	if err := validCodebook(ctx, tx, into); err != nil {
		return m, err
	}
	return m, s.audit(ctx, tx, coder, "codebook.merge", from, fmt.Sprintf("merged into %s; %d codings moved", into, len(m.Moved)))
}

// UnmergeCode takes back the merge m in one transaction: the merged code
// lives again where it was, with its codings and child codes, and the
// codings the merge tombstoned are live again. When any of those records
// was changed since the merge, it writes nothing and returns
// ErrChangedElsewhere.
func (s *Store) UnmergeCode(ctx context.Context, m CodeMerge, coder string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		now := ms(s.Now())
		checks := []struct {
			what, where string
			ids         []string
			args        []any
		}{
			{"the merged code", "codes WHERE deleted = 1 AND merged_into = ?", []string{m.From}, []any{m.Into}},
			{"a moved coding", "codings WHERE deleted = 0 AND code_id = ?", m.Moved, []any{m.Into}},
			{"a dropped coding", "codings WHERE deleted = 1", m.Dropped, nil},
			{"a moved child code", "codes WHERE deleted = 0 AND parent_id = ?", m.Children, []any{m.Into}},
		}
		for _, c := range checks {
			if err := unchanged(ctx, tx, c.what, c.where, c.ids, c.args...); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE codes SET deleted = 0, merged_into = NULL, updated = ?, restored = ?, coder = ? WHERE id = ?`,
			now, now, coder, m.From); err != nil {
			return err
		}
		if err := setEach(ctx, tx, `UPDATE codings SET code_id = ?, updated = ? WHERE id = ?`, m.Moved, m.From, now); err != nil {
			return err
		}
		if err := setEach(ctx, tx, `UPDATE codings SET deleted = 0, updated = ? WHERE id = ?`, m.Dropped, now); err != nil {
			return err
		}
		for _, id := range m.Children {
			if _, err := tx.ExecContext(ctx, `UPDATE codes SET parent_id = ?, updated = ?, coder = ? WHERE id = ?`, m.From, now, coder, id); err != nil {
				return err
			}
		}
		if err := validCodebook(ctx, tx, m.From); err != nil {
			return err
		}
		return s.audit(ctx, tx, coder, "codebook.unmerge", m.From,
			fmt.Sprintf("taken back out of %s; %d codings moved back, %d restored", m.Into, len(m.Moved), len(m.Dropped)))
	})
}

// DeleteCodeRecorded is DeleteCode, returning what it tombstoned for
// RestoreCode.
func (s *Store) DeleteCodeRecorded(ctx context.Context, id, coder string, force bool) (CodeDeletion, error) {
	var d CodeDeletion
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		d, err = s.deleteCodeTx(ctx, tx, id, coder, force)
		return err
	})
	return d, err
}

// deleteCodeTx is DeleteCode inside tx.
func (s *Store) deleteCodeTx(ctx context.Context, tx *sql.Tx, id, coder string, force bool) (CodeDeletion, error) {
	d := CodeDeletion{At: fromMS(ms(s.Now()))}
	now := ms(d.At)
	cb, err := codebookTx(ctx, tx)
	if err != nil {
		return d, err
	}
	if cb.Code(id) == nil {
		return d, fmt.Errorf("code %s: %w", id, coding.ErrNotFound)
	}
	d.Codes = cb.Subtree(id)
	in, args := inList(d.Codes)
	if d.Codings, err = ids(ctx, tx, "SELECT id FROM codings WHERE deleted = 0 AND code_id IN "+in+" ORDER BY id", args...); err != nil {
		return d, err
	}
	if !force && (len(d.Codings) > 0 || len(d.Codes) > 1) {
		return d, fmt.Errorf("%w: %d codings and %d child codes; merge it into another code, or delete with --force to delete them too",
			ErrCodeInUse, len(d.Codings), len(d.Codes)-1)
	}
	if err := setEach(ctx, tx, `UPDATE codings SET deleted = 1, updated = ? WHERE id = ?`, d.Codings, now); err != nil {
		return d, err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE codes SET deleted = 1, updated = ?, coder = ? WHERE id IN "+in,
		append([]any{now, coder}, args...)...); err != nil {
		return d, err
	}
	return d, s.audit(ctx, tx, coder, "codebook.delete", id, fmt.Sprintf("%d codes, %d codings", len(d.Codes), len(d.Codings)))
}

// RestoreCode takes back the deletion d in one transaction: its codes and
// codings are live again as they were. When any of them was changed since
// (brought back, edited, merged), it writes nothing and returns
// ErrChangedElsewhere; a restored code whose name a new sibling took is
// refused as the codebook's rules refuse it.
func (s *Store) RestoreCode(ctx context.Context, d CodeDeletion, coder string) error {
	if len(d.Codes) == 0 {
		return fmt.Errorf("restore: %w", coding.ErrNotFound)
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		now := ms(s.Now())
		if err := unchanged(ctx, tx, "a deleted code", "codes WHERE deleted = 1 AND merged_into IS NULL", d.Codes); err != nil {
			return err
		}
		if err := unchanged(ctx, tx, "a deleted coding", "codings WHERE deleted = 1", d.Codings); err != nil {
			return err
		}
		if err := setEach(ctx, tx, `UPDATE codes SET deleted = 0, updated = ?, restored = ?, coder = ? WHERE id = ?`, d.Codes, now, now, coder); err != nil {
			return err
		}
		if err := setEach(ctx, tx, `UPDATE codings SET deleted = 0, updated = ? WHERE id = ?`, d.Codings, now); err != nil {
			return err
		}
		if err := validCodebook(ctx, tx, d.Codes...); err != nil {
			return err
		}
		return s.audit(ctx, tx, coder, "codebook.restore", d.Codes[0], fmt.Sprintf("%d codes, %d codings", len(d.Codes), len(d.Codings)))
	})
}

// unchanged checks that each of ids is a row of where (with args), as the
// edit left it; otherwise it names what changed.
func unchanged(ctx context.Context, tx *sql.Tx, what, where string, ids []string, args ...any) error {
	for _, id := range ids {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM "+where+" AND id = ?", append(slices.Clone(args), id)...).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("%s (%s): %w", what, id, ErrChangedElsewhere)
		}
	}
	return nil
}

// ids returns the first column of a query's rows.
func ids(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]string, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// setEach runs update for each of ids, with args and then the id as its
// arguments.
func setEach(ctx context.Context, tx *sql.Tx, update string, ids []string, args ...any) error {
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, update, append(slices.Clone(args), id)...); err != nil {
			return err
		}
	}
	return nil
}

// inList is an SQL list of placeholders for ids, and its arguments.
func inList(ids []string) (string, []any) {
	args := make([]any, len(ids))
	for i, v := range ids {
		args[i] = v
	}
	return "(" + strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",") + ")", args
}
