package store

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/toituavain/avain/coding"
)

// The theme tables' read of every coding (export freq, the themes view,
// the report) comes from coded_spans (migration 0014): each document's live
// codings packed in one row with the word numbers each span covers, so
// that a count reads a row a document instead of every coding and every
// text's words. Triggers drop a document's row whenever its codings or its
// text change; a count rebuilds the rows it lacks, from the codings and
// the words as they are, in one write transaction, and keeps them.

// packedFormat is the first byte of a packed row; a row of another format
// (or one that does not unpack) is rebuilt.
const packedFormat = 1

// bulkRebuild is how many documents' rows a rebuild makes from one scan of
// every coding rather than a read of each document's codings.
const bulkRebuild = 32

// rebuildWait is how long, in milliseconds, a count waits for another
// writer before it counts without keeping the rows it rebuilt.
const rebuildWait = 250

// rawCoding is a live coding as a packed row holds it: its code as made
// (not resolved along merges) and its coder, each by its number in the
// rebuild's names, its span and its words.
type rawCoding struct {
	code, coder int32
	span, words coding.Span
}

// names numbers the codes and coders a rebuild reads, holding each once.
type names struct {
	num  map[string]int32
	list []string
}

// of returns the number of the name b.
func (n *names) of(b []byte) int32 {
	if i, ok := n.num[string(b)]; ok {
		return i
	}
	s := string(b)
	if n.num == nil {
		n.num = map[string]int32{}
	}
	n.num[s] = int32(len(n.list))
	n.list = append(n.list, s)
	return n.num[s]
}

// packCodings appends the packed form of a document's codings, sorted by
// span, code and coder (so that the same codings pack to the same bytes),
// to buf (their names are in n): the format byte; the distinct
// codes, then the distinct coders, each a count and length-prefixed
// strings; then the codings' count and, for each, the code's and the
// coder's numbers in those lists, its start as a step from the one before,
// its length, its first word as a step from the one before and its number
// of words, all unsigned varints.
func packCodings(buf []byte, cs []rawCoding, n *names) []byte {
	slices.SortFunc(cs, func(a, b rawCoding) int {
		return cmp.Or(cmp.Compare(a.span.Start, b.span.Start), cmp.Compare(a.span.End, b.span.End),
			cmp.Compare(n.list[a.code], n.list[b.code]), cmp.Compare(n.list[a.coder], n.list[b.coder]))
	})
	buf = append(buf, packedFormat)
	var local [2]map[int32]int // a name's number in this row's lists
	var lists [2][]int32
	nums := make([]int, 0, 2*len(cs))
	for _, c := range cs {
		for k, name := range [2]int32{c.code, c.coder} {
			if local[k] == nil {
				local[k] = map[int32]int{}
			}
			x, ok := local[k][name]
			if !ok {
				x = len(lists[k])
				local[k][name] = x
				lists[k] = append(lists[k], name)
			}
			nums = append(nums, x)
		}
	}
	for _, list := range lists {
		buf = binary.AppendUvarint(buf, uint64(len(list)))
		for _, name := range list {
			buf = binary.AppendUvarint(buf, uint64(len(n.list[name])))
			buf = append(buf, n.list[name]...)
		}
	}
	buf = binary.AppendUvarint(buf, uint64(len(cs)))
	var at, word int
	for i, c := range cs {
		for _, v := range [6]int{nums[2*i], nums[2*i+1], c.span.Start - at, c.span.End - c.span.Start, c.words.Start - word, c.words.End - c.words.Start} {
			buf = binary.AppendUvarint(buf, uint64(v))
		}
		at, word = c.span.Start, c.words.Start
	}
	return buf
}

// packedRow is a packed row read back: its names, which point into the
// row's bytes, and its codings, which number them.
type packedRow struct {
	codes, coders [][]byte
	codings       []packedCoding
}

// packedCoding is one coding of a packed row.
type packedCoding struct {
	code, coder int
	span, words coding.Span
}

// unpack sets r to the packed row b, reusing r's memory; r's names point
// into b. A row that does not unpack is ErrInvalid.
func (r *packedRow) unpack(b []byte) error {
	r.codes, r.coders, r.codings = r.codes[:0], r.coders[:0], r.codings[:0]
	bad := func(what string) error { return fmt.Errorf("%w: packed codings: %s", coding.ErrInvalid, what) }
	if len(b) == 0 || b[0] != packedFormat {
		return bad("another format")
	}
	b = b[1:]
	next := func() (int, bool) {
		v, n := binary.Uvarint(b)
		if n <= 0 || v > coding.MaxDocumentChars {
			return 0, false
		}
		b = b[n:]
		return int(v), true
	}
	for _, list := range []*[][]byte{&r.codes, &r.coders} {
		n, ok := next()
		if !ok {
			return bad("a truncated list of names")
		}
		for range n {
			size, ok := next()
			if !ok || size > len(b) {
				return bad("a truncated name")
			}
			*list = append(*list, b[:size])
			b = b[size:]
		}
	}
	n, ok := next()
	if !ok {
		return bad("no count")
	}
	var at, word int
	for range n {
		var v [6]int
		for j := range v {
			if v[j], ok = next(); !ok {
				return bad("a truncated coding")
			}
		}
		if v[0] >= len(r.codes) || v[1] >= len(r.coders) {
			return bad("a code or coder out of range")
		}
		at, word = at+v[2], word+v[4]
		r.codings = append(r.codings, packedCoding{v[0], v[1], coding.Span{Start: at, End: at + v[3]}, coding.Span{Start: word, End: word + v[5]}})
	}
	if len(b) > 0 {
		return bad("bytes after the codings")
	}
	return nil
}

// pointReads is up to how many documents eachPacked reads their rows one
// by one rather than all the kept rows in one scan.
const pointReads = 64

// eachPacked calls fn with the packed row of each document of docs that
// is in the project, once each: the row kept, or rebuilt where there is
// none (or one that does not unpack). r and its names are valid only
// during the call.
func (s *Store) eachPacked(ctx context.Context, docs []string, fn func(doc string, r *packedRow)) error {
	if len(docs) == 0 {
		return nil
	}
	want := make(map[string]bool, len(docs))
	for _, d := range docs {
		want[d] = true
	}
	done := make(map[string]bool, len(docs))
	var r packedRow
	err := s.mapped(ctx, func(conn *sql.Conn) error {
		q, args := `SELECT document_id, spans FROM coded_spans`, []any{}
		if len(docs) <= pointReads {
			q = `SELECT document_id, spans FROM coded_spans WHERE document_id IN (?` + strings.Repeat(", ?", max(0, len(docs)-1)) + `)`
			for _, d := range docs {
				args = append(args, d)
			}
		}
		rows, err := conn.QueryContext(ctx, q, args...)
		if err != nil {
			return translate(err)
		}
		defer rows.Close()
		var doc, b sql.RawBytes
		for rows.Next() {
			if err := rows.Scan(&doc, &b); err != nil {
				return translate(err)
			}
			if id := string(doc); want[id] && !done[id] && r.unpack(b) == nil {
				done[id] = true
				fn(id, &r)
			}
		}
		return translate(rows.Err())
	})
	if err != nil {
		return err
	}
	var missing []string
	for _, d := range docs {
		if !done[d] {
			missing = append(missing, d)
			done[d] = true // each once
		}
	}
	if len(missing) == 0 {
		return nil
	}
	packed, err := s.rebuild(ctx, missing)
	if err != nil {
		return err
	}
	for _, d := range missing {
		if b, ok := packed[d]; ok {
			if err := r.unpack(b); err != nil {
				return err
			}
			fn(d, &r)
		}
	}
	return nil
}

// CodedSpans returns the live codings of the documents docs as the counts
// see them, by document id: each coding's code, resolved as Codings
// resolves it (a merged code's codings counted as the code's it was merged
// into, a deleted code's left out), its span and the words it covers (as
// word numbers, coding.Words.Range). Only coders' codings are given when
// coders names any. A document not in the project has none.
func (s *Store) CodedSpans(ctx context.Context, docs, coders []string) (map[string][]coding.CodedSpan, error) {
	final, err := s.finalCodes(ctx)
	if err != nil {
		return nil, err
	}
	only := map[string]bool{}
	for _, c := range coders {
		only[c] = true
	}
	out := make(map[string][]coding.CodedSpan, len(docs))
	var codes []string // the row's codes resolved, "" for none
	var keep []bool    // the row's coders counted
	err = s.eachPacked(ctx, docs, func(doc string, r *packedRow) {
		codes, keep = codes[:0], keep[:0]
		for _, name := range r.codes {
			codes = append(codes, final[string(name)])
		}
		for _, name := range r.coders {
			keep = append(keep, len(only) == 0 || only[string(name)])
		}
		cs := make([]coding.CodedSpan, 0, len(r.codings))
		for _, c := range r.codings {
			if codes[c.code] != "" && keep[c.coder] {
				cs = append(cs, coding.CodedSpan{CodeID: codes[c.code], Span: c.span, Words: c.words})
			}
		}
		if len(cs) > 0 {
			out[doc] = cs
		}
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// rebuild packs the codings of the documents docs that are in the project
// and returns the rows by document id. It keeps them in coded_spans when
// it can take the write lock within rebuildWait (reading and writing in one
// transaction, so that no coding changes between); when another process
// holds it, or the write fails (a full disk), it packs them all the same
// and keeps none: they are derived data.
func (s *Store) rebuild(ctx context.Context, docs []string) (map[string][]byte, error) {
	var packed map[string][]byte
	err := s.mapped(ctx, func(conn *sql.Conn) error {
		if _, err := conn.ExecContext(ctx, "PRAGMA busy_timeout = "+strconv.Itoa(rebuildWait)); err != nil {
			return translate(err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA busy_timeout = "+strconv.Itoa(busyTimeout()))
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			var e error
			packed, e = pack(ctx, conn, conn.PrepareContext, docs)
			return e
		}
		defer tx.Rollback()
		if packed, err = pack(ctx, tx, tx.PrepareContext, docs); err != nil {
			return err
		}
		keep, err := tx.PrepareContext(ctx, `INSERT OR REPLACE INTO coded_spans(document_id, spans) VALUES (?, ?)`)
		if err != nil {
			return nil
		}
		defer keep.Close()
		for _, d := range docs {
			if b, ok := packed[d]; ok {
				if _, err := keep.ExecContext(ctx, d, b); err != nil {
					return nil // not kept; counted all the same
				}
			}
		}
		tx.Commit() // not kept if it fails; counted all the same
		return nil
	})
	return packed, err
}

// querier is what pack reads through: a connection or a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// pack reads the live codings of docs, and the words of those that have
// any, through q and returns each document's packed row; a document not in
// the project has none.
func pack(ctx context.Context, q querier, prepare func(context.Context, string) (*sql.Stmt, error), docs []string) (map[string][]byte, error) {
	var n names
	codings, err := liveCodings(ctx, q, prepare, docs, &n)
	if err != nil {
		return nil, err
	}
	words, err := newWordReader(ctx, prepare)
	if err != nil {
		return nil, err
	}
	defer words.close()
	out := make(map[string][]byte, len(docs))
	var w coding.Words
	for i, d := range docs {
		cs := codings[i]
		if err := words.read(ctx, d, &w); errors.Is(err, coding.ErrNotFound) {
			continue
		} else if err != nil {
			return nil, err
		}
		for i := range cs {
			cs[i].words = w.Range(cs[i].span)
		}
		out[d] = packCodings(nil, cs, &n)
	}
	return out, nil
}

// liveCodings reads the live codings of docs, by document (in docs'
// order), their names numbered in n: from one scan of every coding when
// there are many documents, else from each one's.
func liveCodings(ctx context.Context, q querier, prepare func(context.Context, string) (*sql.Stmt, error), docs []string, n *names) ([][]rawCoding, error) {
	out := make([][]rawCoding, len(docs))
	at := make(map[string]int, len(docs))
	for i, d := range docs {
		at[d] = i
	}
	scan := func(rows *sql.Rows, doc int) error {
		defer rows.Close()
		var id, code, coder sql.RawBytes
		var span coding.Span
		for rows.Next() {
			var err error
			if doc < 0 {
				err = rows.Scan(&id, &code, &coder, &span.Start, &span.End)
			} else {
				err = rows.Scan(&code, &coder, &span.Start, &span.End)
			}
			if err != nil {
				return translate(err)
			}
			i := doc
			if i < 0 {
				var ok bool
				if i, ok = at[string(id)]; !ok {
					continue
				}
			}
			out[i] = append(out[i], rawCoding{code: n.of(code), coder: n.of(coder), span: span})
		}
		return translate(rows.Err())
	}
	if len(docs) >= bulkRebuild {
		rows, err := q.QueryContext(ctx, `SELECT document_id, code_id, coder, start, end FROM codings WHERE deleted = 0`)
		if err != nil {
			return nil, translate(err)
		}
		return out, scan(rows, -1)
	}
	one, err := prepare(ctx, `SELECT code_id, coder, start, end FROM codings WHERE document_id = ? AND deleted = 0`)
	if err != nil {
		return nil, translate(err)
	}
	defer one.Close()
	for i, d := range docs {
		rows, err := one.QueryContext(ctx, d)
		if err != nil {
			return nil, translate(err)
		}
		if err := scan(rows, i); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// staleCodedSpans returns how many documents' kept rows differ from their
// codings and words as they are (avain check names them), of how many
// kept: none, unless a row was written wrong.
func (s *Store) staleCodedSpans(ctx context.Context) (stale, kept int, err error) {
	rowOf := map[string][]byte{}
	var docs []string
	rows, err := s.db.QueryContext(ctx, `SELECT document_id, spans FROM coded_spans ORDER BY document_id`)
	if err != nil {
		return 0, 0, translate(err)
	}
	for rows.Next() {
		var id string
		var b []byte
		if err := rows.Scan(&id, &b); err != nil {
			rows.Close()
			return 0, 0, translate(err)
		}
		rowOf[id] = b
		docs = append(docs, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, 0, translate(err)
	}
	fresh, err := pack(ctx, s.db, s.db.PrepareContext, docs)
	if err != nil {
		return 0, 0, err
	}
	n := 0
	for _, d := range docs {
		if !bytes.Equal(rowOf[d], fresh[d]) {
			n++
		}
	}
	return n, len(docs), nil
}

// DropCodedSpans drops every document's kept row, so that the next count
// rebuilds them from the codings (avain check --reindex), and returns how
// many it dropped.
func (s *Store) DropCodedSpans(ctx context.Context) (int, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM coded_spans`)
	if err != nil {
		return 0, translate(err)
	}
	n, err := res.RowsAffected()
	return int(n), translate(err)
}

// withoutCodedSpansTriggers runs fn, a transaction's writes of many
// codings (a team merge, a .qdpx import), without the triggers that keep
// coded_spans in step: run once a coding, they cost a merge of 100,000
// codings 4 s. It drops every kept row instead (the next count rebuilds
// them) and makes the triggers again, from their own definitions, before
// tx commits: no other process ever sees the project without them, and a
// rollback brings them back with everything else.
func withoutCodedSpansTriggers(ctx context.Context, tx *sql.Tx, fn func() error) error {
	rows, err := tx.QueryContext(ctx, `SELECT name, sql FROM sqlite_master
		WHERE type = 'trigger' AND name LIKE 'coded\_spans\_%' ESCAPE '\' ORDER BY name`)
	if err != nil {
		return err
	}
	var names, defs []string
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			rows.Close()
			return err
		}
		names, defs = append(names, name), append(defs, def)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, name := range names {
		if _, err := tx.ExecContext(ctx, `DROP TRIGGER "`+name+`"`); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM coded_spans`); err != nil {
		return err
	}
	if err := fn(); err != nil {
		return err
	}
	for _, def := range defs {
		if _, err := tx.ExecContext(ctx, def); err != nil {
			return err
		}
	}
	return nil
}
