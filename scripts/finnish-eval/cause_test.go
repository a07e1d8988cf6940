package main

import "testing"

// lemmas is an analyser for tests: a word's base forms, "+part" compound
// parts and "*verb" participles' verbs.
type lemmas map[string][]string

func (l lemmas) BaseForms(w string) []string {
	var out []string
	for _, s := range l[w] {
		if s[0] != '+' && s[0] != '*' {
			out = append(out, s)
		}
	}
	return out
}

func (l lemmas) CompoundParts(w string) []string { return l.marked(w, '+') }

func (l lemmas) ParticipleVerbs(w string) []string { return l.marked(w, '*') }

func (l lemmas) marked(w string, mark byte) []string {
	var out []string
	for _, s := range l[w] {
		if s[0] == mark {
			out = append(out, s[1:])
		}
	}
	return out
}

func TestClassifier(t *testing.T) {
	a := lemmas{
		"sen": {"se"}, "se": {"se"}, "kuu": {"kuu"}, "kuin": {"kuu", "kuin"},
		"kuussa": {"kuu"}, "lokakuussa": {"lokakuu", "+loka", "+kuu"}, "kuulla": {"kuulla"},
		"merkittävä": {"merkittävä", "*merkitä"},
	}
	tests := []struct {
		query string
		words []string
		want  string
	}{
		{"sen", []string{"se"}, causeQuery},
		{"kuu", []string{"kuin"}, causeAmbiguous},
		{"kuu", []string{"lokakuussa", "kuin"}, causeAmbiguous},
		{"kuu", []string{"lokakuussa"}, causeCompound},
		{"merkitä", []string{"merkittävä"}, causeParticiple},
		{"kuu", []string{"merkittävä", "lokakuussa"}, causeCompound},
		{"kuu", []string{"kuulla"}, causeOther},
		{"kuu", nil, causeOther},
		{"unknown", []string{"unknownille"}, causeOther},
	}
	for _, tc := range tests {
		if got := classifier(a, tc.query)(tc.words); got != tc.want {
			t.Errorf("%s in %q: %q, want %q", tc.query, tc.words, got, tc.want)
		}
	}
}
