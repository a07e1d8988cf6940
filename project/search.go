package project

import (
	"context"
	"sync"
	"time"

	"github.com/toituavain/avain/search"
)

// keptFor is how long a search keeps the index open for the searches that
// follow (typing in the UI, a benchmark's loop): opening it costs more than
// a word query. A writer, in this process or another, waits for an open
// reader, so it is kept a short while only, and this process closes it
// before it writes. (A variable for tests.)
var keptFor = 250 * time.Millisecond

// keptIndex is the index a search keeps open, for the content version it
// reflects, until a moment after it was opened.
type keptIndex struct {
	mu      sync.Mutex
	ix      *search.Index
	version string
	until   time.Time
	timer   *time.Timer
	opened  int // how many times a search opened the index (for tests)
}

// release closes the kept index, if any.
func (k *keptIndex) release() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.closeLocked()
}

func (k *keptIndex) closeLocked() {
	if k.timer != nil {
		k.timer.Stop()
		k.timer = nil
	}
	if k.ix != nil {
		_ = k.ix.Close()
		k.ix = nil
	}
}

// expire closes the kept index once its time is up.
func (k *keptIndex) expire() {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.ix != nil && !time.Now().Before(k.until) {
		k.closeLocked()
	}
}

// Search runs query q on the project's index (brought up to date first,
// unless another process is writing it) and returns at most limit hits;
// see search.Index.Search. The index stays open for keptFor, for the next
// searches, while the project's content version and the index's
// generation stay as they were: another process's change is seen on the
// next search.
func (p *Project) Search(ctx context.Context, q string, limit int) (search.Result, error) {
	k := &p.kept
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.ix != nil {
		version, err := p.Store.ContentVersion(ctx)
		if err != nil {
			return search.Result{}, err
		}
		if version != k.version || !time.Now().Before(k.until) || !k.ix.Current() {
			k.closeLocked()
		}
	}
	if k.ix != nil {
		return k.ix.Search(ctx, q, limit)
	}
	version, err := p.Store.ContentVersion(ctx)
	if err != nil {
		return search.Result{}, err
	}
	ix, err := p.Index(ctx)
	if err != nil {
		return search.Result{}, err
	}
	k.opened++
	if ix.Version() != version { // stale, read as it is: not kept
		defer ix.Close()
		return ix.Search(ctx, q, limit)
	}
	k.ix, k.version, k.until = ix, version, time.Now().Add(keptFor)
	k.timer = time.AfterFunc(keptFor, k.expire)
	return ix.Search(ctx, q, limit)
}
