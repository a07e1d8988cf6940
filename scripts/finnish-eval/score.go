package main

import (
	"slices"
	"strings"

	"github.com/toituavain/avain/search"
)

// maxExamples bounds the example words kept per query.
const maxExamples = 5

// queryResult is how one query fared.
type queryResult struct {
	Query         string `json:"query"`
	POS           string `json:"pos"`
	Relevant      int    `json:"relevant"`       // turns with a word of the lemma
	Found         int    `json:"found"`          // turns the search found
	RelevantFound int    `json:"relevant_found"` // relevant turns found
	// CompoundFound counts found turns that are not relevant but hold a
	// compound with the query as a part.
	CompoundFound int `json:"compound_found"`
	// Unrelated counts found turns with neither.
	Unrelated int `json:"unrelated"`
	// Missed are the words of the lemma in missed turns, as written.
	Missed []string `json:"missed,omitempty"`
	// UnrelatedWords are the words the search matched in unrelated turns.
	UnrelatedWords []string `json:"unrelated_words,omitempty"`
	// UnrelatedBy counts the unrelated turns by cause (see causes), when
	// they were classified (with Voikko).
	UnrelatedBy map[string]int `json:"unrelated_by_cause,omitempty"`
	// First counts the hits a results page shows (the first firstHits, by
	// rank); FirstRelevant and FirstCompound those of them relevant, and
	// holding a compound with the query as a part.
	First         int    `json:"first"`
	FirstRelevant int    `json:"first_relevant"`
	FirstCompound int    `json:"first_compound"`
	Error         string `json:"error,omitempty"`
}

// firstHits is how many hits a results page shows.
const firstHits = search.DefaultLimit

// Recall is the share of the relevant turns found.
func (r queryResult) Recall() float64 { return ratio(r.RelevantFound, r.Relevant) }

// score compares what the search found for q with the gold standard; why,
// if not nil, tells the cause of an unrelated turn from the words the
// search marked in it.
func score(q query, f found, parts []map[string]bool, why func(words []string) string) queryResult {
	r := queryResult{Query: q.text, POS: q.pos, Relevant: len(q.relevant), Found: len(f.turns), Error: f.err}
	for _, t := range f.turns {
		switch {
		case slices.Contains(q.relevant, t):
			r.RelevantFound++
		case parts[t][q.text]:
			r.CompoundFound++
		default:
			r.Unrelated++
			r.UnrelatedWords = addExamples(r.UnrelatedWords, f.marked[t])
			if why != nil {
				if r.UnrelatedBy == nil {
					r.UnrelatedBy = map[string]int{}
				}
				r.UnrelatedBy[why(f.marked[t])]++
			}
		}
	}
	for _, t := range f.ranked[:min(firstHits, len(f.ranked))] {
		r.First++
		switch {
		case slices.Contains(q.relevant, t):
			r.FirstRelevant++
		case parts[t][q.text]:
			r.FirstCompound++
		}
	}
	for _, t := range q.relevant {
		if !slices.Contains(f.turns, t) {
			r.Missed = addExamples(r.Missed, q.forms[t])
		}
	}
	slices.Sort(r.Missed)
	slices.Sort(r.UnrelatedWords)
	return r
}

// recallOnly keeps of r what a class measured by recall alone needs: a
// compound's last part is searched as a word of its own, so the turns with
// that word alone are neither relevant nor unrelated to the class.
func recallOnly(r queryResult) queryResult {
	return queryResult{Query: r.Query, POS: r.POS, Relevant: r.Relevant, RelevantFound: r.RelevantFound,
		Missed: r.Missed, Error: r.Error}
}

// addExamples adds the words not yet in list, up to maxExamples; turns
// come in order, so the examples are the first ones met.
func addExamples(list, words []string) []string {
	for _, w := range words {
		if len(list) < maxExamples && !slices.Contains(list, w) {
			list = append(list, w)
		}
	}
	return list
}

// row sums up a class of queries.
type row struct {
	Class         string `json:"class"`
	Queries       int    `json:"queries"`
	Relevant      int    `json:"relevant"`
	Found         int    `json:"found"`
	RelevantFound int    `json:"relevant_found"`
	CompoundFound int    `json:"compound_found"`
	Unrelated     int    `json:"unrelated"`
	// RecallMicro is relevant found / relevant over all queries;
	// RecallMacro the mean of the queries' recalls.
	RecallMicro float64 `json:"recall_micro"`
	RecallMacro float64 `json:"recall_macro"`
	// PrecisionMicro is relevant found / found over all queries;
	// PrecisionMacro the mean over the queries that found something.
	PrecisionMicro float64 `json:"precision_micro"`
	PrecisionMacro float64 `json:"precision_macro"`
	// TolerantMicro and TolerantMacro are the same with a found compound
	// of the query counted as correct.
	TolerantMicro float64 `json:"tolerant_micro"`
	TolerantMacro float64 `json:"tolerant_macro"`
	// UnrelatedPerQuery is the mean number of unrelated turns found.
	UnrelatedPerQuery float64 `json:"unrelated_per_query"`
	// UnrelatedBy counts the unrelated turns by cause, when classified.
	UnrelatedBy map[string]int `json:"unrelated_by_cause,omitempty"`
	// First, FirstRelevant and FirstCompound sum the queries' counts of the
	// hits a results page shows; FirstMicro and FirstMacro are the
	// precision of those hits, FirstTolerantMicro and FirstTolerantMacro
	// the compound-tolerant one.
	First              int     `json:"first"`
	FirstRelevant      int     `json:"first_relevant"`
	FirstCompound      int     `json:"first_compound"`
	FirstMicro         float64 `json:"first_precision_micro"`
	FirstMacro         float64 `json:"first_precision_macro"`
	FirstTolerantMicro float64 `json:"first_tolerant_micro"`
	FirstTolerantMacro float64 `json:"first_tolerant_macro"`
}

// sumUp makes the row of the results rs.
func sumUp(class string, rs []queryResult) row {
	w := row{Class: class, Queries: len(rs)}
	var recall, prec, tol, firstPrec, firstTol float64
	answered := 0
	for _, r := range rs {
		w.Relevant += r.Relevant
		w.Found += r.Found
		w.RelevantFound += r.RelevantFound
		w.CompoundFound += r.CompoundFound
		w.Unrelated += r.Unrelated
		w.First += r.First
		w.FirstRelevant += r.FirstRelevant
		w.FirstCompound += r.FirstCompound
		for c, n := range r.UnrelatedBy {
			if w.UnrelatedBy == nil {
				w.UnrelatedBy = map[string]int{}
			}
			w.UnrelatedBy[c] += n
		}
		recall += r.Recall()
		if r.Found > 0 {
			answered++
			prec += ratio(r.RelevantFound, r.Found)
			tol += ratio(r.RelevantFound+r.CompoundFound, r.Found)
			firstPrec += ratio(r.FirstRelevant, r.First)
			firstTol += ratio(r.FirstRelevant+r.FirstCompound, r.First)
		}
	}
	w.FirstMicro = ratio(w.FirstRelevant, w.First)
	w.FirstTolerantMicro = ratio(w.FirstRelevant+w.FirstCompound, w.First)
	w.RecallMicro = ratio(w.RelevantFound, w.Relevant)
	w.PrecisionMicro = ratio(w.RelevantFound, w.Found)
	w.TolerantMicro = ratio(w.RelevantFound+w.CompoundFound, w.Found)
	if w.Queries > 0 {
		w.RecallMacro = recall / float64(w.Queries)
		w.UnrelatedPerQuery = float64(w.Unrelated) / float64(w.Queries)
	}
	if answered > 0 {
		w.PrecisionMacro = prec / float64(answered)
		w.TolerantMacro = tol / float64(answered)
		w.FirstMacro = firstPrec / float64(answered)
		w.FirstTolerantMacro = firstTol / float64(answered)
	}
	return w
}

// ratio is a/b, 0 when b is 0.
func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// byPOS sums up the results per part of speech, in contentPOS's order,
// then all together.
func byPOS(rs []queryResult) []row {
	var rows []row
	for _, pos := range contentPOS {
		var of []queryResult
		for _, r := range rs {
			if r.POS == pos {
				of = append(of, r)
			}
		}
		rows = append(rows, sumUp(pos, of))
	}
	return append(rows, sumUp("all", rs))
}

// frequencies are the classes of queries by how many turns they are
// relevant to: a word of one turn (often a name or a rare compound) fails
// otherwise than a frequent one.
var frequencies = []struct {
	class    string
	min, max int
}{{"in 1 turn", 1, 1}, {"in 2-4 turns", 2, 4}, {"in 5+ turns", 5, int(^uint(0) >> 1)}}

// byFrequency sums up the results per frequency class.
func byFrequency(rs []queryResult) []row {
	var rows []row
	for _, f := range frequencies {
		var of []queryResult
		for _, r := range rs {
			if r.Relevant >= f.min && r.Relevant <= f.max {
				of = append(of, r)
			}
		}
		rows = append(rows, sumUp(f.class, of))
	}
	return rows
}

// worst returns up to n results, worst first by less; ties go by query.
func worst(rs []queryResult, n int, keep func(queryResult) bool, less func(a, b queryResult) int) []queryResult {
	var out []queryResult
	for _, r := range rs {
		if keep(r) {
			out = append(out, r)
		}
	}
	slices.SortStableFunc(out, func(a, b queryResult) int {
		if c := less(a, b); c != 0 {
			return c
		}
		return strings.Compare(a.Query, b.Query)
	})
	return out[:min(n, len(out))]
}
