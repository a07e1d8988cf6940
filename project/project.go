package project

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/search"
	"github.com/toituavain/avain/store"
)

// Project is an open project: its store and the way to its index.
// The store's methods are the project's own, so a *Project is the
// repository the coding engine and the terminal UI work through.
//
// The project keeps no index open between operations but for a moment
// after a search (see Search): a search opens it for reading, and a change
// opens it for writing for the span of the change (closing a kept reader
// first), so that any number of processes read the project and its index
// while one at a time writes.
type Project struct {
	*store.Store
	path string
	wait time.Duration // how long an index writer waits for another
	kept keptIndex     // the index a search keeps open a moment (search.go)
	// Progress, when set, is told about long work (index rebuilds):
	// what, how much is done, out of how much.
	Progress func(what string, done, total int)
	// Notice, when set, is given a note for the user, once: the search
	// index rebuilt because Voikko appeared or disappeared.
	Notice func(note string)
}

// ErrIndexDeferred says that the project was changed but its search
// index could not be brought up to date now (another process was writing
// it): the next search does it. It is a note, not a failure.
var ErrIndexDeferred = errors.New("the search index was in use by another avain process past the busy timeout; the next search brings it up to date")

// IndexDir is where the search index of the project at path lives.
func IndexDir(path string) string { return path + ".index" }

// Create makes a new project at path.
func Create(ctx context.Context, path string) (*Project, error) {
	s, err := store.Create(ctx, path)
	if err != nil {
		return nil, err
	}
	return &Project{Store: s, path: path, wait: busyWait()}, nil
}

// Open opens an existing project.
func Open(ctx context.Context, path string) (*Project, error) {
	s, err := store.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	return &Project{Store: s, path: path, wait: busyWait()}, nil
}

// Path returns the project file's path.
func (p *Project) Path() string { return p.path }

// Close closes the index a search kept open and the store (checkpointing
// the WAL).
func (p *Project) Close() error {
	p.kept.release()
	return p.Store.Close()
}

// busyWait is how long an index writer waits for another: as long as the
// store waits for another process's write (store.EnvBusyTimeout, in
// milliseconds; 10 s unless set).
func busyWait() time.Duration {
	if v, err := strconv.Atoi(os.Getenv(store.EnvBusyTimeout)); err == nil && v >= 0 {
		return time.Duration(v) * time.Millisecond
	}
	return 10 * time.Second
}

// Index opens the search index for reading; the caller closes it soon,
// for a writer waits while a reader has the index open. A stale index is
// first brought up to date, unless another process is writing it: then
// the index is read as it is, a state of the project a moment ago.
func (p *Project) Index(ctx context.Context) (*search.Index, error) {
	version, err := p.Store.ContentVersion(ctx)
	if err != nil {
		return nil, err
	}
	read := search.OpenOptions{ReadOnly: true, Wait: p.wait}
	ix, stale, err := search.OpenWith(IndexDir(p.path), version, read)
	if err == nil && !stale {
		return ix, nil
	}
	if err != nil && !errors.Is(err, search.ErrNoIndex) {
		return nil, fmt.Errorf("%s: %w", IndexDir(p.path), err)
	}
	old := ix != nil
	wait := p.wait
	if old {
		ix.Close()
		wait = 0 // another writer is at it: read the index as it is
	}
	if err := p.update(ctx, wait, false); err != nil && !(old && errors.Is(err, search.ErrBusy)) {
		return nil, err
	}
	ix, _, err = search.OpenWith(IndexDir(p.path), version, read)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", IndexDir(p.path), err)
	}
	return ix, nil
}

// Reindex rebuilds the search index from the project, waiting for
// another writer up to the busy timeout.
func (p *Project) Reindex(ctx context.Context) error {
	p.kept.release()
	return p.update(ctx, p.wait, true)
}

// updateIndex brings the index up to date after a change to the project,
// or returns an error of kind ErrIndexDeferred when another process kept
// it past the busy timeout.
func (p *Project) updateIndex(ctx context.Context) error {
	p.kept.release()
	err := p.update(ctx, p.wait, false)
	if errors.Is(err, search.ErrBusy) {
		return fmt.Errorf("%s: %w", IndexDir(p.path), ErrIndexDeferred)
	}
	return err
}

// update opens the index for writing, waiting up to wait for another
// writer, and rebuilds it when it is stale (or always, when force is set).
func (p *Project) update(ctx context.Context, wait time.Duration, force bool) error {
	version, err := p.Store.ContentVersion(ctx)
	if err != nil {
		return err
	}
	w, stale, err := search.OpenWith(IndexDir(p.path), version, search.OpenOptions{Wait: wait})
	if err != nil {
		return fmt.Errorf("%s: %w", IndexDir(p.path), err)
	}
	defer w.Close()
	if !stale && !force {
		return nil
	}
	return p.rebuild(ctx, w, version)
}

// rebuild rebuilds the index open for writing w from the project, and
// records that it reflects version, the project's content version before
// it began, unless the project changed meanwhile (it is then stale).
func (p *Project) rebuild(ctx context.Context, w *search.Index, version string) error {
	var progress func(done, total int)
	if p.Progress != nil {
		progress = func(done, total int) { p.Progress("indexing turns", done, total) }
	}
	err := w.Rebuild(ctx, func(yield func(doc *coding.Document) error) error {
		return p.Store.EachDocument(ctx, yield)
	}, progress)
	if err != nil {
		return fmt.Errorf("rebuilding the search index: %w", err)
	}
	if note := search.AnalysisChange(w.ReplacedAnalysis()); note != "" && p.Notice != nil {
		p.Notice(note)
	}
	if now, err := p.Store.ContentVersion(ctx); err != nil || now != version {
		return err
	}
	return w.SetVersion(version)
}
