package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/toituavain/avain/coding"
	"golang.org/x/text/unicode/norm"
)

// DuplicateError reports that a document's text is already in the project.
type DuplicateError struct {
	ExistingID, ExistingName string
}

func (e *DuplicateError) Error() string {
	return fmt.Sprintf("the same text is already imported as %s", e.ExistingName)
}

// Unwrap makes errors.Is(err, coding.ErrDuplicate) true.
func (e *DuplicateError) Unwrap() error { return coding.ErrDuplicate }

// ImportDocument stores a new document with its turns and attributes in one
// transaction, recorded in the audit trail. It fills doc's Record (id,
// coder, times). A document whose text is already in the project (same
// content hash) is refused with a *DuplicateError.
func (s *Store) ImportDocument(ctx context.Context, doc *coding.Document, coder string) error {
	return s.importDocument(ctx, doc, coder, "", nil)
}

// importDocument imports doc; a pseudonymised one (pseudo, what was
// replaced) gets a second audit entry saying so, and keep (when not nil)
// runs last in the transaction.
func (s *Store) importDocument(ctx context.Context, doc *coding.Document, coder, pseudo string, keep func(*coding.Document) error) error {
	if err := prepare(doc); err != nil {
		return err
	}
	if err := coding.ValidLine("coder", coder); err != nil {
		return err
	}
	now := s.Now()
	words := turnWords(doc)
	return s.tx(ctx, func(tx *sql.Tx) error {
		var id, name string
		err := tx.QueryRowContext(ctx, "SELECT id, name FROM documents WHERE hash = ? AND deleted = 0", doc.Hash).Scan(&id, &name)
		if err == nil {
			return &DuplicateError{ExistingID: id, ExistingName: name}
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if err := insertDocument(ctx, tx, tx.ExecContext, doc, coder, now, words); err != nil {
			return err
		}
		if err := bumpContentVersion(ctx, tx); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, coder, "import", doc.ID,
			fmt.Sprintf("document %s: %d turns, %d words", doc.ID, len(doc.Turns), words)); err != nil {
			return err
		}
		if pseudo != "" {
			if err := s.audit(ctx, tx, coder, "pseudonymize", doc.ID, "document "+doc.ID+": "+pseudo); err != nil {
				return err
			}
		}
		if keep != nil {
			return keep(doc)
		}
		return nil
	})
}

// insertDocument writes doc as a new document of tx, with its turns and
// attributes, giving it its Record (a new id, coder and times); exec runs
// the statements (tx.ExecContext, or a cache of prepared ones).
func insertDocument(ctx context.Context, tx *sql.Tx, exec func(context.Context, string, ...any) (sql.Result, error),
	doc *coding.Document, coder string, now time.Time, words int) error {
	doc.Record = coding.Record{ID: newID(), Coder: coder, Created: now, Updated: now}
	if _, err := exec(ctx, `INSERT INTO documents(id, name, kind, lang, format, text, hash, words, coder, created, updated)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		doc.ID, doc.Name, doc.Kind, doc.Lang, doc.Format, doc.Text, doc.Hash, words, coder, ms(now), ms(now)); err != nil {
		return err
	}
	if err := insertWordSpans(ctx, exec, doc.ID, doc.Text); err != nil {
		return err
	}
	if err := insertTurns(ctx, tx, doc); err != nil {
		return err
	}
	for _, k := range sortedKeys(doc.Attrs) {
		if _, err := exec(ctx, `INSERT INTO doc_attributes(id, document_id, key, value, coder, created, updated)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, newID(), doc.ID, k, doc.Attrs[k], coder, ms(now), ms(now)); err != nil {
			return err
		}
	}
	return nil
}

// prepare hashes a document's text when it has no hash yet, and
// validates it, before it is written.
func prepare(doc *coding.Document) error {
	if doc.Hash == "" {
		doc.Hash = coding.ContentHash(doc.Text)
	}
	return doc.Validate()
}

// turnWords is doc.Words() in one pass over the text, without holding it
// as code points (four bytes each) or copying each turn's text.
func turnWords(doc *coding.Document) int {
	if len(doc.Turns) == 0 {
		return coding.CountWords(doc.Text)
	}
	text := doc.Text
	n, b, r := 0, 0, 0 // words; byte offset in text and the code points before it
	advance := func(to int) int {
		for r < to && b < len(text) {
			_, size := utf8.DecodeRuneInString(text[b:])
			b += size
			r++
		}
		return b
	}
	for _, t := range doc.Turns {
		if t.Start < r || t.End < t.Start { // not in order: Validate refuses it
			return doc.Words()
		}
		start := advance(t.Start)
		n += coding.CountWords(text[start:advance(t.End)])
	}
	return n
}

func insertTurns(ctx context.Context, tx *sql.Tx, doc *coding.Document) error {
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO turns(document_id, n, speaker, start, end, time_ms, time_end_ms) VALUES (?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, t := range doc.Turns {
		var at, end sql.NullInt64
		if t.HasTime {
			at = sql.NullInt64{Int64: t.Time.Milliseconds(), Valid: true}
			if t.TimeEnd > 0 {
				end = sql.NullInt64{Int64: t.TimeEnd.Milliseconds(), Valid: true}
			}
		}
		if _, err := stmt.ExecContext(ctx, doc.ID, t.N, t.Speaker, t.Start, t.End, at, end); err != nil {
			return err
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

// Documents lists the live documents by name, with counts. The coded turns
// are counted here from the documents' turns and codings, read once each,
// rather than per turn in SQL, which took time proportional to turns times
// codings.
func (s *Store) Documents(ctx context.Context) ([]coding.DocSummary, error) {
	out, err := s.DocumentList(ctx)
	if err != nil {
		return nil, err
	}
	index := make(map[string]int, len(out))
	for i, d := range out {
		index[d.ID] = i
	}
	if err := s.countCoded(ctx, out, index); err != nil {
		return nil, err
	}
	return out, nil
}

// DocumentList lists the live documents by name with their attributes,
// leaving the counts of turns and codings zero (Documents fills them in).
func (s *Store) DocumentList(ctx context.Context) ([]coding.DocSummary, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT d.id, d.name, d.kind, d.lang, d.format, d.words, d.coder, d.created
		FROM documents d WHERE d.deleted = 0 ORDER BY d.name, d.id`)
	if err != nil {
		return nil, translate(err)
	}
	var out []coding.DocSummary
	index := map[string]int{}
	for rows.Next() {
		var d coding.DocSummary
		var created int64
		if err := rows.Scan(&d.ID, &d.Name, &d.Kind, &d.Lang, &d.Format, &d.Words, &d.Coder, &created); err != nil {
			rows.Close()
			return nil, err
		}
		d.Created = fromMS(created)
		d.Attrs = map[string]string{}
		index[d.ID] = len(out)
		out = append(out, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	attrs, err := s.attributes(ctx, "")
	if err != nil {
		return nil, err
	}
	for id, m := range attrs {
		if i, ok := index[id]; ok {
			out[i].Attrs = m
		}
	}
	return out, nil
}

// attributes returns the live attributes of one document (or of all when
// docID is ""), by document id.
func (s *Store) attributes(ctx context.Context, docID string) (map[string]map[string]string, error) {
	q := "SELECT document_id, key, value FROM doc_attributes WHERE deleted = 0"
	var args []any
	if docID != "" {
		q += " AND document_id = ?"
		args = append(args, docID)
	}
	// Oldest first, so that of two values a team merge brought, the
	// newer stays in the map.
	rows, err := s.db.QueryContext(ctx, q+" ORDER BY updated, id", args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := map[string]map[string]string{}
	for rows.Next() {
		var id, k, v string
		if err := rows.Scan(&id, &k, &v); err != nil {
			return nil, err
		}
		if out[id] == nil {
			out[id] = map[string]string{}
		}
		out[id][k] = v
	}
	return out, translate(rows.Err())
}

// ResolveDocument finds a live document by id or by name. A name is
// matched whether typed composed (NFC) or decomposed (NFD, as a macOS
// file name or ATLAS.ti writes it), either way stored. A name shared by
// several documents is refused as ambiguous.
func (s *Store) ResolveDocument(ctx context.Context, ref string) (string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM documents WHERE deleted = 0 AND (id = ? OR name IN (?, ?, ?)) ORDER BY id = ? DESC`,
		ref, ref, norm.NFC.String(ref), norm.NFD.String(ref), ref)
	if err != nil {
		return "", translate(err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return "", err
		}
		ids = append(ids, id)
	}
	switch {
	case len(ids) == 0:
		return "", fmt.Errorf("document %q: %w", ref, coding.ErrNotFound)
	case ids[0] == ref || len(ids) == 1:
		return ids[0], nil
	default:
		return "", fmt.Errorf("document name %q is shared by %d documents; use its id: %w", ref, len(ids), coding.ErrConflict)
	}
}

// Document loads a live document with its turns and attributes, by id or name.
func (s *Store) Document(ctx context.Context, ref string) (*coding.Document, error) {
	id, err := s.ResolveDocument(ctx, ref)
	if err != nil {
		return nil, err
	}
	var docs []*coding.Document
	err = s.loadDocuments(ctx, "d.id = ?", []any{id}, id, func(d *coding.Document) error {
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("document %q: %w", ref, coding.ErrNotFound)
	}
	return docs[0], nil
}

// EachDocument calls fn with every live document, whole, in name order.
// It stops at fn's first error.
func (s *Store) EachDocument(ctx context.Context, fn func(*coding.Document) error) error {
	return s.loadDocuments(ctx, "1", nil, "", fn)
}

// loadDocuments loads the documents where selects; one, when it names
// only document id (its attributes alone are read then).
func (s *Store) loadDocuments(ctx context.Context, where string, args []any, id string, fn func(*coding.Document) error) error {
	attrs, err := s.attributes(ctx, id)
	if err != nil {
		return err
	}
	// The documents' texts are read one at a time, as fn takes each: a
	// rebuild of the index holds one document in memory, not the project.
	rows, err := s.db.QueryContext(ctx, `SELECT d.id, d.name, d.kind, d.lang, d.format, d.hash, d.coder, d.created, d.updated
		FROM documents d WHERE d.deleted = 0 AND `+where+` ORDER BY d.name, d.id`, args...)
	if err != nil {
		return translate(err)
	}
	var docs []*coding.Document
	for rows.Next() {
		d := &coding.Document{}
		var created, updated int64
		if err := rows.Scan(&d.ID, &d.Name, &d.Kind, &d.Lang, &d.Format, &d.Hash, &d.Coder, &created, &updated); err != nil {
			rows.Close()
			return err
		}
		d.Created, d.Updated = fromMS(created), fromMS(updated)
		d.Attrs = attrs[d.ID]
		if d.Attrs == nil {
			d.Attrs = map[string]string{}
		}
		docs = append(docs, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return translate(err)
	}
	for i, d := range docs {
		if err := s.db.QueryRowContext(ctx, `SELECT text FROM documents WHERE id = ?`, d.ID).Scan(&d.Text); err != nil {
			return translate(err)
		}
		if d.Turns, err = s.Turns(ctx, d.ID); err != nil {
			return err
		}
		if err := fn(d); err != nil {
			return err
		}
		docs[i] = nil // its text is fn's to keep or drop
	}
	return nil
}

// Turns returns the turns of document docID in order, without its text.
func (s *Store) Turns(ctx context.Context, docID string) ([]coding.Turn, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT n, speaker, start, end, time_ms, time_end_ms FROM turns WHERE document_id = ? ORDER BY n`, docID)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []coding.Turn
	for rows.Next() {
		var t coding.Turn
		var at, end sql.NullInt64
		if err := rows.Scan(&t.N, &t.Speaker, &t.Start, &t.End, &at, &end); err != nil {
			return nil, err
		}
		if at.Valid {
			t.HasTime = true
			t.Time = time.Duration(at.Int64) * time.Millisecond
			t.TimeEnd = time.Duration(end.Int64) * time.Millisecond
		}
		out = append(out, t)
	}
	return out, translate(rows.Err())
}

// TurnCounts returns the number of turns of every live document, by id.
func (s *Store) TurnCounts(ctx context.Context) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT d.id, count(t.n) FROM documents d LEFT JOIN turns t ON t.document_id = d.id
		WHERE d.deleted = 0 GROUP BY d.id`)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, translate(rows.Err())
}

// countCoded fills in the turns, codings and coded turns of docs (index:
// position by id) from the codings each document keeps packed
// (codedspans.go) and one read of the turns.
func (s *Store) countCoded(ctx context.Context, docs []coding.DocSummary, index map[string]int) error {
	final, err := s.finalCodes(ctx)
	if err != nil {
		return err
	}
	codings := make([][]coding.Span, len(docs))
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	var live []bool // the row's codes that are live
	err = s.eachPacked(ctx, ids, func(doc string, r *packedRow) {
		live = live[:0]
		for _, name := range r.codes {
			_, ok := final[string(name)]
			live = append(live, ok)
		}
		i := index[doc]
		for _, c := range r.codings {
			if live[c.code] {
				codings[i] = append(codings[i], c.span)
			}
		}
	})
	if err != nil {
		return err
	}
	for i := range codings {
		docs[i].Codings = len(codings[i])
		codings[i] = coding.MergeSpans(codings[i])
	}
	rows, err := s.db.QueryContext(ctx, `SELECT document_id, start, end FROM turns`)
	if err != nil {
		return translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var t coding.Span
		if err := rows.Scan(&id, &t.Start, &t.End); err != nil {
			return err
		}
		i, ok := index[id]
		if !ok {
			continue
		}
		docs[i].Turns++
		if overlaps(codings[i], t) {
			docs[i].CodedTurns++
		}
	}
	return translate(rows.Err())
}

// overlaps tells whether t shares a code point with one of the sorted,
// disjoint spans.
func overlaps(spans []coding.Span, t coding.Span) bool {
	// The first span ending after t starts.
	i, _ := slices.BinarySearchFunc(spans, t.Start, func(sp coding.Span, start int) int {
		if sp.End <= start {
			return -1
		}
		return 1
	})
	return i < len(spans) && spans[i].Start < t.End
}

// DocumentText returns the text of live document id alone.
func (s *Store) DocumentText(ctx context.Context, id string) (string, error) {
	var text string
	err := s.db.QueryRowContext(ctx, `SELECT text FROM documents WHERE id = ? AND deleted = 0`, id).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("document %q: %w", id, coding.ErrNotFound)
	}
	return text, translate(err)
}
