package search

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The index folder holds generations of the index, each a bleve index in
// its own folder; the file current names the one in use. A rebuild makes a
// new generation and then names it current, so that readers keep reading
// the old one meanwhile; the old one is removed once no reader has it
// open. The bolt file writerLock is held by the one writer at a time;
// openLock is held shared by readers while they open a generation, and
// exclusively by a writer while it removes old ones, so that no reader
// opens a generation as it is removed.
const (
	currentFile = "current"
	writerLock  = "writer.lock"
	openLock    = "open.lock"
	genPrefix   = "gen-"
)

// readCurrent returns the name of the generation in use, or "" when there
// is none.
func readCurrent(dir string) string {
	b, err := os.ReadFile(filepath.Join(dir, currentFile))
	if err != nil {
		return ""
	}
	gen := strings.TrimSpace(string(b))
	if !strings.HasPrefix(gen, genPrefix) || strings.ContainsAny(gen, `/\`) {
		return ""
	}
	return gen
}

// setCurrent names gen the generation in use, atomically: a reader finds
// the old name or the new one.
func setCurrent(dir, gen string) error {
	tmp := filepath.Join(dir, currentFile+".tmp")
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	_, err = f.WriteString(gen + "\n")
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(dir, currentFile))
	}
	if err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("search: %w", err)
	}
	return nil
}

// clean removes what a writer finds in the index folder besides the
// current generation: generations replaced, once no reader has them open
// (waiting up to wait for readers to finish), and the files of an index of
// an older avain, which kept one generation in the folder itself.
func (ix *Index) clean(wait time.Duration) {
	deadline := time.Now().Add(wait)
	for !ix.cleanOnce() && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
}

// cleanOnce removes what it can of what clean removes, with no reader
// opening the index meanwhile, and reports whether it removed all.
func (ix *Index) cleanOnce() bool {
	lk, err := bolt.Open(filepath.Join(ix.dir, openLock), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return false
	}
	defer lk.Close()
	entries, err := os.ReadDir(ix.dir)
	if err != nil {
		return false
	}
	all := true
	legacy := !unused(filepath.Join(ix.dir, "store", "root.bolt"))
	for _, e := range entries {
		name := e.Name()
		switch {
		case name == currentFile || name == writerLock || name == openLock || name == ix.gen:
		case strings.HasPrefix(name, genPrefix):
			if !unused(filepath.Join(ix.dir, name, "store", "root.bolt")) {
				all = false
			} else if err := os.RemoveAll(filepath.Join(ix.dir, name)); err != nil {
				all = false
			}
		case name == "index_meta.json" || name == "store" || name == currentFile+".tmp":
			if legacy {
				all = false
			} else {
				_ = os.RemoveAll(filepath.Join(ix.dir, name))
			}
		}
	}
	return all
}

// lockOpen holds the index folder's open lock shared while a reader opens
// a generation, waiting up to wait for a writer removing old ones; it
// returns what releases it.
func lockOpen(dir string, wait time.Duration) (release func(), err error) {
	path := filepath.Join(dir, openLock)
	if _, err := os.Stat(path); err != nil {
		return func() {}, nil // an index of an older avain, or none
	}
	lk, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: tryFor(wait)})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, err
	}
	if err != nil {
		return func() {}, nil
	}
	return func() { _ = lk.Close() }, nil
}

// unused reports whether no process has the bolt file at path open (or
// there is none).
func unused(path string) bool {
	if _, err := os.Stat(path); err != nil {
		return true
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: tryFor(0), OpenFile: func(name string, _ int, mode os.FileMode) (*os.File, error) {
		return os.OpenFile(name, os.O_RDWR, mode)
	}})
	if errors.Is(err, bolt.ErrTimeout) {
		return false
	}
	if err == nil {
		_ = db.Close()
	}
	return true
}

// Current reports whether ix still reads the index's generation in use: a
// rebuild by any process replaces it (one small file read).
func (ix *Index) Current() bool { return ix.gen != "" && readCurrent(ix.dir) == ix.gen }
