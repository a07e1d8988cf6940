package pseudo

import (
	"strings"
	"unicode/utf8"
)

// maxKnownWords is the most words a name recognised by Known may have.
const maxKnownWords = 3

// maxCandidates bounds the base forms tried for one word, and
// maxMultiCandidates for each word of a name of several words.
const (
	maxCandidates      = 12
	maxMultiCandidates = 4
)

// findKnown finds the names Known recognises: for each run of one to three
// words, the longest first, every combination of the words' possible base
// forms is asked about.
func (d *Detector) findKnown(text string) []Finding {
	if d.Known == nil {
		return nil
	}
	toks := tokens(text)
	cands := make([][]string, len(toks))
	for i, t := range toks {
		cands[i] = d.candidates(t.lower)
	}
	type answer struct {
		n  int
		ok bool
	}
	asked := map[string]answer{} // kind NUL name -> Known's answer: a memo repeats its words
	known := func(k Kind, name string) (int, bool) {
		key := string(k) + "\x00" + name
		a, seen := asked[key]
		if !seen {
			a.n, a.ok = d.Known(k, name)
			asked[key] = a
		}
		return a.n, a.ok
	}
	var out []Finding
	for i := 0; i < len(toks); i++ {
		found := false
		for n := min(maxKnownWords, len(toks)-i); n >= 1 && !found; n-- {
			adjacent := true
			for k := 1; k < n; k++ {
				if strings.TrimSpace(text[toks[i+k-1].e:toks[i+k].s]) != "" {
					adjacent = false
				}
			}
			if !adjacent {
				continue
			}
			words := cands[i : i+n]
			if n > 1 { // of a name of several words, only the likeliest forms
				words = make([][]string, n)
				for k, c := range cands[i : i+n] {
					words[k] = c[:min(len(c), maxMultiCandidates)]
				}
			}
			for _, name := range combine(words) {
				for _, k := range []Kind{Person, Place} {
					num, ok := known(k, name)
					if !ok {
						continue
					}
					s, e := toks[i].s, toks[i+n-1].e
					start := utf8.RuneCountInString(text[:s])
					out = append(out, Finding{Kind: k, Start: start, End: start + utf8.RuneCountInString(text[s:e]),
						Text: text[s:e], Key: name, N: num})
					found = true
					break
				}
				if found {
					i += n - 1
					break
				}
			}
		}
	}
	return out
}

// combine returns every name the words' candidates make, joined by spaces.
func combine(words [][]string) []string {
	out := []string{""}
	for _, c := range words {
		var next []string
		for _, prefix := range out {
			for _, w := range c {
				if prefix != "" {
					w = prefix + " " + w
				}
				next = append(next, w)
			}
		}
		out = next
	}
	return out
}

// candidates returns the base forms a lowercase word may be an inflection
// of: itself, Voikko's base forms, and the forms the table of endings
// leads back to (virtaselle → virtanen, lahdessa → lahti), each checked
// by inflecting it again; and for a hyphenated word, each of its parts'.
func (d *Detector) candidates(w string) []string {
	out := []string{w}
	add := func(b string) {
		if b != "" && len(out) < maxCandidates && !contains(out, b) {
			out = append(out, b)
		}
	}
	if d.BaseForms != nil {
		for _, b := range d.BaseForms(w) {
			add(strings.ToLower(b))
		}
	}
	if strings.Contains(w, "-") { // the parts first: a person is often named by one
		for _, part := range strings.Split(w, "-") {
			if part != "" {
				add(part)
				for _, b := range unInflect(part) {
					add(b)
				}
			}
		}
	}
	for _, b := range unInflect(w) {
		add(b)
	}
	return out
}

// unInflect guesses the base forms of w by taking off each ending the
// table knows and undoing the stem changes of stems; a guess is kept only
// when inflecting it gives w again.
func unInflect(w string) []string {
	var out []string
	for p := len(w) - 1; p >= 3; p-- {
		if !utf8.RuneStart(w[p]) {
			continue
		}
		stem := w[:p]
		if !isEnding(w[p:], stem) {
			continue
		}
		var guesses []string
		for _, s := range strongGrades(stem) {
			guesses = append(guesses, s)
			switch {
			case strings.HasSuffix(s, "kse"):
				guesses = append(guesses, s[:len(s)-3]+"s")
			case strings.HasSuffix(s, "se"):
				guesses = append(guesses, s[:len(s)-2]+"nen")
			case strings.HasSuffix(s, "si"):
				guesses = append(guesses, s[:len(s)-2]+"nen", s[:len(s)-1])
			case strings.HasSuffix(s, "s"):
				guesses = append(guesses, s[:len(s)-1]+"nen")
			case strings.HasSuffix(s, "e"):
				guesses = append(guesses, s[:len(s)-1]+"i")
			case strings.HasSuffix(s, "i"):
				guesses = append(guesses, s[:len(s)-1])
			}
		}
		for _, g := range guesses {
			if g != w && !contains(out, g) && inflects(w, append([]string{g}, stems(g)...)) {
				out = append(out, g)
			}
		}
	}
	return out
}

// strongGrades returns stem and, where the consonants before its final
// vowels may be a weak grade, the stem with each strong grade they may
// come from (turu → turku, lahde → lahte).
func strongGrades(stem string) []string {
	out := []string{stem}
	rs := []rune(stem)
	end := len(rs)
	for end > 0 && isVowel(rs[end-1]) {
		end--
	}
	if end == len(rs) || end == 0 {
		return out
	}
	head, tail := string(rs[:end]), string(rs[end:])
	for _, g := range gradations {
		if g[1] != "" && strings.HasSuffix(head, g[1]) {
			out = append(out, strings.TrimSuffix(head, g[1])+g[0]+tail)
		} else if g[1] == "" {
			out = append(out, head+g[0]+tail) // k dropped: Turussa has no k to see
		}
	}
	return out
}
