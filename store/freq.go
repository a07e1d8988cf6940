package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"github.com/toituavain/avain/coding"
)

// The reads that count theme tables over every coding (export freq, the
// themes view, the report): a few large scans, made on connections that
// map the project file into memory, so that SQLite reads its pages in
// place instead of copying each through a system call into its page
// cache (whose release on closing cost as much again).

// mmapBytes is how much of the project file a counting read maps.
const mmapBytes = 1 << 30

// mapped runs fn on a connection of its own with the file mapped.
func (s *Store) mapped(ctx context.Context, fn func(*sql.Conn) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return translate(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA mmap_size = "+strconv.Itoa(mmapBytes)); err != nil {
		return translate(err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA mmap_size = 0")
	return fn(conn)
}

// CodedSpans returns the live codings as the counts see them, by
// document id: each coding's code, resolved as Codings resolves it (a
// merged code's codings counted as the code's it was merged into, a
// deleted code's left out), and its span. Only coders' codings are read
// when coders names any. Codings of deleted documents are included: the
// counts leave out documents they do not list.
func (s *Store) CodedSpans(ctx context.Context, coders []string) (map[string][]coding.CodedSpan, error) {
	final, err := s.finalCodes(ctx)
	if err != nil {
		return nil, err
	}
	q := `SELECT document_id, code_id, start, end FROM codings WHERE deleted = 0`
	var args []any
	if len(coders) > 0 {
		q += ` AND coder IN (?` + strings.Repeat(", ?", len(coders)-1) + `)`
		for _, c := range coders {
			args = append(args, c)
		}
	}
	byDoc := map[string][]coding.CodedSpan{}
	err = s.mapped(ctx, func(conn *sql.Conn) error {
		rows, err := conn.QueryContext(ctx, q, args...)
		if err != nil {
			return translate(err)
		}
		defer rows.Close()
		docs := map[string]string{} // each document id once, not once a coding
		var doc, code sql.RawBytes
		var start, end int
		for rows.Next() {
			if err := rows.Scan(&doc, &code, &start, &end); err != nil {
				return translate(err)
			}
			codeID, ok := final[string(code)]
			if !ok {
				continue
			}
			docID, ok := docs[string(doc)]
			if !ok {
				docID = string(doc)
				docs[docID] = docID
			}
			byDoc[docID] = append(byDoc[docID], coding.CodedSpan{CodeID: codeID, Span: coding.Span{Start: start, End: end}})
		}
		return translate(rows.Err())
	})
	return byDoc, err
}
