package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// ApplicationID marks a SQLite file as an avain project (PRAGMA
// application_id); it spells "AVAI".
const ApplicationID = 0x41564149

// Errors of opening a project.
var (
	// ErrNotProject: the file is not an avain project (another SQLite
	// database, or not a database at all).
	ErrNotProject = errors.New("not an avain project")
	// ErrNewerSchema: the project was written by a newer avain.
	ErrNewerSchema = errors.New("project was made by a newer avain")
	// ErrExists: init was asked to create a project where a file exists.
	ErrExists = errors.New("file already exists")
	// ErrNoProject: the project file does not exist.
	ErrNoProject = errors.New("no such project")
	// ErrBusy: another process holds the project longer than the busy timeout.
	ErrBusy = errors.New("the project is busy in another avain process; try again when it finishes")
	// ErrWrite: the project file could not be written (a full disk, a
	// read-only file); the transaction was rolled back.
	ErrWrite = errors.New("writing the project failed")
)

// Store is an open avain project.
type Store struct {
	db   *sql.DB
	path string
	// Now is the clock; tests replace it.
	Now func() time.Time
}

// Path returns the project file's path.
func (s *Store) Path() string { return s.path }

// DB exposes the database handle to the benchmark driver
// (cmd/avain-bench), whose raw baselines time plain SQL on the same rows
// avain stores. No avain code path reads or writes through it: reads and
// writes go through Store methods, which keep the audit log and the
// change mark.
func (s *Store) DB() *sql.DB { return s.db }

// dsn builds the connection string: pragmas ride in the DSN so that every
// pooled connection gets them; mode=rw never creates a file by accident.
func dsn(path string, create bool) string {
	mode := "rw"
	if create {
		mode = "rwc"
	}
	esc := strings.NewReplacer("%", "%25", "?", "%3F", "#", "%23").Replace(path)
	q := url.Values{}
	q.Set("mode", mode)
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout()))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	// Deleted content is overwritten, so text replaced by pseudonymisation
	// does not linger in free pages.
	q.Add("_pragma", "secure_delete(1)")
	// A 32 MB page cache (SQLite's default is 2 MB): a merge or a large
	// import no longer spills pages to the file mid-transaction. It grows
	// only as pages are read.
	q.Add("_pragma", "cache_size(-32768)")
	q.Set("_txlock", "immediate")
	return "file:" + esc + "?" + q.Encode()
}

// EnvBusyTimeout names the variable that sets how long, in milliseconds,
// a command waits for another process's write to finish before it says
// the project is busy (default 10 000).
const EnvBusyTimeout = "AVAIN_BUSY_TIMEOUT"

func busyTimeout() int {
	if v, err := strconv.Atoi(os.Getenv(EnvBusyTimeout)); err == nil && v >= 0 {
		return v
	}
	return 10000
}

// Create makes a new, empty project at path (mode 0600) and opens it.
func Create(ctx context.Context, path string) (*Store, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return nil, fmt.Errorf("%s: %w", path, ErrExists)
		}
		return nil, fmt.Errorf("%s: %w", path, unwrapPathErr(err))
	}
	f.Close()
	_ = os.Chmod(path, 0o600) // whatever the umask
	s, err := open(ctx, path, true)
	if err != nil {
		os.Remove(path)
		return nil, err
	}
	return s, nil
}

// Open opens an existing project, applying any migrations it lacks. It
// refuses files that are not avain projects and projects of a newer schema.
func Open(ctx context.Context, path string) (*Store, error) {
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s: %w (create one with avain init)", path, ErrNoProject)
		}
		return nil, fmt.Errorf("%s: %w", path, unwrapPathErr(err))
	}
	// Read-only first: SQLite must not touch a file that is not ours.
	if err := identify(path); err != nil {
		return nil, err
	}
	if err := checkWritable(path); err != nil {
		return nil, err
	}
	s, err := open(ctx, path, false)
	if err != nil {
		return nil, err
	}
	removeStaleMergeDirs(filepath.Dir(path))
	return s, nil
}

func open(ctx context.Context, path string, create bool) (*Store, error) {
	db, err := sql.Open("sqlite", dsn(path, create))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	s := &Store{db: db, path: path, Now: time.Now}
	if err := s.init(ctx, create); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

func (s *Store) init(ctx context.Context, create bool) error {
	var appID int64
	if err := s.db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return translate(err)
	}
	if !create && appID != ApplicationID {
		return ErrNotProject
	}
	if create {
		if _, err := s.db.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
			return translate(err)
		}
		// Into the file itself at once, not only the WAL: another process
		// identifies a project by the file's header (see identify).
		if err := s.Checkpoint(ctx); err != nil {
			return err
		}
	}
	return s.migrate(ctx)
}

// Close checkpoints the WAL into the project file and closes it, so that a
// plain copy of a closed project is complete.
//
// The checkpoint does not wait: while another process reads or writes the
// project it is left to the last one to close (waiting made every command
// wait AVAIN_BUSY_TIMEOUT beside an open UI, a writer twice).
func (s *Store) Close() error {
	cerr := s.checkpointNow(context.Background())
	err := s.db.Close()
	if err == nil && cerr != nil && !errors.Is(cerr, ErrBusy) {
		err = cerr
	}
	return err
}

// checkpointNow is Checkpoint without waiting for another process: on a
// connection of its own whose busy timeout is 0.
func (s *Store) checkpointNow(ctx context.Context) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return translate(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA busy_timeout = 0"); err != nil {
		return translate(err)
	}
	_, err = conn.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	return translate(err)
}

// Checkpoint copies the WAL into the project file and empties it.
func (s *Store) Checkpoint(ctx context.Context) error {
	_, err := s.db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	return translate(err)
}

// tx runs fn in one write transaction, committed when fn returns nil and
// rolled back otherwise.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return translate(err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return translate(err)
	}
	return translate(tx.Commit())
}

// translate turns driver errors into the package's and the domain's error
// kinds, in one place.
func translate(err error) error {
	if err == nil {
		return nil
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return ErrBusy
		case sqlite3.SQLITE_NOTADB:
			return ErrNotProject
		case sqlite3.SQLITE_CORRUPT:
			return fmt.Errorf("the project file is damaged (%v); run avain check", se)
		case sqlite3.SQLITE_FULL:
			return fmt.Errorf("%w (the disk is full); nothing of this action was saved: %v", ErrWrite, err)
		case sqlite3.SQLITE_READONLY:
			return fmt.Errorf("%w (the project is read-only): %v", ErrWrite, err)
		case sqlite3.SQLITE_CANTOPEN:
			return fmt.Errorf("cannot open the project file (is its folder writable?): %w", err)
		case sqlite3.SQLITE_IOERR:
			return fmt.Errorf("%w (is the disk full?); nothing of this action was saved: %v", ErrWrite, err)
		}
	}
	return err
}

func unwrapPathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// newID returns a new UUID v7: time-ordered, so inserts stay ordered.
func newID() string { return uuid.Must(uuid.NewV7()).String() }

// ms converts a time to the stored Unix milliseconds.
func ms(t time.Time) int64 { return t.UTC().UnixMilli() }

// fromMS converts stored Unix milliseconds back to a time.
func fromMS(v int64) time.Time { return time.UnixMilli(v).UTC() }

// CopyTo writes a consistent copy of the project to path (VACUUM INTO:
// safe while the project is open here or in another process), mode 0600.
// It refuses to overwrite a file.
func (s *Store) CopyTo(ctx context.Context, path string) error {
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("%s: %w", path, ErrExists)
	}
	// Create the file first, empty and private (VACUUM INTO fills an
	// empty file), so the copy is never readable by others.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPathErr(err))
	}
	f.Close()
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		os.Remove(path)
		return fmt.Errorf("%s: %w", path, translate(err))
	}
	if err := os.Chmod(path, 0o600); err != nil {
		os.Remove(path)
		return err
	}
	return nil
}

// SetDefaultCoder records who works in this copy of the project, for
// commands given no --coder and no $AVAIN_CODER.
func (s *Store) SetDefaultCoder(ctx context.Context, coder string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO meta(key, value) VALUES ('coder', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", coder)
		return err
	})
}

// DefaultCoder is the coder SetDefaultCoder recorded, or "".
func (s *Store) DefaultCoder(ctx context.Context) string {
	var v string
	s.db.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'coder'").Scan(&v)
	return v
}
