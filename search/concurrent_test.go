package search

import (
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/toituavain/avain/coding"
)

// TestReadersAndOneWriter: any number of readers at once, one writer at a
// time (a second waits, then ErrBusy), and readers read the index as it
// was while a writer rebuilds it.
func TestReadersAndOneWriter(t *testing.T) {
	ix := openCorpus(t)
	if err := ix.SetVersion("v1"); err != nil {
		t.Fatal(err)
	}
	dir := ix.Dir()
	read := OpenOptions{ReadOnly: true, Wait: time.Second}

	// While the writer rebuilds, with one document changed, readers read
	// the old index, stale.
	changed := append([]*coding.Document{newDoc("d1", "Haastattelu 1", coding.KindClient, coding.LangFinnish, nil,
		line{"V", "Uusi teksti ilman siirtoja."})}, corpus()[1:]...)
	var during []string
	err := ix.Rebuild(context.Background(), func(yield func(*coding.Document) error) error {
		for i, d := range changed {
			if i == 1 {
				r1, stale1, err := OpenWith(dir, "v1", read)
				if err != nil {
					return err
				}
				r2, _, err := OpenWith(dir, "v1", read)
				if err != nil {
					r1.Close()
					return err
				}
				if !stale1 {
					t.Error("a reader during a rebuild: not stale")
				}
				during = hitIDs(t, r2, "tiedonsiirto")
				if err := r2.SetVersion("v2"); !errors.Is(err, errReadOnly) {
					t.Errorf("SetVersion through a reader = %v", err)
				}
				r1.Close()
				r2.Close()
			}
			if err := yield(d); err != nil {
				return err
			}
		}
		return nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(during) != 1 {
		t.Errorf("a reader during the rebuild found %q, want the old turn", during)
	}
	if err := ix.SetVersion("v2"); err != nil {
		t.Fatal(err)
	}

	// A second writer waits, then is busy; readers still read.
	if _, _, err := OpenWith(dir, "v2", OpenOptions{Wait: 100 * time.Millisecond}); !errors.Is(err, ErrBusy) {
		t.Fatalf("a second writer: %v, want ErrBusy", err)
	}
	ix.Close()
	r, stale, err := OpenWith(dir, "v2", read)
	if err != nil || stale {
		t.Fatalf("reader after the rebuild: stale %v, %v", stale, err)
	}
	defer r.Close()
	if got := hitIDs(t, r, "tiedonsiirto"); len(got) != 0 {
		t.Errorf("after the rebuild a reader found the old turn: %q", got)
	}

	// The old generation is gone: one generation in the folder.
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var gens []string
	for _, e := range es {
		if strings.HasPrefix(e.Name(), genPrefix) {
			gens = append(gens, e.Name())
		}
	}
	if !slices.Equal(gens, []string{readCurrent(dir)}) {
		t.Errorf("generations %q, current %q", gens, readCurrent(dir))
	}
}

// TestReaderWithoutIndex: a reader of a folder with no index says so.
func TestReaderWithoutIndex(t *testing.T) {
	_, _, err := OpenWith(t.TempDir()+"/ix", "v1", OpenOptions{ReadOnly: true})
	if !errors.Is(err, ErrNoIndex) {
		t.Errorf("reader of no index: %v, want ErrNoIndex", err)
	}
}
