package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/toituavain/avain/coding"
)

// maxImportLines caps the lines an import reports of one kind (memos that
// differ, codings not brought back); one more line counts the rest.
const maxImportLines = 20

// importMemo brings a file's memo onto a target (the project, a document,
// a code or a coding), as a team merge brings one, and reports whether it
// added a record. A memo with the text of a live memo on the target
// (white space at its ends aside) changes nothing. Another text is added
// as a memo record by its author with its times (an absent author is
// coder, absent times now): the newer by its updated time is the
// target's memo, the other stays under it as history (Memos marks it
// Superseded), and when the target had a memo the difference is added to
// res's conflicts. Nothing here is overwritten; the audit entry is
// coder's, who imports.
func (s *Store) importMemo(ctx context.Context, tx *sql.Tx, target coding.MemoTarget, id, text string, st MemoStamp, coder string,
	res *ProjectImportResult) (bool, error) {
	if strings.TrimSpace(text) == "" {
		return false, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT text FROM memos WHERE target = ? AND target_id = ? AND deleted = 0`, string(target), id)
	if err != nil {
		return false, err
	}
	had := false
	for rows.Next() {
		var have string
		if err := rows.Scan(&have); err != nil {
			rows.Close()
			return false, err
		}
		if strings.TrimSpace(have) == strings.TrimSpace(text) {
			rows.Close()
			return false, nil
		}
		had = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return false, err
	}
	if st.Coder == "" {
		st.Coder = coder
	}
	created, updated := stampTimes(st.Created, st.Updated, s.Now())
	memoID := newID()
	if _, err := tx.ExecContext(ctx, `INSERT INTO memos(id, target, target_id, text, coder, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		memoID, string(target), id, text, st.Coder, ms(created), ms(updated)); err != nil {
		return false, err
	}
	if err := s.audit(ctx, tx, coder, "memo", memoID, fmt.Sprintf("%s %s, imported", target, id)); err != nil {
		return false, err
	}
	if had {
		res.memosDiffer++
		if res.memosDiffer <= maxImportLines {
			if err := s.reportMemoDiffers(ctx, tx, target, id, memoID, res); err != nil {
				return false, err
			}
		}
	}
	return true, nil
}

// reportMemoDiffers adds to res the conflict of a target that now has the
// file's memo (memoID) beside another text: "memo on document "a.txt":
// the file's text and the text here differ; kept both, the newer (the
// file's, by aino, 2026-01-02 10:04) current".
func (s *Store) reportMemoDiffers(ctx context.Context, tx *sql.Tx, target coding.MemoTarget, id, memoID string, res *ProjectImportResult) error {
	var current, who string
	var updated int64
	if err := tx.QueryRowContext(ctx, `SELECT id, coder, updated FROM memos WHERE target = ? AND target_id = ? AND deleted = 0
		ORDER BY updated DESC, id DESC LIMIT 1`, string(target), id).Scan(&current, &who, &updated); err != nil {
		return err
	}
	whose := "the one here"
	if current == memoID {
		whose = "the file's"
	}
	what, err := memoTargetName(ctx, tx, target, id)
	if err != nil {
		return err
	}
	res.Codes.Conflicts = append(res.Codes.Conflicts, MergeConflict{Kind: "memo on", Record: what,
		Detail:     "the file's text and the text here differ",
		Resolution: fmt.Sprintf("kept both, the newer (%s, by %s, %s) current", whose, who, fromMS(updated).Format("2006-01-02 15:04"))})
	return nil
}

// memoTargetName names a memo's target for a report: the project,
// document "a.txt", code "Kela", the coding of "Kela" in "a.txt" at 3–8.
func memoTargetName(ctx context.Context, tx *sql.Tx, target coding.MemoTarget, id string) (string, error) {
	var a, b string
	var start, end int
	var err error
	switch target {
	case coding.MemoProject:
		return "the project", nil
	case coding.MemoDocument:
		err = tx.QueryRowContext(ctx, "SELECT name FROM documents WHERE id = ?", id).Scan(&a)
		return fmt.Sprintf("document %q", a), err
	case coding.MemoCode:
		err = tx.QueryRowContext(ctx, "SELECT coalesce(nullif(name_fi, ''), name_en) FROM codes WHERE id = ?", id).Scan(&a)
		return fmt.Sprintf("code %q", a), err
	}
	err = tx.QueryRowContext(ctx, `SELECT coalesce(nullif(k.name_fi, ''), k.name_en), d.name, c.start, c.end
		FROM codings c JOIN codes k ON k.id = c.code_id JOIN documents d ON d.id = c.document_id WHERE c.id = ?`, id).Scan(&a, &b, &start, &end)
	return fmt.Sprintf("the coding of %q in %q at %d–%d", a, b, start, end), err
}

// finishImportReport adds to res the lines that say how many more memos
// differed, or codings were not brought back, than it names.
func finishImportReport(res *ProjectImportResult) {
	if n := res.memosDiffer - maxImportLines; n > 0 {
		res.Codes.Conflicts = append(res.Codes.Conflicts, MergeConflict{Kind: "memo on", Record: fmt.Sprintf("%d more targets", n),
			Detail: "the file's text and the text here differ", Resolution: "kept both, the newer current (see avain memos)"})
	}
	if n := res.removed - maxImportLines; n > 0 {
		res.Removed = append(res.Removed, fmt.Sprintf("%d more codings were removed here; not brought back", n))
	}
}
