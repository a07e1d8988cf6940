package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/toituavain/avain/store"
)

// The export stage: export freq and export segments over 200,000
// codings, each against its floor (floors.go), run in turn several times.

// exportOnly runs the export stage on a kept project, its outputs in a
// temporary directory, and prints its rows.
func exportOnly(args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	b := &bench{log: os.Stderr}
	fs.StringVar(&b.avain, "avain", "", "the avain binary to measure (required)")
	segments := fs.Bool("segments", false, "time export segments too")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if b.avain == "" || fs.NArg() != 1 {
		return errors.New("usage: avain-bench export --avain BIN [--segments] PROJECT")
	}
	var err error
	if b.self, err = os.Executable(); err != nil {
		return err
	}
	if b.dir, err = os.MkdirTemp("", "avain-bench-"); err != nil {
		return err
	}
	defer os.RemoveAll(b.dir)
	if b.docs, err = countDocuments(fs.Arg(0)); err != nil {
		return err
	}
	start := time.Now()
	if *segments {
		err = b.exportStage(fs.Arg(0))
	} else {
		err = b.freqStage(fs.Arg(0))
	}
	if err != nil {
		return err
	}
	b.print(os.Stdout, time.Since(start))
	return nil
}

// exportRuns is how many times the export stage runs each export and
// its floor; the table shows the medians.
const exportRuns = 5

// median runs bin with args n times and returns the run of median wall
// time.
func (b *bench) median(n int, bin string, args ...string) (child, error) {
	var runs []child
	for range n {
		c, err := b.run(bin, args...)
		if err != nil {
			return c, err
		}
		runs = append(runs, c)
	}
	slices.SortFunc(runs, func(x, y child) int { return cmp.Compare(x.secs, y.secs) })
	return runs[n/2], nil
}

func (b *bench) exportStage(proj string) error {
	if err := b.freqStage(proj); err != nil {
		return err
	}
	b.step("export segments over 200,000 codings, and its floor, %d times each", exportRuns)
	seg, err := b.median(exportRuns, b.avain, "export", proj, "segments", "--layout", "data", "-o", b.path("segments.csv"))
	if err != nil {
		return err
	}
	raw, err := b.median(exportRuns, b.self, "segments-floor", proj, b.path("segments-floor.csv"))
	if err != nil {
		return err
	}
	b.rows = append(b.rows, row{
		what: "export segments --layout data, 200k codings", ours: fmt.Sprintf("%.0f ms, %s", seg.secs*1000, mbString(float64(fileSize(b.path("segments.csv"))))),
		limit: fmt.Sprintf("%.0f ms texts sliced to CSV (%.0f ms with start)", raw.figs["seconds"]*1000, raw.secs*1000),
		ratio: fmt.Sprintf("%.1f×", seg.secs/raw.secs), rssMB: seg.rssMB, limitRSS: raw.rssMB,
	})
	return nil
}

// freqStage times `export freq --by kind,region` against its floor, a
// bare GROUP BY of the codings by code, all started as processes: the
// medians of exportRuns runs each, taken in turn. freq reads the codings
// each document keeps packed (store/codedspans.go); its first run after
// the codings changed rebuilds them, and is timed too, with the packed
// rows dropped before it.
func (b *bench) freqStage(proj string) error {
	b.step("export freq --by kind,region over 200,000 codings, first after a change, again, and its floor, %d times each", exportRuns)
	var cold, ours, floor []child
	args := []string{"export", proj, "freq", "--by", "kind,region", "-o", b.path("freq.csv")}
	for range exportRuns {
		if err := dropPacked(proj); err != nil {
			return err
		}
		c, err := b.run(b.avain, args...)
		if err != nil {
			return err
		}
		o, err := b.run(b.avain, args...)
		if err != nil {
			return err
		}
		f, err := b.run(b.self, "group-by", proj)
		if err != nil {
			return err
		}
		if f.figs["codings"] != 200000 {
			return fmt.Errorf("the project holds %.0f live codings, want 200,000", f.figs["codings"])
		}
		cold, ours, floor = append(cold, c), append(ours, o), append(floor, f)
	}
	bySecs := func(x, y child) int { return cmp.Compare(x.secs, y.secs) }
	for _, runs := range [][]child{cold, ours, floor} {
		slices.SortFunc(runs, bySecs)
	}
	c, o, f := cold[len(cold)/2], ours[len(ours)/2], floor[len(floor)/2]
	query := make([]float64, len(floor))
	for i, c := range floor {
		query[i] = c.figs["seconds"]
	}
	slices.Sort(query)
	limit := fmt.Sprintf("%.0f ms with start (%.0f ms GROUP BY code_id)", f.secs*1000, query[len(query)/2]*1000)
	b.rows = append(b.rows, row{
		what: "export freq --by kind,region, 200k codings", ours: fmt.Sprintf("%.0f ms", o.secs*1000),
		limit: limit, ratio: fmt.Sprintf("%.1f×", o.secs/f.secs), target: "≤ 300 ms", verdict: verdict(o.secs <= 0.3),
		rssMB: o.rssMB, limitRSS: f.rssMB,
	}, row{
		what: "… first after the codings changed (rebuilds)", ours: fmt.Sprintf("%.0f ms", c.secs*1000),
		limit: limit, ratio: fmt.Sprintf("%.1f×", c.secs/f.secs), rssMB: c.rssMB, limitRSS: f.rssMB,
	})
	return nil
}

// dropPacked drops the codings the project's documents keep packed for
// counting, as a change to every document's codings would.
func dropPacked(path string) error {
	ctx := context.Background()
	s, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	defer s.Close()
	_, err = s.DropCodedSpans(ctx)
	return err
}

// countDocuments counts the live documents of the project at path.
func countDocuments(path string) (int, error) {
	ctx := context.Background()
	s, err := store.Open(ctx, path)
	if err != nil {
		return 0, err
	}
	defer s.Close()
	docs, err := s.DocumentList(ctx)
	return len(docs), err
}
