package finnish

import (
	"maps"
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
