package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/toituavain/avain/coding"
)

// insertWordSpans records the positions of the words of a document's text
// (migration 0011): written with the text, dropped by a trigger whenever
// the text changes.
func insertWordSpans(ctx context.Context, exec func(context.Context, string, ...any) (sql.Result, error), docID, text string) error {
	_, err := exec(ctx, `INSERT INTO document_words(document_id, spans) VALUES (?, ?)`,
		docID, coding.AppendWordSpans(nil, text))
	return err
}

// wordReader reads documents' words one at a time: their positions
// recorded with the text, or else found in the text (a document imported
// before they were recorded, merged in, or whose text changed since, or
// whose positions do not decode).
type wordReader struct {
	spans, texts *sql.Stmt
	b            []byte
	text         string
}

// newWordReader prepares the reads with prepare (a connection's or a
// transaction's PrepareContext); close it when done.
func newWordReader(ctx context.Context, prepare func(context.Context, string) (*sql.Stmt, error)) (*wordReader, error) {
	spans, err := prepare(ctx, `SELECT spans FROM document_words WHERE document_id = ?`)
	if err != nil {
		return nil, translate(err)
	}
	texts, err := prepare(ctx, `SELECT text FROM documents WHERE id = ?`)
	if err != nil {
		spans.Close()
		return nil, translate(err)
	}
	return &wordReader{spans: spans, texts: texts}, nil
}

func (r *wordReader) close() {
	r.spans.Close()
	r.texts.Close()
}

// read sets w to the words of document id; a document not in the project
// is ErrNotFound.
func (r *wordReader) read(ctx context.Context, id string, w *coding.Words) error {
	err := r.spans.QueryRowContext(ctx, id).Scan(&r.b)
	if err == nil && w.Decode(r.b) != nil {
		err = sql.ErrNoRows // positions that do not decode: count from the text
	}
	switch {
	case err == nil:
		return nil
	case errors.Is(err, sql.ErrNoRows):
		if err := r.texts.QueryRowContext(ctx, id).Scan(&r.text); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("document %q: %w", id, coding.ErrNotFound)
			}
			return translate(err)
		}
		w.Index(r.text)
		return nil
	default:
		return translate(err)
	}
}

// RecordWords records the word positions of every document that has none
// (imported before they were recorded, or its text changed since) or whose
// recorded positions do not decode (a damaged project), each
// in a transaction of its own with the text it reads, and returns how
// many it recorded. The positions are derived data, like the search
// index: not audited, not part of a team merge's comparison.
func (s *Store) RecordWords(ctx context.Context) (int, error) {
	var ids []string
	bad, err := s.undecodableWords(ctx)
	if err != nil {
		return 0, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM documents
		WHERE id NOT IN (SELECT document_id FROM document_words) ORDER BY id`)
	if err != nil {
		return 0, translate(err)
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, translate(err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, translate(err)
	}
	ids = append(ids, bad...)
	var buf []byte
	for n, id := range ids {
		err := s.tx(ctx, func(tx *sql.Tx) error {
			var text string
			if err := tx.QueryRowContext(ctx, `SELECT text FROM documents WHERE id = ?`, id).Scan(&text); err != nil {
				return err
			}
			buf = coding.AppendWordSpans(buf[:0], text)
			_, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO document_words(document_id, spans) VALUES (?, ?)`, id, buf)
			return err
		})
		if err != nil {
			return n, translate(err)
		}
	}
	return len(ids), nil
}

// undecodableWords lists the documents whose recorded word positions do
// not decode.
func (s *Store) undecodableWords(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT document_id, spans FROM document_words ORDER BY document_id`)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var ids []string
	var w coding.Words
	for rows.Next() {
		var id string
		var b []byte
		if err := rows.Scan(&id, &b); err != nil {
			return nil, translate(err)
		}
		if w.Decode(b) != nil {
			ids = append(ids, id)
		}
	}
	return ids, translate(rows.Err())
}
