package finnish

import "sync"

// termCacheLimit is the number of distinct words a termCache holds before it
// is emptied; it bounds memory on large corpora.
const termCacheLimit = 200_000

// termCache maps a word to the terms a filter emits for it. Terms are shared
// between tokens and must not be modified.
type termCache struct {
	mu sync.RWMutex
	m  map[string][][]byte
}

func newTermCache() *termCache { return &termCache{m: make(map[string][][]byte)} }

// get returns the cached terms of word; the lookup does not allocate.
func (c *termCache) get(word []byte) ([][]byte, bool) {
	c.mu.RLock()
	t, ok := c.m[string(word)]
	c.mu.RUnlock()
	return t, ok
}

func (c *termCache) put(word []byte, terms [][]byte) {
	c.mu.Lock()
	if len(c.m) >= termCacheLimit {
		clear(c.m)
	}
	c.m[string(word)] = terms
	c.mu.Unlock()
}
