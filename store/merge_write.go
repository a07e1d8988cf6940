package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
)

// writeMerge writes the changed records of a merge, the audit entries the
// sources brought and one audit entry per source, in one transaction, and
// checks the codebook before it commits.
func (s *Store) writeMerge(ctx context.Context, rep *MergeReport, before mstate, changes []change, m *merging, coder string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
			return err
		}
		indexed := false
		ps := prepared{tx: tx, stmts: map[string]*sql.Stmt{}}
		defer ps.close()
		err := withoutCodedSpansTriggers(ctx, tx, func() error {
			for _, ch := range changes {
				if err := ch.write(ctx, &ps, before, m.newDocs); err != nil {
					return err
				}
				indexed = indexed || ch.table.name == "documents" || ch.table.name == "doc_attributes"
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, e := range m.audits {
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
			if err := s.audit(ctx, tx, coder, "merge", filepath.Base(sr.Source), mergeAuditDetail(sr)); err != nil {
				return err
			}
		}
		return validCodebook(ctx, tx)
	})
}

// mergeAuditDetail is the audit trail's account of what a source brought.
func mergeAuditDetail(sr *SourceReport) string {
	t := sr.Total
	return fmt.Sprintf("documents +%d ~%d -%d; codes +%d ~%d -%d; codings +%d ~%d -%d; memos +%d ~%d -%d; %d conflicts",
		t.Documents.Added, t.Documents.Updated, t.Documents.Deleted, t.Codes.Added, t.Codes.Updated, t.Codes.Deleted,
		t.Codings.Added, t.Codings.Updated, t.Codings.Deleted, t.Memos.Added, t.Memos.Updated, t.Memos.Deleted,
		len(sr.Conflicts))
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

// exec runs query with args, prepared on first use.
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

// close closes the prepared statements.
func (p *prepared) close() {
	for _, st := range p.stmts {
		st.Close()
	}
}

// write updates a record the target has, else inserts it; a new
// document comes with its text and turns from the source newDocs names.
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
		if err := insertWordSpans(ctx, tx.exec, ch.id, text); err != nil {
			return err
		}
		return copyTurns(ctx, src, tx, ch.id)
	}
	_, err := tx.exec(ctx, "INSERT INTO "+t.name+"("+strings.Join(cols, ", ")+") VALUES ("+
		strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ")+")", args...)
	return err
}

// copyTurns copies document doc's turns from src.
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
