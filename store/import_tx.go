package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/toituavain/avain/coding"
)

// ProjectImport is another project's work (a REFI-QDA project) brought
// into this one by ImportProject: its codebook, and its documents one at
// a time with their codings and memos.
type ProjectImport struct {
	// Coder is who imports; Source names what is imported, for the audit
	// trail.
	Coder, Source string
	// Codes join the codebook as ImportCodes says; CodeMemos (code id ->
	// text) are set on them.
	Codes     []*coding.Code
	CodeMemos map[string]string
	// CodeMemoStamps (code id -> stamp) say who wrote a code's memo and
	// when; a memo without one is the importing coder's, made now.
	CodeMemoStamps map[string]MemoStamp
	// ProjectMemo is the file's project memo, by ProjectMemoStamp. A
	// project memo here with another text keeps it, the two joined a
	// blank line apart; one that holds it already is left as it is.
	ProjectMemo      string
	ProjectMemoStamp MemoStamp
	// Documents calls add with each document in turn, so that only one
	// document's text need be in memory at a time; an error from add
	// should be returned.
	Documents func(add func(*DocumentImport) error) error
}

// DocumentImport is one document of a ProjectImport and what goes on it.
type DocumentImport struct {
	// Doc is stored as ImportDocument stores it, unless its text is here
	// already: then the codings and memo go onto the document here. Its
	// Record's coder and times, when given, say who made it and when (else
	// the importing coder, now).
	Doc       *coding.Document
	Memo      string
	MemoStamp MemoStamp // who wrote Memo and when
	// Codings give their coder, code, span, memo and, when known, created
	// and updated times (else now); the document and the ids are filled
	// in here. A coding the same coder already applied to the same span
	// with the same code is not made twice. CodingMemoStamps[i], when
	// there, stamps the memo of Codings[i].
	Codings          []*coding.Coding
	CodingMemoStamps []MemoStamp
}

// MemoStamp is who wrote an imported memo and when; a zero field is
// filled with the importing coder, or the import time.
type MemoStamp struct {
	Coder            string
	Created, Updated time.Time
}

// ProjectImportResult says what ImportProject did.
type ProjectImportResult struct {
	Codes CodeImport
	// Documents counts the new documents; Duplicates names those whose
	// text was here already.
	Documents  int
	Duplicates []string
	// Codings and Memos count those added; Coders are the coders of the
	// codings brought, by name.
	Codings, Memos int
	Coders         []string
}

// ImportProject brings imp into the project in one transaction: all of it
// or nothing, whatever stops it (a bad record, a full disk, a killed
// process).
func (s *Store) ImportProject(ctx context.Context, imp ProjectImport) (ProjectImportResult, error) {
	var res ProjectImportResult
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res = ProjectImportResult{}
		ps := prepared{tx: tx, stmts: map[string]*sql.Stmt{}}
		defer ps.close()
		same, err := tx.PrepareContext(ctx, `SELECT id FROM codings
			WHERE deleted = 0 AND document_id = ? AND code_id = ? AND start = ? AND end = ? AND coder = ?`)
		if err != nil {
			return err
		}
		defer same.Close()
		if len(imp.Codes) > 0 {
			if res.Codes, err = s.importCodes(ctx, tx, imp.Codes, imp.Coder); err != nil {
				return err
			}
		}
		n, err := s.importProjectMemo(ctx, tx, imp)
		if err != nil {
			return err
		}
		res.Memos += n
		for _, id := range sortedKeys(imp.CodeMemos) {
			if err := s.importMemo(ctx, tx, coding.MemoCode, id, imp.CodeMemos[id], imp.CodeMemoStamps[id], imp.Coder); err != nil {
				return err
			}
			res.Memos++
		}
		coders := map[string]bool{}
		if imp.Documents != nil {
			err := imp.Documents(func(d *DocumentImport) error {
				return s.importDocumentTx(ctx, tx, &ps, same, imp.Coder, d, &res, coders)
			})
			if err != nil {
				return err
			}
		}
		for c := range coders {
			res.Coders = append(res.Coders, c)
		}
		sort.Strings(res.Coders)
		// A category here the file codes with (another tool wrote it
		// codable) becomes codable again, and is reported.
		coded, err := codedCategoriesHere(ctx, tx, "in the file")
		if err != nil {
			return err
		}
		res.Codes.Conflicts = append(res.Codes.Conflicts, coded...)
		if res.Documents > 0 {
			if err := bumpContentVersion(ctx, tx); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, imp.Coder, "import", imp.Source, fmt.Sprintf("%d documents (%d found here), %d codes added, %d updated, %d conflicts, %d codings, %d memos",
			res.Documents, len(res.Duplicates), res.Codes.Added, res.Codes.Updated, len(res.Codes.Conflicts), res.Codings, res.Memos))
	})
	return res, err
}

// importDocumentTx writes one document of an import, inside its
// transaction; same finds a coding by its document, code, span and coder.
func (s *Store) importDocumentTx(ctx context.Context, tx *sql.Tx, ps *prepared, same *sql.Stmt, coder string, d *DocumentImport,
	res *ProjectImportResult, coders map[string]bool) error {
	doc := d.Doc
	if err := prepare(doc); err != nil {
		return err
	}
	now := s.Now()
	made := doc.Record // who made it and when, as the file says
	var id string
	err := tx.QueryRowContext(ctx, "SELECT id FROM documents WHERE hash = ? AND deleted = 0", doc.Hash).Scan(&id)
	switch {
	case err == nil:
		doc.ID = id
		res.Duplicates = append(res.Duplicates, doc.Name)
	case errors.Is(err, sql.ErrNoRows):
		words := turnWords(doc)
		by, created, updated := made.Coder, made.Created, made.Updated
		if by == "" {
			by = coder
		}
		if created.IsZero() {
			created = now
		}
		if err := insertDocument(ctx, tx, ps.exec, doc, by, created, words); err != nil {
			return err
		}
		if updated.After(created) {
			if _, err := ps.exec(ctx, "UPDATE documents SET updated = ? WHERE id = ?", ms(updated), doc.ID); err != nil {
				return err
			}
			doc.Updated = updated
		}
		if err := s.audit(ctx, tx, coder, "import", doc.ID,
			fmt.Sprintf("document %s: %d turns, %d words", doc.ID, len(doc.Turns), words)); err != nil {
			return err
		}
		res.Documents++
	default:
		return err
	}
	if d.Memo != "" {
		if err := s.importMemo(ctx, tx, coding.MemoDocument, doc.ID, d.Memo, d.MemoStamp, coder); err != nil {
			return err
		}
		res.Memos++
	}
	for i, c := range d.Codings {
		c.DocumentID = doc.ID
		coders[c.Coder] = true
		var have string
		err := same.QueryRowContext(ctx, c.DocumentID, c.CodeID, c.Start, c.End, c.Coder).Scan(&have)
		if err == nil {
			c.ID = have
			continue
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		c.ID, c.Deleted = newID(), false
		c.Created, c.Updated = stampTimes(c.Created, c.Updated, now)
		if _, err := ps.exec(ctx, `INSERT INTO codings(id, document_id, code_id, start, end, coder, created, updated)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.ID, c.DocumentID, c.CodeID, c.Start, c.End, c.Coder, ms(c.Created), ms(c.Updated)); err != nil {
			return err
		}
		res.Codings++
		if c.Memo != "" {
			var st MemoStamp
			if i < len(d.CodingMemoStamps) {
				st = d.CodingMemoStamps[i]
			}
			if st.Coder == "" {
				st.Coder = c.Coder
			}
			if err := s.importMemo(ctx, tx, coding.MemoCoding, c.ID, c.Memo, st, coder); err != nil {
				return err
			}
			res.Memos++
		}
	}
	return nil
}

// importProjectMemo sets the file's project memo: as importMemo when the
// project has none, joined after the one here when that one does not
// hold it yet. It returns how many memos it set (0 or 1).
func (s *Store) importProjectMemo(ctx context.Context, tx *sql.Tx, imp ProjectImport) (int, error) {
	text := strings.TrimSpace(imp.ProjectMemo)
	if text == "" {
		return 0, nil
	}
	var have string
	err := tx.QueryRowContext(ctx, `SELECT text FROM memos WHERE target = ? AND target_id = ? AND deleted = 0
		ORDER BY updated DESC, id DESC LIMIT 1`, string(coding.MemoProject), coding.ProjectMemoID).Scan(&have)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return 1, s.importMemo(ctx, tx, coding.MemoProject, coding.ProjectMemoID, text, imp.ProjectMemoStamp, imp.Coder)
	case err != nil:
		return 0, err
	case strings.Contains(have, text):
		return 0, nil
	}
	return 1, s.setMemo(ctx, tx, coding.MemoProject, coding.ProjectMemoID, strings.TrimRight(have, "\n")+"\n\n"+text, imp.Coder)
}

// stampTimes fills a record's imported times: created, else now;
// updated, else (or when before created) created.
func stampTimes(created, updated, now time.Time) (time.Time, time.Time) {
	if created.IsZero() {
		created = now
	}
	if updated.Before(created) {
		updated = created
	}
	return created, updated
}

// importMemo sets an imported memo on a target: by its author, with its
// times, when the target has no memo yet (else as setMemo, by the
// author). An absent author is coder, absent times now.
func (s *Store) importMemo(ctx context.Context, tx *sql.Tx, target coding.MemoTarget, id, text string, st MemoStamp, coder string) error {
	if st.Coder == "" {
		st.Coder = coder
	}
	var have string
	err := tx.QueryRowContext(ctx, "SELECT id FROM memos WHERE target = ? AND target_id = ? AND deleted = 0 LIMIT 1", string(target), id).Scan(&have)
	if err == nil || text == "" {
		return s.setMemo(ctx, tx, target, id, text, st.Coder)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	created, updated := stampTimes(st.Created, st.Updated, s.Now())
	memoID := newID()
	if _, err := tx.ExecContext(ctx, `INSERT INTO memos(id, target, target_id, text, coder, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		memoID, string(target), id, text, st.Coder, ms(created), ms(updated)); err != nil {
		return err
	}
	return s.audit(ctx, tx, coder, "memo", memoID, fmt.Sprintf("%s %s", target, id))
}
