package finnish

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

// TestIrregularIsDeterministic checks that the irregular table gives every
// form one base form whatever the order of the table: a base form maps to
// itself, and a form listed under two base forms maps to neither.
func TestIrregularIsDeterministic(t *testing.T) {
	owners := map[string]map[string]bool{}
	for base, list := range irregularForms {
		for _, f := range strings.Fields(list) {
			if owners[f] == nil {
				owners[f] = map[string]bool{}
			}
			owners[f][base] = true
		}
	}
	for f, bases := range owners {
		got, ok := irregular[f]
		_, isBase := irregularForms[f]
		switch {
		case isBase:
			if got != f {
				t.Errorf("base form %q maps to %q, want itself", f, got)
			}
		case len(bases) > 1:
			if ok {
				t.Errorf("%q is listed under %v but maps to %q by chance", f, bases, got)
			}
		case !ok || !bases[got]:
			t.Errorf("%q maps to %q, want its base form %v", f, got, bases)
		}
	}
	for range 20 { // map iteration order differs from build to build
		if m := buildIrregular(irregularForms, particles); !maps.Equal(m, irregular) {
			t.Fatal("two builds of the irregular table differ")
		}
	}
	two := buildIrregular(map[string]string{"a": "x y", "b": "y z a"}, "")
	if want := map[string]string{"a": "a", "b": "b", "x": "a", "z": "b"}; !maps.Equal(two, want) {
		t.Errorf("got %v, want %v", two, want)
	}
}

// TestIrregularStemIsWritten checks that a regular form of an inflecting
// base of the irregular table is indexed and searched as that base only
// when it is written with the base's stem: hyvillä is hyvä, but hyppäät
// and hyppäämme (hypätä), whose keys meet hyvä's through the p/v
// gradation, are not.
func TestIrregularStemIsWritten(t *testing.T) {
	for _, w := range []string{"hyvillä", "hyvää"} {
		if terms := fallbackTerms(w, true); !slices.Contains(terms, irregularPrefix+"hyvä") {
			t.Errorf("%s is indexed as %q, want =hyvä among them", w, terms)
		}
	}
	for _, w := range []string{"hyppäät", "hyppäämme", "hypyt"} {
		for _, index := range []bool{true, false} {
			if terms := fallbackTerms(w, index); slices.Contains(terms, irregularPrefix+"hyvä") {
				t.Errorf("%s (index %v) gives %q: not hyvä", w, index, terms)
			}
		}
	}
}
