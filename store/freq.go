package store

import (
	"context"
	"database/sql"
	"strconv"
)

// The reads that count theme tables over every coding (export freq, the
// themes view, the report): a few large scans, made on connections that
// map the project file into memory, so that SQLite reads its pages in
// place instead of copying each through a system call into its page
// cache (whose release on closing cost as much again).

// mmapBytes is how much of the project file a counting read maps.
const mmapBytes = 1 << 30

// mapped runs fn on a connection of its own with the file mapped.
func (s *Store) mapped(ctx context.Context, fn func(*sql.Conn) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return translate(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA mmap_size = "+strconv.Itoa(mmapBytes)); err != nil {
		return translate(err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA mmap_size = 0")
	return fn(conn)
}
