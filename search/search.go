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
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
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

// Search runs query q (every word required, OR, -word, field:value
// filters, bleve's syntax inside a term: see parseQuery) and returns at most limit hits
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
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.bi == nil {
		return Result{}, bleve.ErrorIndexClosed
	}
	res, err := ix.topHits(ctx, pq, limit)
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
	for _, dm := range res.Hits {
		out.Hits = append(out.Hits, makeHit(dm))
	}
	out.Took = time.Since(start)
	return out, nil
}

// tieRoom is how many hits past the limit a search looks at, to break ties
// at the cut itself.
const tieRoom = 100

// topHits returns the best limit hits of pq, with their stored fields and
// term locations, ordered by score, then document name, turn and id, and
// how many turns match.
//
// Having bleve sort every match by all four reads each match's doc values
// and id, and asking it for term locations decodes them for every match:
// most of a search's time over 10 million words. So bleve first ranks by
// score alone, without fields or locations, limit+tieRoom hits; then the
// few that made the cut (with every hit tied at it) are fetched whole and
// the ties broken here; then the locations of the hits kept are found
// (see locate). Only when the tie at the cut runs past those looked at
// does bleve sort everything.
func (ix *Index) topHits(ctx context.Context, pq query.Query, limit int) (*bleve.SearchResult, error) {
	ranked := bleve.NewSearchRequestOptions(pq, limit+tieRoom, 0, false)
	ranked.SortBy([]string{"-_score"})
	res, err := ix.runSearch(ctx, ranked)
	if err != nil {
		return nil, err
	}
	cand := res.Hits
	if len(cand) > limit {
		cut := cand[limit-1].Score
		if cand[len(cand)-1].Score == cut && res.Total > uint64(len(cand)) {
			full := bleve.NewSearchRequestOptions(pq, limit, 0, false)
			full.Fields = storedFields
			full.SortBy([]string{"-_score", fieldName, fieldTurn, "_id"})
			if res, err = ix.runSearch(ctx, full); err != nil {
				return nil, err
			}
			return res, ix.locate(ctx, pq, res.Hits)
		}
		n := limit
		for n < len(cand) && cand[n].Score == cut {
			n++
		}
		cand = cand[:n]
	}
	for _, dm := range cand {
		if err := ix.loadFields(dm); err != nil {
			return nil, err
		}
	}
	str := func(dm *bsearch.DocumentMatch, f string) string { s, _ := dm.Fields[f].(string); return s }
	num := func(dm *bsearch.DocumentMatch, f string) float64 { n, _ := dm.Fields[f].(float64); return n }
	slices.SortFunc(cand, func(a, b *bsearch.DocumentMatch) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(str(a, fieldName), str(b, fieldName)),
			cmp.Compare(num(a, fieldTurn), num(b, fieldTurn)), cmp.Compare(a.ID, b.ID))
	})
	res.Hits = cand[:min(limit, len(cand))]
	return res, ix.locate(ctx, pq, res.Hits)
}

// locate sets the term locations of hits, matches of pq: pq is run again
// on those turns alone, with locations, a wildcard or regexp searching
// only the terms those turns hold. A turn's locations depend only on the
// query and the turn, so they are those the whole search would have
// found.
func (ix *Index) locate(ctx context.Context, pq query.Query, hits bsearch.DocumentMatchCollection) error {
	if len(hits) == 0 {
		return nil
	}
	ids := make([]string, len(hits))
	for i, dm := range hits {
		ids[i] = dm.ID
	}
	lq := located(pq)
	defer ix.onlyTermsOf(lq, hits)()
	req := bleve.NewSearchRequestOptions(query.NewConjunctionQuery([]query.Query{query.NewDocIDQuery(ids), lq}), len(ids), 0, false)
	req.IncludeLocations = true
	req.SortBy([]string{"_id"})
	res, err := ix.runSearch(ctx, req)
	if err != nil {
		return err
	}
	found := make(map[string]bsearch.FieldTermLocationMap, len(res.Hits))
	for _, dm := range res.Hits {
		found[dm.ID] = dm.Locations
	}
	for _, dm := range hits {
		dm.Locations = found[dm.ID]
	}
	return nil
}

// located returns the part of pq that gives term locations: a query's
// filter and exclusions give none (a filter is searched without them), and
// the hits are already known to pass them, so only what is required is
// searched again. Filters cost most of locating a filtered query.
func located(pq query.Query) query.Query {
	if bq, ok := pq.(*query.BooleanQuery); ok && bq.Must != nil && bq.Should == nil && locateRequiredOnly {
		return bq.Must
	}
	return pq
}

// locateRequiredOnly is unset by tests to compare with locating by the
// whole query.
var locateRequiredOnly = true

// loadFields sets dm.Fields to the stored fields of its turn, as a search
// request's Fields would.
func (ix *Index) loadFields(dm *bsearch.DocumentMatch) error {
	d, err := ix.bi.Document(dm.ID)
	if err != nil {
		return err
	}
	if d == nil {
		return fmt.Errorf("turn %s is missing from the index", dm.ID)
	}
	dm.Fields = map[string]any{}
	d.VisitFields(func(f index.Field) {
		if nf, ok := f.(index.NumericField); ok {
			if n, err := nf.Number(); err == nil {
				dm.Fields[f.Name()] = n
			}
			return
		}
		dm.Fields[f.Name()] = string(f.Value())
	})
	return nil
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
