package search

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	vregexp "github.com/blevesearch/vellum/regexp"
)

// DefaultLimit is the number of hits Search returns when no limit is given.
const DefaultLimit = 20

// maxLimit bounds the hits one search returns.
const maxLimit = 100_000

// Hit is one matching turn.
type Hit struct {
	DocID   string
	DocName string
	Turn    int // the turn's number in the document
	Speaker string
	Kind    string
	Lang    string
	// Start and End are the code-point offsets in the document's text of
	// the turn's first matched word (of the whole turn when the query
	// matched no word, as with only filters).
	Start, End int
	Score      float64
	// Snippet is about 160 code points of the turn around the first match,
	// on one line, cut at word boundaries with "…"; Marks are the
	// code-point spans [start, end) of the matched words inside it, in
	// order and without overlap.
	Snippet string
	Marks   [][2]int
	Text    string // the whole turn text
}

// Result is the outcome of a search.
type Result struct {
	Total uint64 // how many turns match, beyond the hits returned
	Hits  []Hit
	Took  time.Duration
}

// Search runs query q (bleve's query-string syntax; see rewrite for how
// field-less terms are handled) and returns at most limit hits
// (DefaultLimit when limit < 1), best first; hits with equal scores are
// ordered by document name, then turn. A query that cannot be parsed or run
// gives an error of kind ErrBadQuery.
func (ix *Index) Search(ctx context.Context, q string, limit int) (Result, error) {
	start := time.Now()
	pq, err := parseQuery(q)
	if err != nil {
		return Result{}, err
	}
	if limit < 1 {
		limit = DefaultLimit
	}
	limit = min(limit, maxLimit)
	// Sorting by score alone, one hit more than asked, and breaking ties
	// here costs a fraction of having bleve sort every match by score,
	// name and turn (it reads their doc values and ids). Only when the hit
	// past the last ties with it does the order beyond the score decide
	// which hits are in, and the search is run again sorted fully.
	req := bleve.NewSearchRequestOptions(pq, limit+1, 0, false)
	req.Fields = storedFields
	req.IncludeLocations = true
	req.SortBy([]string{"-_score"})

	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.bi == nil {
		return Result{}, bleve.ErrorIndexClosed
	}
	res, err := ix.runSearch(ctx, req)
	if err == nil && len(res.Hits) > limit && res.Hits[limit].Score == res.Hits[limit-1].Score {
		req.Size = limit
		req.SortBy([]string{"-_score", fieldName, fieldTurn, "_id"})
		res, err = ix.runSearch(ctx, req)
	}
	if err != nil {
		if ctx.Err() != nil {
			return Result{}, ctx.Err()
		}
		if errors.Is(err, vregexp.ErrTooManyStates) || errors.Is(err, vregexp.ErrCompiledTooBig) {
			return Result{}, badQuery("the pattern is too complex")
		}
		return Result{}, fmt.Errorf("search: %s", oneLine(err.Error()))
	}
	out := Result{Total: res.Total, Hits: make([]Hit, 0, len(res.Hits))}
	for _, dm := range res.Hits[:min(limit, len(res.Hits))] {
		out.Hits = append(out.Hits, makeHit(dm))
	}
	slices.SortStableFunc(out.Hits, func(a, b Hit) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.DocName, b.DocName), cmp.Compare(a.Turn, b.Turn),
			cmp.Compare(turnID(a.DocID, a.Turn), turnID(b.DocID, b.Turn)))
	})
	out.Took = time.Since(start)
	return out, nil
}

// runSearch runs req, turning a panic inside bleve into an error.
func (ix *Index) runSearch(ctx context.Context, req *bleve.SearchRequest) (res *bleve.SearchResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return ix.bi.SearchInContext(ctx, req)
}

// makeHit builds a Hit from a bleve match with stored fields and term
// locations.
func makeHit(dm *bsearch.DocumentMatch) Hit {
	str := func(f string) string { s, _ := dm.Fields[f].(string); return s }
	num := func(f string) int { n, _ := dm.Fields[f].(float64); return int(n) }
	h := Hit{
		DocID: str(fieldDoc), DocName: str(fieldName), Turn: num(fieldTurn),
		Speaker: str(fieldSpeaker), Kind: str(fieldKind), Lang: str(fieldLang),
		Score: dm.Score,
	}
	field := fieldFI
	if _, ok := dm.Fields[fieldEN].(string); ok {
		field = fieldEN
	}
	h.Text = str(field)
	spans := runeSpans(h.Text, byteSpans(h.Text, dm.Locations[field]))
	turnStart := num(fieldStart)
	if len(spans) > 0 {
		h.Start, h.End = turnStart+spans[0][0], turnStart+spans[0][1]
	} else {
		h.Start, h.End = turnStart, turnStart+utf8.RuneCountInString(h.Text)
	}
	h.Snippet, h.Marks = snippet(h.Text, spans)
	return h
}

// byteSpans returns the byte spans of the term locations, valid for text,
// sorted and merged where they overlap.
func byteSpans(text string, terms bsearch.TermLocationMap) [][2]int {
	var spans [][2]int
	for _, locs := range terms {
		for _, l := range locs {
			s, e := int(l.Start), int(l.End)
			if s < 0 || e > len(text) || s >= e || !utf8.RuneStart(text[s]) ||
				(e < len(text) && !utf8.RuneStart(text[e])) {
				continue
			}
			spans = append(spans, [2]int{s, e})
		}
	}
	sort.Slice(spans, func(i, j int) bool {
		if spans[i][0] != spans[j][0] {
			return spans[i][0] < spans[j][0]
		}
		return spans[i][1] < spans[j][1]
	})
	out := spans[:0]
	for _, sp := range spans {
		if n := len(out); n > 0 && sp[0] < out[n-1][1] {
			out[n-1][1] = max(out[n-1][1], sp[1])
			continue
		}
		out = append(out, sp)
	}
	return out
}

// runeSpans converts sorted byte spans of text to code-point spans.
func runeSpans(text string, spans [][2]int) [][2]int {
	out := make([][2]int, len(spans))
	b, r := 0, 0 // byte offset and code-point count so far
	at := func(target int) int {
		r += utf8.RuneCountInString(text[b:target])
		b = target
		return r
	}
	for i, sp := range spans {
		out[i] = [2]int{at(sp[0]), at(sp[1])}
	}
	return out
}
