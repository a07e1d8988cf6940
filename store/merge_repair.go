package store

import (
	"fmt"
	"strings"
)

// repair applies the rules that keep merged records consistent, until
// nothing changes, and lists what they changed or found. Each rule looks
// only at the merged records and keeps a record's updated time, so the
// result is the same in every merge order: a code's deletion or merge is
// final (see wins), so what follows from it never has to be undone.
func repair(state mstate) []MergeConflict {
	var out []MergeConflict
	codeT, cT, aT, mT := tableNamed("codes"), tableNamed("codings"), tableNamed("doc_attributes"), tableNamed("memos")
	codes, codings := state["codes"], state["codings"]
	live := func(t *mtable, r mrow) bool { return r != nil && t.num(r, "deleted") == 0 }
	// final follows merged_into from a deleted code to the live code its
	// codings belong to ("" when it was deleted, not merged).
	final := func(id string) string {
		for range 100 {
			r := codes[id]
			if r == nil || live(codeT, r) {
				return id
			}
			if id = codeT.str(r, "merged_into"); id == "" {
				return ""
			}
		}
		return ""
	}
	// Child codes of a merged or deleted code: to the code it was merged
	// into, else to its nearest live ancestor.
	for _, id := range sortedIDs(codes) {
		r := codes[id]
		p := codeT.str(r, "parent_id")
		if !live(codeT, r) || p == "" || live(codeT, codes[p]) {
			continue
		}
		to := final(p)
		for q := p; to == "" && q != ""; q = codeT.str(codes[q], "parent_id") {
			if codes[q] == nil {
				break
			}
			if live(codeT, codes[q]) {
				to = q
			}
		}
		var parent any
		if to != "" {
			parent = to
		}
		codes[id] = codeT.set(r, "parent_id", parent)
		out = append(out, MergeConflict{Kind: "code under a deleted or merged code", Record: codeLabel(codeT, r),
			Detail: "its parent " + codeLabel(codeT, codes[p]) + " was deleted or merged in another copy", Resolution: "moved up"})
	}
	// Codings of a merged code follow it, and codings of a deleted code
	// stay hidden with it, when read (the live_codings view); count the
	// hidden ones for the report.
	hidden := map[string]int{}
	for _, id := range sortedIDs(codings) {
		r := codings[id]
		cid := cT.str(r, "code_id")
		if live(cT, r) && codes[cid] != nil && final(cid) == "" {
			hidden[cid]++
		}
	}
	for _, cid := range sortedKeys(hidden) {
		out = append(out, MergeConflict{Kind: "codings of a deleted code", Record: codeLabel(codeT, codes[cid]),
			Detail:     fmt.Sprintf("%d codings use it; it was deleted in another copy", hidden[cid]),
			Resolution: "the deletion stands; the codings are kept in the project but not shown"})
	}
	// Two live values of one attribute, or two live memos on one target:
	// both are kept; readers take the newer. Report them.
	two := func(t *mtable, group func(mrow) string, field, what string) {
		best := map[string]string{}
		for _, id := range sortedIDs(state[t.name]) {
			r := state[t.name][id]
			if !live(t, r) {
				continue
			}
			g := group(r)
			cur, ok := best[g]
			if !ok {
				best[g] = id
				continue
			}
			older, newer := state[t.name][id], state[t.name][cur]
			if t.wins(r, state[t.name][cur]) {
				older, newer = newer, older
				best[g] = id
			}
			if t.str(older, field) != t.str(newer, field) {
				out = append(out, MergeConflict{Kind: what, Record: g,
					Detail:     fmt.Sprintf("%q by %s and %q by %s", clip(t.str(newer, field)), t.str(newer, "coder"), clip(t.str(older, field)), t.str(older, "coder")),
					Resolution: "the newer is shown; the other is kept in the project"})
			}
		}
	}
	two(aT, func(r mrow) string { return aT.str(r, "key") + " of document " + aT.str(r, "document_id") }, "value", "attribute with two values")
	two(mT, func(r mrow) string { return mT.str(r, "target") + " " + mT.str(r, "target_id") }, "text", "two memos on one target")
	// Shortcuts: one code each, the newest assignment keeps it.
	holder := map[string]string{}
	for _, id := range sortedIDs(codes) {
		r := codes[id]
		sc := codeT.str(r, "shortcut")
		if !live(codeT, r) || sc == "" {
			continue
		}
		cur, ok := holder[sc]
		if !ok {
			holder[sc] = id
			continue
		}
		loser := id
		if codeT.wins(r, codes[cur]) {
			loser, holder[sc] = cur, id
		}
		codes[loser] = codeT.set(codes[loser], "shortcut", "")
		out = append(out, MergeConflict{Kind: "shortcut", Record: sc, Detail: "given to two codes", Resolution: "kept by the newer, removed from " + codeLabel(codeT, codes[loser])})
	}
	// Cycles: a code moved under its own descendant in another copy.
	for _, id := range sortedIDs(codes) {
		seen := map[string]bool{}
		for c := id; c != "" && live(codeT, codes[c]); c = codeT.str(codes[c], "parent_id") {
			if seen[c] {
				codes[c] = codeT.set(codes[c], "parent_id", nil)
				out = append(out, MergeConflict{Kind: "code cycle", Record: codeLabel(codeT, codes[c]), Detail: "moved under its own descendant in another copy",
					Resolution: "moved to the top level"})
				break
			}
			seen[c] = true
		}
	}
	return out
}

func clip(s string) string {
	r := []rune(s)
	if len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// checkCodebook refuses a merged codebook that is still not valid.
func checkCodebook(state mstate) error {
	t := tableNamed("codes")
	var live []string
	names := map[string]string{}
	for _, id := range sortedIDs(state["codes"]) {
		r := state["codes"][id]
		if t.num(r, "deleted") != 0 {
			continue
		}
		live = append(live, id)
		for _, n := range []string{t.str(r, "name_fi"), t.str(r, "name_en")} {
			k := t.str(r, "parent_id") + "\x00" + strings.ToLower(strings.TrimSpace(n))
			if strings.TrimSpace(n) == "" {
				continue
			}
			if other, ok := names[k]; ok && other != id {
				return fmt.Errorf("%w under the same parent: %q (%s and %s); merge one into the other in a copy first, or rename one",
					ErrCodeNameClash, n, other, id)
			}
			names[k] = id
		}
	}
	return nil
}
