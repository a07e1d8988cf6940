package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/toituavain/avain/coding"
)

const codeColumns = `id, coalesce(parent_id, ''), name_fi, name_en, color, shortcut, short_def, definition,
	when_use, when_not, example, position, coder, created, updated, deleted`

func scanCode(sc interface{ Scan(...any) error }) (*coding.Code, error) {
	c := &coding.Code{}
	var created, updated int64
	err := sc.Scan(&c.ID, &c.ParentID, &c.NameFi, &c.NameEn, &c.Color, &c.Shortcut, &c.ShortDef, &c.Definition,
		&c.WhenToUse, &c.WhenNotUse, &c.Example, &c.Position, &c.Coder, &created, &updated, &c.Deleted)
	c.Created, c.Updated = fromMS(created), fromMS(updated)
	return c, err
}

// Codes returns the live codes of the project's codebook.
func (s *Store) Codes(ctx context.Context) ([]*coding.Code, error) {
	return queryCodes(ctx, s.db, "deleted = 0")
}

func queryCodes(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, where string, args ...any) ([]*coding.Code, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+codeColumns+" FROM codes WHERE "+where+" ORDER BY position, name_fi", args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []*coding.Code
	for rows.Next() {
		c, err := scanCode(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, translate(rows.Err())
}

// Codebook returns the project's live codebook as a validated tree.
func (s *Store) Codebook(ctx context.Context) (*coding.Codebook, error) {
	codes, err := s.Codes(ctx)
	if err != nil {
		return nil, err
	}
	return coding.LoadCodebook(codes)
}

// CodeImport says what ImportCodes did.
type CodeImport struct{ Added, Updated, Unchanged int }

// ImportCodes adds codes to the codebook, or updates the codes whose id is
// already there, in one transaction; the resulting codebook must be valid.
// Parents may come in any order.
func (s *Store) ImportCodes(ctx context.Context, codes []*coding.Code, coder string) (CodeImport, error) {
	var res CodeImport
	err := s.tx(ctx, func(tx *sql.Tx) error {
		now := ms(s.Now())
		// New codes go after the children a parent already has.
		after := map[string]int{}
		rows, err := tx.QueryContext(ctx, `SELECT coalesce(parent_id, ''), max(position) + 1 FROM codes WHERE deleted = 0 GROUP BY 1`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var parent string
			var n int
			if err := rows.Scan(&parent, &n); err != nil {
				rows.Close()
				return err
			}
			after[parent] = n
		}
		rows.Close()
		// Insert without parents first, so a child may precede its parent.
		for _, c := range codes {
			old, err := queryCodes(ctx, tx, "id = ?", c.ID)
			if err != nil {
				return err
			}
			if len(old) == 1 {
				o := old[0]
				if !o.Deleted && sameCodeFields(o, c) {
					res.Unchanged++
					continue
				}
				if _, err := tx.ExecContext(ctx, `UPDATE codes SET name_fi=?, name_en=?, color=?, shortcut=?, short_def=?, definition=?,
					when_use=?, when_not=?, example=?, position=?, coder=?, updated=?, deleted=0 WHERE id=?`,
					c.NameFi, c.NameEn, c.Color, c.Shortcut, c.ShortDef, c.Definition, c.WhenToUse, c.WhenNotUse, c.Example,
					c.Position, coder, now, c.ID); err != nil {
					return err
				}
				res.Updated++
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO codes(id, name_fi, name_en, color, shortcut, short_def, definition,
				when_use, when_not, example, position, coder, created, updated) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
				c.ID, c.NameFi, c.NameEn, c.Color, c.Shortcut, c.ShortDef, c.Definition, c.WhenToUse, c.WhenNotUse, c.Example,
				c.Position+after[c.ParentID], coder, now, now); err != nil {
				return err
			}
			res.Added++
		}
		for _, c := range codes {
			if _, err := tx.ExecContext(ctx, `UPDATE codes SET parent_id = ? WHERE id = ? AND coalesce(parent_id, '') != ?`,
				nullable(c.ParentID), c.ID, c.ParentID); err != nil {
				return err
			}
		}
		ids := make([]string, len(codes))
		for i, c := range codes {
			ids[i] = c.ID
		}
		if err := validCodebook(ctx, tx, ids...); err != nil {
			return err
		}
		return s.audit(ctx, tx, coder, "codebook.import", "",
			fmt.Sprintf("%d codes added, %d updated, %d unchanged", res.Added, res.Updated, res.Unchanged))
	})
	return res, err
}

func sameCodeFields(a, b *coding.Code) bool {
	return a.ParentID == b.ParentID && a.NameFi == b.NameFi && a.NameEn == b.NameEn && a.Color == b.Color &&
		a.Shortcut == b.Shortcut && a.ShortDef == b.ShortDef && a.Definition == b.Definition && a.WhenToUse == b.WhenToUse &&
		a.WhenNotUse == b.WhenNotUse && a.Example == b.Example && a.Position == b.Position
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// validCodebook checks, inside tx, that the live codes still form a valid
// codebook, and that the codes written (all of them when none are named)
// keep the rules on text and depth; an edit that would break it is rolled
// back. A code an older avain stored against those rules does not block
// edits of the others.
func validCodebook(ctx context.Context, tx *sql.Tx, written ...string) error {
	codes, err := queryCodes(ctx, tx, "deleted = 0")
	if err != nil {
		return err
	}
	if len(written) == 0 {
		_, err = coding.NewCodebook(codes)
		return err
	}
	cb, err := coding.LoadCodebook(codes)
	if err != nil {
		return err
	}
	return cb.Check(written...)
}

// AddCode adds one new code (its id is made here) and returns it.
func (s *Store) AddCode(ctx context.Context, c *coding.Code, coder string) error {
	now := s.Now()
	c.Record = coding.Record{ID: newID(), Coder: coder, Created: now, Updated: now}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if c.Position == 0 {
			if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(position), -1) + 1 FROM codes WHERE deleted = 0 AND coalesce(parent_id, '') = ?`,
				c.ParentID).Scan(&c.Position); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO codes(id, parent_id, name_fi, name_en, color, shortcut, short_def, definition,
			when_use, when_not, example, position, coder, created, updated) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			c.ID, nullable(c.ParentID), c.NameFi, c.NameEn, c.Color, c.Shortcut, c.ShortDef, c.Definition, c.WhenToUse, c.WhenNotUse,
			c.Example, c.Position, coder, ms(now), ms(now)); err != nil {
			return err
		}
		if err := validCodebook(ctx, tx, c.ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, coder, "codebook.add", c.ID, "")
	})
}

// UpdateCode changes one code with edit, which gets the stored code to
// modify (its name, parent, colour, shortcut or definition parts). The
// result must leave a valid codebook; action names the edit in the audit
// trail.
func (s *Store) UpdateCode(ctx context.Context, id, coder, action string, edit func(*coding.Code) error) (*coding.Code, error) {
	var out *coding.Code
	err := s.tx(ctx, func(tx *sql.Tx) error {
		cs, err := queryCodes(ctx, tx, "id = ? AND deleted = 0", id)
		if err != nil {
			return err
		}
		if len(cs) == 0 {
			return fmt.Errorf("code %s: %w", id, coding.ErrNotFound)
		}
		c := cs[0]
		if err := edit(c); err != nil {
			return err
		}
		c.Coder, c.Updated = coder, s.Now()
		if _, err := tx.ExecContext(ctx, `UPDATE codes SET parent_id=?, name_fi=?, name_en=?, color=?, shortcut=?, short_def=?,
			definition=?, when_use=?, when_not=?, example=?, position=?, coder=?, updated=? WHERE id=?`,
			nullable(c.ParentID), c.NameFi, c.NameEn, c.Color, c.Shortcut, c.ShortDef, c.Definition, c.WhenToUse, c.WhenNotUse,
			c.Example, c.Position, coder, ms(c.Updated), c.ID); err != nil {
			return err
		}
		if err := validCodebook(ctx, tx, c.ID); err != nil {
			return err
		}
		out = c
		return s.audit(ctx, tx, coder, "codebook."+action, c.ID, "")
	})
	return out, err
}

// MergeCode merges code from into code into: from's codings and children
// move to into (a coding that would then repeat one of into's by the same
// coder on the same span is tombstoned instead), and from is tombstoned
// with a pointer to into. It returns how many codings moved.
func (s *Store) MergeCode(ctx context.Context, from, into, coder string) (moved int, err error) {
	if from == into {
		return 0, fmt.Errorf("%w: cannot merge a code into itself", coding.ErrInvalid)
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		now := ms(s.Now())
		cb, err := codebookTx(ctx, tx)
		if err != nil {
			return err
		}
		if cb.Code(from) == nil || cb.Code(into) == nil {
			return fmt.Errorf("merge: %w", coding.ErrNotFound)
		}
		for _, a := range cb.Ancestors(into) {
			if a == from {
				return fmt.Errorf("%w: cannot merge a code into one of its own descendants", coding.ErrInvalid)
			}
		}
		// Codings that would duplicate one already on into: tombstone. (A
		// coding keeps its coder; who changed it is in the audit log.)
		if _, err := tx.ExecContext(ctx, `UPDATE codings SET deleted = 1, updated = ? WHERE code_id = ? AND deleted = 0
			AND EXISTS (SELECT 1 FROM codings o WHERE o.code_id = ? AND o.deleted = 0 AND o.document_id = codings.document_id
				AND o.start = codings.start AND o.end = codings.end AND o.coder = codings.coder)`, now, from, into); err != nil {
			return err
		}
		r, err := tx.ExecContext(ctx, `UPDATE codings SET code_id = ?, updated = ? WHERE code_id = ? AND deleted = 0`, into, now, from)
		if err != nil {
			return err
		}
		n, _ := r.RowsAffected()
		moved = int(n)
		if _, err := tx.ExecContext(ctx, `UPDATE codes SET parent_id = ?, updated = ?, coder = ? WHERE parent_id = ? AND deleted = 0`,
			into, now, coder, from); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE codes SET deleted = 1, merged_into = ?, updated = ?, coder = ? WHERE id = ?`,
			into, now, coder, from); err != nil {
			return err
		}
		if err := validCodebook(ctx, tx, into); err != nil {
			return err
		}
		return s.audit(ctx, tx, coder, "codebook.merge", from, fmt.Sprintf("merged into %s; %d codings moved", into, moved))
	})
	return moved, err
}

func codebookTx(ctx context.Context, tx *sql.Tx) (*coding.Codebook, error) {
	codes, err := queryCodes(ctx, tx, "deleted = 0")
	if err != nil {
		return nil, err
	}
	return coding.LoadCodebook(codes)
}

// ErrCodeInUse: a code with codings or children is deleted only by force.
var ErrCodeInUse = errors.New("code is in use")

// DeleteCode tombstones a code. A code with live codings or children is
// refused unless force is set; then its whole subtree and their codings
// are tombstoned too. It returns the number of codes and codings deleted.
func (s *Store) DeleteCode(ctx context.Context, id, coder string, force bool) (codes, codings int, err error) {
	err = s.tx(ctx, func(tx *sql.Tx) error {
		now := ms(s.Now())
		cb, err := codebookTx(ctx, tx)
		if err != nil {
			return err
		}
		if cb.Code(id) == nil {
			return fmt.Errorf("code %s: %w", id, coding.ErrNotFound)
		}
		subtree := cb.Subtree(id)
		in := "(" + strings.TrimSuffix(strings.Repeat("?,", len(subtree)), ",") + ")"
		args := make([]any, len(subtree))
		for i, v := range subtree {
			args[i] = v
		}
		var used int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM codings WHERE deleted = 0 AND code_id IN "+in, args...).Scan(&used); err != nil {
			return err
		}
		if !force && (used > 0 || len(subtree) > 1) {
			return fmt.Errorf("%w: %d codings and %d child codes; merge it into another code, or delete with --force to delete them too",
				ErrCodeInUse, used, len(subtree)-1)
		}
		if _, err := tx.ExecContext(ctx, "UPDATE codings SET deleted = 1, updated = ? WHERE deleted = 0 AND code_id IN "+in,
			append([]any{now}, args...)...); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE codes SET deleted = 1, updated = ?, coder = ? WHERE id IN "+in,
			append([]any{now, coder}, args...)...); err != nil {
			return err
		}
		codes, codings = len(subtree), used
		return s.audit(ctx, tx, coder, "codebook.delete", id, fmt.Sprintf("%d codes, %d codings", codes, codings))
	})
	return codes, codings, err
}

// CodeCounts gives, per code id, its live codings and the documents they
// lie in.
type CodeCounts struct{ Codings, Documents int }

// CodeUsage counts live codings and documents per code.
func (s *Store) CodeUsage(ctx context.Context) (map[string]CodeCounts, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT code_id, count(*), count(DISTINCT document_id) FROM live_codings GROUP BY code_id`)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := map[string]CodeCounts{}
	for rows.Next() {
		var id string
		var c CodeCounts
		if err := rows.Scan(&id, &c.Codings, &c.Documents); err != nil {
			return nil, err
		}
		out[id] = c
	}
	return out, translate(rows.Err())
}

// The store is the coding rules' repository.
var _ coding.Repository = (*Store)(nil)
