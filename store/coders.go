package store

import (
	"context"
	"database/sql"
	"errors"
)

// Coders returns, sorted, the coders who have live codings (of a live
// document, of a code that counts: as Codings gives them). It steps
// through the codings_coder index a coder at a time and checks each
// coder's codings only until one counts, so it costs about as many
// lookups as there are coders, not a scan of every coding.
func (s *Store) Coders(ctx context.Context) ([]string, error) {
	final, err := s.finalCodes(ctx)
	if err != nil {
		return nil, err
	}
	var out []string
	next, err := s.db.PrepareContext(ctx, `SELECT coder FROM codings WHERE coder > ? ORDER BY coder LIMIT 1`)
	if err != nil {
		return nil, translate(err)
	}
	defer next.Close()
	for coder := ""; ; {
		if err := next.QueryRowContext(ctx, coder).Scan(&coder); errors.Is(err, sql.ErrNoRows) {
			return out, nil
		} else if err != nil {
			return nil, translate(err)
		}
		counts, err := s.coderCounts(ctx, coder, final)
		if err != nil {
			return nil, err
		}
		if counts {
			out = append(out, coder)
		}
	}
}

// coderCounts reports whether coder has a live coding of a live document
// whose code counts (final maps it).
func (s *Store) coderCounts(ctx context.Context, coder string, final map[string]string) (bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT c.code_id FROM codings c JOIN documents d ON d.id = c.document_id
		WHERE c.coder = ? AND c.deleted = 0 AND d.deleted = 0`, coder)
	if err != nil {
		return false, translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var code string
		if err := rows.Scan(&code); err != nil {
			return false, translate(err)
		}
		if _, ok := final[code]; ok {
			return true, nil
		}
	}
	return false, translate(rows.Err())
}
