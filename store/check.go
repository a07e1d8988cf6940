package store

import (
	"context"
	"fmt"
)

// Check runs SQLite's integrity and foreign-key checks and avain's own
// invariants, and returns one line per problem (none when all is well).
func (s *Store) Check(ctx context.Context) ([]string, error) {
	var problems []string
	rows, err := s.db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return nil, translate(err)
	}
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return nil, err
		}
		if line != "ok" {
			problems = append(problems, "integrity: "+line)
		}
	}
	rows.Close()
	rows, err = s.db.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return nil, translate(err)
	}
	for rows.Next() {
		var table, parent string
		var rowid, fkid any
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			rows.Close()
			return nil, err
		}
		problems = append(problems, fmt.Sprintf("foreign key: a row of %s (rowid %v) points at a missing %s", table, rowid, parent))
	}
	rows.Close()
	// Turns must lie inside their document's text.
	var bad int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM turns t JOIN documents d ON d.id = t.document_id
		WHERE t.end > length(d.text)`).Scan(&bad); err != nil {
		return nil, translate(err)
	}
	if bad > 0 {
		problems = append(problems, fmt.Sprintf("%d turns reach past the end of their document's text", bad))
	}
	if v, err := s.Version(ctx); err != nil {
		return nil, translate(err)
	} else if v != SchemaVersion() {
		problems = append(problems, fmt.Sprintf("schema version %d, expected %d", v, SchemaVersion()))
	}
	return problems, nil
}
