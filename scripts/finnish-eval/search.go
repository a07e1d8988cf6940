package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/toituavain/avain/codebooks"
	"github.com/toituavain/avain/project"
	"github.com/toituavain/avain/search"
)

// turnsPerDoc is how many sentences each transcript holds, one per turn.
const turnsPerDoc = 200

// found is what one query found: the turns (sentence numbers), and for
// each the words the search marked in its snippet.
type found struct {
	turns  []int // sorted
	ranked []int // the turns in the order of the hits, best first
	marked map[int][]string
	err    string // the search's error, when it failed
}

// corpus is the treebank imported as a real avain project.
type corpus struct {
	p     *project.Project
	turns map[string]int // "document name/turn number" → sentence number
}

// docName names the i-th transcript.
func docName(i int) string { return fmt.Sprintf("pud-%02d.txt", i+1) }

// writeTranscripts writes the sentences into dir as transcripts of
// turnsPerDoc turns each, speakers H and V alternating, and returns their
// paths.
func writeTranscripts(dir string, sents []sentence) ([]string, error) {
	var paths []string
	for d := 0; d*turnsPerDoc < len(sents); d++ {
		var b strings.Builder
		for i, s := range sents[d*turnsPerDoc : min(len(sents), (d+1)*turnsPerDoc)] {
			speaker := "H"
			if i%2 == 1 {
				speaker = "V"
			}
			fmt.Fprintf(&b, "%s: %s\n\n", speaker, s.text)
		}
		path := filepath.Join(dir, docName(d))
		if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
			return nil, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// importCorpus creates a project in dir as `avain init` does, imports the
// sentences as transcripts as `avain import` does, and checks that every
// sentence became one turn of the same text.
func importCorpus(ctx context.Context, dir string, sents []sentence) (*corpus, error) {
	paths, err := writeTranscripts(dir, sents)
	if err != nil {
		return nil, err
	}
	p, _, err := project.CreateWithCodebook(ctx, filepath.Join(dir, "eval.avain"), codebooks.Default, "eval")
	if err != nil {
		return nil, err
	}
	c := &corpus{p: p, turns: map[string]int{}}
	var bad error
	failed, err := p.ImportFiles(ctx, paths, project.ImportOptions{Coder: "eval"}, func(i int, r project.ImportResult) {
		if bad == nil {
			bad = c.check(i, r, sents)
		}
	})
	if err == nil && failed > 0 && bad == nil {
		err = fmt.Errorf("%d transcripts failed to import", failed)
	}
	if err == nil {
		err = bad
	}
	if err != nil {
		p.Close()
		return nil, err
	}
	return c, nil
}

// check records the turns of the i-th transcript's import, failing unless
// each turn is its sentence.
func (c *corpus) check(i int, r project.ImportResult, sents []sentence) error {
	if r.Status != project.Imported {
		return fmt.Errorf("%s: not imported: %v", r.Path, r.Err)
	}
	doc := r.Doc
	want := sents[i*turnsPerDoc : min(len(sents), (i+1)*turnsPerDoc)]
	if len(doc.Turns) != len(want) {
		return fmt.Errorf("%s: %d turns, want one per sentence (%d)", r.Path, len(doc.Turns), len(want))
	}
	if doc.Lang != "fi" {
		return fmt.Errorf("%s: imported as language %q, want fi", r.Path, doc.Lang)
	}
	for j, t := range doc.Turns {
		if got, s := doc.TurnText(t), norm.NFC.String(want[j].text); strings.TrimSpace(got) != strings.TrimSpace(s) {
			return fmt.Errorf("%s: turn %d is %q, want the sentence %q", r.Path, t.N, got, s)
		}
		c.turns[fmt.Sprintf("%s/%d", doc.Name, t.N)] = i*turnsPerDoc + j
	}
	return nil
}

// searchAll runs each query through the index as `avain search` does,
// asking for every matching turn.
func (c *corpus) searchAll(ctx context.Context, texts []string) (map[string]found, error) {
	ix, err := c.p.Index(ctx)
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	out := make(map[string]found, len(texts))
	for _, q := range texts {
		res, err := ix.Search(ctx, q, len(c.turns))
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			out[q] = found{err: err.Error()}
			continue
		}
		if res.Total > uint64(len(res.Hits)) {
			return nil, fmt.Errorf("query %q: %d of %d hits returned", q, len(res.Hits), res.Total)
		}
		f := found{marked: map[int][]string{}}
		for _, h := range res.Hits {
			turn, ok := c.turns[fmt.Sprintf("%s/%d", h.DocName, h.Turn)]
			if !ok {
				return nil, fmt.Errorf("query %q: a hit in %s turn %d, which was not imported", q, h.DocName, h.Turn)
			}
			f.turns = append(f.turns, turn)
			f.marked[turn] = markedWords(h)
		}
		f.ranked = slices.Clone(f.turns)
		slices.Sort(f.turns)
		out[q] = f
	}
	return out, nil
}

// markedWords returns the words a hit's snippet marks as matched, lower
// case.
func markedWords(h search.Hit) []string {
	r := []rune(h.Snippet)
	var words []string
	for _, m := range h.Marks {
		if m[0] >= 0 && m[0] < m[1] && m[1] <= len(r) {
			w := strings.ToLower(string(r[m[0]:m[1]]))
			if !slices.Contains(words, w) {
				words = append(words, w)
			}
		}
	}
	return words
}
