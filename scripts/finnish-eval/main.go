// Command finnish-eval measures Finnish search on real text against a gold
// standard: it imports the sentences of a hand-annotated Universal
// Dependencies treebank into a new avain project as transcripts, searches
// each lemma as `avain search` does, and reports recall and precision per
// part of speech, with Voikko and without (AVAIN_NO_VOIKKO=1), and the
// worst queries.
//
// Usage, from the repository root:
//
//	go run ./scripts/finnish-eval [--treebank FILE.conllu] [--json] [--worst N]
//
// The treebank defaults to ../shared/finnish-eval/fi_pud-ud-test.conllu.
// Its sentences become transcripts of 200 turns (a sentence a turn, H: and
// V: alternating), made into a project and imported as `avain init` and
// `avain import` do. The queries are every lemma whose most frequent part
// of speech is NOUN, VERB, ADJ, PROPN or ADV, made of letters (hyphens
// between them allowed), however often it occurs: lower case, '#' removed
// (a hyphen kept where the word is written with one at that compound
// boundary). A query's relevant turns hold a word of its lemma. A found
// turn that is not relevant but holds a compound with the query as a part
// counts as correct for compound-tolerant precision; one with neither is
// unrelated. Apart from these, every last part of a closed compound lemma
// (suoja of tieto#suoja) is a query whose relevant turns hold such a
// compound; its recall is reported alone.
// Beside the figures over every turn found, it reports the precision of the
// first 20 hits by rank (what a results page shows), and, with Voikko, the
// unrelated turns by cause (cause.go): the query word read as an inflected
// form of another word, an ambiguous word in the text, a compound part, a
// participle's verb, or other.
// Each analysis is chosen once per process, so each mode runs in a child
// process of this command. The output is the same from run to run.
//
// It imports project (to make and search the project as avain does),
// codebooks, search, search/finnish and voikko; it is a developer's tool,
// not part of the avain binary.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"time"
)

// defaultTreebank is the development set, relative to the repository root.
const defaultTreebank = "../shared/finnish-eval/fi_pud-ud-test.conllu"

func main() {
	if path := os.Getenv(childEnv); path != "" {
		os.Exit(child(path))
	}
	treebank := flag.String("treebank", defaultTreebank, "the CoNLL-U treebank to measure on")
	asJSON := flag.Bool("json", false, "print JSON: each mode's rows and every query's result")
	nWorst := flag.Int("worst", 10, "list the N worst queries of each kind")
	flag.Parse()
	if flag.NArg() > 0 || *nWorst < 0 {
		flag.Usage()
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	start := time.Now()
	reports, err := measure(ctx, *treebank)
	if err != nil {
		fmt.Fprintln(os.Stderr, "finnish-eval:", err)
		os.Exit(1)
	}
	if *asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(reports)
	} else {
		err = printReport(os.Stdout, *treebank, reports, *nWorst)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "finnish-eval:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "finnish-eval: done in %.1f s\n", time.Since(start).Seconds())
}
