package finnish

import (
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	snowfi "github.com/blevesearch/snowballstem/finnish"
)

// fallbackKey maps a lowercase Finnish word to the term the fallback
// analysis indexes and searches: the Snowball stem, normalised so that the
// stem alternations of Finnish inflection (consonant gradation kk/k, t/d,
// nt/nn, k/∅ ..., and the stem types -s/-ks-, -us/-ude-, -nen/-se-) give the
// base form and its inflected forms one key.
func fallbackKey(word string) string {
	if !isWordy(word) {
		return word
	}
	if base, ok := irregular[word]; ok {
		word = base
	}
	env := snowballstem.NewEnv(word)
	snowfi.Stem(env)
	s := env.Current()
	if utf8.RuneCountInString(s) <= 2 {
		return s
	}
	s = normaliseStemType(s)
	s = stripVerbEnding(s)
	s = undouble(s)
	for range 2 {
		s = stripFinalVowels(s)
		s = strings.TrimSuffix(s, "j") // työntekijö- (työntekijä)
		s = stripFinalVowels(s)
		s = gradeFinalCluster(s)
	}
	return s
}

// isWordy reports whether s has a letter and no digit (numbers, codes and
// identifiers are kept unchanged).
func isWordy(s string) bool {
	letter := false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			return false
		case isVowel(r) || r >= 'a' && r <= 'z' || r > 127:
			letter = true
		}
	}
	return letter
}

func isVowel(r rune) bool {
	switch r {
	case 'a', 'e', 'i', 'o', 'u', 'y', 'ä', 'ö', 'å':
		return true
	}
	return false
}

// stemTypeRules rewrites stem endings of inflected forms to the ending
// Snowball leaves on the base form; the first match wins.
var stemTypeRules = []struct{ from, to string }{
	{"uuks", "uus"}, {"yyks", "yys"}, // oikeuks- (oikeus)
	{"ks", "s"},                // päätöks- (päätös), hakemuks- (hakemus)
	{"kas", "k"}, {"käs", "k"}, // asiakas (asiakkaa-: Snowball "asiak")
	{"uud", "uus"}, {"yyd", "yys"}, // etuud- (etuus)
	{"uut", "uus"}, {"yyt", "yys"}, // kokonaisuut- (kokonaisuus)
	{"ais", "ain"}, {"äis", "äin"}, {"ois", "oin"}, {"öis", "öin"}, // -inen: sähköis- (sähköinen)
	{"eis", "ein"}, {"uis", "uin"}, {"yis", "yin"},
	{"lis", "lin"}, {"mis", "min"}, {"nis", "nin"}, {"kis", "kin"}, // ihmis- (ihminen)
}

// verbRules strip verb endings Snowball leaves: participles (tulev- in
// tulevat), the -minen noun and -ma infinitive (tekemin-, kysym-) and the
// partitive plural j (sääntöj-).
var verbRules = []string{
	"amin", "ämin", "emin", "imin", "omin", "umin", "ymin", "ömin",
	"av", "äv", "ev", "iv", "ov", "uv", "yv", "öv",
	"am", "äm", "em", "im", "om", "um", "ym", "öm",
	"oj", "öj", "ej",
	"ast", "äst", "ost", "öst", "ust", "yst", // -sti adverbs: huonost- (huonosti)
}

func normaliseStemType(s string) string {
	for _, r := range stemTypeRules {
		if strings.HasSuffix(s, r.from) && len(s) > len(r.from)+1 {
			return s[:len(s)-len(r.from)] + r.to
		}
	}
	return s
}

func stripVerbEnding(s string) string {
	for _, e := range verbRules {
		if strings.HasSuffix(s, e) && utf8.RuneCountInString(s) > len(e)+2 {
			return s[:len(s)-len(e)]
		}
	}
	return s
}

// stripFinalVowels removes the vowels that end s, keeping two runes.
func stripFinalVowels(s string) string {
	for utf8.RuneCountInString(s) > 2 {
		r, size := utf8.DecodeLastRuneInString(s)
		if !isVowel(r) {
			break
		}
		s = s[:len(s)-size]
	}
	return s
}

// undouble reduces double consonants (kk, pp, tt, ll, nn, ...) to one.
func undouble(s string) string {
	var b strings.Builder
	var prev rune = -1
	changed := false
	for _, r := range s {
		if r == prev && !isVowel(r) {
			changed = true
			continue
		}
		prev = r
		b.WriteRune(r)
	}
	if !changed {
		return s
	}
	return b.String()
}

// gradeFinalCluster maps the strong and weak grades of the consonant cluster
// that ends s to one form: nt/n → n, lt/l → l, rt/r → r, mp/m → m,
// nk/ng → ng, ht/hd → h, lk/lj → l, rk/rj → r, t/d → d, p/v → v, k/∅ → ∅.
func gradeFinalCluster(s string) string {
	n := len(s)
	if n < 3 {
		return s
	}
	last := s[n-1]
	prev := s[n-2]
	switch {
	case prev == 'n' && (last == 't' || last == 'k' || last == 'g'):
		if last == 't' {
			return s[:n-1]
		}
		return s[:n-1] + "g"
	case (prev == 'l' || prev == 'r') && (last == 't' || last == 'k' || last == 'j'):
		return s[:n-1]
	case prev == 'm' && last == 'p':
		return s[:n-1]
	case prev == 'h' && (last == 't' || last == 'd' || last == 'k'):
		return s[:n-1]
	case last == 't':
		return s[:n-1] + "d"
	case last == 'p':
		return s[:n-1] + "v"
	case last == 'k' && isVowel(rune(prev)) && !isVowel(rune(s[n-3])):
		return s[:n-1]
	}
	return s
}
