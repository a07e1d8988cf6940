// Command avain-bench measures avain at research-project scale against the
// raw limits of its parts, on a synthetic corpus, and prints one table.
// bench/run.sh builds it and avain and runs it; see the README. It lives
// apart from avain so that the tool researchers install carries no benchmark
// code.
//
//	avain-bench run --avain BIN [--docs N] [--seed S] [--dir DIR] [--keep]
//	avain-bench gen DIR --docs N [--seed S] [--min-words W] [--max-words W]
//	avain-bench export --avain BIN [--segments] PROJECT
//
// export times the export stage alone on a project a run kept (its
// study.avain: 200,000 codings), freq and, with --segments, segments.
//
// Each measured step runs in a child process (avain itself, or this program
// with a stage name), so that its peak RSS is its own.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/toituavain/avain/search/finnish"
	"github.com/toituavain/avain/transcript"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	var err error
	if os.Args[1] == "run" {
		err = runAll(os.Args[2:])
	} else if os.Args[1] == "export" {
		err = exportOnly(os.Args[2:])
	} else if os.Args[1] == "gen" {
		os.Exit(genMain(os.Stdout, os.Stderr, os.Args[2:]))
	} else if os.Args[1] == "measure" {
		os.Exit(measure(os.Args[2:]))
	} else if path := os.Getenv("AVAIN_CPUPROFILE"); path != "" {
		// A stage profiled: go tool pprof avain-bench FILE.
		f, ferr := os.Create(path)
		if ferr != nil {
			err = ferr
		} else if err = pprof.StartCPUProfile(f); err == nil {
			err = stage(os.Args[1], os.Args[2:])
			pprof.StopCPUProfile()
			f.Close()
		}
	} else {
		err = stage(os.Args[1], os.Args[2:])
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "avain-bench %s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
}

// usage is the command line of avain-bench; the stages it runs of itself
// are left out.
const usage = `usage: avain-bench run --avain BIN [--docs N] [--seed S] [--dir DIR] [--keep]
       avain-bench gen DIR --docs N [--seed S] [--min-words W] [--max-words W]
       avain-bench export --avain BIN [--segments] PROJECT
`

// stage runs one child stage and prints its figures as JSON.
func stage(name string, args []string) error {
	num := func(i int) int {
		n, err := strconv.Atoi(args[i])
		if err != nil {
			panic(err)
		}
		return n
	}
	var figs map[string]float64
	var err error
	switch name {
	case "raw-bleve":
		figs, err = rawBleve(args[0], args[1])
	case "search":
		figs, err = searchStage(args[0], num(1))
	case "tui":
		figs, err = tuiStage(args[0], num(1))
	case "coding":
		figs, err = codingStage(args[0], num(1), uint64(num(2)))
	case "populate":
		figs, err = populate(args[0], num(1), uint64(num(2)), args[3])
	case "group-by":
		figs, err = groupBy(args[0])
	case "segments-floor":
		figs, err = segmentsFloor(args[0], args[1])
	case "merge-raw":
		figs, err = mergeRaw(args[0], args[1])
	default:
		return fmt.Errorf("unknown stage %q", name)
	}
	if err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(figs)
}

// bench is one run of the suite.
type bench struct {
	avain, self string // the binaries
	dir         string // the work directory
	docs        int
	seed        uint64
	rows        []row
	log         io.Writer
}

// row is one line of the table.
type row struct {
	what     string
	ours     string
	limit    string
	ratio    string
	target   string
	verdict  string // "yes", "NO" or ""
	rssMB    float64
	limitRSS float64
}

// child is what a child process reported.
type child struct {
	figs  map[string]float64
	secs  float64 // wall time
	rssMB float64 // peak resident set
}

func runAll(args []string) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	b := &bench{log: os.Stderr}
	fs.StringVar(&b.avain, "avain", "", "the avain binary to measure (required)")
	fs.IntVar(&b.docs, "docs", 100, "how many transcripts")
	fs.Uint64Var(&b.seed, "seed", 1, "the corpus seed")
	fs.StringVar(&b.dir, "dir", "", "the work directory (default: a new temporary one, removed afterwards)")
	keep := fs.Bool("keep", false, "keep the work directory")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if b.avain == "" {
		return errors.New("--avain BIN is required")
	}
	var err error
	if b.self, err = os.Executable(); err != nil {
		return err
	}
	if b.dir == "" {
		if b.dir, err = os.MkdirTemp("", "avain-bench-"); err != nil {
			return err
		}
		if !*keep {
			defer os.RemoveAll(b.dir)
		}
	} else if err := os.MkdirAll(b.dir, 0o700); err != nil {
		return err
	}
	start := time.Now()
	if err := b.suite(); err != nil {
		return err
	}
	b.print(os.Stdout, time.Since(start))
	if *keep {
		fmt.Printf("\nthe corpus and projects are in %s\n", b.dir)
	}
	return nil
}

func (b *bench) path(name string) string { return filepath.Join(b.dir, name) }

func (b *bench) step(format string, a ...any) {
	fmt.Fprintf(b.log, "%s  %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, a...))
}

// run runs a child process and returns its figures (its stdout's JSON, when
// it printed any), wall time and peak RSS. It runs it through measure, a
// small process of avain-bench of its own, which times it and reads its
// peak RSS: a child started by this process would count this process's
// own peak as its own (Linux keeps the largest resident set of the
// memory a process had until it ran exec, and Go starts a child in the
// parent's memory).
func (b *bench) run(bin string, args ...string) (child, error) {
	f, err := os.CreateTemp(b.dir, "measure-*.json")
	if err != nil {
		return child{}, err
	}
	f.Close()
	defer os.Remove(f.Name())
	cmd := exec.Command(b.self, append([]string{"measure", f.Name(), bin}, args...)...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	cmd.Env = append(os.Environ(), "AVAIN_CODER=bench")
	err = cmd.Run()
	var c child
	var m measured
	if raw, rerr := os.ReadFile(f.Name()); rerr == nil && json.Unmarshal(raw, &m) == nil {
		c.secs, c.rssMB = m.Secs, float64(m.MaxRSSKiB)/1024
	} else if err == nil {
		return c, fmt.Errorf("%s %s: no measure: %v", filepath.Base(bin), strings.Join(args, " "), rerr)
	}
	if err != nil {
		return c, fmt.Errorf("%s %s: %v: %s", filepath.Base(bin), strings.Join(args, " "), err, strings.TrimSpace(errOut.String()))
	}
	if bytes.HasPrefix(bytes.TrimSpace(out.Bytes()), []byte("{")) {
		if err := json.Unmarshal(out.Bytes(), &c.figs); err != nil {
			return c, err
		}
	}
	return c, nil
}

func (b *bench) suite() error {
	corpus, proj := b.path("corpus"), b.path("study.avain")
	b.step("writing %d transcripts (seed %d)", b.docs, b.seed)
	if _, err := b.run(b.self, "gen", corpus, "--docs", strconv.Itoa(b.docs), "--seed", strconv.FormatUint(b.seed, 10)); err != nil {
		return err
	}
	meta, err := transcript.ReadMeta(filepath.Join(corpus, "meta.csv"))
	if err != nil {
		return err
	}
	files := corpusFiles(meta)
	for i := range files {
		files[i] = filepath.Join(corpus, files[i])
	}
	if err := b.importStage(corpus, proj, files); err != nil {
		return err
	}
	if err := b.largeStage(files); err != nil {
		return err
	}
	// The team's copies for the merge, before anyone codes.
	for _, c := range []string{"anna", "bertta"} {
		if _, err := b.run(b.avain, "copy", proj, b.path(c+".avain"), "--coder", c); err != nil {
			return err
		}
	}
	if err := b.searchStage(proj, files, meta); err != nil {
		return err
	}
	if err := b.codingStage(proj); err != nil {
		return err
	}
	b.step("adding 190,000 codings (setup, one transaction)")
	if _, err := b.run(b.self, "populate", proj, "190000", strconv.FormatUint(b.seed+1, 10), "bench-team"); err != nil {
		return err
	}
	if err := b.exportStage(proj); err != nil {
		return err
	}
	if err := b.tuiStage(proj); err != nil {
		return err
	}
	return b.mergeStage()
}

func (b *bench) importStage(corpus, proj string, files []string) error {
	b.step("raw bleve: batch-indexing the corpus's paragraphs")
	raw, err := b.run(b.self, "raw-bleve", corpus, b.path("raw.index"))
	if err != nil {
		return err
	}
	if _, err := b.run(b.avain, "init", proj); err != nil {
		return err
	}
	b.step("avain import of %d files", len(files))
	ours, err := b.run(b.avain, append([]string{"import", proj, "--meta", filepath.Join(corpus, "meta.csv")}, files...)...)
	if err != nil {
		return err
	}
	mb := raw.figs["bytes"] / 1e6
	oursRate, rawRate := mb/ours.secs, mb/raw.figs["seconds"]
	ratio := oursRate / rawRate
	b.rows = append(b.rows,
		row{what: fmt.Sprintf("import %.1f MB, %.0f turns", mb, raw.figs["turns"]),
			ours:  fmt.Sprintf("%.1f s, %.2f MB/s", ours.secs, oursRate),
			limit: fmt.Sprintf("%.1f s, %.2f MB/s", raw.figs["seconds"], rawRate),
			ratio: fmt.Sprintf("%.0f %% of raw", 100*ratio), target: "≥ 70 %", verdict: verdict(ratio >= 0.70),
			rssMB: ours.rssMB, limitRSS: raw.rssMB},
		row{what: "index size on disk", ours: mbString(float64(dirSize(proj + ".index"))),
			limit: mbString(raw.figs["index_bytes"]), ratio: fmt.Sprintf("%.2f×", float64(dirSize(proj+".index"))/raw.figs["index_bytes"])},
		row{what: "project file", ours: mbString(float64(fileSize(proj))), limit: mbString(raw.figs["bytes"]) + " text",
			ratio: fmt.Sprintf("%.2f×", float64(fileSize(proj))/raw.figs["bytes"])},
		row{what: "import peak RSS", ours: fmt.Sprintf("%.0f MB", ours.rssMB), limit: fmt.Sprintf("%.0f MB", raw.rssMB),
			ratio: fmt.Sprintf("%.2f×", ours.rssMB/raw.rssMB), target: "< 300 MB", verdict: verdict(ours.rssMB < 300)},
		row{what: "import RSS per MB of input", ours: fmt.Sprintf("%.1f MB/MB", ours.rssMB/mb), limit: fmt.Sprintf("%.1f MB/MB", raw.rssMB/mb),
			ratio: fmt.Sprintf("%.2f×", ours.rssMB/raw.rssMB)},
	)
	return nil
}

// The sizes of the documents largeStage imports, in MB: one small and one
// large, within avain's limit of 20 million characters.
const smallMB, largeMB = 1, 19

// largeStage imports one document of smallMB and one of largeMB MB (the
// corpus's texts one after another), each into a new project. Peak RSS is
// to grow by at most 10 MB per MB of the document over a fixed base: the
// growth is measured between the two, the base is what is left of the
// small one's peak.
func (b *bench) largeStage(files []string) error {
	var text bytes.Buffer
	for text.Len() < largeMB*1e6 {
		for _, f := range files {
			if !strings.HasSuffix(f, ".txt") {
				continue
			}
			data, err := os.ReadFile(f)
			if err != nil {
				return err
			}
			text.Write(data)
			text.WriteString("\n\n")
		}
	}
	imp := func(mb int) (child, error) {
		name := fmt.Sprintf("large%d", mb)
		doc, proj := b.path(name+".txt"), b.path(name+".avain")
		if err := os.WriteFile(doc, text.Bytes()[:mb*1e6], 0o600); err != nil {
			return child{}, err
		}
		if _, err := b.run(b.avain, "init", proj); err != nil {
			return child{}, err
		}
		return b.run(b.avain, "import", proj, doc)
	}
	b.step("avain import of one %d MB document, and of one %d MB document", largeMB, smallMB)
	small, err := imp(smallMB)
	if err != nil {
		return err
	}
	large, err := imp(largeMB)
	if err != nil {
		return err
	}
	perMB := (large.rssMB - small.rssMB) / (largeMB - smallMB)
	base := small.rssMB - perMB*smallMB
	b.rows = append(b.rows,
		row{what: fmt.Sprintf("import one %d MB document", largeMB), ours: fmt.Sprintf("%.1f s, %.0f MB peak", large.secs, large.rssMB),
			limit: fmt.Sprintf("one of %d MB: %.1f s, %.0f MB peak", smallMB, small.secs, small.rssMB),
			ratio: fmt.Sprintf("%.1f×", large.rssMB/largeMB), rssMB: large.rssMB},
		row{what: "… peak RSS growth per MB of document, fixed base", ours: fmt.Sprintf("%.1f MB/MB, base %.0f MB", perMB, base),
			target: "≤ 10 MB/MB", verdict: verdict(perMB <= 10)},
	)
	return nil
}

func (b *bench) searchStage(proj string, files []string, meta map[string]map[string]string) error {
	b.step("search: %d queries, 300 rounds each", len(queries))
	c, err := b.run(b.self, "search", proj, "300")
	if err != nil {
		return err
	}
	var clients []string
	for _, f := range files {
		if meta[filepath.Base(f)]["kind"] == "client" {
			clients = append(clients, f)
		}
	}
	// What a user would otherwise run: grep -c over the text files.
	greps := map[string][]string{
		"word":     append([]string{"-c", "-i", "toimeentulotu"}, files...),
		"phrase":   append([]string{"-c", "-i", "toimeentulotuen hakemus"}, files...),
		"filtered": append([]string{"-c", "-i", "hakemus"}, clients...),
		"wildcard": append([]string{"-c", "-i", "-E", `\btoimeentulo`}, files...),
	}
	for _, q := range queries {
		g, err := b.grep(greps[q.name])
		if err != nil {
			return err
		}
		p50, p99 := c.figs[q.name+"_p50_ms"], c.figs[q.name+"_p99_ms"]
		target, met := fmt.Sprintf("p50 ≤ %.0f ms", q.p50), p50 <= q.p50
		if q.p99 > 0 {
			target, met = fmt.Sprintf("p50 ≤ %.0f, p99 ≤ %.0f ms", q.p50, q.p99), met && p99 <= q.p99
		}
		b.rows = append(b.rows, row{
			what:  fmt.Sprintf("search %s %s (%.0f turns)", q.name, q.q, c.figs[q.name+"_hits"]),
			ours:  fmt.Sprintf("p50 %.2f ms, p99 %.2f ms", p50, p99),
			limit: fmt.Sprintf("grep -c %.0f ms", g*1000), ratio: fmt.Sprintf("%.3f× (p50)", p50/(g*1000)),
			target: target, verdict: verdict(met), rssMB: c.rssMB,
		})
	}
	return nil
}

// grep times grep with args, the median of three runs, in seconds.
func (b *bench) grep(args []string) (float64, error) {
	var times []float64
	for range 3 {
		start := time.Now()
		err := exec.Command("grep", args...).Run()
		var ee *exec.ExitError
		if err != nil && !(errors.As(err, &ee) && ee.ExitCode() == 1) { // 1: no match in some file
			return 0, fmt.Errorf("grep: %w", err)
		}
		times = append(times, time.Since(start).Seconds())
	}
	slices.Sort(times)
	return times[1], nil
}

func (b *bench) codingStage(proj string) error {
	b.step("coding: 10,000 codings through the coding engine")
	c, err := b.run(b.self, "coding", proj, "10000", strconv.FormatUint(b.seed, 10))
	if err != nil {
		return err
	}
	ratio := c.figs["seconds"] / c.figs["raw_seconds"]
	b.rows = append(b.rows, row{
		what:  "code 10,000 passages, one transaction each",
		ours:  fmt.Sprintf("%.2f s (p50 %.2f, p99 %.2f ms)", c.figs["seconds"], c.figs["p50_ms"], c.figs["p99_ms"]),
		limit: fmt.Sprintf("%.2f s in 1 transaction", c.figs["raw_seconds"]), ratio: fmt.Sprintf("%.1f×", ratio),
		rssMB: c.rssMB,
	})
	return nil
}

func (b *bench) tuiStage(proj string) error {
	b.step("terminal UI: open, largest document, 3,000 keystrokes")
	c, err := b.run(b.self, "tui", proj, "3000")
	if err != nil {
		return err
	}
	b.rows = append(b.rows,
		row{what: fmt.Sprintf("TUI: open project, draw documents (%d)", b.docs), ours: fmt.Sprintf("%.0f ms", c.figs["open_ms"]),
			target: "≤ 300 ms", verdict: verdict(c.figs["open_ms"] <= 300), rssMB: c.rssMB},
		row{what: "TUI: … with their turn and coding counts", ours: fmt.Sprintf("%.0f ms", c.figs["counted_ms"])},
		row{what: fmt.Sprintf("TUI: open largest document (%.0f words, %.0f codings)", c.figs["doc_words"], c.figs["doc_codings"]),
			ours: fmt.Sprintf("%.1f ms", c.figs["doc_ms"]), target: "≤ 50 ms", verdict: verdict(c.figs["doc_ms"] <= 50)},
		row{what: "TUI: keystroke Update+View there", ours: fmt.Sprintf("p50 %.2f ms, p99 %.2f ms", c.figs["key_p50_ms"], c.figs["key_p99_ms"]),
			target: "p99 ≤ 2 ms", verdict: verdict(c.figs["key_p99_ms"] <= 2)},
	)
	return nil
}

func (b *bench) mergeStage() error {
	a, bb := b.path("anna.avain"), b.path("bertta.avain")
	b.step("merge: two copies with 100,000 codings each")
	if _, err := b.run(b.self, "populate", a, "100000", strconv.FormatUint(b.seed+2, 10), "anna"); err != nil {
		return err
	}
	if _, err := b.run(b.self, "populate", bb, "100000", strconv.FormatUint(b.seed+3, 10), "bertta"); err != nil {
		return err
	}
	// The lead's project has its search index built, as after any search
	// (a copy comes without one); the merge then only brings it up to date.
	if _, err := b.run(b.avain, "search", a, "kela", "--limit", "1"); err != nil {
		return err
	}
	raw, err := b.run(b.self, "merge-raw", a, bb)
	if err != nil {
		return err
	}
	m, err := b.run(b.avain, "merge", a, bb)
	if err != nil {
		return err
	}
	got, err := b.run(b.self, "group-by", a)
	if err != nil {
		return err
	}
	if got.figs["codings"] != 200000 {
		return fmt.Errorf("the merged project holds %.0f live codings, want 200,000", got.figs["codings"])
	}
	b.rows = append(b.rows, row{
		what: "merge 100k + 100k codings (with its backup)", ours: fmt.Sprintf("%.2f s", m.secs),
		limit: fmt.Sprintf("%.2f s inserting 100k rows", raw.figs["seconds"]), ratio: fmt.Sprintf("%.1f×", m.secs/raw.figs["seconds"]),
		target: "≤ 5 s", verdict: verdict(m.secs <= 5), rssMB: m.rssMB, limitRSS: raw.rssMB,
	})
	return nil
}

func verdict(ok bool) string {
	if ok {
		return "yes"
	}
	return "NO"
}

func mbString(bytes float64) string { return fmt.Sprintf("%.1f MB", bytes/1e6) }

func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}

func (b *bench) print(w io.Writer, took time.Duration) {
	analysis := "Voikko"
	if !finnish.UsesVoikko() {
		analysis = "fallback stemmer (Voikko not installed)"
	}
	corpus := fmt.Sprintf("%d transcripts (seed %d)", b.docs, b.seed)
	if b.seed == 0 { // a kept project (avain-bench export)
		corpus = fmt.Sprintf("a project of %d transcripts", b.docs)
	}
	fmt.Fprintf(w, "\navain benchmark: %s, %d CPUs, %s, Finnish analysis: %s, run took %s\n\n",
		corpus, runtime.NumCPU(), runtime.GOOS+"/"+runtime.GOARCH, analysis, took.Round(time.Second))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "measure\tavain\traw limit\tratio\ttarget\tmet\tpeak RSS")
	for _, r := range b.rows {
		rss := ""
		if r.rssMB > 0 {
			rss = fmt.Sprintf("%.0f MB", r.rssMB)
			if r.limitRSS > 0 {
				rss += fmt.Sprintf(" (raw %.0f)", r.limitRSS)
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.what, r.ours, r.limit, r.ratio, r.target, r.verdict, rss)
	}
	tw.Flush()
}

// measured is what measure writes of the process it ran.
type measured struct {
	Secs      float64 `json:"secs"`
	MaxRSSKiB int64   `json:"maxrss_kib"`
}

// measure runs a command (args: OUTFILE BIN ARGS...) with this process's
// standard input and outputs, writes its wall time and peak RSS to OUTFILE
// as JSON, and returns its exit code.
func measure(args []string) int {
	if len(args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: avain-bench measure OUTFILE BIN [ARGS...]")
		return 2
	}
	cmd := exec.Command(args[1], args[2:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	m := measured{Secs: time.Since(start).Seconds()}
	if cmd.ProcessState == nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		m.MaxRSSKiB = ru.Maxrss // Linux reports KiB
	}
	raw, _ := json.Marshal(m)
	if werr := os.WriteFile(args[0], raw, 0o600); werr != nil {
		fmt.Fprintln(os.Stderr, werr)
		return 1
	}
	return cmd.ProcessState.ExitCode()
}
