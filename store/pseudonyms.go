package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/toituavain/avain/coding"
)

// Pseudonym returns the placeholder number of digest (a keyed hash of a
// name) among the placeholders of kind, giving a new one the next free
// number.
func (s *Store) Pseudonym(ctx context.Context, kind, digest string) (int, error) {
	var n int
	err := s.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, "SELECT n FROM pseudonyms WHERE kind = ? AND digest = ?", kind, digest).Scan(&n)
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(n), 0) + 1 FROM pseudonyms WHERE kind = ?", kind).Scan(&n); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "INSERT INTO pseudonyms(kind, digest, n) VALUES (?, ?, ?)", kind, digest, n)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("numbering a placeholder: %w", err)
	}
	return n, nil
}

// PseudonymRow is one placeholder number of the project: the keyed hash
// of a name, never the name.
type PseudonymRow struct {
	Kind, Digest string
	N            int
}

// Pseudonyms returns every placeholder number of the project.
func (s *Store) Pseudonyms(ctx context.Context) ([]PseudonymRow, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT kind, digest, n FROM pseudonyms")
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []PseudonymRow
	for rows.Next() {
		var r PseudonymRow
		if err := rows.Scan(&r.Kind, &r.Digest, &r.N); err != nil {
			return nil, translate(err)
		}
		out = append(out, r)
	}
	return out, translate(rows.Err())
}

// Pseudonymized reports whether any document of the project was
// pseudonymised: it has placeholder numbers, or its audit trail records
// a pseudonymisation.
func (s *Store) Pseudonymized(ctx context.Context) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pseudonyms)
		OR EXISTS (SELECT 1 FROM audit_log WHERE action = 'pseudonymize')`).Scan(&n)
	return n != 0, translate(err)
}

// ImportPseudonymized is ImportDocument for a document whose personal
// data was replaced: the audit trail also records what was replaced, by
// kind and count (detail), in the same transaction. keep, when not nil,
// is called inside that transaction once doc has its id, to keep the
// originals elsewhere (the key file): when it fails nothing is imported,
// so no document is stored whose originals were lost.
func (s *Store) ImportPseudonymized(ctx context.Context, doc *coding.Document, coder, detail string, keep func(*coding.Document) error) error {
	return s.importDocument(ctx, doc, coder, detail, keep)
}

// CodingsOf counts every coding of a document, live or deleted.
func (s *Store) CodingsOf(ctx context.Context, docID string) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM codings WHERE document_id = ?", docID).Scan(&n)
	return n, translate(err)
}

// ReplaceText replaces the text, turns, name and attribute values of a
// document that has no codings (every position would move) with a
// pseudonymised version, in one transaction with secure deletion, recorded
// in the audit trail with detail (kinds and counts, never the text). keep,
// when not nil, runs last in that transaction to keep the originals
// elsewhere (the key file): when it fails, nothing is replaced.
func (s *Store) ReplaceText(ctx context.Context, doc *coding.Document, coder, detail string, keep func(*coding.Document) error) error {
	if err := prepare(doc); err != nil {
		return err
	}
	now := s.Now()
	return s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM codings WHERE document_id = ?", doc.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("document %s has codings: pseudonymise documents before coding them", doc.Name)
		}
		res, err := tx.ExecContext(ctx, `UPDATE documents SET name = ?, text = ?, hash = ?, words = ?, updated = ? WHERE id = ? AND deleted = 0`,
			doc.Name, doc.Text, doc.Hash, doc.Words(), ms(now), doc.ID)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k != 1 {
			return fmt.Errorf("document %s: %w", doc.ID, coding.ErrNotFound)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM turns WHERE document_id = ?", doc.ID); err != nil {
			return err
		}
		if err := insertTurns(ctx, tx, doc); err != nil {
			return err
		}
		for _, k := range sortedKeys(doc.Attrs) {
			if _, err := tx.ExecContext(ctx, `UPDATE doc_attributes SET value = ?, updated = ?
				WHERE document_id = ? AND key = ? AND deleted = 0 AND value <> ?`, doc.Attrs[k], ms(now), doc.ID, k, doc.Attrs[k]); err != nil {
				return err
			}
		}
		if err := bumpContentVersion(ctx, tx); err != nil {
			return err
		}
		doc.Updated = now
		if err := s.audit(ctx, tx, coder, "pseudonymize", doc.ID, "document "+doc.ID+": "+detail); err != nil {
			return err
		}
		if keep != nil {
			return keep(doc)
		}
		return nil
	})
}
