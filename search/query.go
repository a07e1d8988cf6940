package search

import (
	"errors"
	"fmt"
	"regexp/syntax"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/bleve/v2/search/query"
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

// parseQuery parses q in bleve's query-string syntax and rewrites it for
// avain's index (see rewrite).
func parseQuery(q string) (query.Query, error) {
	if strings.TrimSpace(q) == "" {
		return nil, badQuery("empty query")
	}
	if unbalancedQuote(q) {
		return nil, badQuery("a quote (\") is not closed")
	}
	parsed, err := parseSafely(q)
	if err != nil {
		return nil, badQuery("%s", describeParseError(q, err))
	}
	return rewrite(parsed, false)
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

// rewrite adapts a parsed query tree to avain's index, in place where it
// can:
//   - a word, phrase, wildcard, fuzzy term or regexp without a field (or
//     with text:) becomes a disjunction over the fi and en fields, each
//     analysed with that field's query analyzer;
//   - field names are lower-cased, and wildcard terms too (the index holds
//     lower-cased terms);
//   - doc:X matches a document's ID or its name;
//   - a phrase on a keyword field becomes a match (one term either way);
//   - a bare number searches the text only, never numeric fields;
//   - a required word that English analysis drops (a stop word such as
//     "the") does not exclude English turns.
//
// must is set inside the required (+) clauses.
func rewrite(q query.Query, must bool) (query.Query, error) {
	switch q := q.(type) {
	case *query.BooleanQuery:
		for _, p := range []*query.Query{&q.Must, &q.Should, &q.MustNot, &q.Filter} {
			if *p == nil {
				continue
			}
			r, err := rewrite(*p, p == &q.Must)
			if err != nil {
				return nil, err
			}
			*p = r
		}
		return q, nil
	case *query.ConjunctionQuery:
		return q, rewriteAll(q.Conjuncts, must)
	case *query.DisjunctionQuery:
		return q, rewriteAll(q.Disjuncts, must)
	case *query.MatchQuery:
		if q.Fuzziness < 0 || q.Fuzziness > maxFuzziness {
			return nil, badQuery("fuzziness ~%d is out of range (use ~1 or ~2)", q.Fuzziness)
		}
		f := strings.ToLower(q.FieldVal)
		if fs := targets(f); fs != nil {
			return overFields(fs, func(f string) query.Query {
				if must && f == fieldEN && stopped(q.Match) {
					return englishTurns()
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
				if must && f == fieldEN && stopped(q.MatchPhrase) {
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

func rewriteAll(qs []query.Query, must bool) error {
	for i, c := range qs {
		r, err := rewrite(c, must)
		if err != nil {
			return err
		}
		qs[i] = r
	}
	return nil
}

// stopped reports whether English analysis leaves no term of text.
func stopped(text string) bool {
	a := englishAnalyzer()
	return a != nil && len(a.Analyze([]byte(text))) == 0
}

var englishAnalyzer = sync.OnceValue(func() analysis.Analyzer {
	a, _ := registry.NewCache().AnalyzerNamed(en.AnalyzerName)
	return a
})

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
