package store

import (
	"context"
	"database/sql"
	"time"
)

// AuditEntry is one line of the project's append-only audit trail: who did
// what and when, with ids and counts but never interview text.
type AuditEntry struct {
	ID     string    `json:"id"`
	At     time.Time `json:"at"`
	Coder  string    `json:"coder"`
	Action string    `json:"action"`
	Target string    `json:"target,omitempty"`
	Detail string    `json:"detail,omitempty"`
}

// audit appends an entry inside tx, so the log and the action commit together.
func (s *Store) audit(ctx context.Context, tx *sql.Tx, coder, action, target, detail string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO audit_log(id, at, coder, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)`,
		newID(), ms(s.Now()), coder, action, target, detail)
	return err
}

// AuditLog returns the audit trail, oldest first.
func (s *Store) AuditLog(ctx context.Context) ([]AuditEntry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, at, coder, action, target, detail FROM audit_log ORDER BY at, id`)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at int64
		if err := rows.Scan(&e.ID, &at, &e.Coder, &e.Action, &e.Target, &e.Detail); err != nil {
			return nil, err
		}
		e.At = fromMS(at)
		out = append(out, e)
	}
	return out, translate(rows.Err())
}

// Log appends an entry to the audit trail on its own, for actions that
// change nothing else in the project (an export, say).
func (s *Store) Log(ctx context.Context, coder, action, target, detail string) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return s.audit(ctx, tx, coder, action, target, detail) })
}
