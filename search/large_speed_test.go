package search

import (
	"context"
	"os"
	"syscall"
	"testing"
	"time"
)

// largeQueries are the searches bench/run.sh measures, and a filter on a
// document attribute.
var largeQueries = []struct{ name, q string }{
	{"word", "toimeentulotuki"},
	{"phrase", `"toimeentulotuen hakemus"`},
	{"filtered", "+kind:client +hakemus"},
	{"filtered-region", "+kind:client +region:kuopio +hakemus"},
	{"wildcard", "toimeentulo*"},
}

// BenchmarkLargeIndex searches the index of the project bench/run.sh
// leaves behind with --keep (AVAIN_BENCH_INDEX=DIR/study.avain.index;
// --large makes 1,000 transcripts), 20 hits with snippets, as a project
// searches: the index opened read-only for each query (open-per-query) and
// kept open. Skipped when AVAIN_BENCH_INDEX is unset. Profile with
// -cpuprofile.
func BenchmarkLargeIndex(b *testing.B) {
	dir := os.Getenv("AVAIN_BENCH_INDEX")
	if dir == "" {
		b.Skip("AVAIN_BENCH_INDEX is not set")
	}
	ctx := context.Background()
	r, _, err := OpenWith(dir, "", OpenOptions{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	for _, bm := range largeQueries {
		b.Run(bm.name, func(b *testing.B) {
			defer reportCPU(b)()
			for b.Loop() {
				res, err := r.Search(ctx, bm.q, DefaultLimit)
				if err != nil || len(res.Hits) == 0 {
					b.Fatalf("%s: %d hits, %v", bm.q, len(res.Hits), err)
				}
			}
		})
		b.Run(bm.name+"-open-per-query", func(b *testing.B) {
			defer reportCPU(b)()
			for b.Loop() {
				q, _, err := OpenWith(dir, "", OpenOptions{ReadOnly: true})
				if err != nil {
					b.Fatal(err)
				}
				res, err := q.Search(ctx, bm.q, DefaultLimit)
				q.Close()
				if err != nil || len(res.Hits) == 0 {
					b.Fatalf("%s: %d hits, %v", bm.q, len(res.Hits), err)
				}
			}
		})
	}
	b.Run("open-only", func(b *testing.B) {
		defer reportCPU(b)()
		for b.Loop() {
			q, _, err := OpenWith(dir, "", OpenOptions{ReadOnly: true})
			if err != nil {
				b.Fatal(err)
			}
			q.Close()
		}
	})
}

// reportCPU starts counting the process's CPU time (user and system, all
// threads, the garbage collector's included); the function it returns
// reports it per operation as cpu-ms/op. On a machine shared with other
// work, wall time per operation includes the time spent waiting for a
// core; CPU time does not.
func reportCPU(b *testing.B) func() {
	cpu := func() time.Duration {
		var ru syscall.Rusage
		if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
			return 0
		}
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	start := cpu()
	return func() {
		b.ReportMetric(float64(cpu()-start)/1e6/float64(b.N), "cpu-ms/op")
	}
}
