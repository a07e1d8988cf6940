package search

import (
	"context"
	"errors"
	"fmt"
	"regexp/syntax"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
	vregexp "github.com/blevesearch/vellum/regexp"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/search/finnish"
)

// ErrBadQuery is the kind of error a query that cannot be parsed or run
// gives; its message is one line meant for the user.
var ErrBadQuery = errors.New("bad query")

// badQuery returns an ErrBadQuery with a one-line message.
func badQuery(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrBadQuery, oneLine(fmt.Sprintf(format, args...)))
}

// maxFuzziness is the largest edit distance bleve's fuzzy search allows.
const maxFuzziness = 2

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
		if len(filters) > 0 {
			bq.Filter = query.NewConjunctionQuery(filters)
		}
		return built{q: bq}, nil
	case len(filters) == 1 && len(not) == 0:
		return built{q: filters[0], filter: true}, nil
	case len(filters)+len(not) > 0:
		return built{q: query.NewBooleanQuery(filters, nil, not), filter: true}, nil
	}
	return built{q: query.NewMatchNoneQuery(), filter: true}, nil // only dropped terms
}

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
	return msg + " (write words, \"a phrase\", field:value, +must, -mustnot, word*, word~1)"
}

// oneLine collapses all white space in s, newlines included, to single
// spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// textFields are the fields a query term without a field (or with field
// "text") searches, each analysed with its own analyzer.
var textFields = []string{fieldFI, fieldEN}

// queryAnalyzer returns the analyzer that analyses search text for text
// field f.
func queryAnalyzer(f string) string {
	if f == fieldEN {
		return en.AnalyzerName
	}
	return finnish.QueryAnalyzerName()
}

// targets returns the text fields a query with field f searches, or nil when
// f is not a text field.
func targets(f string) []string {
	switch f {
	case "", fieldText:
		return textFields
	case fieldFI, fieldEN:
		return []string{f}
	}
	return nil
}

// rewrite adapts the bleve query of one term to avain's index:
//   - a word, phrase, wildcard, fuzzy term or regexp without a field (or
//     with text:) becomes a disjunction over the fi and en fields, each
//     analysed with that field's query analyzer;
//   - a word the analysis cuts in several (kuorma-auto, e-mail) is searched
//     as the phrase of its parts, so that all of them are required;
//   - field names are lower-cased, and wildcard terms too (the index holds
//     lower-cased terms);
//   - doc:X matches a document's ID or its name;
//   - a phrase on a keyword field becomes a match (one term either way);
//   - a bare number searches the text only, never numeric fields;
//   - with dropEN, a word that English analysis drops (a stop word such as
//     "the") matches every English turn instead of none: it is required
//     beside other words, and must not exclude English turns.
func rewrite(q query.Query, dropEN bool) (query.Query, error) {
	switch q := q.(type) {
	case *query.DisjunctionQuery:
		return q, rewriteAll(q.Disjuncts, dropEN)
	case *query.MatchQuery:
		if q.Fuzziness < 0 || q.Fuzziness > maxFuzziness {
			return nil, badQuery("fuzziness ~%d is out of range (use ~1 or ~2)", q.Fuzziness)
		}
		f := strings.ToLower(q.FieldVal)
		if fs := targets(f); fs != nil {
			return overFields(fs, func(f string) query.Query {
				if dropEN && f == fieldEN {
					return englishTurns()
				}
				if q.Fuzziness == 0 && positions(f, q.Match) > 1 {
					p := query.NewMatchPhraseQuery(q.Match)
					p.FieldVal, p.Analyzer, p.BoostVal = f, queryAnalyzer(f), q.BoostVal
					return p
				}
				c := *q
				c.FieldVal, c.Analyzer = f, queryAnalyzer(f)
				return &c
			}), nil
		}
		return onKeyword(f, func(f string) query.Query {
			c := *q
			c.FieldVal = f
			return &c
		}), nil
	case *query.MatchPhraseQuery:
		f := strings.ToLower(q.FieldVal)
		if fs := targets(f); fs != nil {
			return overFields(fs, func(f string) query.Query {
				if dropEN && f == fieldEN {
					return englishTurns()
				}
				c := *q
				c.FieldVal, c.Analyzer = f, queryAnalyzer(f)
				return &c
			}), nil
		}
		return onKeyword(f, func(f string) query.Query {
			m := query.NewMatchQuery(q.MatchPhrase)
			m.SetField(f)
			m.BoostVal = q.BoostVal
			return m
		}), nil
	case *query.WildcardQuery:
		w := strings.ToLower(q.Wildcard)
		if err := checkPattern(wildcardRegexp.Replace(w)); err != nil {
			return nil, err
		}
		return onFields(q.FieldVal, func(f string) query.Query {
			c := *q
			c.Wildcard, c.FieldVal = w, f
			return &c
		}), nil
	case *query.RegexpQuery:
		if err := checkPattern(strings.TrimPrefix(q.Regexp, "^")); err != nil {
			return nil, err
		}
		return onFields(q.FieldVal, func(f string) query.Query {
			c := *q
			c.FieldVal = f
			return &c
		}), nil
	case *query.NumericRangeQuery:
		if q.FieldVal == "" {
			return query.NewMatchNoneQuery(), nil // a bare number is a word
		}
		q.FieldVal = strings.ToLower(q.FieldVal)
		return q, nil
	case query.FieldableQuery:
		q.SetField(strings.ToLower(q.Field()))
		return q, nil
	}
	return q, nil
}

func rewriteAll(qs []query.Query, dropEN bool) error {
	for i, c := range qs {
		r, err := rewrite(c, dropEN)
		if err != nil {
			return err
		}
		qs[i] = r
	}
	return nil
}

// emptyIn reports, for the word or phrase q of a term, whether the
// analysis of every text field it searches leaves nothing of it (void: "&"),
// or only English analysis does (stop: "the").
func emptyIn(q query.Query) (void, stop bool) {
	var field, text string
	switch q := q.(type) {
	case *query.MatchQuery:
		field, text = q.FieldVal, q.Match
	case *query.MatchPhraseQuery:
		field, text = q.FieldVal, q.MatchPhrase
	default:
		return false, false
	}
	fs := targets(strings.ToLower(field))
	void = true
	for _, f := range fs {
		empty := positions(f, text) == 0
		void = void && empty
		stop = stop || f == fieldEN && empty
	}
	return void, stop && !void
}

// positions returns how many positions the query analysis of text field f
// gives text (0 when it keeps nothing; -1 when the analyzer is missing).
func positions(f, text string) int {
	a, err := queryAnalyzers.AnalyzerNamed(queryAnalyzer(f))
	if err != nil {
		return -1
	}
	n, last := 0, -1
	for _, t := range a.Analyze([]byte(text)) {
		if t.Position != last {
			n, last = n+1, t.Position
		}
	}
	return n
}

// queryAnalyzers caches the query analyzers positions uses.
var queryAnalyzers = registry.NewCache()

// englishTurns matches every English turn, without scoring.
func englishTurns() query.Query {
	q := query.NewTermQuery(coding.LangEnglish)
	q.SetField(fieldLang)
	q.SetBoost(0)
	return q
}

// onFields builds a term-level query (wildcard, regexp) on the field the
// user named or, for text, on each text field.
func onFields(field string, build func(f string) query.Query) query.Query {
	f := strings.ToLower(field)
	if fs := targets(f); fs != nil {
		return overFields(fs, build)
	}
	return onKeyword(f, build)
}

// overFields returns build's query for each of fs, in a disjunction when
// there are several.
func overFields(fs []string, build func(f string) query.Query) query.Query {
	if len(fs) == 1 {
		return build(fs[0])
	}
	qs := make([]query.Query, len(fs))
	for i, f := range fs {
		qs[i] = build(f)
	}
	return query.NewDisjunctionQuery(qs)
}

// onKeyword returns build's query on keyword field f; doc searches both the
// document ID and the document name.
func onKeyword(f string, build func(f string) query.Query) query.Query {
	if f == fieldDoc {
		return query.NewDisjunctionQuery([]query.Query{build(fieldDoc), build(fieldName)})
	}
	return build(f)
}

// wildcardRegexp translates a wildcard to a regexp as bleve's WildcardQuery
// does.
var wildcardRegexp = strings.NewReplacer(
	"+", `\+`, "(", `\(`, ")", `\)`, "^", `\^`, "$", `\$`, ".", `\.`,
	"{", `\{`, "}", `\}`, "[", `\[`, "]", `\]`, `|`, `\|`, `\`, `\\`,
	"*", ".*", "?", ".")

// maxRepeat bounds the counts of a regexp's {n,m}: higher counts make
// automata that take seconds to build.
const maxRepeat = 8

// checkPattern reports a regexp the index cannot run, or could only run
// slowly, as ErrBadQuery.
func checkPattern(expr string) error {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return badQuery("pattern %q: %v", expr, err)
	}
	if tooRepetitive(re) {
		return badQuery("pattern %q: repeat counts above %d are not supported", expr, maxRepeat)
	}
	if _, err := vregexp.NewParsedWithLimit(expr, re, patternLimit); err != nil {
		if errors.Is(err, vregexp.ErrCompiledTooBig) || errors.Is(err, vregexp.ErrTooManyStates) {
			return badQuery("pattern %q is too complex", expr)
		}
		return badQuery("pattern %q: %v", expr, err)
	}
	return nil
}

// patternLimit bounds the size of a compiled pattern.
const patternLimit = 1 << 18

// tooRepetitive reports whether re repeats anything more than maxRepeat
// times.
func tooRepetitive(re *syntax.Regexp) bool {
	if re.Op == syntax.OpRepeat && (re.Min > maxRepeat || re.Max > maxRepeat) {
		return true
	}
	for _, s := range re.Sub {
		if tooRepetitive(s) {
			return true
		}
	}
	return false
}
