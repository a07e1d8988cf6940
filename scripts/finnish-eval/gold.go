package main

import (
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// contentPOS are the parts of speech whose lemmas are queried: the words a
// researcher searches for. Pronouns, conjunctions, adpositions, numerals
// and auxiliaries are left out.
var contentPOS = []string{"NOUN", "VERB", "ADJ", "PROPN", "ADV"}

// query is one search of the evaluation and the turns it should find.
type query struct {
	text     string           // what is searched: queryKey of the lemma
	pos      string           // the lemma's most frequent part of speech
	relevant []int            // the relevant turns (sentence numbers), ascending
	forms    map[int][]string // the relevant words of each relevant turn, as written
}

// gold is the evaluation's gold standard, made from the treebank alone.
type gold struct {
	queries   []query // lemma queries, by text
	lastParts []query // compound last parts, by text
	// parts holds, per turn, every run of compound parts of its lemmas
	// shorter than the whole lemma: "suoja", "tieto" for tieto#suoja.
	parts []map[string]bool
}

// queryKey is the query made of a word's lemma: lower case, '#' removed,
// except that a compound boundary the word is written with a hyphen at
// stays a hyphen (Facebook#julkaisu written Facebook-julkaisuistaan is
// searched as facebook-julkaisu, as Finnish writes it).
func queryKey(lemma, form string) string {
	form = strings.ToLower(form)
	var b strings.Builder
	for i, part := range strings.Split(strings.ToLower(lemma), "#") {
		if i > 0 && strings.HasPrefix(form, b.String()+"-") {
			b.WriteByte('-')
		}
		b.WriteString(part)
	}
	return b.String()
}

// searchable says whether key is a word a researcher would type: letters,
// with hyphens only between them (no digits, no punctuation, which the
// treebank's lemmas of numbers and abbreviations hold).
func searchable(key string) bool {
	if key == "" {
		return false
	}
	first, _ := utf8.DecodeRuneInString(key)
	last, _ := utf8.DecodeLastRuneInString(key)
	if !unicode.IsLetter(first) || !unicode.IsLetter(last) {
		return false
	}
	for _, r := range key {
		if !unicode.IsLetter(r) && r != '-' {
			return false
		}
	}
	return !strings.Contains(key, "--")
}

// partRuns returns the runs of consecutive compound parts of lemma (parts
// split at '#' and '-') other than the whole lemma, as query keys.
func partRuns(lemma string) []string {
	var parts, seps []string
	rest := strings.ToLower(lemma)
	for {
		i := strings.IndexAny(rest, "#-")
		if i < 0 {
			parts = append(parts, rest)
			break
		}
		parts, seps = append(parts, rest[:i]), append(seps, rest[i:i+1])
		rest = rest[i+1:]
	}
	var runs []string
	for i := range parts {
		for j := i; j < len(parts); j++ {
			if i == 0 && j == len(parts)-1 {
				continue
			}
			var b strings.Builder
			for k := i; k <= j; k++ {
				if k > i && seps[k-1] == "-" {
					b.WriteByte('-')
				}
				b.WriteString(parts[k])
			}
			if b.Len() > 0 {
				runs = append(runs, b.String())
			}
		}
	}
	return runs
}

// lastPart returns the last part of a closed compound lemma (parts split
// at '#'), or "" when lemma is no such compound.
func lastPart(lemma string) string {
	i := strings.LastIndexByte(lemma, '#')
	if i < 0 {
		return ""
	}
	return strings.ToLower(lemma[i+1:])
}

// makeGold builds the queries and relevant turns of the sentences, each
// sentence one turn.
func makeGold(sents []sentence) gold {
	type entry struct {
		pos   map[string]int
		forms map[int][]string
	}
	lemmas := map[string]*entry{}
	lasts := map[string]*entry{}
	add := func(m map[string]*entry, key, upos string, turn int, form string) {
		e := m[key]
		if e == nil {
			e = &entry{pos: map[string]int{}, forms: map[int][]string{}}
			m[key] = e
		}
		e.pos[upos]++
		if !slices.Contains(e.forms[turn], form) {
			e.forms[turn] = append(e.forms[turn], form)
		}
	}
	g := gold{parts: make([]map[string]bool, len(sents))}
	for turn, s := range sents {
		g.parts[turn] = map[string]bool{}
		for _, t := range s.tokens {
			add(lemmas, queryKey(t.lemma, t.form), t.upos, turn, t.form)
			if lp := lastPart(t.lemma); searchable(lp) {
				add(lasts, lp, t.upos, turn, t.form)
			}
			for _, r := range partRuns(t.lemma) {
				g.parts[turn][r] = true
			}
		}
	}
	build := func(m map[string]*entry, keep func(key, pos string) bool) []query {
		var qs []query
		for _, key := range slices.Sorted(maps.Keys(m)) {
			e := m[key]
			pos := majority(e.pos)
			if !keep(key, pos) {
				continue
			}
			qs = append(qs, query{text: key, pos: pos, relevant: slices.Sorted(maps.Keys(e.forms)), forms: e.forms})
		}
		return qs
	}
	g.queries = build(lemmas, func(key, pos string) bool { return searchable(key) && slices.Contains(contentPOS, pos) })
	g.lastParts = build(lasts, func(string, string) bool { return true })
	return g
}

// majority returns the most frequent key of counts, the first in order
// among equals.
func majority(counts map[string]int) string {
	best := ""
	for _, k := range slices.Sorted(maps.Keys(counts)) {
		if best == "" || counts[k] > counts[best] {
			best = k
		}
	}
	return best
}
