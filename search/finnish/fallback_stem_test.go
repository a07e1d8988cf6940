package finnish

import (
	"slices"
	"testing"
)

// TestFallbackKeyByRule checks the fallback's inflection rules on general
// Finnish words: a base form and its inflected forms share a key (short
// words, plural stems, gradation, possessive suffixes, participles, the
// -us/-ukse- and -as/-kaa- stems), and words that only look alike do not
// (a particle and an inflected word, a form of olla and another word).
func TestFallbackKeyByRule(t *testing.T) {
	joins := [][]string{
		{"suo", "suon", "suolla", "soissa", "soita"},    // short word, plural diphthong
		{"sauna", "saunan", "saunassa", "saunoja"},      // plural stem
		{"pyörä", "pyörän", "pyörällä", "pyöriä"},       // front harmony
		{"neuvola", "neuvolaan", "neuvolassanne"},       // illative, possessive
		{"tuttava", "tuttavallani", "tuttavassasi"},     // -ni, -si after a case ending
		{"harrastus", "harrastukseen", "harrastusta"},   // -us, -ukse-
		{"mökki", "mökissä", "mökkiin", "mökeissä"},     // kk/k
		{"kerho", "kerhoon", "kerhossakin", "kerholle"}, // clitic
		{"puhelin", "puhelimessa"},                      // -in, -ime-
		{"hoitaja", "hoitajalle", "hoitajien"},
		{"vuokra", "vuokraa", "vuokrasta"},
		{"sisko", "siskonsa", "siskoaan", "siskolleen"}, // possessives of the third person
		{"jaksaa", "jaksoi", "jaksanut", "jaksettiin"},  // past, participle, passive
		{"sosiaalityöntekijä", "sosiaalityöntekijälle"},
		{"selkeä", "selkeämmin", "selkeästi"},   // comparative adverb, -sti
		{"kala", "kaloja", "kaloissa", "kalat"}, // a stem's a becomes o before the plural i
		{"pullo", "pullossa", "pulloja"},
		{"pankki", "pankin", "pankeissa"}, // kk/k, not the clitic -kin
		{"nukke", "nukkeja", "nukkea"},
		{"nukkua", "nukkui", "nukkuvat", "nukuttiin"},
		{"lasi", "lasin", "laseja", "lasia"},
		{"porukka", "porukan", "porukassa", "porukoita"}, // kk/k beside k/∅
		{"juoda", "juon", "juovat"},                      // -da after a long vowel
		{"matilda", "matildan", "matildalle"},            // not -da after a short one
		{"pestä", "pesee", "pesevät"},                    // -stä: an e stem
		{"ommella", "ompelee", "ompeli"},
		{"hymyillä", "hymyili", "hymyilevässä", "hymyiltiin"}, // a participle also under its verb
		{"hymyilevä", "hymyilevässä", "hymyilevien"},          // -lla: gradation before -el-
	}
	for _, forms := range joins {
		q := fallbackTerms(forms[0], false)
		for _, f := range forms {
			if idx := fallbackTerms(f, true); !slices.Contains(idx, q[0]) {
				t.Errorf("%q searches %q, %q is indexed as %q: want it found", forms[0], q, f, idx)
			}
		}
	}
	apart := [][2]string{
		{"ja", "jaksaa"}, {"kun", "kunnassa"}, {"että", "etuus"}, {"oli", "olio"},
		{"kala", "kalun"}, {"kalu", "kalan"}, {"pullo", "pullan"}, // the stem vowel's class
		{"nukke", "nukkuu"},
	}
	// a participle is searched as itself, not as its verb (a verb still
	// finds its participles)
	if q, idx := fallbackTerms("hymyilevä", false), fallbackTerms("hymyili", true); slices.Contains(idx, q[0]) {
		t.Errorf("%q searches %q, %q is indexed as %q: want it not found", "hymyilevä", q, "hymyili", idx)
	}
	for _, p := range apart {
		for _, pair := range [][2]string{p, {p[1], p[0]}} {
			q, idx := fallbackTerms(pair[0], false), fallbackTerms(pair[1], true)
			if slices.Contains(idx, q[0]) {
				t.Errorf("%q searches %q, %q is indexed as %q: want it not found", pair[0], q, pair[1], idx)
			}
		}
	}
}

// TestHarmonyAgrees checks the vowel harmony rule endings are cut by.
func TestHarmonyAgrees(t *testing.T) {
	tests := []struct {
		stem, ending string
		want         bool
	}{
		{"talo", "ssa", true}, {"talo", "ssä", false},
		{"kylä", "ssä", true}, {"kylä", "ssa", false},
		{"tie", "ssä", true}, {"tie", "ssa", false}, // e and i only: front
		{"työpaika", "ssa", true}, // a compound: its last part decides
		{"talo", "n", true},
	}
	for _, tc := range tests {
		if got := harmonyAgrees(tc.stem, tc.ending); got != tc.want {
			t.Errorf("harmonyAgrees(%q, %q) = %v, want %v", tc.stem, tc.ending, got, tc.want)
		}
	}
}
