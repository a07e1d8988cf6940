package store

import (
	"fmt"
	"strings"
	"testing"
)

// Literal merge states for the rule tables: plain Go values, no SQLite.

// lrow is one literal record of a table.
type lrow struct {
	table string
	row   mrow
}

// rec makes a record of table with id: every text column "", every number
// 0 (created and updated 1), parent_id and merged_into NULL, then the
// columns named in kv (column, value, column, value, ...; ints for
// numbers). As in a project, deleted is a flag: 0 or 1.
func rec(table, id string, kv ...any) lrow {
	t := tableNamed(table)
	r := make(mrow, len(t.cols))
	for i, c := range t.cols {
		switch c {
		case "parent_id", "merged_into":
			r[i] = nil
		case "words", "position", "start", "end", "deleted":
			r[i] = int64(0)
		case "created", "updated":
			r[i] = int64(1)
		default:
			r[i] = ""
		}
	}
	r[0] = id
	for i := 0; i+1 < len(kv); i += 2 {
		c := kv[i].(string)
		if _, ok := t.idx[c]; !ok {
			panic("no column " + c + " in " + table)
		}
		v := kv[i+1]
		if n, ok := v.(int); ok {
			v = int64(n)
		}
		r[t.idx[c]] = v
	}
	return lrow{table, r}
}

// code is a literal code named name (Finnish; English name_en if given in kv).
func code(id, parent, name string, kv ...any) lrow {
	l := rec("codes", id, append([]any{"name_fi", name}, kv...)...)
	if parent != "" {
		l.row[tableNamed("codes").idx["parent_id"]] = parent
	}
	return l
}

// literal is a merge state holding rows (every table present).
func literal(rows ...lrow) mstate {
	st := mstate{}
	for _, t := range mergeTables {
		st[t.name] = map[string]mrow{}
	}
	for _, l := range rows {
		st[l.table][l.row[0].(string)] = l.row
	}
	return st
}

// parents describes each code's parent and shortcut, for comparing code
// trees: "id<parent[shortcut]" in id order.
func parents(codes map[string]mrow) string {
	t := tableNamed("codes")
	var out []string
	for _, id := range sortedIDs(codes) {
		s := id + "<" + t.str(codes[id], "parent_id")
		if sc := t.str(codes[id], "shortcut"); sc != "" {
			s += "[" + sc + "]"
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

// conflicts describes conflicts one a line, for comparing reports.
func conflicts(cs []MergeConflict) string {
	var out []string
	for _, c := range cs {
		out = append(out, c.String())
	}
	return strings.Join(out, "\n")
}

func sameReport(t *testing.T, what string, got []MergeConflict, want ...string) {
	t.Helper()
	if g, w := conflicts(got), strings.Join(want, "\n"); g != w {
		t.Errorf("%s reports\n%s\nwant\n%s", what, g, w)
	}
}

func TestLiteralRecord(t *testing.T) {
	r := code("k", "p", "Kela", "shortcut", "a", "deleted", 1).row
	ct := tableNamed("codes")
	if got := fmt.Sprint(ct.str(r, "id"), ct.str(r, "parent_id"), ct.str(r, "name_fi"), ct.str(r, "shortcut"), ct.num(r, "deleted"), ct.num(r, "updated"), r[ct.idx["merged_into"]]); got != "kpKelaa1 1 <nil>" {
		t.Errorf("literal code: %s", got)
	}
}
