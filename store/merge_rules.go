package store

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// wins reports whether version a of a record wins over version b: the
// newer; on a tie the deleted one; then the larger content. A code's
// deletion wins over every edit, older or newer, and its merge into
// another code over a plain deletion: what was built on it in other copies
// follows it (codings of a merged code move with it), and it is never
// undone by a merge. (Were one code merged into two different codes in two
// copies, the newer merge wins, and codings already moved by an earlier
// team merge stay where they went.) The one exception is a code taken back
// out of a deletion or a merge on purpose (an undo): a live version
// restored at or after the time of the deleted or merged one wins over it,
// so that the undo reaches copies made before it.
func (t *mtable) wins(a, b mrow) bool {
	da, db := t.num(a, "deleted"), t.num(b, "deleted")
	if t.name == "codes" {
		// live < deleted < merged: a merge says where the codings went.
		rank := func(r mrow, d int64) int64 {
			if d != 0 && t.str(r, "merged_into") != "" {
				return 2
			}
			return d
		}
		if ra, rb := rank(a, da), rank(b, db); ra != rb {
			switch {
			case ra == 0 && t.restoredOver(a, b):
				return true
			case rb == 0 && t.restoredOver(b, a):
				return false
			}
			return ra > rb
		}
	}
	ua, ub := t.num(a, "updated"), t.num(b, "updated")
	if ua != ub {
		return ua > ub
	}
	if da != db {
		return da > db
	}
	return a.key() > b.key()
}

// restoredOver reports whether the live code version live was taken back
// out of a deletion or merge at or after the time of version gone.
func (t *mtable) restoredOver(live, gone mrow) bool {
	r := t.num(live, "restored")
	return r > 0 && r >= t.num(gone, "updated")
}

// fold merges the source records src into state: by id, the winning
// version; documents also by content; codes also by name if asked.
func fold(state, src mstate, opts MergeOptions, sr *SourceReport) error {
	docMap := unifyDocuments(state, src, sr)
	codeMap, err := unifyCodes(state, src, opts, sr)
	if err != nil {
		return err
	}
	for _, t := range mergeTables {
		for _, id := range sortedIDs(src[t.name]) {
			if r, ok := remap(t, id, src[t.name][id], docMap, codeMap); ok {
				foldRecord(t, state, id, r, sr)
			}
		}
	}
	return nil
}

// unifyDocuments maps each source document that state lacks by id to the
// state's document with the same content (hash), if any: a live one
// before a deleted one, else the smallest id. The source's name of each
// is reported as unified.
func unifyDocuments(state, src mstate, sr *SourceReport) map[string]string {
	docT := tableNamed("documents")
	docMap := map[string]string{}
	byHash := map[string]string{}
	for id, r := range state["documents"] {
		h := docT.str(r, "hash")
		if cur, ok := byHash[h]; !ok || (docT.num(r, "deleted") == 0 && docT.num(state["documents"][cur], "deleted") != 0) || (docT.num(r, "deleted") == docT.num(state["documents"][cur], "deleted") && id < cur) {
			byHash[h] = id
		}
	}
	for _, id := range sortedIDs(src["documents"]) {
		r := src["documents"][id]
		if _, ok := state["documents"][id]; ok {
			continue
		}
		if other, ok := byHash[docT.str(r, "hash")]; ok {
			docMap[id] = other
			sr.Unified = append(sr.Unified, docT.str(r, "name"))
		}
	}
	return docMap
}

// unifyCodes finds each live source code that state lacks by id and that
// has a live code of the same name (Finnish or English) under the same
// parent in state. With MatchCodesByName it maps the one to the other and
// reports it, parents before children (so a child's parent is already
// mapped); without, such codes are an ErrCodeNameClash naming them all.
func unifyCodes(state, src mstate, opts MergeOptions, sr *SourceReport) (map[string]string, error) {
	codeT := tableNamed("codes")
	codeMap := map[string]string{}
	var clashes []string
	for _, id := range parentsFirst(src["codes"]) {
		r := src["codes"][id]
		if _, ok := state["codes"][id]; ok || codeT.num(r, "deleted") != 0 {
			continue
		}
		tid := sameNamedCode(state["codes"], mapped(codeMap, codeT.str(r, "parent_id")), r)
		switch {
		case tid == "":
		case opts.MatchCodesByName:
			codeMap[id] = tid
			sr.Conflicts = append(sr.Conflicts, MergeConflict{Kind: "code name", Record: codeLabel(codeT, r),
				Detail:     fmt.Sprintf("the same name as code %s here, another id (%s)", tid, id),
				Resolution: "unified by name (--match-codes-by-name)"})
		default:
			clashes = append(clashes, fmt.Sprintf("%q (here %s, there %s)", codeLabel(codeT, r), tid, id))
		}
	}
	if len(clashes) > 0 {
		return nil, fmt.Errorf("%w under the same parent: %s; run the merge with --match-codes-by-name to unify them, or rename one first",
			ErrCodeNameClash, strings.Join(clashes, ", "))
	}
	return codeMap, nil
}

// parentsFirst lists the ids of codes by depth in their tree, then by id.
func parentsFirst(codes map[string]mrow) []string {
	codeT := tableNamed("codes")
	order := sortedIDs(codes)
	depth := func(id string) int {
		d := 0
		for p := codeT.str(codes[id], "parent_id"); p != "" && d < 100; p = codeT.str(codes[p], "parent_id") {
			d++
		}
		return d
	}
	sort.SliceStable(order, func(i, j int) bool { return depth(order[i]) < depth(order[j]) })
	return order
}

// sameNamedCode is the first live code (by id) under parent in codes with
// r's Finnish or English name, or "".
func sameNamedCode(codes map[string]mrow, parent string, r mrow) string {
	codeT := tableNamed("codes")
	for _, tid := range sortedIDs(codes) {
		t := codes[tid]
		if codeT.num(t, "deleted") != 0 || codeT.str(t, "parent_id") != parent {
			continue
		}
		if sameName(codeT.str(t, "name_fi"), codeT.str(r, "name_fi")) || sameName(codeT.str(t, "name_en"), codeT.str(r, "name_en")) {
			return tid
		}
	}
	return ""
}

// mapped is what m maps id to, else id.
func mapped(m map[string]string, id string) string {
	if to, ok := m[id]; ok {
		return to
	}
	return id
}

// remap rewrites a source record's references to the documents and codes
// it was unified with; ok is false for a unified document or code itself,
// which is not folded in.
func remap(t *mtable, id string, r mrow, docMap, codeMap map[string]string) (_ mrow, ok bool) {
	switch t.name {
	case "documents":
		if _, ok := docMap[id]; ok {
			return nil, false
		}
	case "codes":
		if _, ok := codeMap[id]; ok {
			return nil, false
		}
		if p := t.str(r, "parent_id"); p != "" {
			r = t.set(r, "parent_id", mapped(codeMap, p))
		}
		if m := t.str(r, "merged_into"); m != "" {
			r = t.set(r, "merged_into", mapped(codeMap, m))
		}
	case "doc_attributes":
		r = t.set(r, "document_id", mapped(docMap, t.str(r, "document_id")))
	case "codings":
		r = t.set(r, "document_id", mapped(docMap, t.str(r, "document_id")))
		r = t.set(r, "code_id", mapped(codeMap, t.str(r, "code_id")))
	case "memos":
		switch t.str(r, "target") {
		case "document":
			r = t.set(r, "target_id", mapped(docMap, t.str(r, "target_id")))
		case "code":
			r = t.set(r, "target_id", mapped(codeMap, t.str(r, "target_id")))
		}
	}
	return r, true
}

// foldRecord puts version r of record id into state: as it is when state
// lacks it, else the version that wins, reporting an edit conflict.
func foldRecord(t *mtable, state mstate, id string, r mrow, sr *SourceReport) {
	cur, ok := state[t.name][id]
	if !ok {
		state[t.name][id] = r
		return
	}
	if cur.equal(r) {
		return
	}
	win := cur
	if t.wins(r, cur) {
		win = r
	}
	if c, ok := editConflict(t, cur, r, win); ok {
		sr.Conflicts = append(sr.Conflicts, c)
	}
	state[t.name][id] = win
}

func sameName(a, b string) bool {
	a, b = strings.ToLower(strings.TrimSpace(a)), strings.ToLower(strings.TrimSpace(b))
	return a != "" && a == b
}

func codeLabel(t *mtable, r mrow) string {
	if n := t.str(r, "name_fi"); n != "" {
		return n
	}
	return t.str(r, "name_en")
}

// editConflict tells whether two versions of one record are edits made in
// both copies (each version changed after the record was made, and they
// differ in what a person sees) rather than an edit in one copy only.
func editConflict(t *mtable, here, there, win mrow) (MergeConflict, bool) {
	edited := func(r mrow) bool { return t.num(r, "updated") > t.num(r, "created") }
	if !edited(here) || !edited(there) {
		return MergeConflict{}, false
	}
	stamp := func(r mrow) string {
		return fmt.Sprintf("%s at %s", t.str(r, "coder"), fromMS(t.num(r, "updated")).Format(time.RFC3339))
	}
	kept := "kept the newer"
	if t.num(here, "updated") == t.num(there, "updated") {
		kept = "same time; kept one by a fixed rule"
	}
	switch t.name {
	case "codes":
		if t.num(here, "deleted") != t.num(there, "deleted") {
			return MergeConflict{Kind: "code deleted and edited", Record: codeLabel(t, win), Detail: fmt.Sprintf("by %s and %s", stamp(here), stamp(there)),
				Resolution: kept + fmt.Sprintf(" (%s)", map[bool]string{true: "deleted", false: "edited"}[t.num(win, "deleted") != 0])}, true
		}
		if codeLabel(t, here) != codeLabel(t, there) || t.str(here, "name_en") != t.str(there, "name_en") {
			return MergeConflict{Kind: "code renamed", Record: t.str(win, "id"),
				Detail:     fmt.Sprintf("%q (%s) and %q (%s)", codeLabel(t, here), stamp(here), codeLabel(t, there), stamp(there)),
				Resolution: fmt.Sprintf("%s: %q", kept, codeLabel(t, win))}, true
		}
		if t.str(here, "parent_id") != t.str(there, "parent_id") {
			return MergeConflict{Kind: "code moved", Record: codeLabel(t, win), Detail: fmt.Sprintf("to different parents by %s and %s", stamp(here), stamp(there)),
				Resolution: kept}, true
		}
	case "doc_attributes":
		if t.str(here, "value") != t.str(there, "value") {
			return MergeConflict{Kind: "attribute", Record: t.str(win, "key") + " of document " + t.str(win, "document_id"),
				Detail:     fmt.Sprintf("%q (%s) and %q (%s)", t.str(here, "value"), stamp(here), t.str(there, "value"), stamp(there)),
				Resolution: fmt.Sprintf("%s: %q", kept, t.str(win, "value"))}, true
		}
	case "memos":
		if t.str(here, "text") != t.str(there, "text") {
			return MergeConflict{Kind: "memo", Record: t.str(win, "target") + " " + t.str(win, "target_id"),
				Detail: fmt.Sprintf("edited by %s and %s", stamp(here), stamp(there)), Resolution: kept}, true
		}
	}
	return MergeConflict{}, false
}
