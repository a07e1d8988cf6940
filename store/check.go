package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/toituavain/avain/coding"
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
	// Each document's length is counted once (length() walks the whole
	// text: once per turn it made the check quadratic, 13 s for one
	// document of 5,000 turns).
	if err := s.db.QueryRowContext(ctx, `WITH lens AS MATERIALIZED (SELECT id, length(text) AS n FROM documents)
		SELECT count(*) FROM turns t JOIN lens ON lens.id = t.document_id
		WHERE t.end > lens.n`).Scan(&bad); err != nil {
		return nil, translate(err)
	}
	if bad > 0 {
		problems = append(problems, fmt.Sprintf("%d turns reach past the end of their document's text", bad))
	}
	// The codebook by today's rules (depth, names without control
	// characters): a project an older version filled is read leniently,
	// so these are named here, one line each, for the user to mend.
	codes, err := s.Codes(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := coding.NewCodebook(codes); err != nil {
		var cbe *coding.CodebookError
		if !errors.As(err, &cbe) {
			return nil, err
		}
		for _, p := range cbe.Problems {
			problems = append(problems, "codebook: "+coding.Escape(p))
		}
	}
	if n, of, err := s.staleCodedSpans(ctx); err != nil {
		return nil, err
	} else if n > 0 {
		problems = append(problems, fmt.Sprintf("the theme tables' kept counts differ from the codings in %d of %d documents (avain check --reindex drops them; the next count rebuilds them)", n, of))
	}
	if v, err := s.Version(ctx); err != nil {
		return nil, translate(err)
	} else if v != SchemaVersion() {
		problems = append(problems, fmt.Sprintf("schema version %d, expected %d", v, SchemaVersion()))
	}
	return problems, nil
}
