package export

import (
	"context"
	"fmt"

	"github.com/toituavain/avain/coding"
)

// ThemeCooccurrence computes co-occurrence of themes: the top-level codes
// of o's selection (the selected codes themselves under --code; the child
// codes of a theme selected alone), each carrying its whole subtree, as coding.Cooccurrence counts codes (unit
// turn: the turns where a coding of each theme's subtree overlaps; unit
// overlap: the pairs of overlapping codings of two themes' subtrees, the
// diagonal a theme's codings). It returns the matrix in codebook order
// and the whole codebook.
func ThemeCooccurrence(ctx context.Context, src Source, o Options) (coding.CoMatrix, *coding.Codebook, error) {
	if err := noSplit(o); err != nil {
		return coding.CoMatrix{}, nil, err
	}
	unit := o.Unit
	switch unit {
	case "":
		unit = coding.UnitTurn
	case coding.UnitTurn, coding.UnitOverlap:
	default:
		return coding.CoMatrix{}, nil, fmt.Errorf("unknown unit %q (use turn or overlap)", unit)
	}
	d, err := load(ctx, src, o, false)
	if err != nil {
		return coding.CoMatrix{}, nil, err
	}
	sub, err := d.subCodebook()
	if err != nil {
		return coding.CoMatrix{}, nil, err
	}
	tops := sub.Children("")
	if len(tops) == 1 && len(sub.Children(tops[0].ID)) > 0 { // one theme alone: its child codes
		tops = sub.Children(tops[0].ID)
	}
	var themes []*coding.Code
	themeOf := map[string]string{}
	for _, c := range tops {
		t := *c
		t.ParentID = ""
		themes = append(themes, &t)
		for _, id := range sub.Subtree(c.ID) {
			themeOf[id] = c.ID
		}
	}
	tcb, err := coding.NewCodebook(themes)
	if err != nil {
		return coding.CoMatrix{}, nil, err
	}
	codings := make([]*coding.Coding, 0, len(d.codings))
	for _, c := range d.codings {
		if t, ok := themeOf[c.CodeID]; ok {
			cc := *c
			cc.CodeID = t
			codings = append(codings, &cc)
		}
	}
	turns := map[string][]coding.Turn{}
	for _, s := range d.docs {
		doc, err := src.Document(ctx, s.ID)
		if err != nil {
			return coding.CoMatrix{}, nil, err
		}
		turns[s.ID] = doc.Turns
	}
	return coding.Cooccurrence(tcb, turns, codings, unit), d.cb, nil
}
