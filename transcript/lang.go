package transcript

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/toituavain/avain/coding"
)

// finnishWords are frequent Finnish function words, spoken forms included.
var finnishWords = setOf(`ja on ei että se ne mutta kun niin oli ole olen olla ollut ovat
	joo juu tota noin mä sä me te he hän minä sinä mun sun tää tämä nää nämä
	mitä mikä miten miksi missä jos tai vaan vai myös nyt sitten siis kyllä
	vähän kuin sen sitä siitä siinä sinne siellä täällä tässä just ihan aika
	niitä niistä ku et en emme eli koska kanssa mutta sekä vielä jo kans`)

// englishWords are frequent English function words.
var englishWords = setOf(`the and is are was were of to in that it you i we they this
	have has had not but what so be for with as at by from or an my your our
	do does did can will would there their about which who yes no just like`)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// DetectLang guesses whether text is Finnish ("fi") or English ("en") from
// its common function words and its share of ä and ö; text in neither
// language is "en".
func DetectLang(text string) string {
	fi, en := 0.0, 0.0
	var word []byte // the current word in lower case
	count := func() {
		switch w := word; {
		case len(w) == 0:
		case finnishWords[string(w)]: // no copy for a map look-up
			fi++
		case englishWords[string(w)]:
			en++
		case bytes.ContainsAny(w, "äö"):
			fi += 0.5
		}
		word = word[:0]
	}
	for _, r := range text {
		r = unicode.ToLower(r)
		if !unicode.IsLetter(r) && r != '\'' {
			count()
			continue
		}
		word = utf8.AppendRune(word, r)
	}
	count()
	if fi > en {
		return coding.LangFinnish
	}
	return coding.LangEnglish
}
