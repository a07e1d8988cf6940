package finnish

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// nameEndings are the case endings (both vowel harmonies) a word Voikko does
// not know, mostly a name, takes when it is inflected: genitive, partitive,
// the local cases, essive, translative, abessive, illative and the plural.
var nameEndings = []string{
	"n", "a", "ä", "ta", "tä", "t",
	"ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle",
	"na", "nä", "ksi", "tta", "ttä",
	"han", "hen", "hin", "hon", "hun", "hyn", "hän", "hön",
}

// clitics are the particles that may end any inflected word.
var clitics = []string{"kin", "kaan", "kään", "ko", "kö", "han", "hän", "pa", "pä"}

// minNameStem is the shortest stem, in runes, nameStems gives.
const minNameStem = 3

// nameStems gives the stems an inflected form of a word Voikko does not know
// may have, the word itself first: the word less a clitic and a case
// ending, less the linking vowel of a consonant-final name ("clintonista":
// clintoni, clinton), with a long vowel of the illative shortened
// ("obamaan": obama) and the -kse- stem of an -s name made -s
// ("kalymnoksella": kalymnos). The index holds each as "~stem", so that a
// search for the name in its base form ("clinton", "~clinton") finds its
// inflections, which Finnish writes as endings added to the name.
func nameStems(word string) []string {
	out := []string{word}
	add := func(s string) {
		if utf8.RuneCountInString(s) >= minNameStem && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	bodies := []string{word}
	for _, c := range clitics {
		if b, ok := strings.CutSuffix(word, c); ok {
			bodies = append(bodies, b)
		}
	}
	for _, b := range bodies {
		add(b)
		for _, e := range nameEndings {
			s, ok := strings.CutSuffix(b, e)
			if !ok || utf8.RuneCountInString(s) < minNameStem {
				continue
			}
			add(s)
			if e == "n" { // the illative's long vowel: obamaa-n (obama)
				if r, size := utf8.DecodeLastRuneInString(s); isVowel(r) && strings.HasSuffix(s[:len(s)-size], string(r)) {
					s = s[:len(s)-size]
					add(s)
				}
			}
			r, size := utf8.DecodeLastRuneInString(s)
			rest := s[:len(s)-size]
			switch {
			case strings.HasSuffix(s, "kse"):
				add(s[:len(s)-3] + "s") // kalymnokse- (kalymnos)
			case (r == 'i' || r == 'e') && rest != "" && !endsInVowel(rest):
				add(rest) // clintoni- (clinton)
			}
		}
	}
	return out
}

func endsInVowel(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return isVowel(r)
}
