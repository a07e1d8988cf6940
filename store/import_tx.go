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
	// ForeignDefinitions (code id -> true) are the codes whose Definition
	// is another tool's whole description, not avain's parts: a code here
	// keeps its definition parts, and a difference is reported.
	ForeignDefinitions map[string]bool
	// ProjectMemo is the file's project memo, by ProjectMemoStamp.
	//
	// Every memo of an import (the project's, a document's, a code's, a
	// coding's) follows one rule, the team merge's: a text that a live
	// memo on its target has already changes nothing; another text is
	// added by its author with its times, the newer by its updated time
	// is the target's memo and the other stays under it as superseded
	// history, and each target with two texts is reported (a conflict
	// "memo on ...").
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
	// CodingGUIDs[i], when there, is the file's id of Codings[i]: one
	// that names a coding removed here is not brought back (the removal
	// stands, as in a merge), and is reported in Removed.
	CodingGUIDs []string
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
	// Removed names the file's codings that were removed here, and so
	// were not brought back, a line each (capped).
	Removed []string
	// memosDiffer and removed count what the lines of Conflicts and
	// Removed name, to cap them.
	memosDiffer, removed int
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
			if res.Codes, err = s.importCodes(ctx, tx, imp.Codes, imp.Coder, imp.ForeignDefinitions); err != nil {
				return err
			}
		}
		added, err := s.importMemo(ctx, tx, coding.MemoProject, coding.ProjectMemoID, imp.ProjectMemo, imp.ProjectMemoStamp, imp.Coder, &res)
		if err != nil {
			return err
		}
		if added {
			res.Memos++
		}
		for _, id := range sortedKeys(imp.CodeMemos) {
			added, err := s.importMemo(ctx, tx, coding.MemoCode, id, imp.CodeMemos[id], imp.CodeMemoStamps[id], imp.Coder, &res)
			if err != nil {
				return err
			}
			if added {
				res.Memos++
			}
		}
		coders := map[string]bool{}
		if imp.Documents != nil {
			err := withoutCodedSpansTriggers(ctx, tx, func() error {
				return imp.Documents(func(d *DocumentImport) error {
					return s.importDocumentTx(ctx, tx, &ps, same, imp.Coder, d, &res, coders)
				})
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
		finishImportReport(&res)
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
	added, err := s.importMemo(ctx, tx, coding.MemoDocument, doc.ID, d.Memo, d.MemoStamp, coder, res)
	if err != nil {
		return err
	}
	if added {
		res.Memos++
	}
	for i, c := range d.Codings {
		c.DocumentID = doc.ID
		if i < len(d.CodingGUIDs) {
			gone, err := s.removedHere(ctx, tx, d.CodingGUIDs[i], doc.Name, res)
			if err != nil {
				return err
			}
			if gone {
				continue
			}
		}
		coders[c.Coder] = true
		if err := s.importCoding(ctx, ps, same, c, now, res); err != nil {
			return err
		}
		if c.Memo != "" {
			var st MemoStamp
			if i < len(d.CodingMemoStamps) {
				st = d.CodingMemoStamps[i]
			}
			if st.Coder == "" {
				st.Coder = c.Coder
			}
			added, err := s.importMemo(ctx, tx, coding.MemoCoding, c.ID, c.Memo, st, coder, res)
			if err != nil {
				return err
			}
			if added {
				res.Memos++
			}
		}
	}
	return nil
}

// importCoding adds an imported coding, unless the same coder already
// applied the same code to the same span (same finds it): then c takes
// the id of the one here.
func (s *Store) importCoding(ctx context.Context, ps *prepared, same *sql.Stmt, c *coding.Coding, now time.Time, res *ProjectImportResult) error {
	var have string
	err := same.QueryRowContext(ctx, c.DocumentID, c.CodeID, c.Start, c.End, c.Coder).Scan(&have)
	if err == nil {
		c.ID = have
		return nil
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
	return nil
}

// removedHere reports whether guid, a file's coding, names a coding
// removed here; if so it is added to res.Removed.
func (s *Store) removedHere(ctx context.Context, tx *sql.Tx, guid, docName string, res *ProjectImportResult) (bool, error) {
	guid = strings.ToLower(strings.TrimSpace(guid))
	if guid == "" {
		return false, nil
	}
	var code string
	var start, end int
	err := tx.QueryRowContext(ctx, `SELECT coalesce(nullif(k.name_fi, ''), k.name_en, ''), c.start, c.end
		FROM codings c LEFT JOIN codes k ON k.id = c.code_id WHERE c.id = ? AND c.deleted = 1`, guid).Scan(&code, &start, &end)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	res.removed++
	if res.removed <= maxImportLines {
		res.Removed = append(res.Removed, fmt.Sprintf("coding %s (%q in %q at %d–%d) was removed here; not brought back",
			guid, code, docName, start, end))
	}
	return true, nil
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
