package main

import (
	"context"
	"fmt"

	"github.com/toituavain/avain/bench/gen"
)

func genCmd() *command {
	c := &command{name: "gen", args: "DIR --docs N [--seed S] [--min-words W] [--max-words W]",
		summary: "write a synthetic corpus of fictional transcripts for benchmarks", dev: true}
	c.help = `A developer command: writes N fictional transcripts and a meta.csv sidecar
into DIR, for benchmarks (bench/run.sh) and trying avain at scale. The text is
spoken Finnish (85 %) and English made from a word-bigram model of the demo
interviews, with inflected compound nouns mixed in; the interviews are of
clients (55 %), professionals (40 %) and others, 5,000–20,000 words each, in
speaker turns, with kind, language, region, age group, collaboration model
and role in meta.csv. The same seed writes the same files. Import them with:

  avain import study.avain DIR/*.txt DIR/*.md --meta DIR/meta.csv`
	c.run = func(ctx context.Context, e *env, args []string) error {
		fs := flagSet(e, c)
		docs := fs.Int("docs", 0, "how many transcripts to write (required)")
		seed := fs.Uint64("seed", 1, "the seed: the same seed writes the same corpus")
		minW := fs.Int("min-words", 5000, "the fewest words in a transcript")
		maxW := fs.Int("max-words", 20000, "the most words in a transcript")
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if err := exactly(pos, 1, "DIR"); err != nil {
			return err
		}
		if *docs < 1 {
			return usagef("--docs must be at least 1")
		}
		if *minW < 1 || *maxW < *minW {
			return usagef("want 1 ≤ --min-words ≤ --max-words")
		}
		st, err := gen.Write(pos[0], gen.Options{Docs: *docs, Seed: *seed, MinWords: *minW, MaxWords: *maxW})
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "wrote %d transcripts, %d words, %.1f MB, and meta.csv to %s (largest: %s)\n",
			st.Files, st.Words, float64(st.Bytes)/1e6, pos[0], st.Largest)
		return nil
	}
	return c
}
