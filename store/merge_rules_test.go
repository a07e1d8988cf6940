package store

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// Who wins, edit conflicts and folding a source in, on literal states.

func TestWins(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b lrow // a must win over b
	}{
		{"the newer version", rec("memos", "m", "text", "vanha", "updated", 5), rec("memos", "m", "text", "uusi", "updated", 3)},
		{"on a tie, the deletion", rec("codings", "g", "updated", 5, "deleted", 1), rec("codings", "g", "updated", 5)},
		{"then the larger content", rec("memos", "m", "text", "b", "updated", 5), rec("memos", "m", "text", "a", "updated", 5)},
		{"a coding's newer edit over an older deletion", rec("codings", "g", "updated", 9, "start", 2), rec("codings", "g", "updated", 2, "deleted", 1)},
		{"a code's deletion over a newer edit", code("k", "", "K", "updated", 2, "deleted", 1), code("k", "", "Uusi", "updated", 9)},
		{"a code's merge over a newer plain deletion", code("k", "", "K", "updated", 2, "deleted", 1, "merged_into", "m"), code("k", "", "K", "updated", 9, "deleted", 1)},
		{"of two merges of a code, the newer", code("k", "", "K", "updated", 5, "deleted", 1, "merged_into", "m"), code("k", "", "K", "updated", 3, "deleted", 1, "merged_into", "n")},
		{"of two live codes, the newer", code("k", "", "Uusi", "updated", 5), code("k", "", "Vanha", "updated", 3)},
		{"a code restored after its deletion over the deletion", code("k", "", "K", "updated", 7, "restored", 7), code("k", "", "K", "updated", 4, "deleted", 1)},
		{"a code taken out of a merge over the merge", code("k", "", "K", "updated", 7, "restored", 7), code("k", "", "K", "updated", 4, "deleted", 1, "merged_into", "m")},
		{"a deletion newer than the restore over it", code("k", "", "K", "updated", 9, "deleted", 1), code("k", "", "K", "updated", 7, "restored", 7)},
		{"a deletion over a restore of an older deletion, edited later", code("k", "", "K", "updated", 6, "deleted", 1), code("k", "", "Uusi", "updated", 9, "restored", 3)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tb := tableNamed(tc.a.table)
			if !tb.wins(tc.a.row, tc.b.row) {
				t.Error("a does not win over b")
			}
			if tb.wins(tc.b.row, tc.a.row) {
				t.Error("b wins over a too")
			}
		})
	}
}

func TestEditConflict(t *testing.T) {
	const min1, min2 = 60_000, 120_000 // updated times: 00:01 and 00:02 on 1 January 1970, UTC
	attr := func(value, coder string, updated int) lrow {
		return rec("doc_attributes", "a", "document_id", "d", "key", "region", "value", value, "coder", coder, "updated", updated)
	}
	for _, tc := range []struct {
		name        string
		here, there lrow
		want        string // "" when no conflict is reported
	}{
		{"an edit in one copy only", code("k", "", "Vanha", "coder", "aino"), code("k", "", "Uusi", "coder", "ville", "updated", min2), ""},
		{"a code renamed in both", code("k", "", "Yksi", "coder", "aino", "updated", min1), code("k", "", "Kaksi", "coder", "ville", "updated", min2),
			`code renamed k: "Yksi" (aino at 1970-01-01T00:01:00Z) and "Kaksi" (ville at 1970-01-01T00:02:00Z); kept the newer: "Kaksi"`},
		{"a code renamed in both at one time", code("k", "", "Yksi", "coder", "aino", "updated", min1), code("k", "", "Kaksi", "coder", "ville", "updated", min1),
			`code renamed k: "Yksi" (aino at 1970-01-01T00:01:00Z) and "Kaksi" (ville at 1970-01-01T00:01:00Z); same time; kept one by a fixed rule: "Kaksi"`},
		{"a code's English name changed in both", code("k", "", "Yksi", "name_en", "One", "updated", min1), code("k", "", "Yksi", "name_en", "Uno", "updated", min2),
			`code renamed k: "Yksi" ( at 1970-01-01T00:01:00Z) and "Yksi" ( at 1970-01-01T00:02:00Z); kept the newer: "Yksi"`},
		{"a code deleted in one and edited in the other", code("k", "", "Yksi", "coder", "aino", "updated", min2, "deleted", 1), code("k", "", "Kaksi", "coder", "ville", "updated", min1),
			`code deleted and edited Yksi: by aino at 1970-01-01T00:02:00Z and ville at 1970-01-01T00:01:00Z; kept the newer (deleted)`},
		{"a code moved in both", code("k", "p", "Yksi", "coder", "aino", "updated", min1), code("k", "q", "Yksi", "coder", "ville", "updated", min2),
			`code moved Yksi: to different parents by aino at 1970-01-01T00:01:00Z and ville at 1970-01-01T00:02:00Z; kept the newer`},
		{"a code recoloured in both", code("k", "", "Yksi", "color", "#fff", "updated", min1), code("k", "", "Yksi", "color", "#000", "updated", min2), ""},
		{"an attribute set in both", attr("Kuopio", "aino", min1), attr("Joensuu", "ville", min2),
			`attribute region of document d: "Kuopio" (aino at 1970-01-01T00:01:00Z) and "Joensuu" (ville at 1970-01-01T00:02:00Z); kept the newer: "Joensuu"`},
		{"an attribute set to one value in both", attr("Kuopio", "aino", min1), attr("Kuopio", "ville", min2), ""},
		{"a memo edited in both", rec("memos", "m", "target", "code", "target_id", "k", "text", "yksi", "coder", "aino", "updated", min2),
			rec("memos", "m", "target", "code", "target_id", "k", "text", "kaksi", "coder", "ville", "updated", min1),
			`memo code k: edited by aino at 1970-01-01T00:02:00Z and ville at 1970-01-01T00:01:00Z; kept the newer`},
		{"a coding edited in both", rec("codings", "g", "start", 1, "updated", min1), rec("codings", "g", "start", 2, "updated", min2), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tb := tableNamed(tc.here.table)
			win := tc.here.row
			if tb.wins(tc.there.row, win) {
				win = tc.there.row
			}
			c, ok := editConflict(tb, tc.here.row, tc.there.row, win)
			got := ""
			if ok {
				got = c.String()
			}
			if got != tc.want {
				t.Errorf("conflict\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// field is one column of one record of a state, as text ("<nil>" for
// NULL, "<none>" when the record is missing).
func field(st mstate, table, id, col string) string {
	r, ok := st[table][id]
	if !ok {
		return "<none>"
	}
	return fmt.Sprint(r[tableNamed(table).idx[col]])
}

// fields are columns of records of a state: "table id col" each, the
// values joined by spaces.
func fields(st mstate, which ...string) string {
	var out []string
	for _, w := range which {
		f := strings.Fields(w)
		out = append(out, field(st, f[0], f[1], f[2]))
	}
	return strings.Join(out, " ")
}

func TestFold(t *testing.T) {
	doc := func(id, hash string, kv ...any) lrow {
		return rec("documents", id, append([]any{"name", id + ".txt", "hash", hash}, kv...)...)
	}
	on := func(docID, codeID string) []lrow { // an attribute, a coding and memos on a document and a code
		return []lrow{rec("doc_attributes", "a1", "document_id", docID, "key", "region", "value", "Oulu"),
			rec("codings", "g1", "document_id", docID, "code_id", codeID),
			rec("memos", "m1", "target", "document", "target_id", docID, "text", "doc"),
			rec("memos", "m2", "target", "code", "target_id", codeID, "text", "code"),
			rec("memos", "m3", "target", "coding", "target_id", "g1", "text", "coding")}
	}
	refs := []string{"doc_attributes a1 document_id", "codings g1 document_id", "codings g1 code_id", "memos m1 target_id", "memos m2 target_id", "memos m3 target_id"}
	for _, tc := range []struct {
		name      string
		here      []lrow
		there     []lrow
		byName    bool
		fields    []string // "table id col" each
		want      string   // their values after folding
		unified   []string
		conflicts []string
		err       string // a part of the error, "" for none
	}{
		{"a new record comes in as it is", []lrow{code("k", "", "K")}, []lrow{code("k", "", "K"), code("n", "k", "N")},
			false, []string{"codes n parent_id", "codes n name_fi"}, "k N", nil, nil, ""},
		{"the winning version stays, whichever copy has it", []lrow{rec("memos", "m", "text", "uusi", "created", 9, "updated", 9)}, []lrow{rec("memos", "m", "text", "vanha", "updated", 5)},
			false, []string{"memos m text"}, "uusi", nil, nil, ""},
		{"the winning version comes in", []lrow{rec("memos", "m", "text", "vanha", "created", 5, "updated", 5)}, []lrow{rec("memos", "m", "text", "uusi", "updated", 9)},
			false, []string{"memos m text"}, "uusi", nil, nil, ""},
		{"an edit in both copies is reported", []lrow{rec("memos", "m", "text", "yksi", "coder", "aino", "updated", 60_000)},
			[]lrow{rec("memos", "m", "text", "kaksi", "coder", "ville", "updated", 120_000)}, false, []string{"memos m text"}, "kaksi", nil,
			[]string{"memo  : edited by aino at 1970-01-01T00:01:00Z and ville at 1970-01-01T00:02:00Z; kept the newer"}, ""},
		{"a document with the same content is one, and what is on it follows",
			[]lrow{doc("d1", "h"), code("k", "", "K")}, append([]lrow{doc("d2", "h"), code("k", "", "K")}, on("d2", "k")...),
			false, append([]string{"documents d2 id"}, refs...), "<none> d1 d1 k d1 k g1", []string{"d2.txt"}, nil, ""},
		{"a live document with the same content before a deleted one",
			[]lrow{doc("d1", "h", "deleted", 1), doc("d3", "h"), doc("d0", "h", "deleted", 1)}, []lrow{doc("d2", "h"), rec("codings", "g1", "document_id", "d2")},
			false, []string{"documents d2 id", "codings g1 document_id"}, "<none> d3", []string{"d2.txt"}, nil, ""},
		{"of documents alike, the smallest id", []lrow{doc("d3", "h"), doc("d1", "h")}, []lrow{doc("d2", "h"), rec("codings", "g1", "document_id", "d2")},
			false, []string{"codings g1 document_id"}, "d1", []string{"d2.txt"}, nil, ""},
		{"a document with other content is another", []lrow{doc("d1", "h")}, []lrow{doc("d2", "i")}, false, []string{"documents d2 hash"}, "i", nil, nil, ""},
		{"a code of the same name under the same parent is one when asked, and what is on it follows",
			[]lrow{doc("d", "h"), code("k1", "", "Kela")}, append([]lrow{doc("d", "h"), code("k2", "", " kela"), code("s", "k2", "Sub"), code("z", "", "Z", "deleted", 1, "merged_into", "k2")}, on("d", "k2")...),
			true, append([]string{"codes k2 id", "codes s parent_id", "codes z merged_into"}, refs...), "<none> k1 k1 d d k1 d k1 g1", nil,
			[]string{"code name  kela: the same name as code k1 here, another id (k2); unified by name (--match-codes-by-name)"}, ""},
		{"a child is unified by name under its unified parent",
			[]lrow{code("p1", "", "P"), code("c1", "p1", "C")}, []lrow{code("p2", "", "P"), code("c2", "p2", "C", "name_en", "Child")},
			true, []string{"codes p2 id", "codes c2 id"}, "<none> <none>", nil,
			[]string{"code name P: the same name as code p1 here, another id (p2); unified by name (--match-codes-by-name)",
				"code name C: the same name as code c1 here, another id (c2); unified by name (--match-codes-by-name)"}, ""},
		{"the English name is enough", []lrow{code("k1", "", "Yksi", "name_en", "Trust")}, []lrow{code("k2", "", "Kaksi", "name_en", "TRUST")},
			true, []string{"codes k2 id"}, "<none>", nil,
			[]string{"code name Kaksi: the same name as code k1 here, another id (k2); unified by name (--match-codes-by-name)"}, ""},
		{"a code of the same name is a clash when not asked, naming every one",
			[]lrow{code("k1", "", "Kela"), code("t1", "", "Työ")}, []lrow{code("k2", "", "Kela"), code("t2", "", "työ")},
			false, []string{"codes k2 id"}, "<none>", nil, nil, `codes with the same name but different ids under the same parent: "Kela" (here k1, there k2), "työ" (here t1, there t2); run the merge with --match-codes-by-name`},
		{"a code of the same name under another parent is another", []lrow{code("p", "", "P"), code("k1", "p", "Kela")}, []lrow{code("k2", "", "Kela")},
			false, []string{"codes k2 name_fi"}, "Kela", nil, nil, ""},
		{"a deleted code is not matched by name", []lrow{code("k1", "", "Kela")}, []lrow{code("k2", "", "Kela", "deleted", 1)},
			false, []string{"codes k2 deleted"}, "1", nil, nil, ""},
		{"a code is not matched by name to a deleted one", []lrow{code("k1", "", "Kela", "deleted", 1)}, []lrow{code("k2", "", "Kela")},
			false, []string{"codes k2 deleted"}, "0", nil, nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, src := literal(tc.here...), literal(tc.there...)
			before := cloneState(st)
			sr := &SourceReport{ByCoder: map[string]*MergeTally{}}
			err := fold(st, src, MergeOptions{MatchCodesByName: tc.byName}, sr)
			if tc.err != "" {
				if !errors.Is(err, ErrCodeNameClash) || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("want an error with %q, got %v", tc.err, err)
				}
				if len(diff(before, st)) != 0 {
					t.Error("a refused fold changed the state")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := fields(st, tc.fields...); got != tc.want {
				t.Errorf("after folding: %s, want %s", got, tc.want)
			}
			if strings.Join(sr.Unified, ",") != strings.Join(tc.unified, ",") {
				t.Errorf("unified %q, want %q", sr.Unified, tc.unified)
			}
			sameReport(t, "fold", sr.Conflicts, tc.conflicts...)
		})
	}
}
