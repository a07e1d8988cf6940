package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/toituavain/avain/coding"
)

// ChangeMark reads the project's change mark: one cheap query on two
// rows, for a UI that polls for other processes' changes.
func (s *Store) ChangeMark(ctx context.Context) (coding.ChangeMark, error) {
	var m coding.ChangeMark
	var audit sql.NullInt64
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT value FROM meta WHERE key = ?) || ':' || (SELECT value FROM meta WHERE key = ?),
		(SELECT max(rowid) FROM audit_log)`, metaProjectID, metaContentVersion).Scan(&m.Content, &audit)
	if err != nil {
		return coding.ChangeMark{}, translate(err)
	}
	m.Audit = audit.Int64
	return m, nil
}

// DocumentHash returns the content hash of live document id, so a reader
// can tell, cheaply, whether the text it shows was replaced elsewhere.
func (s *Store) DocumentHash(ctx context.Context, id string) (string, error) {
	var h string
	err := s.db.QueryRowContext(ctx, "SELECT hash FROM documents WHERE id = ? AND deleted = 0", id).Scan(&h)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("document %s: %w", id, coding.ErrNotFound)
	}
	return h, translate(err)
}
