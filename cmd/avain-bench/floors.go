package main

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/csv"
	"os"
	"slices"
	"strconv"
	"time"

	"github.com/toituavain/avain/store"
)

// The physical floors of the exports: the least work SQLite and a plain
// loop do to give the same numbers or rows, each on a connection that
// maps the file (as avain's counting reads do), so that a ratio to them
// shows what avain adds.

// floorConn opens the project as avain does and returns a connection
// with the file mapped, and a function that closes both.
func floorConn(ctx context.Context, path string) (*sql.Conn, func(), error) {
	s, err := store.Open(ctx, path)
	if err != nil {
		return nil, nil, err
	}
	conn, err := s.DB().Conn(ctx)
	if err != nil {
		s.Close()
		return nil, nil, err
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA mmap_size = 1073741824"); err != nil {
		conn.Close()
		s.Close()
		return nil, nil, err
	}
	return conn, func() { conn.Close(); s.Close() }, nil
}

// groupBy is the floor of `export freq`: a bare count of the live
// codings per code, one GROUP BY; no documents, groups, passages or
// words. It also reports the codings counted, which the stages check.
func groupBy(path string) (map[string]float64, error) {
	ctx := context.Background()
	conn, done, err := floorConn(ctx, path)
	if err != nil {
		return nil, err
	}
	defer done()
	start := time.Now()
	rows, err := conn.QueryContext(ctx, `SELECT code_id, count(*) FROM codings WHERE deleted = 0 GROUP BY code_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	codes, total := 0, 0
	for rows.Next() {
		var code string
		var n int
		if err := rows.Scan(&code, &n); err != nil {
			return nil, err
		}
		codes++
		total += n
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return map[string]float64{"seconds": time.Since(start).Seconds(), "codes": float64(codes), "codings": float64(total)}, nil
}

// floorCoding is a live coding as segmentsFloor reads it.
type floorCoding struct {
	code, coder string
	start, end  int
}

// segmentsFloor is the floor of `export segments`: the coded substrings
// written to CSV by the simplest loop: the codings read in one SELECT,
// then each document's text in another, sliced by code point at each of
// its codings (document, code, coder, offsets, text), no turns, speakers,
// attributes or memos. (SQLite's own substr over a join copies the whole
// text once a coding: slower than avain, so no floor.)
func segmentsFloor(path, out string) (map[string]float64, error) {
	ctx := context.Background()
	conn, done, err := floorConn(ctx, path)
	if err != nil {
		return nil, err
	}
	defer done()
	start := time.Now()
	byDoc := map[string][]floorCoding{}
	rows, err := conn.QueryContext(ctx, `SELECT c.document_id, k.name_fi, c.coder, c.start, c.end
		FROM codings c JOIN codes k ON k.id = c.code_id WHERE c.deleted = 0`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var doc string
		var c floorCoding
		if err := rows.Scan(&doc, &c.code, &c.coder, &c.start, &c.end); err != nil {
			rows.Close()
			return nil, err
		}
		byDoc[doc] = append(byDoc[doc], c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := bufio.NewWriter(f)
	w := csv.NewWriter(buf)
	rows, err = conn.QueryContext(ctx, `SELECT id, name, text FROM documents WHERE deleted = 0 ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var id, name, text string
		if err := rows.Scan(&id, &name, &text); err != nil {
			return nil, err
		}
		cs := byDoc[id]
		slices.SortFunc(cs, func(a, b floorCoding) int { return a.start - b.start })
		r := []rune(text)
		for _, c := range cs {
			if err := w.Write([]string{name, c.code, c.coder, strconv.Itoa(c.start), strconv.Itoa(c.end), string(r[c.start:c.end])}); err != nil {
				return nil, err
			}
			n++
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if w.Flush(); w.Error() != nil {
		return nil, w.Error()
	}
	if err := buf.Flush(); err != nil {
		return nil, err
	}
	return map[string]float64{"seconds": time.Since(start).Seconds(), "rows": float64(n)}, nil
}
