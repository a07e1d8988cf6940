package pseudo

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// entry is one name or place of a list, prepared for matching.
type entry struct {
	kind  Kind
	key   string     // the entry as listed
	words [][]string // per word: its lowercase base form first, then the stems it inflects on
}

// token is a word of the text, at byte offsets.
type token struct {
	s, e  int
	lower string
}

// prepare builds the entries from the lists, once.
func (d *Detector) prepare() {
	if d.entries != nil {
		return
	}
	d.entries = []entry{}
	add := func(k Kind, list []string) {
		for _, name := range list {
			name = strings.Join(strings.Fields(name), " ")
			if name == "" || strings.HasPrefix(name, "#") {
				continue
			}
			e := entry{kind: k, key: name}
			for _, w := range strings.Fields(strings.ToLower(name)) {
				e.words = append(e.words, append([]string{w}, stems(w)...))
			}
			d.entries = append(d.entries, e)
		}
	}
	add(Person, d.Names)
	add(Place, d.Places)
	d.byFirst = map[rune][]int{}
	for i, e := range d.entries {
		r, _ := utf8.DecodeRuneInString(e.words[0][0])
		d.byFirst[r] = append(d.byFirst[r], i)
	}
}

// tokens splits text into words: letters and digits, with hyphens and
// apostrophes inside a word (Anna-Liisa, O'Brien).
func tokens(text string) []token {
	var out []token
	start := -1
	for i, r := range text {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r)
		if !inWord && (r == '-' || r == '\'' || r == '’') && start >= 0 {
			next, _ := utf8.DecodeRuneInString(text[i+utf8.RuneLen(r):])
			inWord = unicode.IsLetter(next)
		}
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			out = append(out, token{s: start, e: i, lower: strings.ToLower(text[start:i])})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, token{s: start, e: len(text), lower: strings.ToLower(text[start:])})
	}
	return out
}

// findNames finds the listed names and places, inflected or not; of two
// entries that start on the same word, the one of more words wins.
func (d *Detector) findNames(text string) []Finding {
	d.prepare()
	if len(d.entries) == 0 {
		return nil
	}
	toks := tokens(text)
	base := map[string][]string{} // word -> lowercase base forms, from BaseForms
	baseForms := func(w string) []string {
		if d.BaseForms == nil {
			return nil
		}
		if b, ok := base[w]; ok {
			return b
		}
		var out []string
		for _, f := range d.BaseForms(w) {
			out = append(out, strings.ToLower(f))
		}
		base[w] = out
		return out
	}
	var out []Finding
	for i := 0; i < len(toks); i++ {
		// Every form of a name, and its base form, starts with the name's
		// first letter: only those entries can match.
		first, _ := utf8.DecodeRuneInString(toks[i].lower)
		var best *entry
		for _, j := range d.byFirst[first] {
			e := &d.entries[j]
			if i+len(e.words) > len(toks) || best != nil && len(e.words) <= len(best.words) {
				continue
			}
			ok := true
			for k, forms := range e.words {
				t := toks[i+k]
				if k > 0 && strings.TrimSpace(text[toks[i+k-1].e:t.s]) != "" {
					ok = false // the words of an entry are next to each other
					break
				}
				if !inflects(t.lower, forms) && !contains(baseForms(t.lower), forms[0]) {
					ok = false
					break
				}
			}
			if ok {
				best = e
			}
		}
		if best == nil {
			continue
		}
		s, e := toks[i].s, toks[i+len(best.words)-1].e
		start := utf8.RuneCountInString(text[:s])
		out = append(out, Finding{Kind: best.kind, Start: start, End: start + utf8.RuneCountInString(text[s:e]),
			Text: text[s:e], Key: best.key})
		i += len(best.words) - 1
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// inflects reports whether w is forms[0] or one of the stems forms[1:]
// with a Finnish case ending, possessive suffix and clitic.
func inflects(w string, forms []string) bool {
	if w == forms[0] {
		return true
	}
	for _, st := range forms {
		if len(st) >= 3 && strings.HasPrefix(w, st) && isEnding(w[len(st):], st) {
			return true
		}
	}
	return false
}

// Case endings (both vowel harmonies), plural stems' endings, possessive
// suffixes and clitics: an inflected name is stem + case + possessive +
// clitic, each part optional.
var (
	caseEndings = []string{"", "n", "a", "ä", "ta", "tä", "na", "nä", "ssa", "ssä", "sta", "stä", "lla", "llä",
		"lta", "ltä", "lle", "ksi", "tta", "ttä", "ine", "t", "ja", "jä", "ten", "ien", "iden", "itten", "ita", "itä",
		"ihin", "issa", "issä", "ista", "istä", "ille", "illa", "illä", "ilta", "iltä", "ina", "inä", "iksi", "hin",
		"hun", "hon", "hyn", "hön", "han", "hän", "hen", "seen", "siin", "lle"}
	possessives = []string{"", "ni", "si", "nsa", "nsä", "mme", "nne", "an", "än", "en"}
	clitics     = []string{"", "kin", "kaan", "kään", "han", "hän", "ko", "kö", "pa", "pä", "ki"}
)

// isEnding reports whether rest is an ending for stem: a case ending (or
// the illative's lengthened vowel and n), then a possessive suffix, then
// a clitic.
func isEnding(rest, stem string) bool {
	if rest == "" {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(stem)
	cases := caseEndings
	if isVowel(last) { // the illative: Kuopioon, Virtaseen, Helsinkiin
		cases = append(cases[:len(cases):len(cases)], string(last)+"n", string(last))
	}
	for _, c := range cases {
		if !strings.HasPrefix(rest, c) {
			continue
		}
		r1 := rest[len(c):]
		for _, p := range possessives {
			if !strings.HasPrefix(r1, p) {
				continue
			}
			r2 := r1[len(p):]
			for _, k := range clitics {
				if r2 == k {
					return true
				}
			}
		}
	}
	return false
}

func isVowel(r rune) bool { return strings.ContainsRune("aeiouyäöå", r) }

// gradations are the strong and weak grades of consonant gradation, most
// specific first: Turku → Turussa, Lahti → Lahdessa, Helsinki → Helsingissä.
var gradations = [][2]string{{"kk", "k"}, {"pp", "p"}, {"tt", "t"}, {"nk", "ng"}, {"nt", "nn"}, {"mp", "mm"},
	{"lt", "ll"}, {"rt", "rr"}, {"ht", "hd"}, {"rk", "r"}, {"lk", "l"}, {"t", "d"}, {"p", "v"}, {"k", ""}}

// stems returns the stems a lowercase name inflects on, besides itself:
// -nen names on -se- and -s- (Virtasen, Virtasta) and -si- (Virtasille);
// names ending in a consonant on +i (Antonille); names ending in i also
// on e (Lahteen); names in -as, -us and the like on -kse- (Tuomakselle);
// and each of these in the weak grade.
func stems(w string) []string {
	var out []string
	switch {
	case strings.HasSuffix(w, "nen") && len(w) > 5:
		b := w[:len(w)-3]
		out = append(out, b+"se", b+"s", b+"si")
	case strings.HasSuffix(w, "i"):
		out = append(out, w[:len(w)-1]+"e")
	case len(w) > 4 && strings.HasSuffix(w, "s") && isVowel([]rune(w)[len([]rune(w))-2]):
		out = append(out, w[:len(w)-1]+"kse") // Tuomas → Tuomakselle, Markus → Markukselta
	default:
		if last, _ := utf8.DecodeLastRuneInString(w); !isVowel(last) {
			out = append(out, w+"i")
		}
	}
	all := append([]string{w}, out...)
	for _, st := range all {
		if weak := weakGrade(st); weak != "" && weak != st {
			out = append(out, weak)
		}
	}
	return out
}

// weakGrade returns st with the consonants before its final vowel in the
// weak grade, or "" when they have none.
func weakGrade(st string) string {
	rs := []rune(st)
	end := len(rs)
	for end > 0 && isVowel(rs[end-1]) {
		end--
	}
	if end == len(rs) || end == 0 {
		return ""
	}
	head := string(rs[:end])
	for _, g := range gradations {
		if strings.HasSuffix(head, g[0]) {
			return strings.TrimSuffix(head, g[0]) + g[1] + string(rs[end:])
		}
	}
	return ""
}
