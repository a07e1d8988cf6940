package finnish

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/toituavain/avain/voikko"
	"slices"
)

// unknownPrefix marks the fallback key of a word Voikko does not know, so
// that it never equals a base form.
const unknownPrefix = "~"

// AmbiguousPrefix marks, in the index, a base form reached through a word
// Voikko reads in several ways with different base forms ("silloin": the
// adverb silloin, or silta's instructive plural; "kirjaa": kirja or
// kirjata), and its participles' verbs and compound parts. Such a word is
// indexed as "≈silloin" and "≈silta", so that a
// search can rank it below a word that can only be the one searched; the
// query side searches every base form b as both b and ≈b, so nothing is
// lost. The tokenizer never keeps "≈" in a word.
const AmbiguousPrefix = "≈"

// lemmatizer gives the base forms, compound parts and participles' verbs
// of a lowercase word; *voikko.Voikko is one.
type lemmatizer interface {
	BaseForms(word string) []string
	CompoundParts(word string) []string
	ParticipleVerbs(word string) []string
}

var _ lemmatizer = (*voikko.Voikko)(nil)

// VoikkoTokenFilter replaces each token by its base forms. On the index side
// (parts set) it adds the verb of a participle ("annettu": antaa), the parts
// of a compound ("tietosuojan": tieto, suoja) and the halves of a hyphenated
// word; extra tokens share the original token's position and byte offsets.
// On the query side a word that is itself a base form searches that base
// form only ("tunne", not also "tuntea"). A word Voikko does not know is
// kept, with its fallback key and stems marked "~" added (unknownTerms), so
// that a name's base form and its inflections meet ("clinton",
// "clintonista": ~clinton).
type VoikkoTokenFilter struct {
	lem   lemmatizer
	parts bool
	cache *termCache
}

// NewVoikkoTokenFilter returns a filter over lem; parts selects the index
// side.
func NewVoikkoTokenFilter(lem lemmatizer, parts bool) *VoikkoTokenFilter {
	return &VoikkoTokenFilter{lem: lem, parts: parts, cache: newTermCache()}
}

// Filter implements analysis.TokenFilter.
func (f *VoikkoTokenFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	var out analysis.TokenStream // allocated on the first extra token
	for i, tok := range input {
		terms, ok := f.cache.get(tok.Term)
		if !ok {
			terms = toBytes(f.terms(string(tok.Term)))
			f.cache.put(tok.Term, terms)
		}
		tok.Term = terms[0]
		if len(terms) == 1 {
			if out != nil {
				out = append(out, tok)
			}
			continue
		}
		if out == nil {
			out = make(analysis.TokenStream, i, len(input)+len(input)/2+len(terms))
			copy(out, input[:i])
		}
		out = append(out, tok)
		for _, t := range terms[1:] {
			out = append(out, &analysis.Token{
				Term: t, Start: tok.Start, End: tok.End,
				Position: tok.Position, Type: tok.Type, KeyWord: tok.KeyWord,
			})
		}
	}
	if out == nil {
		return input
	}
	return out
}

// terms works out what word is indexed or searched as: never an empty
// list.
func (f *VoikkoTokenFilter) terms(word string) []string {
	halves := hyphenHalves(word)
	list := f.lemmas(word, halves)
	if f.parts {
		for _, h := range halves { // "1960" of "1960-luvulla" stays findable
			list = appendNew(list, f.lemmas(h, nil)...)
		}
	}
	return list
}

// lemmas gives the terms of one word (see VoikkoTokenFilter); halves are
// its hyphenated parts, if any.
func (f *VoikkoTokenFilter) lemmas(word string, halves []string) []string {
	if !isWordy(word) && (halves == nil || !isWordy(halves[len(halves)-1])) {
		return []string{word}
	}
	bases := f.lem.BaseForms(word)
	if len(bases) == 0 && halves != nil {
		bases = hyphenBases(f.lem, word, halves)
	}
	if len(bases) == 0 {
		return unknownTerms(word, f.parts)
	}
	if !f.parts {
		if slices.Contains(bases, word) {
			return withAmbiguous([]string{word})
		}
		return withAmbiguous(bases)
	}
	list := slices.Clone(bases) // the list may be a cached one: never append into it
	list = appendNew(list, f.lem.ParticipleVerbs(word)...)
	list = appendNew(list, f.lem.CompoundParts(word)...)
	if len(bases) > 1 { // toimimaan: toimia, toimima, or the compound toimi+maa
		return ambiguous(list)
	}
	return list
}

// ambiguous returns the terms of list marked as readings of an ambiguous
// word (AmbiguousPrefix).
func ambiguous(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = AmbiguousPrefix + s
	}
	return out
}

// withAmbiguous returns the base forms a query word searches, each followed
// by its marked form (AmbiguousPrefix): the word is found in the text both
// where it can only be itself and where it is one reading of several.
func withAmbiguous(bases []string) []string {
	out := make([]string, 0, 2*len(bases))
	for _, b := range bases {
		out = append(out, b, AmbiguousPrefix+b)
	}
	return out
}

// unknownTerms gives the terms of a word Voikko does not know: the word,
// its fallback key and, on the index side, the stems of its inflections as
// a name's (nameStems), on the query side the word as its own stem and as a
// reading of an ambiguous word; keys and stems are marked "~" so that they
// never equal a base form.
func unknownTerms(word string, index bool) []string {
	list := []string{word, unknownPrefix + fallbackKey(word)}
	if !index { // Voikko may still give the word as a reading of another (tikkaat: tikas)
		return appendNew(list, unknownPrefix+word, AmbiguousPrefix+word)
	}
	for _, s := range nameStems(word) {
		list = appendNew(list, unknownPrefix+s)
	}
	return list
}

// hyphenBases gives the base forms of a hyphenated word Voikko does not know
// as a whole, from those of its last part (Finnish inflects only the last
// part): "schulman-tapauksen" is "schulman-tapaus".
func hyphenBases(lem lemmatizer, word string, halves []string) []string {
	last := halves[len(halves)-1]
	prefix := word[:len(word)-len(last)]
	var out []string
	for _, b := range lem.BaseForms(last) {
		out = append(out, prefix+b)
	}
	return out
}

// appendNew appends the items of add that list lacks.
func appendNew(list []string, add ...string) []string {
	for _, s := range add {
		if !slices.Contains(list, s) {
			list = append(list, s)
		}
	}
	return list
}

func toBytes(list []string) [][]byte {
	out := make([][]byte, len(list))
	for i, s := range list {
		out[i] = []byte(s)
	}
	return out
}

// FallbackTokenFilter replaces each token by its fallback key: the Snowball
// stem normalised for Finnish stem alternations. On the index side (parts
// set) a hyphenated word also gets the keys of its halves.
type FallbackTokenFilter struct {
	parts bool
	cache *termCache
}

// NewFallbackTokenFilter returns a FallbackTokenFilter; parts selects the
// index side.
func NewFallbackTokenFilter(parts bool) *FallbackTokenFilter {
	return &FallbackTokenFilter{parts: parts, cache: newTermCache()}
}

// Filter implements analysis.TokenFilter.
func (f *FallbackTokenFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	var out analysis.TokenStream // allocated on the first extra token
	var slab tokenSlab           // the extra tokens, allocated together
	for i, tok := range input {
		terms, ok := f.cache.get(tok.Term)
		if !ok {
			terms = toBytes(f.terms(string(tok.Term)))
			f.cache.put(tok.Term, terms)
		}
		tok.Term = terms[0]
		if len(terms) == 1 {
			if out != nil {
				out = append(out, tok)
			}
			continue
		}
		if out == nil {
			out = make(analysis.TokenStream, i, 3*len(input)+len(terms))
			copy(out, input[:i])
		}
		out = append(out, tok)
		for _, t := range terms[1:] {
			extra := slab.next(len(input))
			*extra = analysis.Token{
				Term: t, Start: tok.Start, End: tok.End,
				Position: tok.Position, Type: tok.Type, KeyWord: tok.KeyWord,
			}
			out = append(out, extra)
		}
	}
	if out == nil {
		return input
	}
	return out
}

func (f *FallbackTokenFilter) terms(word string) []string {
	list := fallbackTerms(word, f.parts)
	if f.parts {
		for _, h := range hyphenHalves(word) {
			list = appendNew(list, fallbackTerms(h, true)...)
		}
	}
	return list
}
