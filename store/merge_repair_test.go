package store

import (
	"errors"
	"strings"
	"testing"
)

// The repair rules and the codebook check on literal states: a broken rule
// fails its own case here, named, without building a project.

const orphaned = "code under a deleted or merged code %s: its parent %s was deleted or merged in another copy; moved up"

func movedUp(child, parent string) string {
	return strings.NewReplacer("%s: its", child+": its", "parent %s", "parent "+parent).Replace(orphaned)
}

func TestMoveUpOrphans(t *testing.T) {
	for _, tc := range []struct {
		name  string
		codes []lrow
		want  string // parents after
		rep   []string
	}{
		{"a child of a live code stays",
			[]lrow{code("p", "", "P"), code("c", "p", "C")}, "c<p p<", nil},
		{"a child of a merged code follows it",
			[]lrow{code("m", "", "M"), code("p", "", "P", "deleted", 1, "merged_into", "m"), code("c", "p", "C")},
			"c<m m< p<", []string{movedUp("C", "P")}},
		{"a chain of merges is followed to the live code",
			[]lrow{code("m2", "", "M2"), code("m1", "", "M1", "deleted", 1, "merged_into", "m2"), code("p", "", "P", "deleted", 1, "merged_into", "m1"), code("c", "p", "C")},
			"c<m2 m1< m2< p<", []string{movedUp("C", "P")}},
		{"a child of a deleted code goes to the nearest live ancestor",
			[]lrow{code("g", "", "G"), code("p", "g", "P", "deleted", 1), code("q", "p", "Q", "deleted", 1), code("c", "q", "C")},
			"c<g g< p<g q<p", []string{movedUp("C", "Q")}},
		{"a child of a deleted top-level code goes to the top level",
			[]lrow{code("p", "", "P", "deleted", 1), code("c", "p", "C")},
			"c< p<", []string{movedUp("C", "P")}},
		{"a merge into a deleted code: to the nearest live ancestor",
			[]lrow{code("g", "", "G"), code("m", "", "M", "deleted", 1), code("p", "g", "P", "deleted", 1, "merged_into", "m"), code("c", "p", "C")},
			"c<g g< m< p<g", []string{movedUp("C", "P")}},
		{"deleted ancestors in a cycle: to the top level",
			[]lrow{code("x", "y", "X", "deleted", 1), code("y", "x", "Y", "deleted", 1), code("c", "x", "C")},
			"c< x<y y<x", []string{movedUp("C", "X")}},
		{"a deleted child stays where it was",
			[]lrow{code("p", "", "P", "deleted", 1), code("c", "p", "C", "deleted", 1)}, "c<p p<", nil},
		{"every orphan moves, in id order",
			[]lrow{code("m", "", "M"), code("p", "", "P", "deleted", 1, "merged_into", "m"), code("b", "p", "B"), code("a", "p", "A")},
			"a<m b<m m< p<", []string{movedUp("A", "P"), movedUp("B", "P")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := literal(tc.codes...)
			rep := moveUpOrphans(st["codes"])
			if got := parents(st["codes"]); got != tc.want {
				t.Errorf("parents %s, want %s", got, tc.want)
			}
			sameReport(t, "moving up", rep, tc.rep...)
		})
	}
}

func TestHiddenCodings(t *testing.T) {
	for _, tc := range []struct {
		name string
		rows []lrow
		rep  []string
	}{
		{"codings of a live code are shown",
			[]lrow{code("k", "", "K"), rec("codings", "g1", "code_id", "k")}, nil},
		{"live codings of a deleted code are counted",
			[]lrow{code("k", "", "K", "deleted", 1), rec("codings", "g1", "code_id", "k"), rec("codings", "g2", "code_id", "k"), rec("codings", "g3", "code_id", "k", "deleted", 1)},
			[]string{"codings of a deleted code K: 2 codings use it; it was deleted in another copy; the deletion stands; the codings are kept in the project but not shown"}},
		{"codings of a merged code follow it, not hidden",
			[]lrow{code("m", "", "M"), code("k", "", "K", "deleted", 1, "merged_into", "m"), rec("codings", "g1", "code_id", "k")}, nil},
		{"codings of a code merged into a deleted code are hidden with it",
			[]lrow{code("m", "", "M", "deleted", 1), code("k", "", "K", "deleted", 1, "merged_into", "m"), rec("codings", "g1", "code_id", "k")},
			[]string{"codings of a deleted code K: 1 codings use it; it was deleted in another copy; the deletion stands; the codings are kept in the project but not shown"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := literal(tc.rows...)
			before := cloneState(st)
			sameReport(t, "hidden codings", hiddenCodings(st), tc.rep...)
			if len(diff(before, st)) != 0 {
				t.Error("counting hidden codings changed a record")
			}
		})
	}
}

func TestTwoValues(t *testing.T) {
	attr := func(id, value, coder string, updated int) lrow {
		return rec("doc_attributes", id, "document_id", "d", "key", "region", "value", value, "coder", coder, "updated", updated)
	}
	memo := func(id, text, coder string, updated int) lrow {
		return rec("memos", id, "target", "code", "target_id", "k", "text", text, "coder", coder, "updated", updated)
	}
	long := strings.Repeat("ä", 45)
	for _, tc := range []struct {
		name  string
		table string
		rows  []lrow
		rep   []string
	}{
		{"one value", "doc_attributes", []lrow{attr("a1", "Kuopio", "aino", 2)}, nil},
		{"two values: the newer first", "doc_attributes", []lrow{attr("a1", "Kuopio", "aino", 2), attr("a2", "Joensuu", "ville", 3)},
			[]string{`attribute with two values region of document d: "Joensuu" by ville and "Kuopio" by aino; the newer is shown; the other is kept in the project`}},
		{"two values, the newer with the smaller id", "doc_attributes", []lrow{attr("a1", "Kuopio", "aino", 5), attr("a2", "Joensuu", "ville", 3)},
			[]string{`attribute with two values region of document d: "Kuopio" by aino and "Joensuu" by ville; the newer is shown; the other is kept in the project`}},
		{"the same value twice", "doc_attributes", []lrow{attr("a1", "Kuopio", "aino", 2), attr("a2", "Kuopio", "ville", 3)}, nil},
		{"a deleted value does not count", "doc_attributes", []lrow{attr("a1", "Kuopio", "aino", 2), rec("doc_attributes", "a2", "document_id", "d", "key", "region", "value", "Oulu", "deleted", 1)}, nil},
		{"other keys and documents are other groups", "doc_attributes", []lrow{attr("a1", "Kuopio", "aino", 2),
			rec("doc_attributes", "a2", "document_id", "d", "key", "age", "value", "40"), rec("doc_attributes", "a3", "document_id", "e", "key", "region", "value", "Oulu")}, nil},
		{"two memos on one target, long text clipped", "memos", []lrow{memo("m1", long, "aino", 2), memo("m2", "lyhyt", "ville", 1)},
			[]string{`two memos on one target code k: "` + strings.Repeat("ä", 40) + `…" by aino and "lyhyt" by ville; the newer is shown; the other is kept in the project`}},
		{"memos are not read as attributes", "doc_attributes", []lrow{memo("m1", "yksi", "aino", 2), memo("m2", "kaksi", "ville", 1)}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := literal(tc.rows...)
			before := cloneState(st)
			sameReport(t, "two values", twoValues(st, tc.table), tc.rep...)
			if len(diff(before, st)) != 0 {
				t.Error("reporting two values changed a record")
			}
		})
	}
}

func TestFreeShortcuts(t *testing.T) {
	for _, tc := range []struct {
		name  string
		codes []lrow
		want  string
		rep   []string
	}{
		{"distinct shortcuts stay", []lrow{code("a", "", "A", "shortcut", "1"), code("b", "", "B", "shortcut", "2")}, "a<[1] b<[2]", nil},
		{"the newer keeps a shared shortcut", []lrow{code("a", "", "A", "shortcut", "1", "updated", 5), code("b", "", "B", "shortcut", "1", "updated", 3)},
			"a<[1] b<", []string{"shortcut 1: given to two codes; kept by the newer, removed from B"}},
		{"the newer keeps it, whatever the id order", []lrow{code("a", "", "A", "shortcut", "1", "updated", 3), code("b", "", "B", "shortcut", "1", "updated", 5)},
			"a< b<[1]", []string{"shortcut 1: given to two codes; kept by the newer, removed from A"}},
		{"three codes: the newest keeps it", []lrow{code("a", "", "A", "shortcut", "1", "updated", 3), code("b", "", "B", "shortcut", "1", "updated", 7), code("c", "", "C", "shortcut", "1", "updated", 5)},
			"a< b<[1] c<", []string{"shortcut 1: given to two codes; kept by the newer, removed from A", "shortcut 1: given to two codes; kept by the newer, removed from C"}},
		{"a deleted code's shortcut does not count", []lrow{code("a", "", "A", "shortcut", "1", "deleted", 1, "updated", 9), code("b", "", "B", "shortcut", "1")},
			"a<[1] b<[1]", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := literal(tc.codes...)
			rep := freeShortcuts(st["codes"])
			if got := parents(st["codes"]); got != tc.want {
				t.Errorf("codes %s, want %s", got, tc.want)
			}
			sameReport(t, "shortcuts", rep, tc.rep...)
		})
	}
}

func TestBreakCycles(t *testing.T) {
	const cycle = "code cycle %s: moved under its own descendant in another copy; moved to the top level"
	for _, tc := range []struct {
		name  string
		codes []lrow
		want  string
		rep   []string
	}{
		{"a tree stays", []lrow{code("a", "", "A"), code("b", "a", "B"), code("c", "b", "C")}, "a< b<a c<b", nil},
		{"two codes under each other: the first by id goes to the top", []lrow{code("a", "b", "A"), code("b", "a", "B")},
			"a< b<a", []string{strings.Replace(cycle, "%s", "A", 1)}},
		{"a longer cycle below a tree", []lrow{code("r", "", "R"), code("x", "z", "X"), code("y", "x", "Y"), code("z", "y", "Z"), code("a", "x", "A")},
			"a<x r< x< y<x z<y", []string{strings.Replace(cycle, "%s", "X", 1)}},
		{"two cycles: each broken once", []lrow{code("a", "b", "A"), code("b", "a", "B"), code("c", "d", "C"), code("d", "c", "D")},
			"a< b<a c< d<c", []string{strings.Replace(cycle, "%s", "A", 1), strings.Replace(cycle, "%s", "C", 1)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := literal(tc.codes...)
			rep := breakCycles(st["codes"])
			if got := parents(st["codes"]); got != tc.want {
				t.Errorf("parents %s, want %s", got, tc.want)
			}
			sameReport(t, "cycles", rep, tc.rep...)
		})
	}
}

func TestCheckCodebook(t *testing.T) {
	for _, tc := range []struct {
		name  string
		codes []lrow
		clash string // "" when the codebook is valid
	}{
		{"distinct names", []lrow{code("a", "", "Kela"), code("b", "", "Koulu")}, ""},
		{"one name under two parents", []lrow{code("p", "", "P"), code("q", "", "Q"), code("a", "p", "Kela"), code("b", "q", "Kela")}, ""},
		{"one name under one parent", []lrow{code("a", "", "Kela"), code("b", "", "Kela")}, `"Kela" (a and b)`},
		{"case and outer spaces do not count", []lrow{code("a", "", "Kela"), code("b", "", " kela ")}, `" kela " (a and b)`},
		{"the English names clash too", []lrow{code("a", "", "Yksi", "name_en", "Trust"), code("b", "", "Kaksi", "name_en", "trust")}, `"trust" (a and b)`},
		{"a Finnish name against an English one", []lrow{code("a", "", "Kela"), code("b", "", "Kaksi", "name_en", "Kela")}, `"Kela" (a and b)`},
		{"a deleted code does not clash", []lrow{code("a", "", "Kela"), code("b", "", "Kela", "deleted", 1)}, ""},
		{"empty names do not clash", []lrow{code("a", "", "", "name_en", "One"), code("b", "", "", "name_en", "Two")}, ""},
		{"one code's two equal names are no clash", []lrow{code("a", "", "Kela", "name_en", "Kela")}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := checkCodebook(literal(tc.codes...))
			switch {
			case tc.clash == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tc.clash != "" && (!errors.Is(err, ErrCodeNameClash) || !strings.Contains(err.Error(), tc.clash)):
				t.Errorf("want a clash naming %s, got %v", tc.clash, err)
			}
		})
	}
}
