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
	d.addParts()
	d.byFirst = map[rune][]int{}
	for i, e := range d.entries {
		r, _ := utf8.DecodeRuneInString(e.words[0][0])
		d.byFirst[r] = append(d.byFirst[r], i)
	}
}

// particles are the short words of names that are not found alone.
var particles = map[string]bool{"von": true, "van": true, "der": true, "den": true,
	"del": true, "dos": true, "das": true}

// NameParts returns the parts of a listed person's name that are found
// alone: each word of a name of two or more words, lowercase, but not a
// particle (von, af) or a word of fewer than three letters.
func NameParts(name string) []string {
	words := strings.Fields(strings.ToLower(name))
	if len(words) < 2 {
		return nil
	}
	var out []string
	for _, w := range words {
		if utf8.RuneCountInString(w) >= 3 && !particles[w] && !contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// addParts adds each part of a listed person's name as an entry of its
// own, numbered as the whole name (Virtasen is the same person as Matti
// Virtanen), unless the part is listed itself or belongs to several
// listed names: then it is numbered as itself.
func (d *Detector) addParts() {
	listed := map[string]bool{}
	owners := map[string][]string{}
	var order []string
	for _, e := range d.entries {
		if e.kind != Person {
			continue
		}
		if len(e.words) == 1 {
			listed[e.words[0][0]] = true
			continue
		}
		for _, p := range NameParts(e.key) {
			if len(owners[p]) == 0 {
				order = append(order, p)
			}
			if !contains(owners[p], e.key) {
				owners[p] = append(owners[p], e.key)
			}
		}
	}
	for _, p := range order {
		if listed[p] {
			continue
		}
		key := owners[p][0]
		if len(owners[p]) > 1 {
			key = p
		}
		d.entries = append(d.entries, entry{kind: Person, key: key, words: [][]string{append([]string{p}, stems(p)...)}})
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
				if !d.wordMatches(t.lower, forms, e.kind, baseForms) {
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

// wordMatches reports whether the word w of the text is a form of an
// entry's word: inflected, by its base form, or, for a person, as one part
// of a hyphenated name (Virtanen-Koski, Virtanen-Koskelle for Virtanen).
func (d *Detector) wordMatches(w string, forms []string, k Kind, baseForms func(string) []string) bool {
	if inflects(w, forms) || contains(baseForms(w), forms[0]) {
		return true
	}
	if k != Person || !strings.ContainsAny(w, "-") || strings.Contains(forms[0], "-") {
		return false
	}
	for _, part := range strings.Split(w, "-") {
		if part != "" && (inflects(part, forms) || contains(baseForms(part), forms[0])) {
			return true
		}
	}
	return false
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
		// A stem other than the name itself needs an ending: Virtasi is a
		// verb, Virtasille a name.
		if len(st) >= 3 && len(w) > len(st) && strings.HasPrefix(w, st) && isEnding(w[len(st):], st) {
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
