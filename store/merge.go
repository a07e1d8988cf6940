package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// A team merge folds other copies of a project into this one. Every record
// a coder makes (document, attribute, code, coding, memo) has an id, an
// updated time and a tombstone, so records are unified by id and the newer
// version wins (ties: the deletion, then the larger content, so every
// order of merging picks the same one). Documents are also unified by
// content: the same transcript imported separately in two copies is one
// document afterwards, and the other copy's records on it follow it.
//
// After the records are unified, a few rules repair what two copies can
// only break together, each a function of the merged records alone so the
// result does not depend on the order of merging: child codes of a code
// merged into another follow it (its codings follow it when read, through
// the live_codings view; codings of a code deleted in another copy stay in
// the project, hidden with their code); of two values
// of one attribute, or two memos on one target, both stay and readers
// take the newer; two codes cannot share a shortcut or be each other's
// ancestor.

// MergeOptions say how to merge.
type MergeOptions struct {
	// MatchCodesByName unifies a source's code with a target code of the
	// same name under the same parent, when their ids differ.
	MatchCodesByName bool
	// DryRun works out the report without writing anything.
	DryRun bool
	// Coder is who merges, for the audit trail.
	Coder string
}

// MergeCounts counts records of one kind a merge added, updated and
// deleted.
type MergeCounts struct {
	Added   int `json:"added"`
	Updated int `json:"updated"`
	Deleted int `json:"deleted"`
}

// MergeTally is what one source brought, for all coders or one.
type MergeTally struct {
	Documents  MergeCounts `json:"documents"`
	Attributes MergeCounts `json:"attributes"`
	Codes      MergeCounts `json:"codes"`
	Codings    MergeCounts `json:"codings"`
	Memos      MergeCounts `json:"memos"`
}

func (t *MergeTally) of(table string) *MergeCounts {
	switch table {
	case "documents":
		return &t.Documents
	case "doc_attributes":
		return &t.Attributes
	case "codes":
		return &t.Codes
	case "codings":
		return &t.Codings
	}
	return &t.Memos
}

// Changed reports whether the tally counts anything.
func (t MergeTally) Changed() bool { return t != MergeTally{} }

// MergeConflict is a disagreement between copies and how it was resolved.
type MergeConflict struct {
	Kind       string `json:"kind"` // e.g. "code renamed", "attribute", "memo"
	Record     string `json:"record"`
	Detail     string `json:"detail"`
	Resolution string `json:"resolution"`
}

func (c MergeConflict) String() string {
	return fmt.Sprintf("%s %s: %s; %s", c.Kind, c.Record, c.Detail, c.Resolution)
}

// SourceReport is what merging one source did.
type SourceReport struct {
	Source  string                 `json:"source"`
	Total   MergeTally             `json:"total"`
	ByCoder map[string]*MergeTally `json:"by_coder"`
	// Unified lists the source's documents that were found in the target
	// by content under another id.
	Unified   []string        `json:"unified_documents,omitempty"`
	Conflicts []MergeConflict `json:"conflicts,omitempty"`
	// AuditEntries is how many of the source's audit-log entries came in.
	AuditEntries int `json:"audit_entries"`
}

// MergeReport is what a merge did (or, dry, would do).
type MergeReport struct {
	Target  string          `json:"target"`
	DryRun  bool            `json:"dry_run"`
	Sources []*SourceReport `json:"sources"`
	// Repairs lists what the rules after unifying changed.
	Repairs []MergeConflict `json:"repairs,omitempty"`
	// Changed reports whether anything in the target changed.
	Changed bool `json:"changed"`
}

// ErrCodeNameClash: a source has a code with the same name under the same
// parent as a target code with another id.
var ErrCodeNameClash = fmt.Errorf("codes with the same name but different ids")

// mtable describes a table a merge unifies.
type mtable struct {
	name string
	cols []string
	idx  map[string]int
}

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
		"example", "position", "coder", "created", "updated", "deleted", "merged_into"),
	newMTable("doc_attributes", "id", "document_id", "key", "value", "coder", "created", "updated", "deleted"),
	newMTable("codings", "id", "document_id", "code_id", "start", "end", "coder", "created", "updated", "deleted"),
	newMTable("memos", "id", "target", "target_id", "text", "coder", "created", "updated", "deleted"),
}

// mrow is one record: its values in the table's column order.
type mrow []any

func (t *mtable) str(r mrow, col string) string {
	v, _ := r[t.idx[col]].(string)
	return v
}

func (t *mtable) num(r mrow, col string) int64 {
	v, _ := r[t.idx[col]].(int64)
	return v
}

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

// wins reports whether version a of a record wins over version b: the
// newer; on a tie the deleted one; then the larger content. A code's
// deletion wins over every edit, older or newer, and its merge into
// another code over a plain deletion: what was built on it in other copies
// follows it (codings of a merged code move with it), and it is never
// undone by a merge. (Were one code merged into two different codes in two
// copies, the newer merge wins, and codings already moved by an earlier
// team merge stay where they went.)
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

// mstate is a project's records in memory, by table and id.
type mstate map[string]map[string]mrow

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

func tableNamed(name string) *mtable {
	for _, t := range mergeTables {
		if t.name == name {
			return t
		}
	}
	panic("merge: no table " + name)
}

// Merge folds the projects at sources into s, in one transaction: all or
// nothing. Each source is read through a consistent copy of itself made
// in a private temporary folder beside s (an older schema is migrated
// there; the source itself is never written). Nothing is written with
// DryRun. The report says what each source brought, per coder, and every
// conflict and how it was resolved.
func (s *Store) Merge(ctx context.Context, sources []string, opts MergeOptions) (*MergeReport, error) {
	rep := &MergeReport{Target: s.path, DryRun: opts.DryRun}
	before, err := loadState(ctx, s.db)
	if err != nil {
		return nil, err
	}
	state := cloneState(before)
	tmp, release, err := makeMergeDir(s.path)
	if err != nil {
		return nil, err
	}
	defer release()
	srcs := make([]*Store, len(sources))
	defer func() {
		for _, src := range srcs {
			if src != nil {
				src.db.Close()
			}
		}
	}()
	newDocs := map[string]*Store{} // document id -> the source to copy its text and turns from
	var newAudits []AuditEntry     // audit entries the target lacks
	have := map[string]bool{}      // audit entries the target holds, or a source brought
	mine, err := s.AuditLog(ctx)
	if err != nil {
		return nil, err
	}
	for _, e := range mine {
		have[e.ID] = true
	}
	targetInfo, err := os.Stat(s.path)
	if err != nil {
		return nil, err
	}
	for i, path := range sources {
		if info, err := os.Stat(path); err == nil && os.SameFile(info, targetInfo) {
			return nil, fmt.Errorf("%s: is the target itself", path)
		}
		src, err := openSnapshot(ctx, path, filepath.Join(tmp, fmt.Sprintf("%d.avain", i)))
		if err != nil {
			return nil, err
		}
		srcs[i] = src
		sst, err := loadState(ctx, src.db)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		sr := &SourceReport{Source: path, ByCoder: map[string]*MergeTally{}}
		rep.Sources = append(rep.Sources, sr)
		prev := cloneState(state)
		if err := fold(state, sst, opts, sr); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		for id := range state["documents"] {
			if _, ok := prev["documents"][id]; !ok {
				if _, done := newDocs[id]; !done {
					newDocs[id] = src
				}
			}
		}
		tally(prev, state, sr.ByCoder, &sr.Total)
		log, err := src.AuditLog(ctx)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		for _, e := range log {
			if !have[e.ID] {
				have[e.ID] = true
				newAudits = append(newAudits, e)
				sr.AuditEntries++
			}
		}
	}
	rep.Repairs = repair(state)
	if err := checkCodebook(state); err != nil {
		return nil, err
	}
	changes := diff(before, state)
	rep.Changed = len(changes) > 0
	if opts.DryRun || (!rep.Changed && len(newAudits) == 0) {
		return rep, nil
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
			return err
		}
		indexed := false
		ps := prepared{tx: tx, stmts: map[string]*sql.Stmt{}}
		defer ps.close()
		for _, ch := range changes {
			if err := ch.write(ctx, &ps, before, newDocs); err != nil {
				return err
			}
			indexed = indexed || ch.table.name == "documents" || ch.table.name == "doc_attributes"
		}
		for _, e := range newAudits {
			if _, err := tx.ExecContext(ctx, `INSERT INTO audit_log(id, at, coder, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)`,
				e.ID, ms(e.At), e.Coder, e.Action, e.Target, e.Detail); err != nil {
				return err
			}
		}
		if indexed {
			if err := bumpContentVersion(ctx, tx); err != nil {
				return err
			}
		}
		for _, sr := range rep.Sources {
			t := sr.Total
			if err := s.audit(ctx, tx, opts.Coder, "merge", filepath.Base(sr.Source), fmt.Sprintf(
				"documents +%d ~%d -%d; codes +%d ~%d -%d; codings +%d ~%d -%d; memos +%d ~%d -%d; %d conflicts",
				t.Documents.Added, t.Documents.Updated, t.Documents.Deleted, t.Codes.Added, t.Codes.Updated, t.Codes.Deleted,
				t.Codings.Added, t.Codings.Updated, t.Codings.Deleted, t.Memos.Added, t.Memos.Updated, t.Memos.Deleted,
				len(sr.Conflicts))); err != nil {
				return err
			}
		}
		return validCodebook(ctx, tx)
	})
	if err != nil {
		return nil, err
	}
	return rep, nil
}

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

// fold merges the source records src into state: by id, the winning
// version; documents also by content; codes also by name if asked.
func fold(state, src mstate, opts MergeOptions, sr *SourceReport) error {
	docT, codeT := tableNamed("documents"), tableNamed("codes")
	// Documents: by id, else by content.
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
	// Codes: by id, else (when asked) by name under the same parent.
	codeMap := map[string]string{}
	mapCode := func(id string) string {
		if to, ok := codeMap[id]; ok {
			return to
		}
		return id
	}
	srcCodes := src["codes"]
	order := sortedIDs(srcCodes)
	depth := func(id string) int {
		d := 0
		for p := codeT.str(srcCodes[id], "parent_id"); p != "" && d < 100; p = codeT.str(srcCodes[p], "parent_id") {
			d++
		}
		return d
	}
	sort.SliceStable(order, func(i, j int) bool { return depth(order[i]) < depth(order[j]) })
	var clashes []string
	for _, id := range order {
		r := srcCodes[id]
		if _, ok := state["codes"][id]; ok || codeT.num(r, "deleted") != 0 {
			continue
		}
		parent := mapCode(codeT.str(r, "parent_id"))
		for _, tid := range sortedIDs(state["codes"]) {
			t := state["codes"][tid]
			if codeT.num(t, "deleted") != 0 || codeT.str(t, "parent_id") != parent {
				continue
			}
			if sameName(codeT.str(t, "name_fi"), codeT.str(r, "name_fi")) || sameName(codeT.str(t, "name_en"), codeT.str(r, "name_en")) {
				if opts.MatchCodesByName {
					codeMap[id] = tid
					sr.Conflicts = append(sr.Conflicts, MergeConflict{Kind: "code name", Record: codeLabel(codeT, r),
						Detail:     fmt.Sprintf("the same name as code %s here, another id (%s)", tid, id),
						Resolution: "unified by name (--match-codes-by-name)"})
				} else {
					clashes = append(clashes, fmt.Sprintf("%q (here %s, there %s)", codeLabel(codeT, r), tid, id))
				}
				break
			}
		}
	}
	if len(clashes) > 0 {
		return fmt.Errorf("%w under the same parent: %s; run the merge with --match-codes-by-name to unify them, or rename one first",
			ErrCodeNameClash, strings.Join(clashes, ", "))
	}
	mapDoc := func(id string) string {
		if to, ok := docMap[id]; ok {
			return to
		}
		return id
	}
	for _, t := range mergeTables {
		for _, id := range sortedIDs(src[t.name]) {
			r := src[t.name][id]
			switch t.name {
			case "documents":
				if _, ok := docMap[id]; ok {
					continue
				}
			case "codes":
				if _, ok := codeMap[id]; ok {
					continue
				}
				if p := t.str(r, "parent_id"); p != "" {
					r = t.set(r, "parent_id", mapCode(p))
				}
				if m := t.str(r, "merged_into"); m != "" {
					r = t.set(r, "merged_into", mapCode(m))
				}
			case "doc_attributes":
				r = t.set(r, "document_id", mapDoc(t.str(r, "document_id")))
			case "codings":
				r = t.set(r, "document_id", mapDoc(t.str(r, "document_id")))
				r = t.set(r, "code_id", mapCode(t.str(r, "code_id")))
			case "memos":
				switch t.str(r, "target") {
				case "document":
					r = t.set(r, "target_id", mapDoc(t.str(r, "target_id")))
				case "code":
					r = t.set(r, "target_id", mapCode(t.str(r, "target_id")))
				}
			}
			cur, ok := state[t.name][id]
			if !ok {
				state[t.name][id] = r
				continue
			}
			if cur.equal(r) {
				continue
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
	}
	return nil
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

func sortedIDs(m map[string]mrow) []string { return sortedKeys(m) }

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

// change is one record to write.
type change struct {
	table *mtable
	id    string
	row   mrow
}

// diff lists the records of after that differ from before: first those
// that become deleted (so no unique index sees two live rows), then the
// rest, in table order.
func diff(before, after mstate) []change {
	var dels, rest []change
	for _, t := range mergeTables {
		for _, id := range sortedIDs(after[t.name]) {
			r := after[t.name][id]
			old, ok := before[t.name][id]
			if ok && old.equal(r) {
				continue
			}
			ch := change{t, id, r}
			if ok && t.num(r, "deleted") != 0 {
				dels = append(dels, ch)
			} else {
				rest = append(rest, ch)
			}
		}
	}
	return append(dels, rest...)
}

// prepared are a transaction's statements, each prepared once: preparing
// one per row was most of a large merge's time.
type prepared struct {
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

func (p *prepared) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st := p.stmts[query]
	if st == nil {
		var err error
		if st, err = p.tx.PrepareContext(ctx, query); err != nil {
			return nil, err
		}
		p.stmts[query] = st
	}
	return st.ExecContext(ctx, args...)
}

func (p *prepared) close() {
	for _, st := range p.stmts {
		st.Close()
	}
}

func (ch change) write(ctx context.Context, tx *prepared, before mstate, newDocs map[string]*Store) error {
	t := ch.table
	if _, ok := before[t.name][ch.id]; ok {
		sets := make([]string, 0, len(t.cols)-1)
		args := make([]any, 0, len(t.cols))
		for i, c := range t.cols[1:] {
			sets = append(sets, c+" = ?")
			args = append(args, ch.row[i+1])
		}
		_, err := tx.exec(ctx, "UPDATE "+t.name+" SET "+strings.Join(sets, ", ")+" WHERE id = ?", append(args, ch.id)...)
		return err
	}
	cols, args := append([]string(nil), t.cols...), append([]any(nil), ch.row...)
	if t.name == "documents" {
		src := newDocs[ch.id]
		if src == nil {
			return fmt.Errorf("document %s: no source to copy it from", ch.id)
		}
		var text string
		if err := src.db.QueryRowContext(ctx, "SELECT text FROM documents WHERE id = ?", ch.id).Scan(&text); err != nil {
			return err
		}
		cols, args = append(cols, "text"), append(args, text)
		// With the document, its turns.
		if _, err := tx.exec(ctx, "INSERT INTO documents("+strings.Join(cols, ", ")+") VALUES ("+
			strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ")+")", args...); err != nil {
			return err
		}
		return copyTurns(ctx, src, tx, ch.id)
	}
	_, err := tx.exec(ctx, "INSERT INTO "+t.name+"("+strings.Join(cols, ", ")+") VALUES ("+
		strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ")+")", args...)
	return err
}

func copyTurns(ctx context.Context, src *Store, tx *prepared, doc string) error {
	rows, err := src.db.QueryContext(ctx, "SELECT n, speaker, start, end, time_ms, time_end_ms FROM turns WHERE document_id = ?", doc)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var n, start, end int64
		var speaker string
		var t0, t1 sql.NullInt64
		if err := rows.Scan(&n, &speaker, &start, &end, &t0, &t1); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, "INSERT INTO turns(document_id, n, speaker, start, end, time_ms, time_end_ms) VALUES (?, ?, ?, ?, ?, ?, ?)",
			doc, n, speaker, start, end, t0, t1); err != nil {
			return err
		}
	}
	return rows.Err()
}

// tally counts, per coder and in all, the records that changed from prev
// to next.
func tally(prev, next mstate, byCoder map[string]*MergeTally, total *MergeTally) {
	for _, t := range mergeTables {
		for id, r := range next[t.name] { // counts: any order
			old, ok := prev[t.name][id]
			if ok && old.equal(r) {
				continue
			}
			if !ok && t.num(r, "deleted") != 0 {
				continue // history: made and deleted in the source, never seen here
			}
			coder := t.str(r, "coder")
			if byCoder[coder] == nil {
				byCoder[coder] = &MergeTally{}
			}
			for _, tl := range []*MergeTally{byCoder[coder], total} {
				c := tl.of(t.name)
				switch {
				case !ok:
					c.Added++
				case t.num(r, "deleted") != 0 && t.num(old, "deleted") == 0:
					c.Deleted++
				default:
					c.Updated++
				}
			}
		}
	}
}
