package finnish

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/toituavain/avain/voikko"
	"slices"
)

// unknownPrefix marks the fallback key of a word Voikko does not know, so
// that it never equals a base form.
const unknownPrefix = "~"

// lemmatizer gives the base forms and compound parts of a lowercase word;
// *voikko.Voikko is one.
type lemmatizer interface {
	BaseForms(word string) []string
	CompoundParts(word string) []string
}

var _ lemmatizer = (*voikko.Voikko)(nil)

// VoikkoTokenFilter replaces each token by its base forms and, when Parts is
// set, adds the base forms of its compound parts: extra tokens share the
// original token's position and byte offsets. Words Voikko does not know are
// kept, with their fallback key added.
type VoikkoTokenFilter struct {
	lem   lemmatizer
	parts bool
	cache *termCache
}

// NewVoikkoTokenFilter returns a filter over lem; parts adds compound parts
// (index side).
func NewVoikkoTokenFilter(lem lemmatizer, parts bool) *VoikkoTokenFilter {
	return &VoikkoTokenFilter{lem: lem, parts: parts, cache: newTermCache()}
}

// Filter implements analysis.TokenFilter.
func (f *VoikkoTokenFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	var out analysis.TokenStream // allocated on the first extra token
	for i, tok := range input {
		terms, ok := f.cache.get(tok.Term)
		if !ok {
			terms = f.terms(string(tok.Term))
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

// terms works out what word is indexed as: never an empty list.
func (f *VoikkoTokenFilter) terms(word string) [][]byte {
	var list []string
	if isWordy(word) {
		list = f.lem.BaseForms(word)
	}
	if len(list) == 0 {
		list = []string{word}
		if key := fallbackKey(word); isWordy(word) && key != word {
			list = append(list, unknownPrefix+key)
		}
	} else if f.parts {
		list = slices.Clip(list) // the list may be a cached one: never append into it
		for _, p := range f.lem.CompoundParts(word) {
			if !slices.Contains(list, p) {
				list = append(list, p)
			}
		}
	}
	out := make([][]byte, len(list))
	for i, s := range list {
		out[i] = []byte(s)
	}
	return out
}

// FallbackTokenFilter replaces each token by its fallback key: the Snowball
// stem normalised for Finnish stem alternations.
type FallbackTokenFilter struct {
	cache *termCache
}

// NewFallbackTokenFilter returns a FallbackTokenFilter.
func NewFallbackTokenFilter() *FallbackTokenFilter {
	return &FallbackTokenFilter{cache: newTermCache()}
}

// Filter implements analysis.TokenFilter.
func (f *FallbackTokenFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tok := range input {
		terms, ok := f.cache.get(tok.Term)
		if !ok {
			terms = [][]byte{[]byte(fallbackKey(string(tok.Term)))}
			f.cache.put(tok.Term, terms)
		}
		tok.Term = terms[0]
	}
	return input
}
