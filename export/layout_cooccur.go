package export

import (
	"context"
	"errors"
	"fmt"

	"github.com/toituavain/avain/coding"
)

// CooccurrenceMatrix computes the code × code matrix o selects (the
// codes of a --code selection, in codebook order), each code carrying
// its subtree as a theme does in the frequencies and the themes' matrix
// (coding.CooccurrenceTree), and returns it with the whole codebook.
func CooccurrenceMatrix(ctx context.Context, src Source, o Options) (coding.CoMatrix, *coding.Codebook, error) {
	if err := noSplit(o); err != nil {
		return coding.CoMatrix{}, nil, err
	}
	d, err := load(ctx, src, o, true)
	if err != nil {
		return coding.CoMatrix{}, nil, err
	}
	cb, err := d.subCodebook()
	if err != nil {
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
	turns := map[string][]coding.Turn{}
	for _, s := range d.docs {
		if turns[s.ID], err = turnsOf(ctx, src, s.ID); err != nil {
			return coding.CoMatrix{}, nil, err
		}
	}
	return coding.CooccurrenceTree(cb, turns, d.codings, unit), d.cb, nil
}

// turnsOf reads the turns of document id: without its text from a source
// that can (*project.Project), else with it.
func turnsOf(ctx context.Context, src Source, id string) ([]coding.Turn, error) {
	if t, ok := src.(interface {
		Turns(context.Context, string) ([]coding.Turn, error)
	}); ok {
		return t.Turns(ctx, id)
	}
	doc, err := src.Document(ctx, id)
	if err != nil {
		return nil, err
	}
	return doc.Turns, nil
}

// ErrNoSplit refuses --by where the numbers are not split by group.
var ErrNoSplit = errors.New("--by splits freq and segments only: co-occurrence and agreement count all the documents together")

// noSplit refuses o's --by for a co-occurrence matrix.
func noSplit(o Options) error {
	if len(o.By) > 0 {
		return ErrNoSplit
	}
	return nil
}

// Cooccurrence computes the code × code matrix o selects and lays it out
// in the view's layout (CooccurTable).
func Cooccurrence(ctx context.Context, src Source, o Options, v View) (Table, error) {
	m, cb, err := CooccurrenceMatrix(ctx, src, o)
	if err != nil {
		return Table{}, err
	}
	t := CooccurTable(m, cb, v)
	t.Uncoded = true
	for i := range m.Codes { // the diagonal: a code's turns, or its codings
		t.Uncoded = t.Uncoded && m.Counts[i][i] == 0
	}
	return t, nil
}

// CooccurNotes say what a co-occurrence count of unit counts, in lang:
// what a cell holds, and that a code counts with its child codes (a theme
// with its subtree), as in the theme table and the charts.
func CooccurNotes(unit, lang string) []string {
	v := View{Lang: lang}
	what := v.word("Kukin solu laskee puheenvuorot, joissa on kummankin koodin koodaus (lävistäjällä: puheenvuorot, joissa on koodin koodaus).",
		"Each cell counts the speaker turns with a coding of each of the two codes (the diagonal: the turns with a coding of the code).")
	if unit == coding.UnitOverlap {
		what = v.word("Kukin solu laskee niiden päällekkäisten koodausparien määrän, joissa yksi koodaus on rivin ja toinen sarakkeen koodia (lävistäjällä: koodin koodaukset).",
			"Each cell counts the pairs of overlapping codings, one of the row's code and the other of the column's (the diagonal: the code's codings).")
	}
	return []string{what, v.word("Koodi lasketaan alakoodeineen (teema koko alipuineen), kuten teemataulukossa ja kaavioissa.",
		"A code counts with its child codes (a theme with its whole subtree), as in the theme table and the charts.")}
}

// CooccurTable lays a co-occurrence matrix out. For people: a row and a
// column per code, the rows' names indented by depth with themes marked,
// the columns under a band per top-level code (its name over its
// subtree's columns); in XLSX the counts are shaded as a heat map. As
// data: a row per pair of codes (code_id_a, code_path_a, code_id_b,
// code_path_b, unit, count), both orders and the diagonal.
func CooccurTable(m coding.CoMatrix, cb *coding.Codebook, v View) Table {
	notes := CooccurNotes(m.Unit, v.Lang)
	if v.data() {
		out := Table{Name: "cooccurrence", Notes: notes,
			Header: []string{"code_id_a", "code_path_a", "code_id_b", "code_path_b", "unit", "count"}}
		for i, a := range m.Codes {
			for j, b := range m.Codes {
				out.Rows = append(out.Rows, []Cell{T(a), T(cb.PathString(a, v.Lang)), T(b), T(cb.PathString(b, v.Lang)),
					T(m.Unit), N(m.Counts[i][j])})
			}
		}
		return out
	}
	out := Table{Name: v.word("Yhteisesiintyminen", "Co-occurrence"), People: true, Lang: v.Lang, Notes: notes, Heat: true,
		Header: []string{v.word("Koodi", "Code")}, Bands: []Band{{Span: 1}}}
	in := map[string]bool{}
	for _, id := range m.Codes {
		in[id] = true
	}
	depth := func(id string) int { // below the selection's top, as the rows show it
		n := 0
		for c := cb.Code(id); c != nil && in[c.ParentID]; c = cb.Code(c.ParentID) {
			n++
		}
		return n
	}
	for _, id := range m.Codes {
		name := cb.Code(id).Name(v.Lang)
		out.Header = append(out.Header, name)
		if depth(id) == 0 {
			label := ""
			if len(cb.Subtree(id)) > 1 {
				label = name
			}
			out.Bands = append(out.Bands, Band{Label: label, Span: 0})
		}
		out.Bands[len(out.Bands)-1].Span++
	}
	for i, id := range m.Codes {
		row := []Cell{C(cb.Code(id).Name(v.Lang), depth(id), len(cb.Subtree(id)) > 1)}
		for _, n := range m.Counts[i] {
			row = append(row, N(n))
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}
