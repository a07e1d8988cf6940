package store

import (
	"fmt"
	"strings"
)

// The codebook rules of a merge: what two copies can only break together
// in the code tree, each repaired by a function of the merged codes alone.

// liveRow reports whether r exists and is not deleted.
func liveRow(t *mtable, r mrow) bool { return r != nil && t.num(r, "deleted") == 0 }

// finalCode follows merged_into from a deleted code to the live code its
// codings belong to ("" when it was deleted, not merged).
func finalCode(codes map[string]mrow, id string) string {
	codeT := tableNamed("codes")
	for range 100 {
		r := codes[id]
		if r == nil || liveRow(codeT, r) {
			return id
		}
		if id = codeT.str(r, "merged_into"); id == "" {
			return ""
		}
	}
	return ""
}

// moveUpOrphans moves the live children of a merged or deleted code to
// the code it was merged into, else to its nearest live ancestor, else
// (none, or the deleted ancestors are each other's parents) to the top
// level.
func moveUpOrphans(codes map[string]mrow) []MergeConflict {
	var out []MergeConflict
	codeT := tableNamed("codes")
	for _, id := range sortedIDs(codes) {
		r := codes[id]
		p := codeT.str(r, "parent_id")
		if !liveRow(codeT, r) || p == "" || liveRow(codeT, codes[p]) {
			continue
		}
		to := finalCode(codes, p)
		seen := map[string]bool{} // deleted codes can be each other's parents: moved so in two copies
		for q := p; to == "" && q != "" && !seen[q]; q = codeT.str(codes[q], "parent_id") {
			if codes[q] == nil {
				break
			}
			seen[q] = true
			if liveRow(codeT, codes[q]) {
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
	return out
}

// freeShortcuts leaves each shortcut to one live code: the winning version
// (see wins) keeps it, and it is removed from the others.
func freeShortcuts(codes map[string]mrow) []MergeConflict {
	var out []MergeConflict
	codeT := tableNamed("codes")
	holder := map[string]string{}
	for _, id := range sortedIDs(codes) {
		r := codes[id]
		sc := codeT.str(r, "shortcut")
		if !liveRow(codeT, r) || sc == "" {
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
	return out
}

// codedCategories makes codable again each live category (not_codable)
// that has live codings, its own or those of codes merged into it: made a
// category in one copy while coded in another. The codings are what a
// coder did and cannot be redone; the category is one flag, set again
// once they are moved. It reads codings and deletions, which no code rule
// changes, and changes only not_codable, which none reads, so it runs
// once, after them.
func codedCategories(state mstate) []MergeConflict {
	var out []MergeConflict
	codeT, cT := tableNamed("codes"), tableNamed("codings")
	codes := state["codes"]
	coded := map[string]int{}
	for _, id := range sortedIDs(state["codings"]) {
		r := state["codings"][id]
		if liveRow(cT, r) {
			if f := finalCode(codes, cT.str(r, "code_id")); f != "" {
				coded[f]++
			}
		}
	}
	for _, id := range sortedIDs(codes) {
		r := codes[id]
		if !liveRow(codeT, r) || codeT.num(r, "not_codable") == 0 || coded[id] == 0 {
			continue
		}
		codes[id] = codeT.set(r, "not_codable", int64(0))
		out = append(out, MergeConflict{Kind: "category with codings", Record: codeLabel(codeT, r),
			Detail: fmt.Sprintf("made a category in one copy, %d codings in another", coded[id]), Resolution: "kept codable"})
	}
	return out
}

// breakCycles moves to the top level a live code that is its own ancestor
// (moved under its own descendant in another copy): the first code met
// twice on the way up from each code, in id order.
func breakCycles(codes map[string]mrow) []MergeConflict {
	var out []MergeConflict
	codeT := tableNamed("codes")
	for _, id := range sortedIDs(codes) {
		seen := map[string]bool{}
		for c := id; c != "" && liveRow(codeT, codes[c]); c = codeT.str(codes[c], "parent_id") {
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

// checkCodebook refuses a merged codebook in which two live codes under
// one parent share a name (Finnish or English, ignoring case and outer
// spaces): no rule can tell which of them a coder meant.
func checkCodebook(state mstate) error {
	t := tableNamed("codes")
	names := map[string]string{}
	for _, id := range sortedIDs(state["codes"]) {
		r := state["codes"][id]
		if t.num(r, "deleted") != 0 {
			continue
		}
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
