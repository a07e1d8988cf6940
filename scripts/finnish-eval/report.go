package main

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
)

// modeTitle names a mode as the report and the README do.
func modeTitle(r report) string {
	if r.Mode == "fallback" {
		return "without Voikko"
	}
	return "with Voikko"
}

// printReport writes the evaluation as text: a table per mode, its worst
// queries, then one summary line per mode.
func printReport(w io.Writer, treebank string, reports []report, nWorst int) error {
	b := bufio.NewWriter(w)
	first := reports[0]
	fmt.Fprintf(b, "Finnish search on %s: %d sentences imported as %d transcripts, a sentence a turn\n",
		filepath.Base(treebank), first.Sentences, first.Documents)
	var counts []string
	for _, row := range first.Rows[:len(first.Rows)-1] {
		counts = append(counts, fmt.Sprintf("%s %d", row.Class, row.Queries))
	}
	fmt.Fprintf(b, "Queries: %d lemmas (%s); %d compound last parts\n",
		first.Rows[len(first.Rows)-1].Queries, strings.Join(counts, ", "), first.LastPart.Queries)
	for _, r := range reports {
		fmt.Fprintf(b, "\n== %s (analysis %s) ==\n", modeTitle(r), r.Analysis)
		if r.Mode == "voikko" && !r.Voikko {
			fmt.Fprintln(b, "not measured: Voikko is not installed (apt-get install libvoikko1 voikko-fi)")
			continue
		}
		printTable(b, r)
		printWorst(b, r, nWorst)
	}
	fmt.Fprintln(b, "\nSummary")
	for _, r := range reports {
		if r.Mode == "voikko" && !r.Voikko {
			continue
		}
		fmt.Fprintln(b, summary(r))
	}
	return b.Flush()
}

// printTable writes the rows of r: per part of speech, all, per frequency,
// and the compound last parts.
func printTable(w io.Writer, r report) {
	fmt.Fprintf(w, "%-19s %7s %8s %6s   %-12s  %-12s  %-12s  %-9s  %s\n", "", "queries", "relevant", "found",
		"recall", "precision", "tolerant", "unrelated", "first 20 tolerant")
	fmt.Fprintf(w, "%-19s %7s %8s %6s   %-12s  %-12s  %-12s  %-9s  %s\n", "", "", "", "",
		"micro macro", "micro macro", "micro macro", "per query", "micro macro")
	for _, row := range append(slices.Clone(r.Rows), r.ByFrequency...) {
		fmt.Fprintf(w, "%-19s %7d %8d %6d   %.3f %.3f  %.3f %.3f  %.3f %.3f  %-9.2f  %.3f %.3f\n", row.Class, row.Queries,
			row.Relevant, row.Found, row.RecallMicro, row.RecallMacro, row.PrecisionMicro, row.PrecisionMacro,
			row.TolerantMicro, row.TolerantMacro, row.UnrelatedPerQuery, row.FirstTolerantMicro, row.FirstTolerantMacro)
	}
	lp := r.LastPart
	fmt.Fprintf(w, "%-19s %7d %8d %6s   %.3f %.3f\n", lp.Class, lp.Queries, lp.Relevant, "-",
		lp.RecallMicro, lp.RecallMacro)
}

// printWorst lists the queries with the lowest recall (most missed turns
// first among equals), those with the most missed turns, those with the
// most unrelated turns, and the compound last parts with the lowest recall.
func printWorst(w io.Writer, r report, n int) {
	if n == 0 {
		return
	}
	byRecall := func(a, b queryResult) int {
		return cmp.Or(cmp.Compare(a.Recall(), b.Recall()),
			cmp.Compare(b.Relevant-b.RelevantFound, a.Relevant-a.RelevantFound))
	}
	missed := func(q queryResult) bool { return q.RelevantFound < q.Relevant }
	fmt.Fprintf(w, "\nLowest recall (found/relevant turns; missed words):\n")
	for _, q := range worst(r.Queries, n, missed, byRecall) {
		fmt.Fprintf(w, "  %-22s %-5s %3d/%-3d  %s\n", q.Query, q.POS, q.RelevantFound, q.Relevant, examples(q.Missed, q.Error))
	}
	fmt.Fprintf(w, "Most missed turns (found/relevant turns; missed words):\n")
	byMissed := func(a, b queryResult) int {
		return cmp.Or(cmp.Compare(b.Relevant-b.RelevantFound, a.Relevant-a.RelevantFound), cmp.Compare(a.Recall(), b.Recall()))
	}
	for _, q := range worst(r.Queries, n, missed, byMissed) {
		fmt.Fprintf(w, "  %-22s %-5s %3d/%-3d  %s\n", q.Query, q.POS, q.RelevantFound, q.Relevant, examples(q.Missed, q.Error))
	}
	fmt.Fprintf(w, "Most unrelated turns (unrelated/found; words matched there):\n")
	unrelated := func(q queryResult) bool { return q.Unrelated > 0 }
	byUnrelated := func(a, b queryResult) int { return cmp.Compare(b.Unrelated, a.Unrelated) }
	for _, q := range worst(r.Queries, n, unrelated, byUnrelated) {
		fmt.Fprintf(w, "  %-22s %-5s %3d/%-3d  %s\n", q.Query, q.POS, q.Unrelated, q.Found, examples(q.UnrelatedWords, ""))
	}
	fmt.Fprintf(w, "Compound last parts, lowest recall (found/relevant turns; missed words):\n")
	for _, q := range worst(r.LastParts, n, missed, byRecall) {
		fmt.Fprintf(w, "  %-22s %-5s %3d/%-3d  %s\n", q.Query, q.POS, q.RelevantFound, q.Relevant, examples(q.Missed, q.Error))
	}
}

// examples joins example words, or shows the search's error.
func examples(words []string, err string) string {
	if err != "" {
		return "error: " + err
	}
	return strings.Join(words, ", ")
}

// summary is the lines of a mode that the README shows: the whole sets
// found, the first hits (a results page), and the unrelated turns by cause.
func summary(r report) string {
	all := r.Rows[len(r.Rows)-1]
	s := wholeSets(r) + fmt.Sprintf("\n  first %d hits: precision %.3f (macro %.3f), compound-tolerant %.3f (macro %.3f)",
		firstHits, all.FirstMicro, all.FirstMacro, all.FirstTolerantMicro, all.FirstTolerantMacro)
	if !r.Voikko {
		return s + "\n  unrelated turns by cause: not classified (the causes are Voikko's readings)"
	}
	var by []string
	for _, c := range causes {
		by = append(by, fmt.Sprintf("%s %d", c, all.UnrelatedBy[c]))
	}
	return s + "\n  unrelated turns by cause: " + strings.Join(by, ", ")
}

// wholeSets is the line of a mode's figures over every turn found.
func wholeSets(r report) string {
	all := r.Rows[len(r.Rows)-1]
	var verbs row
	for _, row := range r.Rows {
		if row.Class == "VERB" {
			verbs = row
		}
	}
	return fmt.Sprintf("%s: recall %.3f (macro %.3f), verbs %.3f, precision %.3f (macro %.3f), "+
		"compound-tolerant %.3f (macro %.3f), %.2f unrelated turns per query, compound last part %.3f",
		modeTitle(r), all.RecallMicro, all.RecallMacro, verbs.RecallMicro, all.PrecisionMicro, all.PrecisionMacro,
		all.TolerantMicro, all.TolerantMacro, all.UnrelatedPerQuery, r.LastPart.RecallMicro)
}
