package finnish

import (
	"strings"
	"unicode/utf8"
)

// The sounds of Finnish stems the fallback keys rest on: vowel harmony,
// stem vowel classes, final vowels and consonant gradation.

// Stem vowel classes: a stem's last vowel, which inflection changes only
// within its class (a and ä; o, ö, u and y; e and i) or before the plural
// and past i.
const (
	classA = ":a"
	classO = ":o"
	classE = ":e"
)

// vowelClasses gives the classes of the stem vowels trimmed off a stem
// (vowels; stemEndsInVowel when the stem kept some, a short word). A base
// form has one class: that of its last vowel, e for a consonant stem
// (jäsen, jäsene-). An inflected form's i after a consonant may be an
// i-stem's or the plural or past i that replaced an a (koiria, kirjoitti):
// e or a; oi may be an o stem's plural or an a stem's (taloissa,
// kaloissa): o or a; a passive's e stands for a (annettu: anta-).
func vowelClasses(vowels string, base, passive, stemEndsInVowel bool) []string {
	if stemEndsInVowel { // a short word kept its vowels (asu-, maa)
		return []string{""}
	}
	if vowels == "" {
		return []string{classE}
	}
	last := lastRune(vowels)
	one := func(r rune) string {
		switch r {
		case 'a', 'ä':
			return classA
		case 'o', 'ö', 'u', 'y':
			return classO
		}
		return classE
	}
	if base {
		return []string{one(last)}
	}
	if last == 'i' {
		if len(vowels) == 1 {
			return []string{classE, classA}
		}
		switch prev := lastRune(vowels[:len(vowels)-1]); prev {
		case 'o', 'ö':
			return []string{classO, classA}
		case 'e', 'i': // huoneissa, korkeimmassa
			return []string{classE, classA}
		}
		return []string{one(lastRune(vowels[:len(vowels)-1]))}
	}
	if last == 'e' && passive {
		return []string{classE, classA}
	}
	if rest := vowels[:len(vowels)-utf8.RuneLen(last)]; (last == 'a' || last == 'ä') && rest != "" {
		switch lastRune(rest) {
		case 'e', 'i':
			return []string{classE, classA} // asian, korkean; toimia, lukea
		case 'o', 'ö', 'u', 'y':
			return []string{classO, classA} // haluan, tarjoaa (haluta, tarjota)
		}
	}
	return []string{one(last)}
}

// gradeEnd gives the consonant cluster that ends s (a stem without its
// final vowels) one form for its strong and weak grades, without losing
// the letters that tell it from other clusters: nt/nn → nt, lt/ll → lt,
// rt/rr → rt, mp/mm → mp, nk/ng → nk, ht/hd → ht, tt/t/d → t, kk/k → k,
// pp/p/v → v, and k/∅ (tuki, tuen) → ∅ where enough is left.
func gradeEnd(s string) string {
	n := len(s)
	if n < 3 {
		return s
	}
	last, prev := s[n-1], s[n-2]
	switch {
	case prev == last && strings.IndexByte("nlrm", last) >= 0:
		return s[:n-1] + map[byte]string{'n': "t", 'l': "t", 'r': "t", 'm': "p"}[last]
	case prev == 'n' && last == 'g':
		return s[:n-1] + "k"
	case prev == 'h' && last == 'd':
		return s[:n-1] + "t"
	case prev == last && (last == 't' || last == 'k'):
		return s[:n-1]
	case prev == last && last == 'p':
		return s[:n-2] + "v"
	case last == 'd' && isVowel(rune(prev)):
		return s[:n-1] + "t"
	case last == 'p' && isVowel(rune(prev)):
		return s[:n-1] + "v"
	case last == 'k' && isVowel(rune(prev)) && !isVowel(rune(s[n-3])) && utf8.RuneCountInString(s) > minKey:
		return trimVowels(s[:n-1])
	}
	return s
}

// minKey is the fewest runes trimVowels leaves.
const minKey = 3

// trimVowels removes the vowels that end s, keeping minKey runes.
func trimVowels(s string) string {
	for utf8.RuneCountInString(s) > minKey {
		r, size := utf8.DecodeLastRuneInString(s)
		if !isVowel(r) {
			break
		}
		s = s[:len(s)-size]
	}
	return s
}

// pluralDiphthong gives the one-syllable stem of a plural one (consonant,
// vowel, i): a diphthong lost its first vowel and a long vowel its length
// before the plural i (työ: töi-, tie: tei-, maa: mai-).
func pluralDiphthong(s string) string {
	rs := []rune(s)
	if len(rs) != 3 || isVowel(rs[0]) || !isVowel(rs[1]) || rs[2] != 'i' {
		return s
	}
	switch rs[1] {
	case 'o':
		return string(rs[0]) + "uo"
	case 'ö':
		return string(rs[0]) + "yö"
	case 'e':
		return string(rs[0]) + "ie"
	}
	return string(rs[0]) + string(rs[1]) + string(rs[1])
}

// harmonyAgrees reports whether the vowels of ending agree with the vowel
// harmony of stem: a back ending (a, o, u) after a stem whose last harmonic
// vowel is back, a front one (ä, ö, y) after a front or neutral stem.
func harmonyAgrees(stem, ending string) bool {
	e := harmonyOf(ending, false)
	if e == 0 {
		return true
	}
	return harmonyOf(stem, true) == e || (e == 'f' && harmonyOf(stem, true) == 0)
}

// harmonyOf gives 'b' or 'f' for the last (last set) or first harmonic
// vowel of s, 0 when it has none.
func harmonyOf(s string, last bool) byte {
	var h byte
	for _, r := range s {
		switch r {
		case 'a', 'o', 'u':
			h = 'b'
		case 'ä', 'ö', 'y':
			h = 'f'
		default:
			continue
		}
		if !last {
			return h
		}
	}
	return h
}

func hasVowel(s string) bool {
	for _, r := range s {
		if isVowel(r) {
			return true
		}
	}
	return false
}

// endsInLongVowel reports whether s ends in two vowels.
func endsInLongVowel(s string) bool {
	a, size := utf8.DecodeLastRuneInString(s)
	b, _ := utf8.DecodeLastRuneInString(s[:len(s)-size])
	return isVowel(a) && isVowel(b)
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// afterUY reports whether s ends in u or y.
func afterUY(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == 'u' || r == 'y'
}
