package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migration is one numbered schema step.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the embedded migrations in version order.
func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, n := range names {
		base := strings.TrimPrefix(n, "migrations/")
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number", base)
		}
		b, err := migrationFS.ReadFile(n)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: base, sql: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// SchemaVersion is the newest schema this binary knows.
func SchemaVersion() int {
	steps, err := migrations()
	if err != nil || len(steps) == 0 {
		return 0
	}
	return steps[len(steps)-1].version
}

// Version returns the schema version recorded in the project.
func (s *Store) Version(ctx context.Context) (int, error) {
	return schemaVersion(ctx, s.db)
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func schemaVersion(ctx context.Context, q queryer) (int, error) {
	var v sql.NullInt64
	err := q.QueryRowContext(ctx, "SELECT max(version) FROM schema_migrations").Scan(&v)
	return int(v.Int64), err
}

// migrate applies every migration the project lacks, each in its own
// transaction with its record, and refuses a project of a newer schema.
func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied INTEGER NOT NULL) STRICT`); err != nil {
		return translate(err)
	}
	steps, err := migrations()
	if err != nil {
		return err
	}
	have, err := schemaVersion(ctx, s.db)
	if err != nil {
		return translate(err)
	}
	if latest := SchemaVersion(); have > latest {
		return fmt.Errorf("%w (schema %d; this avain knows up to %d): update avain", ErrNewerSchema, have, latest)
	}
	for _, m := range steps {
		if m.version <= have {
			continue
		}
		err := s.tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
			if m.version == 1 {
				if err := initMeta(ctx, tx, s.Now()); err != nil {
					return err
				}
			}
			_, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations(version, name, applied) VALUES (?, ?, ?)",
				m.version, m.name, ms(s.Now()))
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}
