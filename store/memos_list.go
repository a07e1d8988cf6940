package store

import (
	"context"

	"github.com/toituavain/avain/coding"
)

// Memos lists every live memo whose target is live: the project's, the
// documents', the codes' and the codings', by target and then newest
// first. For a coding memo it also gives the coding's document, code and
// span (DocumentID, CodeID, Start, End), for a document memo its id as
// DocumentID, so that a list can open each where it was written. An older
// memo under a newer one on the same target (a team merge kept both) is
// listed too, marked Superseded: Memo reads only the newer.
func (s *Store) Memos(ctx context.Context) ([]coding.MemoEntry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT m.id, m.target, m.target_id, m.text, m.coder, m.created, m.updated,
			coalesce(c.document_id, ''), coalesce(c.code_id, ''), coalesce(c.start, 0), coalesce(c.end, 0)
		FROM memos m LEFT JOIN codings c ON m.target = 'coding' AND c.id = m.target_id
		WHERE m.deleted = 0 AND CASE m.target
			WHEN 'project' THEN 1
			WHEN 'coding' THEN c.deleted = 0
			WHEN 'document' THEN EXISTS (SELECT 1 FROM documents d WHERE d.id = m.target_id AND d.deleted = 0)
			WHEN 'code' THEN EXISTS (SELECT 1 FROM codes k WHERE k.id = m.target_id AND k.deleted = 0)
			ELSE 0 END
		ORDER BY CASE m.target WHEN 'project' THEN 0 WHEN 'document' THEN 1 WHEN 'code' THEN 2 ELSE 3 END,
			m.target_id, m.updated DESC, m.id DESC`)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []coding.MemoEntry
	for rows.Next() {
		var e coding.MemoEntry
		var target string
		var created, updated int64
		if err := rows.Scan(&e.ID, &target, &e.TargetID, &e.Text, &e.Coder, &created, &updated,
			&e.DocumentID, &e.CodeID, &e.Start, &e.End); err != nil {
			return nil, translate(err)
		}
		e.Target, e.Created, e.Updated = coding.MemoTarget(target), fromMS(created), fromMS(updated)
		if e.Target == coding.MemoDocument {
			e.DocumentID = e.TargetID
		}
		if n := len(out); n > 0 && out[n-1].Target == e.Target && out[n-1].TargetID == e.TargetID {
			e.Superseded = true // the one before is newer
		}
		out = append(out, e)
	}
	return out, translate(rows.Err())
}
