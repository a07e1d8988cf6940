package search

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// ErrBadQuery is the kind of error a query that cannot be parsed or run
// gives; its message is one line meant for the user.
var ErrBadQuery = errors.New("bad query")

// badQuery returns an ErrBadQuery with a one-line message.
func badQuery(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrBadQuery, oneLine(fmt.Sprintf(format, args...)))
}

// parseQuery reads q and returns the bleve query to run.
//
// The meaning is that of web and library search, which researchers know:
//   - every word, "phrase", wildcard, ~fuzzy term and /regexp/ is required
//     (+ is accepted and changes nothing; AND may be written);
//   - a field:value term on anything but the text (kind:, speaker:, region:,
//     doc:, lang:, turn:, any attribute) is a filter: it restricts the hits
//     and never changes their scores;
//   - OR between terms is the alternative (kela OR kunta), binding tighter
//     than the default AND; parentheses group ((kela OR kunta) päätös);
//   - -term, NOT term and -( … ) exclude; a query of only exclusions or only
//     filters lists every turn that passes them, all with one score;
//   - inside a term, bleve's syntax holds: field:value, "phrase", word*,
//     word~1, /regexp/, turn:>3, word^2.
//
// bleve's own query string cannot say this (it makes every term optional as
// soon as one is required, and has neither OR nor parentheses), so a small
// pre-parser (query_parse.go) cuts the query into terms and operators, and
// each term alone goes through bleve's parser; the tree is then built here
// from bleve queries (build), each term rewritten for avain's index
// (rewrite).
func parseQuery(q string) (query.Query, error) {
	if strings.TrimSpace(q) == "" {
		return nil, badQuery("empty query")
	}
	if unbalancedQuote(q) {
		return nil, badQuery("a quote (\") is not closed")
	}
	toks, err := splitQuery(q)
	if err != nil {
		return nil, err
	}
	root, err := parseClauses(toks)
	if err != nil {
		return nil, err
	}
	b, err := build(root)
	if err != nil {
		return nil, err
	}
	if b.filter {
		return constantScore(b.q), nil
	}
	return b.q, nil
}

// parseTerm parses one term (no sign, no operator) with bleve's query-string
// parser and returns its query.
func parseTerm(t string) (query.Query, error) {
	parsed, err := parseSafely(t)
	if err != nil {
		return nil, badQuery("%s", describeParseError(t, err))
	}
	if bq, ok := parsed.(*query.BooleanQuery); ok && bq.Must == nil && bq.MustNot == nil {
		if d, ok := bq.Should.(*query.DisjunctionQuery); ok && len(d.Disjuncts) == 1 {
			return d.Disjuncts[0], nil
		}
	}
	return nil, badQuery("%s is more than one term: put a space after a closing quote", t)
}

// built is a query built from a clause; filter says that it only
// restricts (a field:value term, or a group of only those or exclusions).
type built struct {
	q      query.Query
	filter bool
}

// build returns the bleve query of clause c (its sign aside).
func build(c *clause) (built, error) {
	switch c.op {
	case opAll:
		return buildAll(c.kids)
	case opAny:
		return buildAny(c.kids)
	}
	leaf, err := parseTerm(c.text)
	if err != nil {
		return built{}, err
	}
	q, err := rewrite(leaf, false)
	return built{q: q, filter: isFilter(leaf)}, err
}

// buildAny returns the disjunction of kids, a filter when every kid is one.
func buildAny(kids []*clause) (built, error) {
	qs, filter := make([]query.Query, len(kids)), true
	for i, k := range kids {
		b, err := build(k)
		if err != nil {
			return built{}, err
		}
		qs[i], filter = b.q, filter && b.filter
	}
	return built{q: query.NewDisjunctionQuery(qs), filter: filter}, nil
}

// part is a child of an AND group, with what buildAll needs to know of it.
type part struct {
	c      *clause
	leaf   query.Query // a term's bleve query before rewrite; nil for a group
	b      built       // a group's query
	void   bool        // a text term no analysis keeps anything of ("&")
	stop   bool        // a text term English analysis drops (a stop word)
	filter bool
}

// buildAll returns the query of an AND group: its words required (Must),
// its filters as a Filter that does not score, its exclusions as MustNot.
// A text term that analyses to nothing is dropped when anything else is
// asked; one English analysis drops (the, of) does not exclude English
// turns when a word that counts is required with it.
func buildAll(kids []*clause) (built, error) {
	parts := make([]part, len(kids))
	solid := false // a required text term or group with something to search
	for i, k := range kids {
		p := part{c: k}
		if k.op == opTerm {
			leaf, err := parseTerm(k.text)
			if err != nil {
				return built{}, err
			}
			p.leaf, p.filter = leaf, isFilter(leaf)
			if !p.filter {
				p.void, p.stop = emptyIn(leaf)
			}
		} else {
			b, err := build(k)
			if err != nil {
				return built{}, err
			}
			p.b, p.filter = b, b.filter
		}
		solid = solid || !k.neg && !p.filter && !p.void && !p.stop
		parts[i] = p
	}
	var must, filters, not []query.Query
	for _, p := range parts {
		q := p.b.q
		if p.leaf != nil {
			if p.void && len(parts) > 1 {
				continue
			}
			var err error
			if q, err = rewrite(p.leaf, p.stop && solid && !p.c.neg); err != nil {
				return built{}, err
			}
		}
		switch {
		case p.c.neg:
			not = append(not, q)
		case p.filter:
			filters = append(filters, q)
		default:
			must = append(must, q)
		}
	}
	switch {
	case len(must) == 1 && len(filters)+len(not) == 0:
		return built{q: must[0]}, nil
	case len(must) > 0:
		bq := query.NewBooleanQuery(must, nil, not)
		bq.Must = all(must)
		if len(filters) > 0 {
			bq.Filter = all(filters)
		}
		return built{q: bq}, nil
	case len(filters) == 1 && len(not) == 0:
		return built{q: filters[0], filter: true}, nil
	case len(filters)+len(not) > 0:
		return built{q: query.NewBooleanQuery(filters, nil, not), filter: true}, nil
	}
	return built{q: query.NewMatchNoneQuery(), filter: true}, nil // only dropped terms
}

// all returns the conjunction of qs, or its one query alone: a
// conjunction of one adds a searcher over it at every match and scores it
// as it is (0 + its score, the query norm passed down).
func all(qs []query.Query) query.Query {
	if len(qs) == 1 && unwrapOne {
		return qs[0]
	}
	return query.NewConjunctionQuery(qs)
}

// unwrapOne is unset by tests to compare with one-query conjunctions.
var unwrapOne = true

// isFilter reports whether the bleve query of a term asks for a field
// other than the text.
func isFilter(q query.Query) bool {
	if d, ok := q.(*query.DisjunctionQuery); ok && len(d.Disjuncts) > 0 { // a number
		q = d.Disjuncts[0]
	}
	f, ok := q.(query.FieldableQuery)
	if !ok {
		return false
	}
	field := strings.ToLower(f.Field())
	return field != "" && targets(field) == nil
}

// constantScore gives every hit of q the same score: the hits of filters
// alone are listed by document and turn.
func constantScore(q query.Query) query.Query { return constScoreQuery{q} }

// constScoreQuery matches what its query matches, every hit with score 1,
// without computing scores (bleve's CustomScoreQuery looks up each hit's
// external ID even with no fields to load: a third of a filter's time).
type constScoreQuery struct{ q query.Query }

func (c constScoreQuery) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping,
	options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	options.Score = "none"
	s, err := c.q.Searcher(ctx, i, m, options)
	if err != nil {
		return nil, err
	}
	return constScoreSearcher{s}, nil
}

// constScoreSearcher sets the score of every match of its searcher to 1.
type constScoreSearcher struct{ bsearch.Searcher }

func (s constScoreSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	return scoreOne(s.Searcher.Next(ctx))
}

func (s constScoreSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	return scoreOne(s.Searcher.Advance(ctx, id))
}

func scoreOne(d *bsearch.DocumentMatch, err error) (*bsearch.DocumentMatch, error) {
	if d != nil {
		d.Score = 1
	}
	return d, err
}

// parseSafely runs bleve's query-string parser, turning a panic into an
// error.
func parseSafely(q string) (pq query.Query, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("parse error: %v", r)
		}
	}()
	return query.NewQueryStringQuery(q).Parse()
}

// unbalancedQuote reports whether q has an odd number of unescaped double
// quotes.
func unbalancedQuote(q string) bool {
	n, esc := 0, false
	for _, r := range q {
		switch {
		case esc:
			esc = false
		case r == '\\':
			esc = true
		case r == '"':
			n++
		}
	}
	return n%2 == 1
}

// parserTokens names the query-string parser's tokens for users.
var parserTokens = strings.NewReplacer(
	"tSTRING", "a word", "tPHRASE", "a phrase", "tPLUS", "'+'", "tMINUS", "'-'",
	"tCOLON", "':'", "tBOOST", "'^'", "tNUMBER", "a number", "tGREATER", "'>'",
	"tLESS", "'<'", "tEQUAL", "'='", "tTILDE", "'~'", "$end", "the end of the query",
)

// describeParseError turns a parser error on q into one line, with a hint
// at the usual mistakes.
func describeParseError(q string, err error) string {
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	msg = parserTokens.Replace(msg)
	for _, w := range strings.Fields(q) {
		switch {
		case w == "+" || w == "-":
			return w + " must be followed by a word, as in +kela or -speaker:H"
		case strings.HasPrefix(strings.TrimLeft(w, "+-"), ":"):
			return w + " has no field name before ':'"
		case strings.HasSuffix(w, ":") || strings.HasSuffix(w, ":>") || strings.HasSuffix(w, ":<"):
			return w + " has no value after the field name"
		case strings.HasPrefix(strings.TrimLeft(w, "+-"), "~") || strings.HasPrefix(strings.TrimLeft(w, "+-"), "^"):
			return w + " must follow a word, as in tuki~1"
		}
	}
	return msg + " (write words, \"a phrase\", field:value, a OR b, -word, word*, word~1)"
}

// oneLine collapses all white space in s, newlines included, to single
// spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
