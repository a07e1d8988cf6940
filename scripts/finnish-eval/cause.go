package main

import "slices"

// The causes an unrelated turn is counted under, checked in this order.
const (
	// causeQuery: the query word is itself an inflected form of another
	// word, so the search looks for that word (Voikko reads the query word
	// as a base form other than itself: sen as se, paras as hyvä).
	causeQuery = "query word inflected"
	// causeAmbiguous: a word the search marked in the turn has several base
	// forms, and one of them is the query (kuin: kuu or kuin).
	causeAmbiguous = "ambiguous text word"
	// causeCompound: a marked word holds the query as a compound part, but
	// the treebank's lemma does not show it as one.
	causeCompound = "compound part"
	// causeParticiple: a marked word is a participle of the query verb, as
	// Voikko reads it, which the treebank lemmatises as an adjective of its
	// own (merkittävä, tunnettu).
	causeParticiple = "participle's verb"
	// causeOther: none of these.
	causeOther = "other"
)

// causes are the causes in the order the report lists them.
var causes = []string{causeQuery, causeAmbiguous, causeCompound, causeParticiple, causeOther}

// analyser gives the base forms, compound parts and participles' verbs of
// a lowercase word, as *voikko.Voikko does.
type analyser interface {
	BaseForms(word string) []string
	CompoundParts(word string) []string
	ParticipleVerbs(word string) []string
}

// classifier returns the function that tells why query q found an
// unrelated turn, from the words the search marked in it (words in which
// it found q); a query searches itself when it is a base form or a word
// Voikko does not know, else its base forms.
func classifier(a analyser, q string) func(words []string) string {
	if bases := a.BaseForms(q); len(bases) > 0 && !slices.Contains(bases, q) {
		return func([]string) string { return causeQuery }
	}
	return func(words []string) string {
		compound, participle := false, false
		for _, w := range words {
			bases := a.BaseForms(w)
			switch {
			case slices.Contains(bases, q) && len(bases) > 1:
				return causeAmbiguous
			case slices.Contains(bases, q):
			case slices.Contains(a.CompoundParts(w), q):
				compound = true
			case slices.Contains(a.ParticipleVerbs(w), q):
				participle = true
			}
		}
		switch {
		case compound:
			return causeCompound
		case participle:
			return causeParticiple
		}
		return causeOther
	}
}
