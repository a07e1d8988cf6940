package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/toituavain/avain/coding"
)

// SavePosition records where coder last read document docID: a code-point
// offset into its text. It is the coder's own state, kept out of the audit
// log and of team merges.
func (s *Store) SavePosition(ctx context.Context, docID, coder string, pos int) error {
	if pos < 0 {
		return fmt.Errorf("%w: reading position %d", coding.ErrInvalid, pos)
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO reading_positions (document_id, coder, position, updated)
		VALUES (?, ?, ?, ?)
		ON CONFLICT (document_id, coder) DO UPDATE SET position = excluded.position, updated = excluded.updated`,
		docID, coder, pos, ms(time.Now()))
	return translate(err)
}

// Position returns where coder last read document docID, and false when
// the coder has not read it here yet.
func (s *Store) Position(ctx context.Context, docID, coder string) (int, bool, error) {
	var pos int
	err := s.db.QueryRowContext(ctx, `SELECT position FROM reading_positions WHERE document_id = ? AND coder = ?`,
		docID, coder).Scan(&pos)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, translate(err)
	}
	return pos, true, nil
}
