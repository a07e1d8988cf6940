package finnish

import (
	"strings"
)

// fallbackKey maps a lowercase Finnish word, read as an inflected form, to
// its fallback key (the key of a word Voikko does not know, "~key"). A
// closed-class word or irregular form in the irregular table gets its base
// form marked "=" ("ovat": =olla), so that it never meets the stem of
// another word ("olo", "olut"); any other word gets its stem by the
// inflection rules of stemKey. fallbackTerms gives the fallback analysis'
// own terms.
func fallbackKey(word string) string {
	if !isWordy(word) {
		return word
	}
	if base, ok := irregular[word]; ok {
		return irregularPrefix + base
	}
	key := markIrregularStem(stemKey(word), word)
	if i := strings.LastIndexByte(key, ':'); i > 0 {
		key = key[:i] // the stem without its vowel class: a name's stems have none
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
