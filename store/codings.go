package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/toituavain/avain/coding"
)

// AddCoding stores a new coding (its id and times are made here), unless
// the same coder already applied the same code to the same span: then it
// returns that one with created false. Rule checks (span, code) are the
// coding package's; this is the write.
func (s *Store) AddCoding(ctx context.Context, c *coding.Coding) (created bool, err error) {
	if err := coding.ValidLine("coder", c.Coder); err != nil {
		return false, err
	}
	if err := coding.ValidText("memo", c.Memo); err != nil {
		return false, err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if err := codable(ctx, tx, c.CodeID); err != nil {
			return err
		}
		var id string
		err := tx.QueryRowContext(ctx, `SELECT id FROM codings WHERE deleted = 0 AND document_id = ? AND code_id = ? AND start = ? AND end = ? AND coder = ?`,
			c.DocumentID, c.CodeID, c.Start, c.End, c.Coder).Scan(&id)
		if err == nil {
			got, err := codingByID(ctx, tx, id)
			if err == nil {
				*c = *got
			}
			return err
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		now := s.Now()
		c.ID, c.Created, c.Updated, c.Deleted = newID(), now, now, false
		if _, err := tx.ExecContext(ctx, `INSERT INTO codings(id, document_id, code_id, start, end, coder, created, updated)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.ID, c.DocumentID, c.CodeID, c.Start, c.End, c.Coder, ms(now), ms(now)); err != nil {
			return err
		}
		if c.Memo != "" {
			if err := s.setMemo(ctx, tx, coding.MemoCoding, c.ID, c.Memo, c.Coder); err != nil {
				return err
			}
		}
		created = true
		return s.audit(ctx, tx, c.Coder, "code", c.ID, fmt.Sprintf("document %s, code %s, [%d,%d)", c.DocumentID, c.CodeID, c.Start, c.End))
	})
	return created, err
}

// ErrCategory: a category (coding.Code.NotCodable) groups codes and takes
// no codings of its own.
var ErrCategory = errors.New("it groups codes and takes no codings")

// codable refuses, inside tx, a coding of the code id when that code (or
// the code it was merged into) is a category. An unknown code is left to
// the caller's own checks.
func codable(ctx context.Context, q rowQueryer, id string) error {
	var name string
	err := q.QueryRowContext(ctx, `WITH RECURSIVE chain(id, depth) AS (SELECT ?, 0
		UNION ALL SELECT c.merged_into, ch.depth + 1 FROM codes c JOIN chain ch ON c.id = ch.id
		WHERE c.deleted = 1 AND c.merged_into IS NOT NULL AND ch.depth < 64)
		SELECT CASE WHEN c.name_fi <> '' THEN c.name_fi ELSE c.name_en END FROM chain JOIN codes c ON c.id = chain.id
		WHERE c.not_codable = 1 AND c.deleted = 0 LIMIT 1`, id).Scan(&name)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return err
	}
	return fmt.Errorf("code %s is a category: %w", name, ErrCategory)
}

// codingsOn counts the live codings a reader sees on the code id: its own
// and those of codes merged into it (the live_codings view).
func codingsOn(ctx context.Context, q rowQueryer, id string) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM live_codings WHERE code_id = ?`, id).Scan(&n)
	return n, err
}

// codedCategoriesHere makes codable again, inside tx, each live category
// that has live codings (its own or those of codes merged into it), as
// after a bulk write that inserts codings directly (an import whose file
// codes a code that is a category here), and returns the conflicts to
// report; there names where the codings came from ("in the file"). The
// codings are a coder's work; the category is one flag, set again once
// they are moved, as a team merge does (codedCategories).
func codedCategoriesHere(ctx context.Context, tx *sql.Tx, there string) ([]MergeConflict, error) {
	rows, err := tx.QueryContext(ctx, `SELECT c.id, CASE WHEN c.name_fi <> '' THEN c.name_fi ELSE c.name_en END, count(*)
		FROM codes c JOIN live_codings l ON l.code_id = c.id WHERE c.deleted = 0 AND c.not_codable = 1 GROUP BY c.id ORDER BY c.id`)
	if err != nil {
		return nil, err
	}
	var out []MergeConflict
	var ids []string
	for rows.Next() {
		var id, name string
		var n int
		if err := rows.Scan(&id, &name, &n); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
		out = append(out, MergeConflict{Kind: "category with codings", Record: name,
			Detail: fmt.Sprintf("a category here, %d codings %s", n, there), Resolution: "kept codable"})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, setEach(ctx, tx, `UPDATE codes SET not_codable = 0 WHERE id = ?`, ids)
}

// SetCodingDeleted tombstones a coding (deleted true) or brings a
// tombstoned one back (false, for undo). It returns the coding. The coding
// stays its coder's; coder is who made the change, for the audit log.
func (s *Store) SetCodingDeleted(ctx context.Context, id, coder string, deleted bool) (*coding.Coding, error) {
	var out *coding.Coding
	err := s.tx(ctx, func(tx *sql.Tx) error {
		c, err := codingByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if c.Deleted == deleted {
			if deleted {
				return fmt.Errorf("coding %s is already removed: %w", id, coding.ErrNotFound)
			}
			out = c
			return nil
		}
		if !deleted {
			if err := codable(ctx, tx, c.CodeID); err != nil {
				return err
			}
			// The same code on the same span by the same coder is stored
			// once: another process (or UI) may have coded it again since
			// this one was removed.
			var twin string
			err := tx.QueryRowContext(ctx, `SELECT id FROM codings WHERE document_id = ? AND code_id = ? AND start = ? AND end = ?
				AND coder = ? AND deleted = 0 AND id <> ? LIMIT 1`, c.DocumentID, c.CodeID, c.Start, c.End, c.Coder, id).Scan(&twin)
			if err == nil {
				return fmt.Errorf("coding %s is live again as %s: %w", id, twin, coding.ErrDuplicate)
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		// The coding keeps its coder (agreement is per coder); who removed
		// or restored it goes to the audit log.
		if _, err := tx.ExecContext(ctx, `UPDATE codings SET deleted = ?, updated = ? WHERE id = ?`, deleted, ms(s.Now()), id); err != nil {
			return err
		}
		c.Deleted = deleted
		out = c
		action, detail := "uncode", ""
		if !deleted { // a coding made again (undo of a removal, redo of a coding)
			action, detail = "code", "restored"
		}
		return s.audit(ctx, tx, coder, action, id, detail)
	})
	return out, err
}

// Coding loads one coding (live or tombstoned) by id.
func (s *Store) Coding(ctx context.Context, id string) (*coding.Coding, error) {
	return codingByID(ctx, s.db, id)
}

type rowQueryer interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}

func codingByID(ctx context.Context, q rowQueryer, id string) (*coding.Coding, error) {
	c := &coding.Coding{}
	var created, updated int64
	err := q.QueryRowContext(ctx, `SELECT c.id, c.document_id, c.code_id, c.start, c.end, c.coder, c.created, c.updated, c.deleted,
		coalesce((SELECT text FROM memos m WHERE m.target = 'coding' AND m.target_id = c.id AND m.deleted = 0 ORDER BY m.updated DESC, m.id DESC LIMIT 1), '')
		FROM codings c WHERE c.id = ?`, id).Scan(&c.ID, &c.DocumentID, &c.CodeID, &c.Start, &c.End, &c.Coder, &created, &updated, &c.Deleted, &c.Memo)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("coding %s: %w", id, coding.ErrNotFound)
	}
	c.Created, c.Updated = fromMS(created), fromMS(updated)
	return c, translate(err)
}

// Codings returns the live codings that match f, by document name and
// position: the live_codings view, where a coding of a merged code is
// the code's it was merged into, and a coding of a deleted code (deleted
// in another copy, before a team merge) is kept but not shown.
func (s *Store) Codings(ctx context.Context, f coding.CodingFilter) ([]*coding.Coding, error) {
	final, err := s.finalCodes(ctx)
	if err != nil {
		return nil, err
	}
	if f.Bare {
		return s.bareCodings(ctx, f, final)
	}
	// The memos are read apart: there are few, and a lookup per coding
	// took most of the time over 100,000s of codings.
	memos, err := s.codingMemos(ctx, f.DocumentID)
	if err != nil {
		return nil, err
	}
	// The codes are resolved here rather than through the live_codings
	// view, whose join on its recursive part cost microseconds a coding.
	where := []string{"c.deleted = 0", "d.deleted = 0"}
	var args []any
	if f.DocumentID != "" {
		where = append(where, "c.document_id = ?")
		args = append(args, f.DocumentID)
	}
	if f.Coder != "" {
		where = append(where, "c.coder = ?")
		args = append(args, f.Coder)
	}
	// Sorted here too: SQLite's sorter spilled to disk over 100,000s.
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, c.document_id, c.code_id, c.start, c.end, c.coder, c.created, c.updated, d.name
		FROM codings c JOIN documents d ON d.id = c.document_id
		WHERE `+strings.Join(where, " AND "), args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []*coding.Coding
	names := map[string]string{}
	for rows.Next() {
		c := &coding.Coding{}
		var created, updated int64
		var name string
		if err := rows.Scan(&c.ID, &c.DocumentID, &c.CodeID, &c.Start, &c.End, &c.Coder, &created, &updated, &name); err != nil {
			return nil, err
		}
		names[c.DocumentID] = name
		code, ok := final[c.CodeID]
		if !ok || len(f.CodeIDs) > 0 && !slices.Contains(f.CodeIDs, code) {
			continue
		}
		c.CodeID = code
		c.Created, c.Updated = fromMS(created), fromMS(updated)
		c.Memo = memos[c.ID]
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	// By document name and id (ranked once), then position and id.
	docs := slices.Collect(maps.Keys(names))
	slices.SortFunc(docs, func(a, b string) int { return cmp.Or(cmp.Compare(names[a], names[b]), cmp.Compare(a, b)) })
	rank := make(map[string]int, len(docs))
	for i, d := range docs {
		rank[d] = i
	}
	type keyed struct {
		rank int
		c    *coding.Coding
	}
	ks := make([]keyed, len(out))
	for i, c := range out {
		ks[i] = keyed{rank[c.DocumentID], c}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(a.c.Start, b.c.Start), cmp.Compare(a.c.End, b.c.End), cmp.Compare(a.c.ID, b.c.ID))
	})
	for i, k := range ks {
		out[i] = k.c
	}
	return out, nil
}

// bareCodings is Codings with f.Bare: read from the codings each document
// keeps packed for counting (codedspans.go), not from every coding.
func (s *Store) bareCodings(ctx context.Context, f coding.CodingFilter, final map[string]string) ([]*coding.Coding, error) {
	var docs []string
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM documents WHERE deleted = 0`)
	if err != nil {
		return nil, translate(err)
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		if f.DocumentID == "" || id == f.DocumentID {
			docs = append(docs, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	var out []*coding.Coding
	var slab []coding.Coding      // allocated a thousand at a time
	coders := map[string]string{} // each coder's name held once
	var codes, names []string     // the row's codes resolved and coders, "" for none
	err = s.eachPacked(ctx, docs, func(doc string, r *packedRow) {
		codes, names = codes[:0], names[:0]
		for _, b := range r.codes {
			code := final[string(b)]
			if len(f.CodeIDs) > 0 && !slices.Contains(f.CodeIDs, code) {
				code = ""
			}
			codes = append(codes, code)
		}
		for _, b := range r.coders {
			name, ok := coders[string(b)]
			if !ok {
				name = string(b)
				coders[name] = name
			}
			if f.Coder != "" && name != f.Coder {
				name = ""
			}
			names = append(names, name)
		}
		for _, c := range r.codings {
			if codes[c.code] == "" || names[c.coder] == "" {
				continue
			}
			if len(slab) == 0 {
				slab = make([]coding.Coding, 1024)
			}
			x := &slab[0]
			slab = slab[1:]
			x.DocumentID, x.CodeID, x.Coder, x.Start, x.End = doc, codes[c.code], names[c.coder], c.span.Start, c.span.End
			out = append(out, x)
		}
	})
	return out, err
}

// finalCodes maps each code to the live code its codings count for, as the
// live_codings view does: a live code to itself, a code merged into another
// to the live code at the end of its chain; a deleted code (or a chain
// longer than 64) is left out, hiding its codings.
func (s *Store) finalCodes(ctx context.Context) (map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, deleted, coalesce(merged_into, '') FROM codes`)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	type code struct {
		deleted bool
		into    string
	}
	codes := map[string]code{}
	for rows.Next() {
		var id, into string
		var c code
		if err := rows.Scan(&id, &c.deleted, &into); err != nil {
			return nil, err
		}
		c.into = into
		codes[id] = c
	}
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	out := make(map[string]string, len(codes))
	for id := range codes {
		at := id
		for depth := 0; depth <= 64; depth++ {
			c, ok := codes[at]
			if !ok {
				break
			}
			if !c.deleted {
				out[id] = at
				break
			}
			if c.into == "" {
				break
			}
			at = c.into
		}
	}
	return out, nil
}

// codingMemos returns the live memo of each coding (of document docID, or
// of all when "") that has one: the newest, when a team merge brought two.
// CodedMemos returns the live codings of live documents that have a memo,
// each with its memo (the newest, when a team merge left several), its
// code resolved as Codings resolves it, in no order: a few rows, where
// Codings reads every coding.
func (s *Store) CodedMemos(ctx context.Context) ([]*coding.Coding, error) {
	final, err := s.finalCodes(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, c.document_id, c.code_id, c.start, c.end, c.coder, m.text
		FROM memos m JOIN codings c ON c.id = m.target_id JOIN documents d ON d.id = c.document_id
		WHERE m.target = 'coding' AND m.deleted = 0 AND c.deleted = 0 AND d.deleted = 0
		ORDER BY m.updated, m.id`)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	byID := map[string]*coding.Coding{}
	var out []*coding.Coding
	for rows.Next() {
		c := &coding.Coding{}
		var memo string
		if err := rows.Scan(&c.ID, &c.DocumentID, &c.CodeID, &c.Start, &c.End, &c.Coder, &memo); err != nil {
			return nil, err
		}
		code, ok := final[c.CodeID]
		if !ok {
			continue
		}
		if prev := byID[c.ID]; prev != nil { // newer ones last
			prev.Memo = memo
			continue
		}
		c.CodeID, c.Memo = code, memo
		byID[c.ID] = c
		out = append(out, c)
	}
	return out, translate(rows.Err())
}

func (s *Store) codingMemos(ctx context.Context, docID string) (map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT m.target_id, m.text FROM memos m
		WHERE m.target = 'coding' AND m.deleted = 0
		AND (?1 = '' OR m.target_id IN (SELECT id FROM codings WHERE document_id = ?1))
		ORDER BY m.updated, m.id`, docID)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, text string
		if err := rows.Scan(&id, &text); err != nil {
			return nil, err
		}
		out[id] = text // newer ones last
	}
	return out, translate(rows.Err())
}

// SetMemo sets (or, with empty text, removes) the memo on a coding, a
// document, a code or the project (coding.MemoProject, coding.ProjectMemoID). The target must exist. A memo may hold line feeds
// and tabs but no other control characters (coding.ValidText).
func (s *Store) SetMemo(ctx context.Context, target coding.MemoTarget, id, text, coder string) error {
	if err := coding.ValidText("memo", text); err != nil {
		return err
	}
	if err := coding.ValidLine("coder", coder); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		table := map[coding.MemoTarget]string{coding.MemoCoding: "codings", coding.MemoDocument: "documents", coding.MemoCode: "codes"}[target]
		if target == coding.MemoProject && id == coding.ProjectMemoID { // the project memo: its target always exists
			return s.setMemo(ctx, tx, target, id, text, coder)
		}
		if table == "" {
			return fmt.Errorf("%w: memo target %q", coding.ErrInvalid, target)
		}
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM "+table+" WHERE id = ? AND deleted = 0", id).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("%s %s: %w", target, id, coding.ErrNotFound)
		}
		return s.setMemo(ctx, tx, target, id, text, coder)
	})
}

func (s *Store) setMemo(ctx context.Context, tx *sql.Tx, target coding.MemoTarget, id, text, coder string) error {
	now := ms(s.Now())
	var memoID string
	err := tx.QueryRowContext(ctx, "SELECT id FROM memos WHERE target = ? AND target_id = ? AND deleted = 0 ORDER BY updated DESC, id DESC LIMIT 1",
		string(target), id).Scan(&memoID)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if text == "" {
			return nil
		}
		memoID = newID()
		_, err = tx.ExecContext(ctx, `INSERT INTO memos(id, target, target_id, text, coder, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			memoID, string(target), id, text, coder, now, now)
	case err == nil && text == "":
		// Every live memo on the target: after a team merge there may be
		// older ones under the newest.
		_, err = tx.ExecContext(ctx, "UPDATE memos SET deleted = 1, updated = ?, coder = ? WHERE target = ? AND target_id = ? AND deleted = 0",
			now, coder, string(target), id)
	case err == nil:
		_, err = tx.ExecContext(ctx, "UPDATE memos SET text = ?, updated = ?, coder = ? WHERE id = ?", text, now, coder, memoID)
	}
	if err != nil {
		return err
	}
	return s.audit(ctx, tx, coder, "memo", memoID, fmt.Sprintf("%s %s", target, id))
}

// Memo returns the live memo text of a target ("" when none); after a
// team merge brought two, the newer.
func (s *Store) Memo(ctx context.Context, target coding.MemoTarget, id string) (string, error) {
	var text string
	err := s.db.QueryRowContext(ctx, "SELECT text FROM memos WHERE target = ? AND target_id = ? AND deleted = 0 ORDER BY updated DESC, id DESC LIMIT 1",
		string(target), id).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return text, translate(err)
}
