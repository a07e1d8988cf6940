package export

import (
	"context"
	"fmt"

	"github.com/toituavain/avain/coding"
)

// Cooccurrence computes and lays out the code × code matrix o selects.
func Cooccurrence(ctx context.Context, src Source, o Options) (Table, error) {
	d, err := load(ctx, src, o, false)
	if err != nil {
		return Table{}, err
	}
	cb, err := d.subCodebook()
	if err != nil {
		return Table{}, err
	}
	unit := o.Unit
	switch unit {
	case "":
		unit = coding.UnitTurn
	case coding.UnitTurn, coding.UnitOverlap:
	default:
		return Table{}, fmt.Errorf("unknown unit %q (use turn or overlap)", unit)
	}
	turns := map[string][]coding.Turn{}
	for _, s := range d.docs {
		doc, err := src.Document(ctx, s.ID)
		if err != nil {
			return Table{}, err
		}
		turns[s.ID] = doc.Turns
	}
	m := coding.Cooccurrence(cb, turns, d.codings, unit)
	out := Table{Name: "Co-occurrence (" + unit + ")", Header: []string{"code_id", "path"}}
	for _, id := range m.Codes {
		out.Header = append(out.Header, d.cb.PathString(id, d.lang))
	}
	for i, id := range m.Codes {
		row := []Cell{T(id), T(d.cb.PathString(id, d.lang))}
		for _, n := range m.Counts[i] {
			row = append(row, N(n))
		}
		out.Rows = append(out.Rows, row)
	}
	what := "turns that carry both codes (the diagonal: turns with the code)"
	if unit == coding.UnitOverlap {
		what = "pairs of overlapping codings of the two codes (the diagonal: the code's codings)"
	}
	out.Notes = []string{"Each cell counts " + what + "."}
	return out, nil
}
