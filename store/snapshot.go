package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"
	"time"
)

// openSnapshot checks that path is an avain project (from its bytes, see
// identify), copies it consistently into the file tmp (mode 0600) and
// opens the copy, migrating it if it is older. Nothing is written beside
// the source:
//   - a source no process has open (no -wal or -journal beside it)
//     holds all its content in its one file, which is copied byte for
//     byte; the copy counts only if the file and its neighbours are the
//     same after it as before, else it is made again;
//   - a source open elsewhere, or left with its WAL by a killed process,
//     is read through SQLite read-only (VACUUM INTO), which sees its
//     committed content, WAL included; its -wal and -shm exist already, so
//     SQLite makes no new file beside it.
func openSnapshot(ctx context.Context, path, tmp string) (*Store, error) {
	if err := identify(path); err != nil {
		return nil, err
	}
	copied := false
	for range 3 {
		if inUse(path) {
			break
		}
		ok, err := copyQuiet(path, tmp)
		if err != nil {
			return nil, fmt.Errorf("%s: reading a copy: %w", path, err)
		}
		if copied = ok; ok {
			break
		}
	}
	if !copied {
		if err := copyThroughSQLite(ctx, path, tmp); err != nil {
			return nil, err
		}
	}
	if err := os.Chmod(tmp, 0o600); err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", dsn(tmp, false))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	src := &Store{db: db, path: tmp, Now: time.Now}
	if err := src.init(ctx, false); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return src, nil
}

// inUse reports whether SQLite's files beside path show that a process
// has the database open, or left it with a journal to replay. A -shm
// alone (its -wal gone: a reader killed by SIGPIPE leaves one) holds no
// content, and reading through SQLite would make a -wal beside it.
func inUse(path string) bool {
	for _, suf := range []string{"-wal", "-journal"} {
		if _, err := os.Lstat(path + suf); err == nil {
			return true
		}
	}
	return false
}

// copyQuiet copies the file at path to tmp, a new file of mode 0600, and
// reports whether the copy is consistent: the file was the same file, of
// the same size and mtime, before and after, and no process opened it
// meanwhile. An inconsistent copy is removed.
func copyQuiet(path, tmp string) (bool, error) {
	before, err := os.Stat(path)
	if err != nil {
		return false, unwrapPathErr(err)
	}
	in, err := os.Open(path)
	if err != nil {
		return false, unwrapPathErr(err)
	}
	defer in.Close()
	out, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return false, unwrapPathErr(err)
	}
	_, err = io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return false, translateWriteErr(err)
	}
	after, err := os.Stat(path)
	if err == nil && os.SameFile(before, after) && before.Size() == after.Size() &&
		before.ModTime().Equal(after.ModTime()) && !inUse(path) {
		return true, nil
	}
	os.Remove(tmp)
	return false, nil
}

// translateWriteErr names a full disk as the rest of the package does.
func translateWriteErr(err error) error {
	if errors.Is(err, syscall.ENOSPC) {
		return fmt.Errorf("%w (the disk is full): %v", ErrWrite, unwrapPathErr(err))
	}
	return unwrapPathErr(err)
}

// copyThroughSQLite writes a consistent copy of the database at path to
// tmp with VACUUM INTO on a read-only connection: safe while another
// process writes it, and it reads what the WAL holds.
func copyThroughSQLite(ctx context.Context, path, tmp string) error {
	esc := strings.NewReplacer("%", "%25", "?", "%3F", "#", "%23").Replace(path)
	db, err := sql.Open("sqlite", fmt.Sprintf("file:%s?mode=ro&_pragma=busy_timeout(%d)", esc, busyTimeout()))
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer db.Close()
	// VACUUM INTO fills an empty file: made first, private.
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("%s: reading a copy: %w", path, unwrapPathErr(err))
	}
	f.Close()
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		return fmt.Errorf("%s: reading a copy: %w", path, translate(err))
	}
	return nil
}
