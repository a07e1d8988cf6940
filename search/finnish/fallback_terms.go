package finnish

import (
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
)

// fallbackTerms gives the terms the fallback analysis indexes (index set)
// or searches for a lowercase word. Without a dictionary a word's ending
// can be read two ways: as an inflection ("kunnassa": kunta + ssa) or as
// part of a base form ("sauna", "harkintavalta"). The index side holds the
// key of both readings; the query side, where a researcher types a base
// form, searches the key of the word read as a base form. A closed-class
// word gets its base form marked "=" either way.
func fallbackTerms(word string, index bool) []string {
	if !isWordy(word) {
		return []string{word}
	}
	if base, ok := irregular[word]; ok {
		return []string{irregularPrefix + base}
	}
	asBase := stemKeyAs(word, false)
	if !index {
		return []string{markIrregularStem(asBase[0], word)}
	}
	var list []string
	keys := append(stemKeyAs(word, true), asBase...)
	for _, k := range append(keys, stemKeyMode(word, true, true)...) {
		list = appendNew(list, markIrregularStem(k, word))
	}
	return appendNew(list, word) // for wildcards: tiedonsiirt?, liite*
}

// markIrregularStem gives the key of a regular form of an inflecting base
// of the irregular table ("hyvän") as that base's ("=hyvä"): key is a key
// of word, which must be written with the base's stem (the base less its
// final vowels), for the keys of other words meet it through consonant
// gradation (hyppää, of hypätä: p/v).
func markIrregularStem(key, word string) string {
	if base, ok := irregularStems[key]; ok && strings.HasPrefix(word, trimVowels(base)) {
		return irregularPrefix + base
	}
	return key
}

// tokenSlab hands out the extra tokens of one Filter call from a few large
// allocations instead of one each: the fallback gives most words two or
// three terms.
type tokenSlab struct{ buf []analysis.Token }

// next returns a zero token; a new slab holds about 2×words tokens.
func (s *tokenSlab) next(words int) *analysis.Token {
	if len(s.buf) == cap(s.buf) {
		s.buf = make([]analysis.Token, 0, 2*words+8)
	}
	s.buf = s.buf[:len(s.buf)+1]
	return &s.buf[len(s.buf)-1]
}
