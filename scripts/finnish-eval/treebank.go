package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

// token is one syntactic word of the treebank with its gold annotation.
type token struct {
	form  string // the surface form as written (a contraction's whole form)
	lemma string // the gold lemma, compound boundaries marked with '#'
	upos  string // the gold part of speech
}

// sentence is one sentence of the treebank: its text and its words.
type sentence struct {
	text   string
	tokens []token
}

// readTreebank reads the sentences of a CoNLL-U file: the text of each
// "# text =" line and the words that follow it. A multiword token's
// surface form is given to each of its words, so a missed word is shown
// as it was written.
func readTreebank(path string) ([]sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []sentence
	var cur *sentence
	var span struct {
		last int
		form string
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if text, ok := strings.CutPrefix(line, "# text = "); ok {
			out = append(out, sentence{text: text})
			cur = &out[len(out)-1]
			span.last = 0
			continue
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 10 {
			return nil, fmt.Errorf("%s:%d: want 10 tab-separated columns, have %d", path, n, len(cols))
		}
		if cur == nil {
			return nil, fmt.Errorf("%s:%d: a word before the first \"# text =\" line", path, n)
		}
		id := cols[0]
		if strings.Contains(id, ".") {
			continue // an empty node of the enhanced graph: no word of the text
		}
		if first, last, ok := strings.Cut(id, "-"); ok {
			var a, b int
			if _, err := fmt.Sscanf(first+" "+last, "%d %d", &a, &b); err != nil {
				return nil, fmt.Errorf("%s:%d: bad multiword token id %q", path, n, id)
			}
			span.last, span.form = b, cols[1]
			continue
		}
		var i int
		if _, err := fmt.Sscanf(id, "%d", &i); err != nil {
			return nil, fmt.Errorf("%s:%d: bad word id %q", path, n, id)
		}
		form := cols[1]
		if i <= span.last {
			form = span.form
		}
		cur.tokens = append(cur.tokens, token{form: form, lemma: cols[2], upos: cols[3]})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no sentences (no \"# text =\" lines)", path)
	}
	return out, nil
}
