package store

import (
	"errors"
	"fmt"
)

// repair applies the rules that keep merged records consistent, and lists
// what they changed or found, in this order: children moved up from
// deleted or merged codes, hidden codings, attributes with two values, two
// memos on one target, shared shortcuts, cycles broken. Each rule looks
// only at the merged records and keeps a record's updated time, so the
// result is the same in every merge order: a code's deletion or merge is
// final (see wins), so what follows from it never has to be undone.
//
// The rules that change codes (codeRules: parents and shortcuts) run in
// passes until a pass changes nothing. The others only report, once: they
// read deletions, merges, codings, attributes and memos, which the code
// rules do not change. One pass settles the code rules, so the second
// pass is a check: moveUpOrphans leaves every live code under a live code
// or at the top, and changes no code's deletion; freeShortcuts leaves each
// shortcut to one live code and changes only shortcuts; breakCycles
// breaks every cycle it walks into and only clears parents, which moves
// no code under a deleted one, shares no shortcut and makes no cycle.
// Should pass number maxRepairPasses still change a code, repair fails
// rather than write a codebook the rules did not settle.
func repair(state mstate) ([]MergeConflict, error) {
	fixed, err := settle(state["codes"], codeRules, maxRepairPasses)
	if err != nil {
		return nil, err
	}
	var out []MergeConflict
	out = append(out, fixed[0]...)
	out = append(out, hiddenCodings(state)...)
	out = append(out, twoValues(state, "doc_attributes")...)
	out = append(out, twoValues(state, "memos")...)
	out = append(out, fixed[1]...)
	out = append(out, fixed[2]...)
	out = append(out, codedCategories(state)...) // categories: after the code rules
	return out, nil
}

// codeRule is a repair rule that changes codes, and reports each change.
type codeRule func(codes map[string]mrow) []MergeConflict

// codeRules are the rules that change codes, in the order they run (the
// order matters: moving a child up can make a cycle that breakCycles then
// breaks).
var codeRules = []codeRule{moveUpOrphans, freeShortcuts, breakCycles}

// maxRepairPasses bounds the passes of codeRules: one settles them (see
// repair), a second finds nothing to change.
const maxRepairPasses = 4

// errUnsettled: the repair rules kept changing the codebook.
var errUnsettled = errors.New("the merged codebook did not settle")

// settle runs rules over codes, in order, pass after pass, until a pass
// leaves every code as it was, and returns what each rule reported over
// all passes. It fails when pass number max still changed a code.
func settle(codes map[string]mrow, rules []codeRule, max int) ([][]MergeConflict, error) {
	got := make([][]MergeConflict, len(rules))
	for pass := 1; ; pass++ {
		before := make(map[string]mrow, len(codes))
		for id, r := range codes {
			before[id] = r
		}
		for i, rule := range rules {
			got[i] = append(got[i], rule(codes)...)
		}
		if sameRows(before, codes) {
			return got, nil
		}
		if pass == max {
			return nil, fmt.Errorf("%w after %d passes of the repair rules", errUnsettled, max)
		}
	}
}

// sameRows reports whether a and b hold the same records.
func sameRows(a, b map[string]mrow) bool {
	if len(a) != len(b) {
		return false
	}
	for id, r := range a {
		if o, ok := b[id]; !ok || !o.equal(r) {
			return false
		}
	}
	return true
}

// hiddenCodings reports the live codings of deleted codes. Codings of a
// merged code follow it, and codings of a deleted code stay hidden with
// it, when read (the live_codings view); nothing is changed.
func hiddenCodings(state mstate) []MergeConflict {
	var out []MergeConflict
	codeT, cT := tableNamed("codes"), tableNamed("codings")
	codes, codings := state["codes"], state["codings"]
	hidden := map[string]int{}
	for _, id := range sortedIDs(codings) {
		r := codings[id]
		cid := cT.str(r, "code_id")
		if liveRow(cT, r) && codes[cid] != nil && finalCode(codes, cid) == "" {
			hidden[cid]++
		}
	}
	for _, cid := range sortedKeys(hidden) {
		out = append(out, MergeConflict{Kind: "codings of a deleted code", Record: codeLabel(codeT, codes[cid]),
			Detail:     fmt.Sprintf("%d codings use it; it was deleted in another copy", hidden[cid]),
			Resolution: "the deletion stands; the codings are kept in the project but not shown"})
	}
	return out
}

// twoValues reports two live values of one attribute of a document
// (table doc_attributes), or two live memos on one target (table memos),
// that differ: both are kept and readers take the newer, so nothing is
// changed.
func twoValues(state mstate, table string) []MergeConflict {
	t := tableNamed(table)
	group, field, what := func(r mrow) string { return t.str(r, "key") + " of document " + t.str(r, "document_id") }, "value", "attribute with two values"
	if table == "memos" {
		group, field, what = func(r mrow) string { return t.str(r, "target") + " " + t.str(r, "target_id") }, "text", "two memos on one target"
	}
	var out []MergeConflict
	rows := state[table]
	best := map[string]string{}
	for _, id := range sortedIDs(rows) {
		r := rows[id]
		if !liveRow(t, r) {
			continue
		}
		g := group(r)
		cur, ok := best[g]
		if !ok {
			best[g] = id
			continue
		}
		older, newer := r, rows[cur]
		if t.wins(r, rows[cur]) {
			older, newer = newer, older
			best[g] = id
		}
		if t.str(older, field) != t.str(newer, field) {
			out = append(out, MergeConflict{Kind: what, Record: g,
				Detail:     fmt.Sprintf("%q by %s and %q by %s", clip(t.str(newer, field)), t.str(newer, "coder"), clip(t.str(older, field)), t.str(older, "coder")),
				Resolution: "the newer is shown; the other is kept in the project"})
		}
	}
	return out
}

// clip shortens s to 40 characters for a report.
func clip(s string) string {
	r := []rune(s)
	if len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
