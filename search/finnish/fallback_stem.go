package finnish

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// minStem is the fewest runes a stem keeps when an ending is cut off: an
// ending is never taken from a word so short that what is left could be
// anything ("maa", "työ" keep their letters; "maan" loses only its "n").
const minStem = 3

// clitics2 are the particles that may end any inflected word, with the
// vowel harmony of their vowels.
var stemClitics = []string{"kaan", "kään", "kin", "han", "hän", "pa", "pä", "ko", "kö"}

// possessives are the possessive suffixes cut off a stem; -ni and -si are
// cut only after a case ending (cutPossessiveAfterCase) and -nne never, as
// many base forms end in them (vuosi, moderni, tilanne).
var possessives = []string{"mme", "nsa", "nsä"}

// caseEndings are the case endings of nouns, adjectives and participles,
// the longest first: plural genitives, illatives of long stems, the local
// cases, translative, essive, partitive, genitive and the plural t. The
// illative of a short stem (taloon, maahan) is handled apart.
var caseEndings = []string{
	"itten", "iden", "tten", "seen", "siin",
	"mmin", "sti", "ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle",
	"ksi", "kse", "tta", "ttä", "jen", "ien", "den", "ten",
	"na", "nä", "ta", "tä", "a", "ä", "n", "t",
}

// stemKey gives the key of w read as an inflected form (stemKeyAs).
func stemKey(w string) string { return stemKeyAs(w, true)[0] }

// cutInfinitive cuts what ends a verb's first infinitive, read as a base
// form: a/ä after a vowel (sanoa), ta/tä after a vowel or s (haluta,
// nousta), the a/ä of -lla, -nna, -rra (opiskella: opiskel-).
func cutInfinitive(s string) string {
	rest, ok := strings.CutSuffix(s, "a")
	if !ok {
		rest, ok = strings.CutSuffix(s, "ä")
	}
	if !ok || utf8.RuneCountInString(rest) < 3 {
		return s
	}
	last, _ := utf8.DecodeLastRuneInString(rest)
	if isVowel(last) { // sanoa, toimia (and asia, korkea: indexed under both)
		return rest
	}
	if t, ok := strings.CutSuffix(rest, "t"); ok && utf8.RuneCountInString(t) >= 3 {
		l, _ := utf8.DecodeLastRuneInString(t)
		switch {
		case l == 'i':
			return t + "tse" // sijaita, hallita: sijaitse-, hallitse-
		case l == 's':
			return t + "e" // nousta, pestä: nouse-, pese-
		case isVowel(l):
			return t // haluta, vastata: halu-, vasta- (haluan, vastaan)
		}
	}
	n := len(rest)
	if n >= 4 && rest[n-1] == rest[n-2] && strings.IndexByte("lnr", rest[n-1]) >= 0 {
		return rest[:n-1]
	}
	return s
}

// stemKeyAs gives the key of a lowercase word by rules of Finnish
// inflection: it cuts off a clitic, a possessive suffix, a case ending and
// a verb ending, each only when its vowels agree with the word's vowel
// harmony and enough of the word is left, then normalises the stem's
// alternations (final vowels, consonant gradation, the -nen/-se-, -s/-ks-
// and -s/-de- stem types).
func stemKeyAs(w string, inflected bool) []string { return stemKeyMode(w, inflected, !inflected) }

// stemKeyMode is stemKeyAs; with adjective set, a present participle
// (-va, -ttava) is kept as the adjective it often is (tuleva, seuraava).
func stemKeyMode(w string, inflected, adjective bool) []string {
	participles := participleEndings
	if adjective {
		participles = participleEndings[len(adjectivalParticiples):]
	}
	s := w
	if strings.HasSuffix(s, "nen") && utf8.RuneCountInString(s) >= 6 && endsInVowel(s[:len(s)-3]) && !strings.HasSuffix(s, "enen") {
		s = s[:len(s)-3] + "se" // ihminen: ihmise- (ihmisen)
	}
	if !inflected {
		s = cutInfinitive(s)
		s = cutOne(s, []string{"da", "dä"}, 3, endsInLongVowel) // saada, juoda; not kanada
		s = cutParticiple(s, participles)
		s = cutOne(s, comparatives, 4, endsInVowel)
		return stemAlternations(s, true, false)
	}
	s = cutOne(s, stemClitics, 4, endsFull) // talokin; not pankin
	s = cutOne(s, possessives, 3, endsInVowel)
	s = cutPossessiveVowel(s)
	s = cutPossessiveAfterCase(s)
	before := s
	s = cutOne(s, passiveEndings, 3, nil)
	passive := s != before
	s = cutShortInfinitive(s)
	s = cutParticiple(s, pastParticiples)
	s, cased := cutCase(s)
	if !cased {
		s = cutOne(s, finiteEndings, 3, nil)
		s = cutOne(s, []string{"da", "dä"}, 3, endsInLongVowel)
	}
	before = s
	s = cutParticiple(s, participles)
	passive = passive || strings.HasPrefix(before[len(s):], "t") // annettu, annettava
	s = cutOne(s, comparatives, 4, endsInVowel)
	if rest, ok := strings.CutSuffix(s, "mise"); ok && utf8.RuneCountInString(rest) >= 3 && endsInVowel(rest) {
		s = rest // käyttämise- (käyttäminen) is indexed under its verb too
	}
	return stemAlternations(s, false, passive)
}

// passiveEndings are the endings of the passive, cut before a case ending
// would take their last letters for an illative ("tehdään", "pidetään"); a
// noun in -ta loses the same letters ("valtaan": val-, as "valta").
var passiveEndings = []string{
	"ttaisiin", "ttäisiin", "taisiin", "täisiin",
	"ttiin", "tiin", "taan", "tään", "daan", "dään",
}

// finiteEndings are the endings of finite verb forms, which take no case
// ending: the conditional and personal endings.
var finiteEndings = []string{
	"isivat", "isivät", "isimme", "isitte", "isin", "isit", "isi",
	"vat", "vät", "tte",
}

// participleEndings are the stems of participles and verbal nouns left
// once a case ending is cut: -nut/-nee- (and its assimilated -lut, -rut,
// -sut), -ttu, -ttava, -va, the agent and third infinitive -ma and the
// -minen noun's -mis-.
var participleEndings = append(slices.Clone(adjectivalParticiples),
	"neet", "leet", "reet", "seet", "nee", "lee", "ree", "see",
	"nut", "nyt", "lut", "lyt", "rut", "ryt", "sut", "syt",
	"ttu", "tty", "ma", "mä",
)

// adjectivalParticiples are the present participles, which are often
// adjectives of their own (tuleva, seuraava).
var adjectivalParticiples = []string{"ttava", "ttävä", "va", "vä", "vi", "v"}

// comparatives are the comparative and superlative stems of adjectives,
// cut after the stem vowel or the superlative's i (suurempi, suuremman,
// korkeampi, suurimmassa).
var comparatives = []string{"mpi", "mpa", "mpä", "mma", "mmä", "mmi"}

// pastParticiples are the endings of the past participle in the
// nominative, cut before a case ending would take their t for a plural.
var pastParticiples = []string{
	"neet", "leet", "reet", "seet", "neen", "leen", "reen", "seen", "nut", "nyt", "lut", "lyt", "rut", "ryt", "sut", "syt",
}

// cutParticiple cuts the first of endings s ends with that participleFits.
func cutParticiple(s string, endings []string) string {
	for _, e := range endings {
		if rest, ok := strings.CutSuffix(s, e); ok && utf8.RuneCountInString(rest) >= 3 &&
			harmonyAgrees(rest, e) && participleFits(rest, e) {
			return rest
		}
	}
	return s
}

// participleFits reports whether rest may stand before the participle
// ending e: -nut and -nee- follow a vowel or n, their assimilated forms
// the same consonant (tullut, purrut, noussut), -ttu the vowel of a
// passive stem (käytetty, sanottu; not liitty-), the others a vowel.
func participleFits(rest, e string) bool {
	r, _ := utf8.DecodeLastRuneInString(rest)
	switch e[0] {
	case 'n':
		if strings.HasPrefix(e, "nee") && !isVowel(r) { // sanonee-; not tunne-
			return false
		}
		return isVowel(r) || r == 'n'
	case 'l', 'r', 's':
		return r == rune(e[0])
	}
	if strings.HasPrefix(e, "tt") && len(e) == 3 {
		return strings.ContainsRune("eoöuy", r)
	}
	return isVowel(r)
}

// cutOne cuts the first of endings s ends with, when at least keep runes
// are left, the ending's vowels agree with the rest's harmony and ok
// (when set) accepts the rest.
func cutOne(s string, endings []string, keep int, ok func(string) bool) string {
	for _, e := range endings {
		rest, found := strings.CutSuffix(s, e)
		if !found || utf8.RuneCountInString(rest) < keep || !harmonyAgrees(rest, e) {
			continue
		}
		if ok != nil && !ok(rest) {
			continue
		}
		return rest
	}
	return s
}

// endsFull reports whether s can be a whole word form before a clitic: it
// ends in a vowel, n or t.
func endsFull(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return isVowel(r) || r == 'n' || r == 't'
}

// cutPossessiveVowel cuts the third person possessive suffix written as
// a lengthened vowel and n after a case ending ("talossaan": talossa,
// "kotiinsa" aside): only when a local case, essive, translative or
// abessive ending is left.
func cutPossessiveVowel(s string) string {
	n := len(s)
	if n < 6 || s[n-1] != 'n' {
		return s
	}
	v, size := utf8.DecodeLastRuneInString(s[:n-1])
	if !isVowel(v) || !strings.HasSuffix(s[:n-1-size], string(v)) {
		return s
	}
	rest := s[:n-1-size]
	if (v == 'a' || v == 'ä') && strings.HasSuffix(rest, string(v)) && utf8.RuneCountInString(rest) > minStem+1 {
		if q := lastRune(rest[:len(rest)-size]); isVowel(q) && q != v {
			return rest // siskoaan: siskoa (partitive), not an illative
		}
	}
	for _, e := range []string{"ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "na", "nä", "kse", "tta", "ttä"} {
		if strings.HasSuffix(rest, e) && utf8.RuneCountInString(rest) > utf8.RuneCountInString(e)+minStem &&
			!(e == "kse" && afterUY(rest[:len(rest)-3])) {
			return rest
		}
	}
	return s
}

// cutShortInfinitive cuts the infinitive ending of a one-syllable verb
// stem ending in l, n or r, whose ending assimilates (tul-la, men-nä,
// pur-ra): what is left is too short for a noun's adessive or essive.
func cutShortInfinitive(s string) string {
	rs := []rune(s)
	n := len(rs)
	if n != 5 || (rs[4] != 'a' && rs[4] != 'ä') || rs[3] != rs[2] || strings.IndexRune("lnr", rs[2]) < 0 || !isVowel(rs[1]) || isVowel(rs[0]) {
		return s
	}
	return string(rs[:3])
}

// cutPossessiveAfterCase cuts the possessive -ni, -si or -nne where a
// case ending stands before it ("työssäni": työssä), not from a base form that
// ends in those letters (vuosi, moderni).
func cutPossessiveAfterCase(s string) string {
	rest, ok := strings.CutSuffix(s, "ni")
	for _, p := range []string{"si", "nne"} {
		if !ok {
			rest, ok = strings.CutSuffix(s, p)
		}
	}
	if !ok || utf8.RuneCountInString(rest) < 5 {
		return s
	}
	for _, e := range []string{"ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "na", "nä", "ta", "tä", "tta", "ttä"} {
		if strings.HasSuffix(rest, e) {
			return rest
		}
	}
	return s
}

// cutCase cuts one case ending and reports whether it did: the illative
// of a short stem (a vowel lengthened and n, "taloon"; h, the vowel and n,
// "maahan") first, then caseEndings. An ending that begins with a
// consonant, and a partitive a/ä, a genitive n or a plural t, follow a
// vowel (talolla, not tulla); a partitive ta/tä and the plural genitives
// follow any stem (lasta, maata, ihmisten).
func cutCase(s string) (string, bool) {
	if rest, ok := cutIllative(s); ok {
		return rest, true
	}
	for _, e := range caseEndings {
		rest, found := strings.CutSuffix(s, e)
		if !found || utf8.RuneCountInString(rest) < minStem || !harmonyAgrees(rest, e) || !hasVowel(rest) {
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(rest)
		switch e {
		case "ta", "tä": // maata, ihmistä, vuotta, haluta; not kunta, valta
			if !isVowel(last) && last != 's' && last != 't' {
				continue
			}
		case "iden", "itten", "ien": // koirien, maiden: the plural i stays
			return rest + "i", true
		case "tten", "jen":
		case "den": // maiden, töiden: after the plural i
			if last != 'i' {
				continue
			}
		case "ten": // miesten, ihmisten: after a consonant
			if isVowel(last) {
				continue
			}
		case "na", "nä": // the essive, not the end of a short base form (sauna)
			if utf8.RuneCountInString(rest) < 4 || !isVowel(last) {
				continue
			}
		case "sta", "stä": // not the partitive of an -us noun (harrastus-ta)
			if afterUY(rest) && !endsInLongVowel(rest) {
				continue
			}
		case "ksi", "kse": // not the -ukse- stem of an -us noun (rakennukse-)
			if last == 'u' || last == 'y' {
				continue
			}
		case "tta", "ttä": // huonetta: after an e stem
			if last != 'e' {
				continue
			}
		default:
			if !isVowel(last) {
				continue
			}
		}
		return rest, true
	}
	return s, false
}

// cutIllative cuts an illative ending -Vn or -hVn, V the vowel before it.
func cutIllative(s string) (string, bool) {
	n := len(s)
	if n < 4 || s[n-1] != 'n' {
		return s, false
	}
	v, size := utf8.DecodeLastRuneInString(s[:n-1])
	if !isVowel(v) {
		return s, false
	}
	before := s[:n-1-size]
	if strings.HasSuffix(before, "h") { // maahan, työhön, taloihin
		stem := before[:len(before)-1]
		if p, _ := utf8.DecodeLastRuneInString(stem); p == v || (v == 'i' && p == 'i') || endsInLongVowel(stem) && p == v {
			if utf8.RuneCountInString(stem) >= minStem {
				return stem, true
			}
		}
		return s, false
	}
	if p, _ := utf8.DecodeLastRuneInString(before); p == v && utf8.RuneCountInString(before) > minStem {
		return before, true // taloon: talo
	}
	return s, false
}

// stemAlternations normalises what is left of a word once its endings are
// cut: the plural j and i, final vowels (down to minKey runes), the -ks-,
// -de- and -itse- stems, double consonants and the grade of the final
// consonant cluster.
func stemAlternations(s string, base, passive bool) []string {
	s = pluralDiphthong(s)
	// s alternates with d and t only in an -si or consonant stem (vuosi,
	// vuoden; päätös), not in kansa, kansan
	weak := false
	sStem := strings.HasSuffix(s, "s") || strings.HasSuffix(s, "si") || strings.HasSuffix(s, "sii") || strings.HasSuffix(s, "ise") || strings.HasSuffix(s, "kse") && utf8.RuneCountInString(s) > 5
	full := s
	s = trimVowels(s)
	vowels := full[len(s):]
	if n := len(s); n > 1 && s[n-1] == 'j' && utf8.RuneCountInString(s) > minKey && strings.ContainsRune("ouyöe", lastRune(s[:n-1])) {
		s = trimVowels(s[:n-1]) // the plural j of taloja, kaloja, nukkeja; not the -ja of johtaja
		vowels = full[len(s):n-1] + "i"
		sStem = sStem || strings.HasSuffix(full[:n-1], "se") || strings.HasSuffix(full[:n-1], "si") // laseja
	}
	classes := vowelClasses(vowels, base, passive, endsInVowel(s))
	switch {
	case strings.HasSuffix(s, "its") && utf8.RuneCountInString(s) > 5:
		s = trimVowels(s[:len(s)-2]) // sijaitse- (sijaita)
	case strings.HasSuffix(s, "im") && utf8.RuneCountInString(s) > 4:
		s = s[:len(s)-1] + "n" // puhelime- (puhelin)
	case strings.HasSuffix(s, "ks") && utf8.RuneCountInString(s) > 4:
		s = s[:len(s)-2] + "s" // päätökse- (päätös)
	case utf8.RuneCountInString(s) > 4 && (strings.HasSuffix(s, "as") || strings.HasSuffix(s, "äs") || strings.HasSuffix(s, "es")):
		classes = vowelClasses(string(lastRune(s[:len(s)-1])), true, false, false)
		s = trimVowels(s[:len(s)-1]) // asiakas, asiakkaa-; kirves, kirvee-
		weak = true                  // a consonant stem's base form has the weak grade: asukas, asukkaa-
	}
	stems := []string{gradeEnd(s)}
	if weak && strings.HasSuffix(s, "k") {
		stems[0] = undouble(s) // no k/∅: the k of asukas is kk's weak grade
	}
	if kk := undouble(s); !base && stems[0] != kk && strings.HasSuffix(kk, "k") && !strings.HasSuffix(stems[0], "k") {
		stems = append(stems, kk) // rannikon: the weak grade of kk (rannikko), or k/∅ (tuki)
	}
	var keys []string
	for _, s := range stems {
		if n := len(s); n > 4 && (s[n-1] == 'l' || s[n-1] == 'r') && s[n-2] == 'e' {
			s = gradeEnd(s[:n-2]) + s[n-2:] // työskentele- (työskennellä)
		}
		s = undouble(s)
		if n := len(s); sStem && utf8.RuneCountInString(s) >= minKey && s[n-1] == 's' {
			s = s[:n-1] + "t" // vuosi, vuoden, vuotta; päätös, päätöksen
		}
		for _, c := range classes {
			keys = append(keys, s+c)
		}
	}
	return keys
}
