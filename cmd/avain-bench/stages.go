package main

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/google/uuid"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
	"github.com/toituavain/avain/search"
	"github.com/toituavain/avain/store"
	"github.com/toituavain/avain/transcript"
	"github.com/toituavain/avain/tui"
)

// The stages below run in child processes of the driver, so that each has
// its own peak RSS. Each prints one JSON object of figures on stdout.

// rawBleve indexes the corpus's turns (its paragraphs) with avain's mapping
// and analyzers through bleve's own batch API, in batches of 2,000, and
// nothing else: no decoding, no SQLite, no turn parsing.
func rawBleve(corpus, dir string) (map[string]float64, error) {
	meta, err := transcript.ReadMeta(filepath.Join(corpus, "meta.csv"))
	if err != nil {
		return nil, err
	}
	m, err := search.Mapping()
	if err != nil {
		return nil, err
	}
	start := time.Now()
	ix, err := bleve.NewUsing(dir, m, scorch.Name, bleve.Config.DefaultKVStore, nil)
	if err != nil {
		return nil, err
	}
	b := ix.NewBatch()
	turns, bytes := 0, 0
	for _, name := range corpusFiles(meta) {
		data, err := os.ReadFile(filepath.Join(corpus, name))
		if err != nil {
			return nil, err
		}
		bytes += len(data)
		row := meta[name]
		field := "fi"
		if row["lang"] == "en" {
			field = "en"
		}
		for n, para := range strings.Split(string(data), "\n\n") {
			speaker, text, ok := strings.Cut(para, ": ")
			if !ok {
				speaker, text = "", para
			}
			if err := b.Index(fmt.Sprintf("%s/%d", name, n), map[string]any{
				field: text, "doc": name, "name": name, "kind": row["kind"], "lang": row["lang"],
				"speaker": speaker, "turn": float64(n),
			}); err != nil {
				return nil, err
			}
			turns++
			if b.Size() >= 2000 {
				if err := ix.Batch(b); err != nil {
					return nil, err
				}
				b.Reset()
			}
		}
	}
	if err := ix.Batch(b); err != nil {
		return nil, err
	}
	if err := ix.Close(); err != nil {
		return nil, err
	}
	secs := time.Since(start).Seconds()
	return map[string]float64{"seconds": secs, "turns": float64(turns), "bytes": float64(bytes), "index_bytes": float64(dirSize(dir))}, nil
}

// corpusFiles lists the transcripts of meta.csv, sorted.
func corpusFiles(meta map[string]map[string]string) []string {
	names := make([]string, 0, len(meta))
	for name := range meta {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// queries are the searches measured: a word (every inflection through the
// Finnish analysis), a phrase, a filtered query and a wildcard, with their
// targets in milliseconds (p99 0: none).
var queries = []struct {
	name, q  string
	p50, p99 float64
}{
	{"word", "toimeentulotuki", 2, 20},
	{"phrase", `"toimeentulotuen hakemus"`, 5, 0},
	{"filtered", "+kind:client +hakemus", 2, 20},
	{"wildcard", "toimeentulo*", 20, 0},
}

// searchStage runs each query rounds times through the project's search
// in one process, as the UI does (20 hits with their snippets; the index
// stays open between searches a moment apart, see project.Search; one
// `avain search` command also opens it), after one warm-up run, and
// reports p50 and p99 in milliseconds.
func searchStage(path string, rounds int) (map[string]float64, error) {
	ctx := context.Background()
	p, err := project.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	defer p.Close()
	out := map[string]float64{}
	for _, q := range queries {
		res, err := p.Search(ctx, q.q, 20)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", q.q, err)
		}
		if res.Total == 0 {
			return nil, fmt.Errorf("%s finds nothing in the corpus", q.q)
		}
		times := make([]time.Duration, rounds)
		for i := range times {
			t := time.Now()
			res, err := p.Search(ctx, q.q, 20)
			if err != nil {
				return nil, err
			}
			for _, h := range res.Hits {
				if h.Snippet == "" {
					return nil, fmt.Errorf("%s: a hit without a snippet", q.q)
				}
			}
			times[i] = time.Since(t)
		}
		p50, p99 := percentiles(times)
		out[q.name+"_p50_ms"], out[q.name+"_p99_ms"] = ms(p50), ms(p99)
		out[q.name+"_hits"] = float64(res.Total)
	}
	return out, nil
}

func percentiles(d []time.Duration) (p50, p99 time.Duration) {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2], s[min(len(s)-1, len(s)*99/100)]
}

func ms(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }

// tuiStage measures the workspace as `avain open` runs it, without a
// terminal: opening the project and drawing the documents list; opening
// the largest document in the reader; and Update+View per keystroke there.
func tuiStage(path string, keystrokes int) (map[string]float64, error) {
	ctx := context.Background()
	start := time.Now()
	p, err := project.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	defer p.Close()
	first, err := p.Store.DocumentList(ctx) // the name the list shows first
	if err != nil || len(first) == 0 {
		return nil, fmt.Errorf("no documents: %v", err)
	}
	m := tui.New(p, "bench", "bench")
	m = update(m, tea.WindowSizeMsg{Width: 120, Height: 40})
	// The first screen is drawn when the list shows (its counts follow in
	// a command of their own, as bubbletea would run them).
	var open time.Duration
	m = drainWatching(m, m.Init(), func(m tui.Model) {
		if open == 0 && strings.Contains(m.View().Content, first[0].Name) {
			open = time.Since(start)
		}
	})
	counted := time.Since(start)
	if open == 0 {
		return nil, fmt.Errorf("the first screen shows no documents list:\n%s", m.View().Content)
	}

	docs, err := p.Store.Documents(ctx)
	if err != nil {
		return nil, err
	}
	largest := docs[0]
	for _, d := range docs {
		if d.Words > largest.Words {
			largest = d
		}
	}
	start = time.Now()
	m = update(m, tui.OpenDocument(largest.ID))
	m = drain(m, nil)
	view := m.View().Content
	openDoc := time.Since(start)
	if !strings.Contains(view, largest.Name) {
		return nil, fmt.Errorf("the reader does not show %s:\n%s", largest.Name, view)
	}
	// Moving by line, word, sentence, turn and page, selecting and
	// cancelling; the codes' shortcuts are left out, as they write.
	keys := []string{"j", "j", "w", "w", ")", "]", "v", "w", ")", "esc", "pgdown", "b", "(", "[", "k", "v", "j", "esc", "]", "]", "pgup", "j"}
	times := make([]time.Duration, keystrokes)
	for i := range times {
		t := time.Now()
		next, _ := m.Update(press(keys[i%len(keys)]))
		m = next.(tui.Model)
		_ = m.View()
		times[i] = time.Since(t)
	}
	p50, p99 := percentiles(times)
	return map[string]float64{"open_ms": ms(open), "counted_ms": ms(counted), "doc_ms": ms(openDoc), "doc_words": float64(largest.Words),
		"doc_codings": float64(largest.Codings), "key_p50_ms": ms(p50), "key_p99_ms": ms(p99)}, nil
}

func update(m tui.Model, msg tea.Msg) tui.Model {
	next, cmd := m.Update(msg)
	return drain(next.(tui.Model), cmd)
}

// drain runs cmd and what its messages lead to, as bubbletea would, leaving
// out the terminal queries that only a terminal answers.
func drain(m tui.Model, cmd tea.Cmd) tui.Model { return drainWatching(m, cmd, nil) }

// drainWatching is drain calling watch after each update.
func drainWatching(m tui.Model, cmd tea.Cmd, watch func(tui.Model)) tui.Model {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			if strings.HasPrefix(fmt.Sprintf("%T", msg), "tea.") {
				continue // a terminal request
			}
			next, more := m.Update(msg)
			m = next.(tui.Model)
			if watch != nil {
				watch(m)
			}
			queue = append(queue, more)
		}
	}
	return m
}

func press(k string) tea.KeyPressMsg {
	named := map[string]rune{"esc": tea.KeyEscape, "pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp, "enter": tea.KeyEnter}
	if c, ok := named[k]; ok {
		return tea.KeyPressMsg{Code: c}
	}
	return tea.KeyPressMsg{Code: []rune(k)[0], Text: k}
}

// plannedCoding is one coding to make: a whole turn or a part of one.
type plannedCoding struct {
	doc, code  string
	start, end int
}

// planCodings picks n codings over the project's turns and leaf codes,
// the same for the same seed: three in four code a whole turn, the rest a
// part of one.
func planCodings(ctx context.Context, db *sql.DB, n int, seed uint64, docs int) ([]plannedCoding, error) {
	type turn struct {
		doc        string
		start, end int
	}
	var turns []turn
	q := `SELECT t.document_id, t.start, t.end FROM turns t JOIN documents d ON d.id = t.document_id
		WHERE d.deleted = 0 AND t.end - t.start > 20 ORDER BY t.document_id, t.n`
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var t turn
		if err := rows.Scan(&t.doc, &t.start, &t.end); err != nil {
			rows.Close()
			return nil, err
		}
		turns = append(turns, t)
	}
	rows.Close()
	var codes []string
	rows, err = db.QueryContext(ctx, `SELECT id FROM codes c WHERE deleted = 0 AND NOT EXISTS
		(SELECT 1 FROM codes k WHERE k.parent_id = c.id AND k.deleted = 0) ORDER BY position, id`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		codes = append(codes, id)
	}
	rows.Close()
	if len(turns) == 0 || len(codes) == 0 {
		return nil, fmt.Errorf("the project has no turns or no codes to code with")
	}
	rng := rand.New(rand.NewPCG(seed, 99))
	if docs > 0 { // keep to the turns of a few documents
		var keep []turn
		all := map[string]bool{}
		for _, t := range turns {
			all[t.doc] = true
		}
		chosen := map[string]bool{}
		for len(chosen) < min(docs, len(all)) {
			chosen[turns[rng.IntN(len(turns))].doc] = true
		}
		for _, t := range turns {
			if chosen[t.doc] {
				keep = append(keep, t)
			}
		}
		turns = keep
	}
	out := make([]plannedCoding, n)
	seen := map[plannedCoding]bool{}
	for i := 0; i < n; {
		t := turns[rng.IntN(len(turns))]
		c := plannedCoding{doc: t.doc, code: codes[rng.IntN(len(codes))], start: t.start, end: t.end}
		if rng.IntN(4) == 0 {
			c.start += rng.IntN((t.end - t.start) / 2)
			c.end = c.start + 1 + rng.IntN(t.end-c.start)
			c.end = min(c.end, t.end)
		}
		if seen[c] {
			continue
		}
		seen[c] = true
		out[i] = c
		i++
	}
	return out, nil
}

// codingStage applies n codings through the coding engine, each in its own
// transaction as the TUI and `avain code` do, then inserts the same rows
// into a scratch copy of the codings table in one transaction.
func codingStage(path string, n int, seed uint64) (map[string]float64, error) {
	return withStore(path, func(ctx context.Context, s *store.Store) (map[string]float64, error) {
		plan, err := planCodings(ctx, s.DB(), n, seed, 50)
		if err != nil {
			return nil, err
		}
		cb, err := s.Codebook(ctx)
		if err != nil {
			return nil, err
		}
		docs := map[string]*coding.Document{}
		for _, c := range plan {
			if docs[c.doc] == nil {
				if docs[c.doc], err = s.Document(ctx, c.doc); err != nil {
					return nil, err
				}
			}
		}
		engine := coding.Engine{Repo: s}
		times := make([]time.Duration, len(plan))
		start := time.Now()
		for i, c := range plan {
			t := time.Now()
			_, created, err := engine.ApplyTo(ctx, docs[c.doc], cb.Code(c.code), coding.Selection{Span: coding.Span{Start: c.start, End: c.end}}, "bench-coder", "")
			if err != nil {
				return nil, err
			}
			if !created {
				return nil, fmt.Errorf("coding %d was not new", i)
			}
			times[i] = time.Since(t)
		}
		ours := time.Since(start)
		raw, err := rawInsert(ctx, s.DB(), plan, "bench-coder")
		if err != nil {
			return nil, err
		}
		p50, p99 := percentiles(times)
		return map[string]float64{"seconds": ours.Seconds(), "raw_seconds": raw.Seconds(), "p50_ms": ms(p50), "p99_ms": ms(p99)}, nil
	})
}

// rawInsert inserts the planned rows into a scratch table shaped and
// indexed like codings, in one transaction, and drops it.
func rawInsert(ctx context.Context, db *sql.DB, plan []plannedCoding, coder string) (time.Duration, error) {
	if _, err := db.ExecContext(ctx, `DROP TABLE IF EXISTS bench_codings;
		CREATE TABLE bench_codings AS SELECT * FROM codings WHERE 0;
		CREATE UNIQUE INDEX bench_codings_id ON bench_codings(id);
		CREATE INDEX bench_codings_document ON bench_codings(document_id, start);
		CREATE INDEX bench_codings_code ON bench_codings(code_id);`); err != nil {
		return 0, err
	}
	defer db.ExecContext(ctx, `DROP TABLE bench_codings`)
	return insertPlan(ctx, db, "bench_codings", plan, coder)
}

// insertPlan inserts the planned codings by coder into table (codings or
// a copy of it) in one transaction, as AddCoding writes them, and returns
// how long it took.
func insertPlan(ctx context.Context, db *sql.DB, table string, plan []plannedCoding, coder string) (time.Duration, error) {
	start := time.Now()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	st, err := tx.PrepareContext(ctx, `INSERT INTO `+table+`(id, document_id, code_id, start, end, coder, created, updated, deleted)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)`)
	if err != nil {
		return 0, err
	}
	now := time.Now().UnixMilli()
	for _, c := range plan {
		if _, err := st.ExecContext(ctx, uuid.Must(uuid.NewV7()).String(), c.doc, c.code, c.start, c.end, coder, now, now); err != nil {
			return 0, err
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	return time.Since(start), nil
}

// populate adds n codings by coder in one transaction, the rows AddCoding
// writes, as the setup of the export and merge stages (not measured).
func populate(path string, n int, seed uint64, coder string) (map[string]float64, error) {
	return withStore(path, func(ctx context.Context, s *store.Store) (map[string]float64, error) {
		plan, err := planCodings(ctx, s.DB(), n, seed, 0)
		if err != nil {
			return nil, err
		}
		d, err := insertPlan(ctx, s.DB(), "codings", plan, coder)
		if err != nil {
			return nil, err
		}
		return map[string]float64{"seconds": d.Seconds()}, nil
	})
}

// mergeRaw is the floor of a merge: the source's codings inserted into the
// target's (a scratch copy of its table) in one transaction.
func mergeRaw(target, source string) (map[string]float64, error) {
	ctx := context.Background()
	s, err := store.Open(ctx, target)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	src, err := store.Open(ctx, source)
	if err != nil {
		return nil, err
	}
	var plan []plannedCoding
	rows, err := src.DB().QueryContext(ctx, `SELECT document_id, code_id, start, end FROM codings`)
	if err != nil {
		src.Close()
		return nil, err
	}
	for rows.Next() {
		var c plannedCoding
		if err := rows.Scan(&c.doc, &c.code, &c.start, &c.end); err != nil {
			src.Close()
			return nil, err
		}
		plan = append(plan, c)
	}
	rows.Close()
	src.Close()
	d, err := rawInsert(ctx, s.DB(), plan, "bench-source")
	if err != nil {
		return nil, err
	}
	return map[string]float64{"seconds": d.Seconds(), "rows": float64(len(plan))}, nil
}

// dirSize is the bytes of the files under dir.
func dirSize(dir string) int64 {
	var n int64
	_ = filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && fi.Mode().IsRegular() {
			n += fi.Size()
		}
		return nil
	})
	return n
}

// withStore runs fn on the project at path, opened for it.
func withStore(path string, fn func(ctx context.Context, s *store.Store) (map[string]float64, error)) (map[string]float64, error) {
	ctx := context.Background()
	s, err := store.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	return fn(ctx, s)
}
