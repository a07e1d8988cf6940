package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/toituavain/avain/coding"
)

// ChangeMark names the state of the project as far as a reader of it
// cares: it differs whenever anyone, in any process, imports, codes,
// uncodes, writes a memo, edits the codebook, merges or pseudonymises.
// Two marks are compared with ==. Reading positions do not change it.
type ChangeMark struct {
	// Content is the content version: documents (their text and turns).
	Content string
	// Audit counts the entries of the append-only audit log, which every
	// change above writes in its own transaction.
	Audit int64
}

// ChangeMark reads the project's change mark: one cheap query on two
// rows, for a UI that polls for other processes' changes.
func (s *Store) ChangeMark(ctx context.Context) (ChangeMark, error) {
	var m ChangeMark
	var audit sql.NullInt64
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT value FROM meta WHERE key = ?) || ':' || (SELECT value FROM meta WHERE key = ?),
		(SELECT max(rowid) FROM audit_log)`, metaProjectID, metaContentVersion).Scan(&m.Content, &audit)
	if err != nil {
		return ChangeMark{}, translate(err)
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
