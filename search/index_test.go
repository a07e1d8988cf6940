package search

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/toituavain/avain/coding"
)

// reopen closes ix and opens its directory again wanting version want.
func reopen(t *testing.T, ix *Index, want string) (*Index, bool) {
	t.Helper()
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix, stale, err := openIndex(ix.Dir(), want)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix, stale
}

func TestOpenStaleness(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "p.avain.index")
	ix, stale, err := openIndex(dir, "v1")
	if err != nil {
		t.Fatal(err)
	}
	if !stale {
		t.Error("a new index is not stale")
	}
	if err := ix.Rebuild(context.Background(), yieldAll(corpus()), nil); err != nil {
		t.Fatal(err)
	}
	if err := ix.SetVersion("v1"); err != nil {
		t.Fatal(err)
	}

	ix, stale = reopen(t, ix, "v1")
	if stale {
		t.Error("same version and analysis: stale")
	}
	if n, _ := ix.TurnCount("d1"); n != 4 {
		t.Errorf("after reopening, %d turns of d1, want 4", n)
	}
	if _, stale = reopen(t, ix, "v2"); !stale {
		t.Error("another content version: not stale")
	}
}

func TestOpenAfterInterruptedRebuild(t *testing.T) {
	ix, _, err := openIndex(filepath.Join(t.TempDir(), "ix"), "v1")
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.SetVersion("v1"); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err = ix.Rebuild(context.Background(), func(yield func(*coding.Document) error) error {
		if err := yield(corpus()[0]); err != nil {
			return err
		}
		return boom
	}, nil)
	if !errors.Is(err, boom) {
		t.Fatalf("Rebuild = %v, want the iterator's error", err)
	}
	if _, stale := reopen(t, ix, "v1"); !stale {
		t.Error("after an interrupted rebuild: not stale")
	}
}

func TestOpenAnalysisChange(t *testing.T) {
	ix := openCorpus(t)
	if err := ix.SetVersion("v1"); err != nil {
		t.Fatal(err)
	}
	old := analysisID
	t.Cleanup(func() { analysisID = old })
	analysisID = func() string { return "other-analysis" }

	ix, stale := reopen(t, ix, "v1")
	if !stale {
		t.Error("another analysis: not stale")
	}
	if n, _ := ix.TurnCount("d1"); n != 0 {
		t.Errorf("index built with another analysis kept %d turns, want it emptied", n)
	}
	if ix.Version() != "" {
		t.Errorf("emptied index has version %q", ix.Version())
	}
}

func TestOpenCorrupted(t *testing.T) {
	for name, setup := range map[string]func(dir string) error{
		"garbage files": func(dir string) error {
			if err := os.MkdirAll(dir, 0o700); err != nil {
				return err
			}
			for _, f := range []string{"index_meta.json", "store/root.bolt", "store/00000001.zap"} {
				p := filepath.Join(dir, f)
				if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
					return err
				}
				if err := os.WriteFile(p, []byte("\x00garbage{{"), 0o600); err != nil {
					return err
				}
			}
			return nil
		},
		"empty directory": func(dir string) error { return os.MkdirAll(dir, 0o700) },
		"a file":          func(dir string) error { return os.WriteFile(dir, []byte("not an index"), 0o600) },
		"damaged root": func(dir string) error {
			ix, _, err := openIndex(dir, "v1")
			if err != nil {
				return err
			}
			if err := ix.Rebuild(context.Background(), yieldAll(corpus()), nil); err != nil {
				return err
			}
			if err := ix.Close(); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, readCurrent(dir), "store", "root.bolt"), []byte("garbage"), 0o600)
		},
	} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "ix")
			if err := setup(dir); err != nil {
				t.Fatal(err)
			}
			ix, stale, err := openIndex(dir, "v1")
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer ix.Close()
			if !stale {
				t.Error("not stale")
			}
			if n, err := ix.TurnCount("d1"); err != nil || n != 0 {
				t.Errorf("TurnCount = %d, %v; want an empty index", n, err)
			}
			if err := ix.Rebuild(context.Background(), yieldAll(corpus()), nil); err != nil {
				t.Fatal(err)
			}
			if got := hitIDs(t, ix, "tiedonsiirto"); len(got) != 1 {
				t.Errorf("after rebuilding, %q", got)
			}
		})
	}
}

func TestOpenBusy(t *testing.T) {
	ix := openCorpus(t)
	_, _, err := OpenWith(ix.Dir(), "v1", OpenOptions{Wait: 100 * time.Millisecond})
	if !errors.Is(err, ErrBusy) {
		t.Fatalf("opening an index that is open: %v, want ErrBusy", err)
	}
	if n, err := ix.TurnCount("d1"); err != nil || n != 4 {
		t.Errorf("the open index suffered: %d turns, %v", n, err)
	}
}

func TestIndexPermissions(t *testing.T) {
	ix := openCorpus(t)
	err := filepath.WalkDir(ix.Dir(), func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.Mode().Perm()&0o077 != 0 {
			t.Errorf("%s has mode %v", path, info.Mode().Perm())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestAddReplacesAndDeleteRemoves(t *testing.T) {
	ix := openCorpus(t)
	d := corpus()[0]
	if err := ix.Add(d); err != nil {
		t.Fatal(err)
	}
	if got := hitIDs(t, ix, "tiedonsiirto"); !slices.Equal(got, []string{"Haastattelu 1/4"}) {
		t.Errorf("after adding a document again: %q", got)
	}

	// The document comes back with fewer turns and other text.
	short := newDoc("d1", "Haastattelu 1b", coding.KindClient, coding.LangFinnish, nil,
		line{"V", "Uusi teksti ilman siirtoja."})
	if err := ix.Add(short); err != nil {
		t.Fatal(err)
	}
	if n, err := ix.TurnCount("d1"); err != nil || n != 1 {
		t.Errorf("TurnCount after replacing = %d, %v; want 1", n, err)
	}
	if got := hitIDs(t, ix, "tiedonsiirto"); len(got) != 0 {
		t.Errorf("old turns still found: %q", got)
	}
	if got := hitIDs(t, ix, "doc:d1"); !slices.Equal(got, []string{"Haastattelu 1b/1"}) {
		t.Errorf("doc:d1 = %q", got)
	}
	ids, err := ix.TurnIDs("d2")
	if err != nil {
		t.Fatal(err)
	}
	if slices.Sort(ids); !slices.Equal(ids, []string{"d2/1", "d2/2"}) {
		t.Errorf("TurnIDs(d2) = %q", ids)
	}

	if err := ix.Delete("d1"); err != nil {
		t.Fatal(err)
	}
	if n, _ := ix.TurnCount("d1"); n != 0 {
		t.Errorf("TurnCount after Delete = %d", n)
	}
	if n, _ := ix.TurnCount("d2"); n != 2 {
		t.Errorf("Delete touched another document: %d turns of d2", n)
	}
	if err := ix.Delete("no-such-doc"); err != nil {
		t.Errorf("Delete of an unknown document: %v", err)
	}
}

func TestRebuildProgressAndReplace(t *testing.T) {
	ix := openCorpus(t)
	var docs []*coding.Document
	turns := 0
	for i := range 300 {
		var lines []line
		for n := range 10 {
			lines = append(lines, line{"V", "Toimeentulotuen hakeminen vuorossa " + strconv.Itoa(n)})
		}
		d := newDoc("big"+strconv.Itoa(i), "Iso "+strconv.Itoa(i), coding.KindClient, coding.LangFinnish, nil, lines...)
		turns += len(d.Turns)
		docs = append(docs, d)
	}
	var calls [][2]int
	err := ix.Rebuild(context.Background(), yieldAll(docs), func(done, total int) { calls = append(calls, [2]int{done, total}) })
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) < 2 || calls[len(calls)-1] != [2]int{turns, turns} {
		t.Errorf("progress calls %v, want several ending at %d/%d", calls, turns, turns)
	}
	if n, _ := ix.TurnCount("d1"); n != 0 {
		t.Errorf("Rebuild kept the old documents: %d turns of d1", n)
	}
	res, err := ix.Search(context.Background(), "toimeentulotuki", 1)
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != uint64(turns) {
		t.Errorf("%d hits, want %d", res.Total, turns)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := ix.Rebuild(ctx, yieldAll(docs), nil); !errors.Is(err, context.Canceled) {
		t.Errorf("Rebuild with a cancelled context = %v", err)
	}
}
