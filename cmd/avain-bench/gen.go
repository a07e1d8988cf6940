package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/toituavain/avain/bench/gen"
)

// genHelp explains avain-bench gen.
const genHelp = `usage: avain-bench gen DIR --docs N [--seed S] [--min-words W] [--max-words W]

Writes N fictional transcripts and a meta.csv sidecar into DIR, for the
benchmarks (bench/run.sh) and trying avain at scale. The text is spoken
Finnish (85 %) and English made from a word-bigram model of the demo
interviews, with inflected compound nouns mixed in; the interviews are of
clients (55 %), professionals (40 %) and others, 5,000–20,000 words each, in
speaker turns, with kind, language, region, age group, collaboration model
and role in meta.csv. The same seed writes the same files. Import them with:

  avain import study.avain DIR/*.txt DIR/*.md --meta DIR/meta.csv

flags:
`

// genMain runs avain-bench gen and returns its exit code: 0, 1 for a failure,
// 2 for a mistake in the command line.
func genMain(stdout, stderr io.Writer, args []string) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	docs := fs.Int("docs", 0, "how many transcripts to write (required)")
	seed := fs.Uint64("seed", 1, "the seed: the same seed writes the same corpus")
	minW := fs.Int("min-words", 5000, "the fewest words in a transcript")
	maxW := fs.Int("max-words", 20000, "the most words in a transcript")
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "avain-bench gen: %s\n%s", fmt.Sprintf(format, a...), usage)
		return 2
	}
	pos, err := interspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, genHelp)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		return 0
	}
	switch {
	case err != nil:
		return usageErr("%v", err)
	case len(pos) != 1:
		return usageErr("want one DIR, got %d arguments", len(pos))
	case *docs < 1:
		return usageErr("--docs must be at least 1")
	case *minW < 1 || *maxW < *minW:
		return usageErr("want 1 ≤ --min-words ≤ --max-words")
	}
	st, err := gen.Write(pos[0], gen.Options{Docs: *docs, Seed: *seed, MinWords: *minW, MaxWords: *maxW})
	if err != nil {
		fmt.Fprintf(stderr, "avain-bench gen: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %d transcripts, %d words, %.1f MB, and meta.csv to %s (largest: %s)\n",
		st.Files, st.Words, float64(st.Bytes)/1e6, pos[0], st.Largest)
	return 0
}

// interspersed parses flags placed anywhere among the arguments (gen DIR
// --docs N) and returns the positional ones; "--" ends the flags.
func interspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos, args = append(pos, args[0]), args[1:]
	}
}
