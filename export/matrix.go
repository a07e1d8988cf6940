package export

import (
	"context"

	"github.com/toituavain/avain/coding"
)

// ThemeCooccurrence computes co-occurrence of themes: the top-level codes
// of o's selection (the selected codes themselves under --code; the child
// codes of a theme selected alone), each carrying its whole subtree: the
// rows of CooccurrenceMatrix, which counts every code so (unit
// turn: the turns where a coding of each theme's subtree overlaps; unit
// overlap: the pairs of overlapping codings of two themes' subtrees, the
// diagonal a theme's codings). It returns the matrix in codebook order
// and the whole codebook.
func ThemeCooccurrence(ctx context.Context, src Source, o Options) (coding.CoMatrix, *coding.Codebook, error) {
	m, cb, err := CooccurrenceMatrix(ctx, src, o)
	if err != nil {
		return coding.CoMatrix{}, nil, err
	}
	in := map[string]int{}
	for i, id := range m.Codes {
		in[id] = i
	}
	tops := topsOf(m.Codes, in, cb)
	if len(tops) == 1 { // one theme alone: its child codes
		if kids := childrenIn(tops[0], in, cb); len(kids) > 0 {
			tops = kids
		}
	}
	out := coding.CoMatrix{Unit: m.Unit, Codes: make([]string, len(tops)), Counts: make([][]int, len(tops))}
	for a, id := range tops {
		out.Codes[a] = id
		out.Counts[a] = make([]int, len(tops))
		for b, other := range tops {
			out.Counts[a][b] = m.Counts[in[id]][in[other]]
		}
	}
	return out, cb, nil
}

// topsOf gives the codes of ids (in their order) whose parent is not among
// them: the top-level codes of a selection.
func topsOf(ids []string, in map[string]int, cb *coding.Codebook) []string {
	var tops []string
	for _, id := range ids {
		if _, ok := in[cb.Code(id).ParentID]; !ok {
			tops = append(tops, id)
		}
	}
	return tops
}

// childrenIn gives the child codes of id that are among in, in codebook
// order.
func childrenIn(id string, in map[string]int, cb *coding.Codebook) []string {
	var kids []string
	for _, c := range cb.Children(id) {
		if _, ok := in[c.ID]; ok {
			kids = append(kids, c.ID)
		}
	}
	return kids
}
