package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"
)

// Keys of the meta table.
const (
	metaProjectID      = "project_id"
	metaCreated        = "created"
	metaContentVersion = "content_version"
)

func initMeta(ctx context.Context, tx *sql.Tx, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES (?, ?), (?, ?), (?, '0')`,
		metaProjectID, newID(), metaCreated, now.UTC().Format(time.RFC3339), metaContentVersion)
	return err
}

// ProjectID returns the project's UUID, fixed at init.
func (s *Store) ProjectID(ctx context.Context) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = ?", metaProjectID).Scan(&v)
	return v, translate(err)
}

// ContentVersion names the state of everything the search index derives
// from: it changes whenever documents (or what is indexed with them) change.
// An index built at another content version is stale.
func (s *Store) ContentVersion(ctx context.Context) (string, error) {
	var id, n string
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT value FROM meta WHERE key = ?), (SELECT value FROM meta WHERE key = ?)`,
		metaProjectID, metaContentVersion).Scan(&id, &n)
	if err != nil {
		return "", translate(err)
	}
	return id + ":" + n, nil
}

// bumpContentVersion records, inside tx, that indexed content changed.
func bumpContentVersion(ctx context.Context, tx *sql.Tx) error {
	var n string
	if err := tx.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = ?", metaContentVersion).Scan(&n); err != nil {
		return err
	}
	v, err := strconv.ParseInt(n, 10, 64)
	if err != nil {
		return fmt.Errorf("meta %s is %q: %w", metaContentVersion, n, err)
	}
	_, err = tx.ExecContext(ctx, "UPDATE meta SET value = ? WHERE key = ?", strconv.FormatInt(v+1, 10), metaContentVersion)
	return err
}
