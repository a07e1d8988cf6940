package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// mtable describes a table a merge unifies.
type mtable struct {
	name string
	cols []string
	idx  map[string]int
}

// newMTable describes table name with its columns, the id first.
func newMTable(name string, cols ...string) *mtable {
	t := &mtable{name: name, cols: cols, idx: map[string]int{}}
	for i, c := range cols {
		t.idx[c] = i
	}
	return t
}

// The tables in the order they are written (parents before children).
// documents.text and turns travel separately, with new documents only.
var mergeTables = []*mtable{
	newMTable("documents", "id", "name", "kind", "lang", "format", "hash", "words", "coder", "created", "updated", "deleted"),
	newMTable("codes", "id", "parent_id", "name_fi", "name_en", "color", "shortcut", "short_def", "definition", "when_use", "when_not",
		"example", "position", "coder", "created", "updated", "deleted", "merged_into", "restored", "not_codable"),
	newMTable("doc_attributes", "id", "document_id", "key", "value", "coder", "created", "updated", "deleted"),
	newMTable("codings", "id", "document_id", "code_id", "start", "end", "coder", "created", "updated", "deleted"),
	newMTable("memos", "id", "target", "target_id", "text", "coder", "created", "updated", "deleted"),
}

// mrow is one record: its values in the table's column order.
type mrow []any

// str is r's text in column col ("" for NULL).
func (t *mtable) str(r mrow, col string) string {
	v, _ := r[t.idx[col]].(string)
	return v
}

// num is r's number in column col.
func (t *mtable) num(r mrow, col string) int64 {
	v, _ := r[t.idx[col]].(int64)
	return v
}

// set is a copy of r with column col set to v.
func (t *mtable) set(r mrow, col string, v any) mrow {
	out := append(mrow(nil), r...)
	out[t.idx[col]] = v
	return out
}

// equal reports whether r and o hold the same values (what comparing
// their keys tells, without building them).
func (r mrow) equal(o mrow) bool {
	if len(r) != len(o) {
		return false
	}
	for i := range r {
		if r[i] != o[i] { // nil, int64 or string: comparable
			return false
		}
	}
	return true
}

// key is a canonical text of a row, for equality and the last tie-break.
func (r mrow) key() string {
	var b strings.Builder
	for _, v := range r {
		switch v := v.(type) {
		case nil:
			b.WriteString("n")
		case int64:
			fmt.Fprintf(&b, "i%d", v)
		case string:
			fmt.Fprintf(&b, "s%d:%s", len(v), v)
		default:
			fmt.Fprintf(&b, "?%v", v)
		}
		b.WriteByte(0)
	}
	return b.String()
}

// mstate is a project's records in memory, by table and id.
type mstate map[string]map[string]mrow

// loadState reads every record of the merged tables of db, deleted ones
// included.
func loadState(ctx context.Context, db *sql.DB) (mstate, error) {
	st := mstate{}
	for _, t := range mergeTables {
		rows, err := db.QueryContext(ctx, "SELECT "+strings.Join(t.cols, ", ")+" FROM "+t.name)
		if err != nil {
			return nil, translate(err)
		}
		m := map[string]mrow{}
		for rows.Next() {
			r := make(mrow, len(t.cols))
			ptrs := make([]any, len(r))
			for i := range r {
				ptrs[i] = &r[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return nil, err
			}
			for i, v := range r {
				if b, ok := v.([]byte); ok {
					r[i] = string(b)
				}
			}
			m[r[0].(string)] = r
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, translate(err)
		}
		st[t.name] = m
	}
	return st, nil
}

// tableNamed is the merged table called name.
func tableNamed(name string) *mtable {
	for _, t := range mergeTables {
		if t.name == name {
			return t
		}
	}
	panic("merge: no table " + name)
}

// cloneState copies st's maps (records are never changed in place, so
// they are shared).
func cloneState(st mstate) mstate {
	out := mstate{}
	for name, m := range st {
		out[name] = make(map[string]mrow, len(m))
		for id, r := range m {
			out[name][id] = r
		}
	}
	return out
}

// sortedIDs are m's ids in order, for rules that must not depend on map
// order.
func sortedIDs(m map[string]mrow) []string { return sortedKeys(m) }
