package store

import "fmt"

// repair applies the rules that keep merged records consistent, and lists
// what they changed or found. Each rule looks only at the merged records
// and keeps a record's updated time, so the result is the same in every
// merge order: a code's deletion or merge is final (see wins), so what
// follows from it never has to be undone.
func repair(state mstate) []MergeConflict {
	codes := state["codes"]
	var out []MergeConflict
	out = append(out, moveUpOrphans(codes)...)
	out = append(out, hiddenCodings(state)...)
	out = append(out, twoValues(state, "doc_attributes")...)
	out = append(out, twoValues(state, "memos")...)
	out = append(out, freeShortcuts(codes)...)
	out = append(out, breakCycles(codes)...)
	return out
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
