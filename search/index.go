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

// batchTurns is the batchSize in force: tests make many batches of a few
// turns.
var batchTurns = batchSize

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
	if b.b.Size() >= batchTurns || b.bytes >= batchBytes {
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

// ErrBusy is returned when another process kept the index longer than the
// wait allowed: a writer waits for another writer, a reader for a writer's
// batch.
var ErrBusy = errors.New("the search index is in use by another avain process")

// ErrNoIndex is returned by a reader's open when there is no index to read
// (none was built, or it is damaged): a writer must build one first.
var ErrNoIndex = errors.New("search: no index built")

// errReadOnly refuses a change through an index opened for reading.
var errReadOnly = errors.New("search: the index is open for reading only")

// Index is the full-text index of a project's speaker turns, open for
// reading or for writing (see OpenWith). Its methods may be called from
// several goroutines.
type Index struct {
	dir      string        // the index folder
	write    bool          // open for writing: holds the writer lock
	wait     time.Duration // how long to wait for another process
	lock     *bolt.DB      // the writer lock (writing only)
	mu       sync.RWMutex  // guards gen, bi and an, which Rebuild replaces
	gen      string        // the generation open, a folder in dir
	bi       bleve.Index
	an       analyzers
	replaced string // the other analysis of an index started again (ReplacedAnalysis)
}

// OpenOptions say how OpenWith opens an index.
type OpenOptions struct {
	// ReadOnly opens the index for reading: any number of processes may
	// read at once; a reader waits only for a writer's batch to finish.
	ReadOnly bool
	// Wait bounds how long to wait for another process before ErrBusy
	// (0: do not wait).
	Wait time.Duration
}

// OpenWith opens the index in dir. It reports stale when the index
// reflects another content version than want or was built with another
// analysis; the caller then Rebuilds it through a writer, or reads it as
// it is.
//
// A writer holds the index's writer lock until Close: one writer at a
// time. It creates the index when there is none, and recreates it empty,
// stale, when it is unreadable or of another analysis. Readers are locked
// out only while a writer applies a batch; a rebuild goes into a new
// generation while readers read the old one.
//
// A reader finds ErrNoIndex when there is nothing to read. Either waits
// up to o.Wait for another process, then returns an error of kind
// ErrBusy. dir belongs to the index: a writer may remove anything in it.
func OpenWith(dir, want string, o OpenOptions) (ix *Index, stale bool, err error) {
	if dir == "" {
		return nil, false, errors.New("search: no index directory given")
	}
	if o.ReadOnly {
		return openReader(dir, want, o.Wait)
	}
	return openWriter(dir, want, o.Wait)
}

// openReader opens the current generation read-only, following a writer
// that replaces it meanwhile. It holds the open lock only while it tries
// the generation's lock, never while it waits for it: a writer removing
// old generations is never kept waiting by a reader that waits for it.
func openReader(dir, want string, wait time.Duration) (*Index, bool, error) {
	deadline := time.Now().Add(wait)
	busy := fmt.Errorf("%w (%s)", ErrBusy, dir)
	for {
		release, err := lockOpen(dir, time.Until(deadline))
		if err != nil {
			return nil, false, busy
		}
		gen := readCurrent(dir)
		if gen == "" {
			release()
			return nil, true, ErrNoIndex
		}
		bi, err := openGen(filepath.Join(dir, gen), true, 0)
		release()
		switch {
		case errors.Is(err, bolt.ErrTimeout): // a writer's batch: wait for it
			if time.Now().After(deadline) {
				return nil, false, busy
			}
			time.Sleep(20 * time.Millisecond)
			continue
		case readCurrent(dir) != gen: // replaced while opening: read the new one
			if bi != nil {
				_ = bi.Close()
			}
			if time.Now().After(deadline) {
				return nil, false, busy
			}
			continue
		case err != nil:
			return nil, true, ErrNoIndex
		}
		ix := &Index{dir: dir, wait: wait, gen: gen}
		ix.set(bi)
		if got, err := bi.GetInternal(keyAnalysis); err != nil || string(got) != analysisID() {
			return ix, true, nil
		}
		return ix, ix.Version() != want, nil
	}
}

// openWriter takes the writer lock and opens the current generation
// read-write, or makes a new one.
func openWriter(dir, want string, wait time.Duration) (*Index, bool, error) {
	if fi, err := os.Lstat(dir); err == nil && !fi.IsDir() {
		_ = os.Remove(dir) // not an index: derived data, so start again
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, false, fmt.Errorf("search: %w", err)
	}
	lock, err := bolt.Open(filepath.Join(dir, writerLock), 0o600, &bolt.Options{Timeout: tryFor(wait)})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, false, fmt.Errorf("%w (%s)", ErrBusy, dir)
	}
	if err != nil {
		return nil, false, fmt.Errorf("search: %s: %w", filepath.Join(dir, writerLock), err)
	}
	ix := &Index{dir: dir, write: true, wait: wait, lock: lock}
	if gen := readCurrent(dir); gen != "" {
		// The open lock, held while waiting for the readers inside to
		// finish, keeps new ones out meanwhile: a stream of searches
		// does not keep a writer waiting.
		lk, err := bolt.Open(filepath.Join(dir, openLock), 0o600, &bolt.Options{Timeout: tryFor(wait)})
		if errors.Is(err, bolt.ErrTimeout) {
			ix.Close()
			return nil, false, fmt.Errorf("%w (%s)", ErrBusy, dir)
		}
		bi, err := openGen(filepath.Join(dir, gen), false, wait)
		if lk != nil {
			_ = lk.Close()
		}
		if errors.Is(err, bolt.ErrTimeout) {
			ix.Close()
			return nil, false, fmt.Errorf("%w (%s)", ErrBusy, dir)
		}
		if err == nil {
			ix.gen = gen
			ix.set(bi)
			got, err := bi.GetInternal(keyAnalysis)
			if err == nil && string(got) == analysisID() {
				ix.clean(0)
				return ix, ix.Version() != want, nil
			}
			if err == nil {
				ix.replaced = string(got)
			}
		}
	}
	// Missing, unreadable or of another analysis: derived data, so start
	// again.
	if a := genAnalysis(dir); ix.replaced == "" && a != analysisID() {
		ix.replaced = a
	}
	if err := ix.recreate(); err != nil {
		ix.Close()
		return nil, false, err
	}
	return ix, true, nil
}

// tryFor is bolt's lock timeout for a wait of d (bolt waits forever on 0).
func tryFor(d time.Duration) time.Duration { return max(d, time.Millisecond) }

// openGen opens the bleve index of one generation, turning a panic on a
// damaged index into an error.
func openGen(path string, readOnly bool, wait time.Duration) (bi bleve.Index, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("search: damaged index: %v", r)
		}
	}()
	bi, err = bleve.OpenUsing(path, map[string]any{"bolt_timeout": tryFor(wait).String(), "read_only": readOnly})
	if err != nil {
		return nil, err // not a typed nil
	}
	return bi, nil
}

// recreate replaces the index with a new, empty generation that records
// the analysis in force. ix.mu must be held or ix unshared.
func (ix *Index) recreate() error {
	gen, bi, err := ix.newGen()
	if err != nil {
		return err
	}
	if ix.bi != nil {
		_ = ix.bi.Close()
	}
	if err := setCurrent(ix.dir, gen); err != nil {
		_ = bi.Close()
		_ = os.RemoveAll(filepath.Join(ix.dir, gen))
		ix.bi = nil
		return err
	}
	ix.adopt(gen, bi)
	return nil
}

// newGen makes a new, empty generation beside the current one.
func (ix *Index) newGen() (string, bleve.Index, error) {
	if err := os.MkdirAll(ix.dir, 0o700); err != nil {
		return "", nil, fmt.Errorf("search: %w", err)
	}
	path, err := os.MkdirTemp(ix.dir, genPrefix)
	if err != nil {
		return "", nil, fmt.Errorf("search: %w", err)
	}
	if err := writeGenAnalysis(path); err != nil {
		return "", nil, err
	}
	m, err := newMapping()
	if err != nil {
		return "", nil, fmt.Errorf("search: index mapping: %w", err)
	}
	bi, err := bleve.NewUsing(path, m, scorch.Name, bleve.Config.DefaultKVStore, nil)
	if err != nil {
		_ = os.RemoveAll(path)
		return "", nil, fmt.Errorf("search: creating the index: %w", err)
	}
	if err := bi.SetInternal(keyAnalysis, []byte(analysisID())); err != nil {
		_ = bi.Close()
		_ = os.RemoveAll(path)
		return "", nil, fmt.Errorf("search: %w", err)
	}
	return filepath.Base(path), bi, nil
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

// Close closes the index and, for a writer, lets the next writer in.
func (ix *Index) Close() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	var err error
	if ix.bi != nil {
		err = ix.bi.Close()
		ix.bi = nil
	}
	if ix.lock != nil {
		_ = ix.lock.Close()
		ix.lock = nil
	}
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
	if err := ix.writable(); err != nil {
		return err
	}
	return ix.bi.SetInternal(keyVersion, []byte(v))
}

// writable refuses a change through a reader or a closed index.
func (ix *Index) writable() error {
	if !ix.write {
		return errReadOnly
	}
	if ix.bi == nil {
		return bleve.ErrorIndexClosed
	}
	return nil
}

// Rebuild indexes every turn of the documents docs yields, in large
// batches, into a new generation that replaces the index when it is
// complete; meanwhile other processes read the index as it was (with no
// content version: stale). When progress is set, docs is called twice
// (first to count the turns) and progress is told how many turns are
// indexed out of how many. The new generation is compacted (see Compact)
// before it replaces the old. Until SetVersion is called the rebuilt index
// has no content version, so an interrupted rebuild leaves it stale.
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
	if err := ix.writable(); err != nil {
		return err
	}
	// The old generation stays readable while the new one is built, but
	// no longer claims a content version.
	if err := ix.bi.DeleteInternal(keyVersion); err != nil {
		return fmt.Errorf("search: %w", err)
	}
	_ = ix.bi.Close()
	ix.bi = nil
	gen, bi, err := ix.newGen()
	if err != nil {
		ix.reopen()
		return err
	}
	an := newAnalyzers(bi.Mapping())
	b := newBatch(bi)
	done := 0
	if progress != nil {
		b.applied = func() { progress(done, max(total, done)) }
	}
	err = docs(func(d *coding.Document) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return eachTurnDoc(d, func(t *turnDoc) error {
			done++
			return b.index(t, an)
		})
	})
	if err == nil {
		err = b.flush()
	}
	if err == nil {
		err = compact(ctx, bi, compactAbove)
	}
	if err == nil {
		err = setCurrent(ix.dir, gen)
	}
	if err != nil {
		_ = bi.Close()
		_ = os.RemoveAll(filepath.Join(ix.dir, gen))
		ix.reopen()
		return err
	}
	ix.adopt(gen, bi)
	return nil
}

// reopen opens the current generation again after a failed rebuild.
func (ix *Index) reopen() {
	if bi, err := openGen(filepath.Join(ix.dir, ix.gen), false, ix.wait); err == nil {
		ix.set(bi)
	}
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
	if err := ix.writable(); err != nil {
		return err
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
	if err := ix.writable(); err != nil {
		return err
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

// adopt makes gen, open as bi and named current, the index's generation,
// and removes the generations no reader holds any longer.
func (ix *Index) adopt(gen string, bi bleve.Index) {
	ix.gen = gen
	ix.set(bi)
	ix.clean(ix.wait)
	ix.restrict()
}
