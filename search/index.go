package search

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/search/finnish"
	bolt "go.etcd.io/bbolt"
)

// Keys of the metadata kept in the index's internal storage.
var (
	keyAnalysis = []byte("avain.analysis")
	keyVersion  = []byte("avain.version")
)

// analysisID names the analysis an index is built with: the Finnish
// analysis in force and this package's mapping. A variable so that tests can
// change it.
var analysisID = func() string { return finnish.AnalysisID() + "/" + mappingVersion }

// Bounds of one batch of indexing: so many turns, or so much turn text,
// whichever comes first. bleve holds a batch's analysed turns in memory
// until it is applied, some ten times their text; a document of hundreds
// of thousands of turns goes in many batches.
const (
	batchSize  = 2000
	batchBytes = 1 << 20
)

// batched, when set (by tests), is told the size of every batch applied.
var batched func(ops int)

// batch adds to a bleve batch and applies it whenever it reaches its bounds.
type batch struct {
	bi    bleve.Index
	b     *bleve.Batch
	bytes int
	// applied, when set, is called after each batch applied.
	applied func()
}

func newBatch(bi bleve.Index) *batch { return &batch{bi: bi, b: bi.NewBatch()} }

// index adds turn t, applying the batch when it is full.
func (b *batch) index(t *turnDoc, an analyzers) error {
	if err := b.b.IndexAdvanced(t.document(an)); err != nil {
		return fmt.Errorf("search: indexing %s: %w", t.Name, err)
	}
	b.bytes += len(t.Text)
	return b.full()
}

// delete removes the turn with index ID id, applying the batch when it is
// full.
func (b *batch) delete(id string) error {
	b.b.Delete(id)
	return b.full()
}

func (b *batch) full() error {
	if b.b.Size() >= batchSize || b.bytes >= batchBytes {
		return b.flush()
	}
	return nil
}

// flush applies what the batch holds.
func (b *batch) flush() error {
	if b.b.Size() == 0 {
		return nil
	}
	if batched != nil {
		batched(b.b.Size())
	}
	if err := b.bi.Batch(b.b); err != nil {
		return fmt.Errorf("search: indexing: %w", err)
	}
	b.b.Reset()
	b.bytes = 0
	if b.applied != nil {
		b.applied()
	}
	return nil
}

// lockTimeout is how long Open waits for another process that has the index
// open (a variable so that tests wait less).
var lockTimeout = 3 * time.Second

// ErrBusy is returned by Open when another process has the index open.
var ErrBusy = errors.New("the search index is in use by another avain process")

// Index is the full-text index of a project's speaker turns. Its methods may
// be called from several goroutines.
type Index struct {
	dir string
	mu  sync.RWMutex // guards bi and an, which Rebuild replaces
	bi  bleve.Index
	an  analyzers
}

// Open opens the index in dir, creating it when it does not exist. It
// reports stale when the index is new, was unreadable (it is then removed
// and recreated empty), was built with another analysis (likewise recreated)
// or reflects another content version than want; the caller then Rebuilds.
// dir belongs to the index: Open may remove it and everything in it.
func Open(dir, want string) (ix *Index, stale bool, err error) {
	if dir == "" {
		return nil, false, errors.New("search: no index directory given")
	}
	ix = &Index{dir: dir}
	bi, err := openBleve(dir)
	switch {
	case errors.Is(err, bolt.ErrTimeout):
		return nil, false, fmt.Errorf("%w (%s)", ErrBusy, dir)
	case err != nil:
		// Missing or unreadable: it is derived data, so start again.
		if err := ix.recreate(); err != nil {
			return nil, false, err
		}
		return ix, true, nil
	}
	ix.set(bi)
	if got, err := bi.GetInternal(keyAnalysis); err != nil || string(got) != analysisID() {
		if err := ix.recreate(); err != nil {
			return nil, false, err
		}
		return ix, true, nil
	}
	return ix, ix.Version() != want, nil
}

// openBleve opens an existing bleve index, turning a panic on a damaged
// index into an error.
func openBleve(dir string) (bi bleve.Index, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("search: damaged index: %v", r)
		}
	}()
	return bleve.OpenUsing(dir, map[string]any{"bolt_timeout": lockTimeout.String()})
}

// recreate replaces whatever is in ix.dir with a new, empty index that
// records the analysis in force. ix.mu must be held or ix unshared.
func (ix *Index) recreate() error {
	if ix.bi != nil {
		_ = ix.bi.Close()
		ix.bi = nil
	}
	if err := os.RemoveAll(ix.dir); err != nil {
		return fmt.Errorf("search: removing the old index: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(ix.dir), 0o700); err != nil {
		return fmt.Errorf("search: %w", err)
	}
	m, err := newMapping()
	if err != nil {
		return fmt.Errorf("search: index mapping: %w", err)
	}
	bi, err := bleve.NewUsing(ix.dir, m, scorch.Name, bleve.Config.DefaultKVStore,
		map[string]any{"bolt_timeout": lockTimeout.String()})
	if err != nil {
		return fmt.Errorf("search: creating the index: %w", err)
	}
	if err := bi.SetInternal(keyAnalysis, []byte(analysisID())); err != nil {
		_ = bi.Close()
		return fmt.Errorf("search: %w", err)
	}
	ix.set(bi)
	ix.restrict()
	return nil
}

func (ix *Index) set(bi bleve.Index) {
	ix.bi = bi
	ix.an = newAnalyzers(bi.Mapping())
}

// restrict makes the index directory and files private to the user (bleve
// creates some files world-readable; the directory's mode protects them).
func (ix *Index) restrict() {
	_ = filepath.WalkDir(ix.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			_ = os.Chmod(path, 0o700)
		} else if d.Type().IsRegular() {
			_ = os.Chmod(path, 0o600)
		}
		return nil
	})
}

// Dir returns the index's directory.
func (ix *Index) Dir() string { return ix.dir }

// Close closes the index.
func (ix *Index) Close() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.bi == nil {
		return nil
	}
	err := ix.bi.Close()
	ix.bi = nil
	return err
}

// Version returns the content version the index reflects ("" when none is
// recorded).
func (ix *Index) Version() string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.bi == nil {
		return ""
	}
	v, err := ix.bi.GetInternal(keyVersion)
	if err != nil {
		return ""
	}
	return string(v)
}

// SetVersion records the content version the index now reflects.
func (ix *Index) SetVersion(v string) error {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.bi == nil {
		return bleve.ErrorIndexClosed
	}
	return ix.bi.SetInternal(keyVersion, []byte(v))
}

// Rebuild empties the index and indexes every turn of the documents docs
// yields, in large batches. When progress is set, docs is called twice (first
// to count the turns) and progress is told how many turns are indexed out of
// how many. Until SetVersion is called the rebuilt index has no content
// version, so an interrupted rebuild leaves it stale.
func (ix *Index) Rebuild(ctx context.Context, docs func(yield func(*coding.Document) error) error, progress func(doneTurns, totalTurns int)) error {
	total := 0
	if progress != nil {
		if err := docs(func(d *coding.Document) error {
			total += len(d.Turns)
			return ctx.Err()
		}); err != nil {
			return err
		}
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if err := ix.recreate(); err != nil {
		return err
	}
	b := newBatch(ix.bi)
	done := 0
	if progress != nil {
		b.applied = func() { progress(done, max(total, done)) }
	}
	err := docs(func(d *coding.Document) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return eachTurnDoc(d, func(t *turnDoc) error {
			done++
			return b.index(t, ix.an)
		})
	})
	if err == nil {
		err = b.flush()
	}
	ix.restrict()
	return err
}

// Add indexes the turns of docs, replacing whatever the index held for
// those documents, in batches of bounded size: should it fail midway, the
// index holds part of them, and the caller leaves its version unrecorded so
// that it is rebuilt.
func (ix *Index) Add(docs ...*coding.Document) error { return ix.add(true, docs) }

// Insert is Add for documents the index has never held (freshly imported,
// with new ids): it does not look for turns to replace.
func (ix *Index) Insert(docs ...*coding.Document) error { return ix.add(false, docs) }

func (ix *Index) add(replace bool, docs []*coding.Document) error {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.bi == nil {
		return bleve.ErrorIndexClosed
	}
	b := newBatch(ix.bi)
	for _, d := range docs {
		if replace {
			old, err := ix.turnIDs(d.ID)
			if err != nil {
				return err
			}
			for _, id := range old {
				if err := b.delete(id); err != nil {
					return err
				}
			}
		}
		if err := eachTurnDoc(d, func(t *turnDoc) error { return b.index(t, ix.an) }); err != nil {
			return err
		}
	}
	return b.flush()
}

// Delete removes the turns of document docID from the index.
func (ix *Index) Delete(docID string) error {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.bi == nil {
		return bleve.ErrorIndexClosed
	}
	ids, err := ix.turnIDs(docID)
	if err != nil || len(ids) == 0 {
		return err
	}
	b := ix.bi.NewBatch()
	for _, id := range ids {
		b.Delete(id)
	}
	return ix.bi.Batch(b)
}

// TurnCount returns how many turns of document docID the index holds.
func (ix *Index) TurnCount(docID string) (int, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.bi == nil {
		return 0, bleve.ErrorIndexClosed
	}
	res, err := ix.bi.Search(bleve.NewSearchRequestOptions(docQuery(docID), 0, 0, false))
	if err != nil {
		return 0, err
	}
	return int(res.Total), nil
}

// TurnIDs returns the index IDs ("<docID>/<turn>") of the turns of
// document docID the index holds, in no particular order.
func (ix *Index) TurnIDs(docID string) ([]string, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.bi == nil {
		return nil, bleve.ErrorIndexClosed
	}
	return ix.turnIDs(docID)
}

func (ix *Index) turnIDs(docID string) ([]string, error) {
	var ids []string
	const page = 10000
	for from := 0; ; from += page {
		req := bleve.NewSearchRequestOptions(docQuery(docID), page, from, false)
		req.Score = "none"
		req.SortBy([]string{"_id"})
		res, err := ix.bi.Search(req)
		if err != nil {
			return nil, err
		}
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		if len(res.Hits) < page {
			return ids, nil
		}
	}
}

// docQuery matches the turns of document docID.
func docQuery(docID string) query.Query {
	q := query.NewMatchQuery(docID)
	q.SetField(fieldDoc)
	q.Analyzer = keywordAnalyzer
	return q
}
