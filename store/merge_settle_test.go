package store

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
)

// repair reaches a fixpoint: the rules that change codes run until a pass
// changes nothing, one pass settles them, and a bound stops rules that
// would not settle.

func TestSettle(t *testing.T) {
	// flip is a rule that clears the shortcut of code k if set, else sets it.
	flip := func(codes map[string]mrow) []MergeConflict {
		ct := tableNamed("codes")
		sc := "a"
		if ct.str(codes["k"], "shortcut") != "" {
			sc = ""
		}
		codes["k"] = ct.set(codes["k"], "shortcut", sc)
		return []MergeConflict{{Kind: "flip"}}
	}
	// once sets the shortcut of code k when unset.
	once := func(codes map[string]mrow) []MergeConflict {
		ct := tableNamed("codes")
		if ct.str(codes["k"], "shortcut") != "" {
			return nil
		}
		codes["k"] = ct.set(codes["k"], "shortcut", "a")
		return []MergeConflict{{Kind: "once"}}
	}
	// after sets the colour of code k once the shortcut is set.
	after := func(codes map[string]mrow) []MergeConflict {
		ct := tableNamed("codes")
		if ct.str(codes["k"], "shortcut") == "" || ct.str(codes["k"], "color") != "" {
			return nil
		}
		codes["k"] = ct.set(codes["k"], "color", "#fff")
		return []MergeConflict{{Kind: "after"}}
	}
	// same reports a change it does not make.
	same := func(codes map[string]mrow) []MergeConflict {
		codes["k"] = tableNamed("codes").set(codes["k"], "name_fi", "K")
		return []MergeConflict{{Kind: "same"}}
	}
	for _, tc := range []struct {
		name   string
		rules  []codeRule
		passes int
		want   string // each rule's report kinds, "|" between rules; or the error
	}{
		{"nothing to change: one pass", []codeRule{after}, 1, ""},
		{"a change: a second pass finds nothing", []codeRule{once}, 2, "once"},
		{"a rule that needs another's change: a third pass", []codeRule{after, once}, 3, "after|once"},
		{"a rule reporting what it does not change: one pass", []codeRule{same}, 1, "same"},
		{"rules that never settle: an error at the bound", []codeRule{flip}, 4, "the merged codebook did not settle after 4 passes of the repair rules"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			passes := 0
			count := func(map[string]mrow) []MergeConflict { passes++; return nil }
			codes := literal(code("k", "", "K"))["codes"]
			got, err := settle(codes, append([]codeRule{count}, tc.rules...), maxRepairPasses)
			var desc string
			if err != nil {
				if !errors.Is(err, errUnsettled) {
					t.Errorf("error of another kind: %v", err)
				}
				desc = err.Error()
			} else {
				var per []string
				for _, cs := range got[1:] {
					var kinds []string
					for _, c := range cs {
						kinds = append(kinds, c.Kind)
					}
					per = append(per, strings.Join(kinds, ","))
				}
				desc = strings.Join(per, "|")
			}
			if desc != tc.want || passes != tc.passes {
				t.Errorf("%d passes, %q; want %d, %q", passes, desc, tc.passes, tc.want)
			}
		})
	}
}

func TestRepairSettlesInOnePass(t *testing.T) {
	st := literal(
		// p merged into m, a child of c, which was p's child: moving c up
		// makes a cycle, broken in the same pass.
		code("m", "c", "M", "shortcut", "1", "updated", 5),
		code("p", "", "P", "deleted", 1, "merged_into", "m"),
		code("c", "p", "C", "shortcut", "1", "updated", 3),
		code("k", "", "K", "deleted", 1),
		rec("codings", "g", "code_id", "k"),
		rec("doc_attributes", "a1", "document_id", "d", "key", "region", "value", "Kuopio", "coder", "aino", "updated", 2),
		rec("doc_attributes", "a2", "document_id", "d", "key", "region", "value", "Oulu", "coder", "ville", "updated", 3),
		rec("memos", "n1", "target", "code", "target_id", "m", "text", "yksi", "coder", "aino", "updated", 2),
		rec("memos", "n2", "target", "code", "target_id", "m", "text", "kaksi", "coder", "ville", "updated", 3),
	)
	rep, err := repair(st)
	if err != nil {
		t.Fatal(err)
	}
	if got := parents(st["codes"]); got != "c< k< m<c[1] p<" {
		t.Errorf("codes after repair: %s", got)
	}
	sameReport(t, "repair", rep,
		movedUp("C", "P"),
		"codings of a deleted code K: 1 codings use it; it was deleted in another copy; the deletion stands; the codings are kept in the project but not shown",
		`attribute with two values region of document d: "Oulu" by ville and "Kuopio" by aino; the newer is shown; the other is kept in the project`,
		`two memos on one target code m: "kaksi" by ville and "yksi" by aino; the newer is shown; the other is kept in the project`,
		"shortcut 1: given to two codes; kept by the newer, removed from C",
		"code cycle C: moved under its own descendant in another copy; moved to the top level")
	settled := cloneState(st)
	if _, err := settle(settled["codes"], codeRules, 1); err != nil || !sameRows(settled["codes"], st["codes"]) {
		t.Errorf("a second pass changed codes: %v", err)
	}
}

// randomCodes is a merged-looking code table: parents, merges, deletions
// and shortcuts drawn at random, cycles and all.
func randomCodes(rng *rand.Rand) map[string]mrow {
	ids := []string{"a", "b", "c", "d", "e", "f", "g", "h"}
	var rows []lrow
	for _, id := range ids {
		kv := []any{"updated", 1 + rng.IntN(5), "shortcut", []string{"", "1", "2"}[rng.IntN(3)]}
		if rng.IntN(3) == 0 {
			kv = append(kv, "deleted", 1)
			if rng.IntN(2) == 0 {
				kv = append(kv, "merged_into", ids[rng.IntN(len(ids))])
			}
		}
		parent := ""
		if rng.IntN(4) != 0 {
			parent = ids[rng.IntN(len(ids))]
		}
		rows = append(rows, code(id, parent, strings.ToUpper(id), kv...))
	}
	return literal(rows...)["codes"]
}

func TestRepairSettlesOnRandomStates(t *testing.T) {
	for seed := range 2000 {
		rng := rand.New(rand.NewPCG(uint64(seed), 17))
		st := literal()
		st["codes"] = randomCodes(rng)
		start := parents(st["codes"])
		if _, err := repair(st); err != nil {
			t.Fatalf("seed %d (%s): %v", seed, start, err)
		}
		after := parents(st["codes"])
		for i, rule := range codeRules {
			if rep := rule(st["codes"]); len(rep) > 0 {
				t.Fatalf("seed %d: from %s to %s, then rule %d changed more: %v", seed, start, after, i, rep)
			}
		}
		if got := parents(st["codes"]); got != after {
			t.Fatalf("seed %d: a second pass changed %s to %s", seed, after, got)
		}
	}
}
