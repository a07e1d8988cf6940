package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/toituavain/avain/search/finnish"
	"github.com/toituavain/avain/voikko"
)

// childEnv, set to a treebank's path, makes the process measure that
// treebank with the analysis its environment selects, and print the
// report as JSON.
const childEnv = "AVAIN_FINNISH_EVAL_CHILD"

// modes are the analyses measured: name, and AVAIN_NO_VOIKKO's value.
var modes = []struct{ name, noVoikko string }{{"voikko", ""}, {"fallback", "1"}}

// report is the evaluation of one analysis.
type report struct {
	Mode      string `json:"mode"`     // "voikko" or "fallback"
	Analysis  string `json:"analysis"` // the index's analysis ID
	Voikko    bool   `json:"voikko"`   // Voikko was in use
	Sentences int    `json:"sentences"`
	Documents int    `json:"documents"`
	Rows      []row  `json:"rows"` // per part of speech, then "all"
	// ByFrequency has a row per frequency class of the queries.
	ByFrequency []row         `json:"by_frequency"`
	LastPart    row           `json:"last_part"`
	Queries     []queryResult `json:"queries"`
	LastParts   []queryResult `json:"last_parts"`
}

// measure evaluates the treebank with each analysis, each in a child
// process (the analysis is chosen once per process), side by side.
func measure(ctx context.Context, treebank string) ([]report, error) {
	abs, err := filepath.Abs(treebank)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(abs); err != nil {
		return nil, err
	}
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	out := make([]report, len(modes))
	errs := make([]error, len(modes))
	var wg sync.WaitGroup
	for i, m := range modes {
		wg.Go(func() { out[i], errs[i] = runChild(ctx, self, abs, m.name, m.noVoikko) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// runChild runs the evaluation in a child process with AVAIN_NO_VOIKKO set
// to noVoikko (unset when empty).
func runChild(ctx context.Context, self, treebank, mode, noVoikko string) (report, error) {
	cmd := exec.CommandContext(ctx, self)
	// Stopped, the child stops its searches and removes its project.
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 10 * time.Second
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, voikko.EnvDisable+"=") && !strings.HasPrefix(kv, childEnv+"=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, childEnv+"="+treebank)
	if noVoikko != "" {
		cmd.Env = append(cmd.Env, voikko.EnvDisable+"="+noVoikko)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return report{}, fmt.Errorf("the %s run: %v: %s", mode, err, strings.TrimSpace(stderr.String()))
	}
	var r report
	if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
		return report{}, fmt.Errorf("the %s run: %v", mode, err)
	}
	r.Mode = mode
	return r, nil
}

// child measures treebank with the analysis in force and prints the
// report as JSON; it returns the exit status.
func child(treebank string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	r, err := evaluate(ctx, treebank)
	if err == nil {
		err = json.NewEncoder(os.Stdout).Encode(r)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// evaluate imports treebank into a new project in a temporary directory,
// runs every query and scores what it found.
func evaluate(ctx context.Context, treebank string) (report, error) {
	sents, err := readTreebank(treebank)
	if err != nil {
		return report{}, err
	}
	g := makeGold(sents)
	dir, err := os.MkdirTemp("", "finnish-eval-")
	if err != nil {
		return report{}, err
	}
	defer os.RemoveAll(dir)
	c, err := importCorpus(ctx, dir, sents)
	if err != nil {
		return report{}, err
	}
	defer c.p.Close()
	texts := map[string]bool{}
	for _, q := range append(slices.Clone(g.queries), g.lastParts...) {
		texts[q.text] = true
	}
	results, err := c.searchAll(ctx, slices.Sorted(maps.Keys(texts)))
	if err != nil {
		return report{}, err
	}
	r := report{Analysis: finnish.AnalysisID(), Voikko: finnish.UsesVoikko(), Sentences: len(sents),
		Documents: (len(sents) + turnsPerDoc - 1) / turnsPerDoc}
	why, err := reasons()
	if err != nil {
		return report{}, err
	}
	for _, q := range g.queries {
		r.Queries = append(r.Queries, score(q, results[q.text], g.parts, why(q.text)))
	}
	for _, q := range g.lastParts {
		r.LastParts = append(r.LastParts, recallOnly(score(q, results[q.text], g.parts, nil)))
	}
	r.Rows = byPOS(r.Queries)
	r.ByFrequency = byFrequency(r.Queries)
	r.LastPart = sumUp("compound last part", r.LastParts)
	return r, nil
}

// reasons returns, with Voikko in use, the classifier of each query's
// unrelated turns by cause (see classifier); without, nil for each: the
// causes are Voikko's readings.
func reasons() (func(q string) func([]string) string, error) {
	if !finnish.UsesVoikko() {
		return func(string) func([]string) string { return nil }, nil
	}
	v, err := voikko.Open("fi")
	if err != nil {
		return nil, err
	}
	return func(q string) func([]string) string { return classifier(v, q) }, nil
}
