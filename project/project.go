package project

import (
	"context"
	"fmt"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/search"
	"github.com/toituavain/avain/store"
)

// Project is an open project: its store and, once asked for, its index.
// The store's methods are the project's own, so a *Project is the
// repository the coding engine and the terminal UI work through.
type Project struct {
	*store.Store
	path  string
	index *search.Index
	// Progress, when set, is told about long work (index rebuilds):
	// what, how much is done, out of how much.
	Progress func(what string, done, total int)
}

// IndexDir is where the search index of the project at path lives.
func IndexDir(path string) string { return path + ".index" }

// Create makes a new project at path.
func Create(ctx context.Context, path string) (*Project, error) {
	s, err := store.Create(ctx, path)
	if err != nil {
		return nil, err
	}
	return &Project{Store: s, path: path}, nil
}

// Open opens an existing project.
func Open(ctx context.Context, path string) (*Project, error) {
	s, err := store.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	return &Project{Store: s, path: path}, nil
}

// Path returns the project file's path.
func (p *Project) Path() string { return p.path }

// Close closes the index and the store (checkpointing the WAL).
func (p *Project) Close() error {
	var err error
	if p.index != nil {
		err = p.index.Close()
		p.index = nil
	}
	if cerr := p.Store.Close(); cerr != nil {
		err = cerr
	}
	return err
}

// Index opens the search index, rebuilding it first when it is stale, so
// that it reflects the project as it is now.
func (p *Project) Index(ctx context.Context) (*search.Index, error) {
	if p.index != nil {
		if err := p.refresh(ctx, false); err != nil {
			return nil, err
		}
		return p.index, nil
	}
	version, err := p.Store.ContentVersion(ctx)
	if err != nil {
		return nil, err
	}
	ix, stale, err := search.Open(IndexDir(p.path), version)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", IndexDir(p.path), err)
	}
	p.index = ix
	if stale {
		if err := p.rebuild(ctx, version); err != nil {
			return nil, err
		}
	}
	return ix, nil
}

// Reindex rebuilds the search index from the project.
func (p *Project) Reindex(ctx context.Context) error {
	if _, err := p.Index(ctx); err != nil {
		return err
	}
	return p.refresh(ctx, true)
}

// refresh rebuilds an open index when the project moved on without it (or
// always, when force is set).
func (p *Project) refresh(ctx context.Context, force bool) error {
	version, err := p.Store.ContentVersion(ctx)
	if err != nil {
		return err
	}
	if !force && p.index.Version() == version {
		return nil
	}
	return p.rebuild(ctx, version)
}

func (p *Project) rebuild(ctx context.Context, version string) error {
	var progress func(done, total int)
	if p.Progress != nil {
		progress = func(done, total int) { p.Progress("indexing turns", done, total) }
	}
	err := p.index.Rebuild(ctx, func(yield func(doc *coding.Document) error) error {
		return p.Store.EachDocument(ctx, yield)
	}, progress)
	if err != nil {
		return fmt.Errorf("rebuilding the search index: %w", err)
	}
	return p.index.SetVersion(version)
}

// Search runs query q on the project's index (brought up to date first)
// and returns at most limit hits; see search.Index.Search.
func (p *Project) Search(ctx context.Context, q string, limit int) (search.Result, error) {
	ix, err := p.Index(ctx)
	if err != nil {
		return search.Result{}, err
	}
	return ix.Search(ctx, q, limit)
}
