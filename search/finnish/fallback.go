package finnish

import (
	"strings"
	"unicode/utf8"
)

// fallbackKey maps a lowercase Finnish word to the term the fallback
// analysis indexes and searches. A closed-class word or irregular form in
// the irregular table gets its base form marked "=" ("ovat": =olla), so
// that it never meets the stem of another word ("olo", "olut"); any other
// word gets its stem by the inflection rules of stemKey, which give a base
// form and its inflected forms one key.
func fallbackKey(word string) string {
	if !isWordy(word) {
		return word
	}
	if base, ok := irregular[word]; ok {
		return irregularPrefix + base
	}
	key := stemKey(word)
	if base, ok := irregularStems[key]; ok {
		return irregularPrefix + base
	}
	return key
}

// irregularPrefix marks the key of a word of the irregular table.
const irregularPrefix = "="

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
