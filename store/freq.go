package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

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
// counts leave out documents they do not list. The table is read in two
// halves at once, one a core.
func (s *Store) CodedSpans(ctx context.Context, coders []string) (map[string][]coding.CodedSpan, error) {
	final, err := s.finalCodes(ctx)
	if err != nil {
		return nil, err
	}
	var mid int64
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(rowid), 0) / 2 FROM codings`).Scan(&mid); err != nil {
		return nil, translate(err)
	}
	var halves [2]map[string][]coding.CodedSpan
	var errs [2]error
	var wg sync.WaitGroup
	for i, cond := range []string{"rowid <= ?", "rowid > ?"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = s.mapped(ctx, func(conn *sql.Conn) (err error) {
				halves[i], err = codedSpans(ctx, conn, cond, mid, coders, final)
				return err
			})
		}()
	}
	wg.Wait()
	if err := cmp.Or(errs[0], errs[1]); err != nil {
		return nil, err
	}
	for doc, cs := range halves[1] {
		halves[0][doc] = append(halves[0][doc], cs...)
	}
	return halves[0], nil
}

// codedSpans reads the live codings where cond holds of mid, as
// CodedSpans gives them.
func codedSpans(ctx context.Context, conn *sql.Conn, cond string, mid int64, coders []string, final map[string]string) (map[string][]coding.CodedSpan, error) {
	q := `SELECT document_id, code_id, start, end FROM codings WHERE deleted = 0 AND ` + cond
	args := []any{mid}
	if len(coders) > 0 {
		q += ` AND coder IN (?` + strings.Repeat(", ?", len(coders)-1) + `)`
		for _, c := range coders {
			args = append(args, c)
		}
	}
	rows, err := conn.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	byDoc := map[string][]coding.CodedSpan{}
	docs := map[string]string{} // each document id once, not once a coding
	var doc, code sql.RawBytes
	var start, end int
	for rows.Next() {
		if err := rows.Scan(&doc, &code, &start, &end); err != nil {
			return nil, translate(err)
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
	return byDoc, translate(rows.Err())
}

// EachText calls fn with the text of each document of ids, in their
// order, one at a time. It stops at fn's first error; a document not in
// the project is ErrNotFound.
func (s *Store) EachText(ctx context.Context, ids []string, fn func(id, text string) error) error {
	return s.mapped(ctx, func(conn *sql.Conn) error {
		st, err := conn.PrepareContext(ctx, `SELECT text FROM documents WHERE id = ?`)
		if err != nil {
			return translate(err)
		}
		defer st.Close()
		var text string
		for _, id := range ids {
			if err := st.QueryRowContext(ctx, id).Scan(&text); err != nil {
				if errors.Is(err, sql.ErrNoRows) {
					return fmt.Errorf("document %q: %w", id, coding.ErrNotFound)
				}
				return translate(err)
			}
			if err := fn(id, text); err != nil {
				return err
			}
		}
		return nil
	})
}
