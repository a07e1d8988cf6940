package search

// How the bleve query of one term is fitted to avain's index: the text
// fields a term searches, their analyzers, keyword fields, and the limits
// on patterns.

import (
	"errors"
	"regexp/syntax"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/bleve/v2/search/query"
	vregexp "github.com/blevesearch/vellum/regexp"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/search/finnish"
)

// maxFuzziness is the largest edit distance bleve's fuzzy search allows.
const maxFuzziness = 2

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
//   - a Finnish word, wildcard, fuzzy term or regexp also finds the base
//     forms marked as readings of an ambiguous word (readings.go), a word
//     ranking them lower;
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
					return phraseOn(p)
				}
				c := *q
				c.FieldVal, c.Analyzer = f, queryAnalyzer(f)
				if f == fieldFI && finnish.UsesVoikko() {
					return readingsQuery{&c}
				}
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
				return phraseOn(&c)
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
			return newPatternQuery(f, wildcardRegexp.Replace(w), q.BoostVal.Value())
		}), nil
	case *query.RegexpQuery:
		if err := checkPattern(strings.TrimPrefix(q.Regexp, "^")); err != nil {
			return nil, err
		}
		return onFields(q.FieldVal, func(f string) query.Query {
			return newPatternQuery(f, q.Regexp, q.BoostVal.Value())
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
// there are several (a textFieldsQuery: it leaves out a field no turn of
// the index has words in, scoring as the disjunction would).
func overFields(fs []string, build func(f string) query.Query) query.Query {
	if len(fs) == 1 {
		return build(fs[0])
	}
	qs := make([]query.Query, len(fs))
	for i, f := range fs {
		qs[i] = build(f)
		if t, ok := qs[i].(*query.TermQuery); ok && t.FieldVal == fieldLang {
			return query.NewDisjunctionQuery(qs) // englishTurns: not a text field
		}
	}
	return textFieldsQuery{qs: qs, fields: fs}
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
