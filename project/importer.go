package project

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/pseudo"
	"github.com/toituavain/avain/search"
	"github.com/toituavain/avain/store"
	"github.com/toituavain/avain/transcript"
	"golang.org/x/text/unicode/norm"
)

// ImportOptions says how files are imported.
type ImportOptions struct {
	Kind  string            // client, professional or other; "" means other unless the sidecar says
	Lang  string            // fi or en; "" means detect (unless the sidecar says)
	Attrs map[string]string // attributes given on the command line, for every file
	Meta  string            // a CSV sidecar: a file column and one column per attribute
	Coder string
	// Pseudo, when set, replaces personal data in each document before it
	// is stored.
	Pseudo *Pseudonymizer
}

// ImportStatus is what became of one file.
type ImportStatus int

// The outcomes of importing one file.
const (
	Imported ImportStatus = iota
	Duplicate
	Failed
)

// ImportResult reports one file.
type ImportResult struct {
	Path   string
	Status ImportStatus
	Doc    *coding.Document // the imported document (Imported), or the parsed one (Duplicate)
	Err    error            // why it failed, or the duplicate's explanation
	// Replaced counts what pseudonymisation replaced (Imported, with
	// ImportOptions.Pseudo).
	Replaced pseudo.Counts
	// Words counts the words of the imported document's turns (Imported).
	Words int
	// Warnings say what the user should know of how the file was read
	// (lines that were not UTF-8), one line each naming the file.
	Warnings []string
}

// Loader turns a path into a document; ImportFiles uses transcript.Read
// unless a test or another source supplies its own.
type Loader func(path string) (*coding.Document, error)

// ImportFiles imports each file in its own transaction, so a bad file
// changes nothing while the others still import, and keeps the index in
// step. report is called once per file, in order. It returns the number of
// files that failed; an error, naming the file it stopped at (which is not
// reported), when the project itself fails or the user stops
// pseudonymisation.
//
// A file over coding.MaxDocumentBytes, or a document over
// coding.MaxDocumentChars, fails as it is read, before anything is stored.
func (p *Project) ImportFiles(ctx context.Context, files []string, opts ImportOptions, report func(i int, r ImportResult)) (failed int, err error) {
	return p.importFiles(ctx, transcript.Read, files, opts, report)
}

// ImportWith is ImportFiles with another loader.
func (p *Project) ImportWith(ctx context.Context, load Loader, files []string, opts ImportOptions, report func(i int, r ImportResult)) (failed int, err error) {
	return p.importFiles(ctx, load.withWarnings(), files, opts, report)
}

// withWarnings is the loader as a warningLoader.
func (load Loader) withWarnings() warningLoader {
	return func(path string) (*coding.Document, []string, error) {
		doc, err := load(path)
		return doc, nil, err
	}
}

// warningLoader is a Loader that also returns warnings, as transcript.Read.
type warningLoader func(path string) (*coding.Document, []string, error)

func (p *Project) importFiles(ctx context.Context, load warningLoader, files []string, opts ImportOptions, report func(i int, r ImportResult)) (failed int, err error) {
	if report == nil {
		report = func(int, ImportResult) {}
	}
	if opts.Kind != "" && !coding.ValidKind(opts.Kind) {
		return 0, fmt.Errorf("unknown interview kind %q (want client, professional or other)", opts.Kind)
	}
	if opts.Lang != "" && !coding.ValidLang(opts.Lang) {
		return 0, fmt.Errorf("unknown language %q (want fi or en)", opts.Lang)
	}
	var meta map[string]map[string]string
	if opts.Meta != "" {
		if meta, err = transcript.ReadMeta(opts.Meta); err != nil {
			return 0, err
		}
	}
	return p.importLoaded(ctx, load, files, opts, meta, report)
}

// importWithMeta imports files with a sidecar already read.
func (p *Project) importWithMeta(ctx context.Context, load Loader, files []string, opts ImportOptions,
	meta map[string]map[string]string, report func(i int, r ImportResult)) (failed int, err error) {
	return p.importLoaded(ctx, load.withWarnings(), files, opts, meta, report)
}

// importLoaded imports files one by one, each in its own transaction, and
// reports each; it stops at a fault of the project or when the user stops
// the pseudonymisation, and indexes the documents in batches.
func (p *Project) importLoaded(ctx context.Context, load warningLoader, files []string, opts ImportOptions,
	meta map[string]map[string]string, report func(i int, r ImportResult)) (failed int, err error) {
	defer boundMemory(files)()
	q := &indexQueue{p: p}
	defer func() { err = q.finish(ctx, err) }()
	for i, path := range files {
		if err := ctx.Err(); err != nil {
			return failed, err
		}
		r, before, stop := p.importOne(ctx, load, path, opts, meta)
		if stop != nil {
			return failed + 1, stop
		}
		switch {
		case r.Err == nil:
			r.Status = Imported
			r.Words = words(r.Doc)
			after, _ := p.Store.ContentVersion(ctx)
			if err := q.add(ctx, indexed{r.Doc, before, after}); err != nil {
				return failed, err
			}
		case errors.Is(r.Err, coding.ErrDuplicate):
			r.Status = Duplicate
		default:
			r.Status = Failed
			failed++
			if !strings.HasPrefix(r.Err.Error(), path) {
				r.Err = fmt.Errorf("%s: %w", path, r.Err)
			}
			if isProjectError(r.Err) || errors.Is(r.Err, pseudo.ErrStopped) {
				return failed, r.Err // the caller reports it, once
			}
		}
		report(i, r)
	}
	return failed, nil
}

// importOne loads one file, applies the options, pseudonymizes it when
// asked and stores it in its own transaction; r.Err says why it was not
// stored. before is the project's content version before the import. A
// key file that cannot be written is returned as stop, for every later
// file would fail the same way.
func (p *Project) importOne(ctx context.Context, load warningLoader, path string, opts ImportOptions,
	meta map[string]map[string]string) (r ImportResult, before string, stop error) {
	r = ImportResult{Path: path}
	r.Doc, r.Warnings, r.Err = load(path)
	if r.Err == nil {
		r.Doc.Name = norm.NFC.String(r.Doc.Name) // a macOS file name is NFD; names are typed NFC
		r.Err = applyOptions(r.Doc, opts, meta, path)
	}
	var reps []pseudo.Replacement
	if r.Err == nil && opts.Pseudo != nil {
		reps, r.Err = p.pseudonymize(ctx, r.Doc, opts.Pseudo)
	}
	before, _ = p.Store.ContentVersion(ctx)
	switch {
	case r.Err != nil:
	case opts.Pseudo != nil:
		keep, undo := opts.Pseudo.keeper(reps)
		r.Err = p.Store.ImportPseudonymized(ctx, r.Doc, opts.Coder, pseudo.Count(reps).String(), keep)
		if r.Err != nil {
			undo()
		}
		var kerr *keyFileError
		if errors.As(r.Err, &kerr) {
			return r, before, fmt.Errorf("%s was not imported: its placeholders could not be written to the key file: %w", path, kerr.err)
		}
		if r.Err == nil {
			r.Replaced = pseudo.Count(reps)
			opts.Pseudo.count(reps)
		}
	default:
		r.Err = p.Store.ImportDocument(ctx, r.Doc, opts.Coder)
	}
	return r, before, nil
}

// indexQueue holds imported documents until about indexBatch turns wait,
// then indexes them together: each document is committed to the project
// first, and the index, derived data, follows a batch later (or is rebuilt
// by the next search should the process die in between, or another
// process keep the index past the busy timeout: then the queue indexes
// nothing more).
type indexQueue struct {
	p        *Project
	pending  []indexed
	turns    int
	deferred bool
	indexed  int // turns indexed
}

// add queues d, and indexes the queue once it holds a batch.
func (q *indexQueue) add(ctx context.Context, d indexed) error {
	q.pending = append(q.pending, d)
	if q.turns += len(d.doc.Turns); q.turns >= indexBatch {
		return q.flush(ctx)
	}
	return nil
}

// flush indexes the documents waiting.
func (q *indexQueue) flush(ctx context.Context) error {
	if len(q.pending) == 0 || q.deferred {
		return nil
	}
	err := q.p.indexDocs(ctx, q.pending)
	if err == nil {
		q.indexed += q.turns
	}
	if errors.Is(err, ErrIndexDeferred) {
		q.deferred, err = true, nil // the import goes on; the next search indexes
	} else if err != nil {
		names := make([]string, len(q.pending))
		for i, d := range q.pending {
			names[i] = d.doc.Name
		}
		// The documents are in the project; the index is rebuilt by
		// the next search (its version no longer matches).
		err = fmt.Errorf("%s were imported, but the search index could not be updated (it is rebuilt by the next search): %w", strings.Join(names, ", "), err)
	}
	q.pending, q.turns = q.pending[:0], 0
	return err
}

// finish indexes what still waits when the import ends with err: it
// returns err, else its own error, else ErrIndexDeferred if the index was
// left to the next search.
func (q *indexQueue) finish(ctx context.Context, err error) error {
	if ferr := q.flush(ctx); err == nil {
		err = ferr
	}
	if err == nil && q.indexed > 0 && !q.deferred {
		// A merge that fails leaves the index as it was, whole.
		_ = q.p.compactIndex(ctx)
	}
	if q.deferred && err == nil {
		err = fmt.Errorf("imported; %s: %w", IndexDir(q.p.path), ErrIndexDeferred)
	}
	return err
}

// The soft limit on the process's Go memory while files are imported: at
// least memoryFloor, and a base and so many bytes per byte of the largest
// file. Go's collector then works harder on a large document rather than
// let the heap grow to twice what is live: a 19 MB text's import peaked at
// 20 times its size without it, at 10 times over a fixed base with it
// (bench/run.sh measures it). Below the floor a corpus of small files
// imports as fast as without a limit. An archive's text is larger than its
// file, so it counts more.
const (
	memoryFloor   = 160 << 20
	memoryBase    = 96 << 20
	memoryPerByte = 3
	archiveFactor = 4 // what a .docx or .odt file's text is to its size, about
)

// boundMemory sets the soft memory limit for importing files, unless the
// user set one (GOMEMLIMIT), and returns what restores the one before.
func boundMemory(files []string) (restore func()) {
	if debug.SetMemoryLimit(-1) != math.MaxInt64 {
		return func() {}
	}
	largest := int64(0)
	for _, f := range files {
		fi, err := os.Stat(f)
		if err != nil {
			continue
		}
		size := fi.Size()
		if ext := strings.ToLower(filepath.Ext(f)); ext == ".docx" || ext == ".odt" {
			size *= archiveFactor
		}
		largest = max(largest, min(size, coding.MaxDocumentBytes))
	}
	prev := debug.SetMemoryLimit(max(memoryFloor, memoryBase+memoryPerByte*largest))
	return func() { debug.SetMemoryLimit(prev) }
}

// indexBatch is about how many turns an import indexes at a time.
const indexBatch = 2000

// indexed is a document committed to the project and not yet indexed,
// with the project's content versions just before and after its commit.
type indexed struct {
	doc           *coding.Document
	before, after string
}

// indexDocs adds freshly committed documents to the index, through a
// writer that waits for another up to the busy timeout (else
// ErrIndexDeferred). When the index reflected the project just before the
// first of them, and nothing but them changed the project since, it
// records the content version after the last; otherwise the index was
// stale or others changed the project meanwhile, and it is rebuilt.
func (p *Project) indexDocs(ctx context.Context, docs []indexed) error {
	w, stale, version, err := p.indexWriter(ctx)
	if errors.Is(err, search.ErrBusy) {
		return fmt.Errorf("%s: %w", IndexDir(p.path), ErrIndexDeferred)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", IndexDir(p.path), err)
	}
	defer w.Close()
	if !stale {
		return nil // another process indexed them already
	}
	if !follows(w.Version(), docs) {
		return p.rebuild(ctx, w, version)
	}
	ds := make([]*coding.Document, len(docs))
	for i, d := range docs {
		ds[i] = d.doc
	}
	if err := w.Insert(ds...); err != nil {
		return fmt.Errorf("indexing: %w", err)
	}
	return w.SetVersion(docs[len(docs)-1].after)
}

// indexWriter opens the index for writing, waiting for another writer up
// to the busy timeout, after letting go of a reader this project keeps
// (it would keep the writer waiting); version is the project's content
// version it was opened at, and stale says the index does not reflect it.
func (p *Project) indexWriter(ctx context.Context) (w *search.Index, stale bool, version string, err error) {
	p.kept.release()
	if version, err = p.Store.ContentVersion(ctx); err != nil {
		return nil, false, "", err
	}
	w, stale, err = search.OpenWith(IndexDir(p.path), version, search.OpenOptions{Wait: p.wait})
	return w, stale, version, err
}

// compactIndex merges the index's segments once an import is indexed
// (see search.Index.Compact); an index another process keeps is left as
// it is.
func (p *Project) compactIndex(ctx context.Context) error {
	w, _, _, err := p.indexWriter(ctx)
	if errors.Is(err, search.ErrBusy) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", IndexDir(p.path), err)
	}
	defer w.Close()
	return w.Compact(ctx)
}

// follows reports whether docs, committed one after another with nothing
// else in between, are all that changed the project since it was at
// content version v.
func follows(v string, docs []indexed) bool {
	for _, d := range docs {
		if d.before != v || d.after != nextVersion(v) {
			return false
		}
		v = d.after
	}
	return true
}

// nextVersion is the content version after one change to v ("" when v is
// not one).
func nextVersion(v string) string {
	i := strings.LastIndexByte(v, ':')
	n, err := strconv.ParseInt(v[i+1:], 10, 64)
	if i < 0 || err != nil {
		return ""
	}
	return v[:i+1] + strconv.FormatInt(n+1, 10)
}

// applyOptions sets kind, language and attributes: the sidecar row first,
// then the command line's, which win.
func applyOptions(doc *coding.Document, opts ImportOptions, meta map[string]map[string]string, path string) error {
	if doc.Attrs == nil {
		doc.Attrs = map[string]string{}
	}
	if row, ok := meta[filepath.Base(path)]; ok {
		for k, v := range row {
			switch k {
			case "kind":
				doc.Kind = v
			case "lang":
				doc.Lang = v
			default:
				if v != "" {
					doc.Attrs[k] = v
				}
			}
		}
	}
	if opts.Kind != "" {
		doc.Kind = opts.Kind
	}
	if doc.Kind == "" {
		doc.Kind = coding.KindOther
	}
	if !coding.ValidKind(doc.Kind) {
		return fmt.Errorf("unknown interview kind %q in the sidecar (want client, professional or other)", doc.Kind)
	}
	if opts.Lang != "" {
		doc.Lang = opts.Lang
	}
	keys := make([]string, 0, len(opts.Attrs))
	for k := range opts.Attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		doc.Attrs[k] = opts.Attrs[k]
	}
	return nil
}

// isProjectError tells a failure of the project (disk full, busy, damaged)
// from a failure of one input file: the former stops the batch.
func isProjectError(err error) bool {
	return errors.Is(err, store.ErrBusy) || errors.Is(err, store.ErrNotProject) || errors.Is(err, store.ErrWrite)
}

// words counts the words of doc's turns as Document.Words does, without
// holding its text as code points.
func words(doc *coding.Document) int {
	if len(doc.Turns) == 0 {
		return coding.CountWords(doc.Text)
	}
	w := coding.IndexWords(doc.Text)
	n := 0
	for _, t := range doc.Turns {
		n += w.In(coding.Span{Start: t.Start, End: t.End})
	}
	return n
}
