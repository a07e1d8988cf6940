package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/toituavain/avain/coding"
)

const codeColumns = `id, coalesce(parent_id, ''), name_fi, name_en, color, shortcut, not_codable, short_def, definition,
	when_use, when_not, example, position, coder, created, updated, deleted`

func scanCode(sc interface{ Scan(...any) error }) (*coding.Code, error) {
	c := &coding.Code{}
	var created, updated int64
	err := sc.Scan(&c.ID, &c.ParentID, &c.NameFi, &c.NameEn, &c.Color, &c.Shortcut, &c.NotCodable, &c.ShortDef, &c.Definition,
		&c.WhenToUse, &c.WhenNotUse, &c.Example, &c.Position, &c.Coder, &created, &updated, &c.Deleted)
	c.Created, c.Updated = fromMS(created), fromMS(updated)
	return c, err
}

// Codes returns the live codes of the project's codebook.
func (s *Store) Codes(ctx context.Context) ([]*coding.Code, error) {
	return queryCodes(ctx, s.db, "deleted = 0")
}

func queryCodes(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, where string, args ...any) ([]*coding.Code, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+codeColumns+" FROM codes WHERE "+where+" ORDER BY position, name_fi", args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []*coding.Code
	for rows.Next() {
		c, err := scanCode(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, translate(rows.Err())
}

// Codebook returns the project's live codebook as a validated tree.
func (s *Store) Codebook(ctx context.Context) (*coding.Codebook, error) {
	codes, err := s.Codes(ctx)
	if err != nil {
		return nil, err
	}
	return coding.LoadCodebook(codes)
}

// CodeImport says what ImportCodes did.
type CodeImport struct {
	Added, Updated, Unchanged int
	// Conflicts are the codes here whose name, parent or shortcut the
	// import would have changed, and how each was resolved.
	Conflicts []MergeConflict
}

// ImportCodes adds codes to the codebook, or brings what they carry to
// the codes whose id is already there, in one transaction; the resulting
// codebook must be valid. Parents may come in any order.
//
// An imported code never erases what it does not carry: its empty fields
// leave a code here as it is. What it carries fills in a field the code
// here lacks, and its colour and definition parts replace those here.
// Its names, parent and shortcut differing from a code here's is a
// conflict: a codebook file has no times to tell the newer, so the
// project's are kept, and the conflict is reported (Conflicts). A code
// deleted here stays deleted, as in a merge; a new code under it is put
// at the top level.
func (s *Store) ImportCodes(ctx context.Context, codes []*coding.Code, coder string) (CodeImport, error) {
	return s.ImportCodesForeign(ctx, codes, coder, nil)
}

// ImportCodesForeign is ImportCodes for a file in which the codes foreign
// names (by id) carry another tool's whole description as their
// Definition: such a code keeps the definition parts of the code here,
// and a different text is reported (see importCodes).
func (s *Store) ImportCodesForeign(ctx context.Context, codes []*coding.Code, coder string, foreign map[string]bool) (CodeImport, error) {
	var res CodeImport
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if res, err = s.importCodes(ctx, tx, codes, coder, foreign); err != nil {
			return err
		}
		return s.audit(ctx, tx, coder, "codebook.import", "",
			fmt.Sprintf("%d codes added, %d updated, %d unchanged, %d conflicts", res.Added, res.Updated, res.Unchanged, len(res.Conflicts)))
	})
	return res, err
}

// importCodes is ImportCodes inside tx, without its audit entry. The codes
// that foreign names (by id) carry another tool's whole description as
// their Definition: a code here keeps its definition parts, and a
// different text is reported; a new code takes it as its Definition.
func (s *Store) importCodes(ctx context.Context, tx *sql.Tx, codes []*coding.Code, coder string, foreign map[string]bool) (CodeImport, error) {
	var res CodeImport
	now := ms(s.Now())
	here, err := queryCodes(ctx, tx, "1 = 1")
	if err != nil {
		return res, err
	}
	byID := map[string]*coding.Code{}
	shortcuts := map[string]string{} // shortcut -> the live code here holding it
	// New codes go after the children a parent already has.
	after := map[string]int{}
	for _, c := range here {
		byID[c.ID] = c
		if !c.Deleted {
			after[c.ParentID] = max(after[c.ParentID], c.Position+1)
			if c.Shortcut != "" {
				shortcuts[c.Shortcut] = c.ID
			}
		}
	}
	// Insert without parents first, so a child may precede its parent.
	parents := map[string]string{} // new code -> its parent
	added := map[string]*coding.Code{}
	for _, c := range codes {
		o := byID[c.ID]
		if o == nil {
			parent := c.ParentID
			if p := byID[parent]; p != nil && p.Deleted {
				res.Conflicts = append(res.Conflicts, MergeConflict{Kind: "code under a deleted code", Record: nameOf(c),
					Detail: fmt.Sprintf("its parent %s is deleted here", nameOf(p)), Resolution: "put at the top level"})
				parent = ""
			}
			parents[c.ID] = parent
			shortcut, clash := newShortcut(c, shortcuts, byID, added)
			if clash != nil {
				res.Conflicts = append(res.Conflicts, *clash)
			}
			added[c.ID] = c
			who, created, updated := madeBy(c.Record, coder, now)
			if _, err := tx.ExecContext(ctx, `INSERT INTO codes(id, name_fi, name_en, color, shortcut, not_codable, short_def, definition,
				when_use, when_not, example, position, coder, created, updated) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
				c.ID, c.NameFi, c.NameEn, c.Color, shortcut, c.NotCodable, c.ShortDef, c.Definition, c.WhenToUse, c.WhenNotUse, c.Example,
				c.Position+after[c.ParentID], who, created, updated); err != nil {
				return res, err
			}
			res.Added++
			continue
		}
		if o.Deleted {
			res.Conflicts = append(res.Conflicts, MergeConflict{Kind: "code deleted", Record: nameOf(o),
				Detail: "deleted here, present in the file", Resolution: "the deletion stands, as in a merge"})
			res.Unchanged++
			continue
		}
		if foreign[c.ID] {
			c = foreignDefinition(o, c, &res)
		}
		m, conflicts := mergeCode(o, c, shortcuts)
		res.Conflicts = append(res.Conflicts, conflicts...)
		if m.NotCodable && !o.NotCodable {
			n, err := codingsOn(ctx, tx, o.ID)
			if err != nil {
				return res, err
			}
			if n > 0 {
				m.NotCodable = false
				res.Conflicts = append(res.Conflicts, MergeConflict{Kind: "category with codings", Record: nameOf(o),
					Detail: fmt.Sprintf("a category in the file, %d codings here", n), Resolution: "kept codable"})
			} else {
				res.Conflicts = append(res.Conflicts, MergeConflict{Kind: "code made a category", Record: nameOf(o),
					Detail: "codable here, a category in the file", Resolution: "a category now (it has no codings here)"})
			}
		}
		if sameCodeFields(o, m) {
			res.Unchanged++
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE codes SET name_fi=?, name_en=?, color=?, shortcut=?, not_codable=?, short_def=?, definition=?,
			when_use=?, when_not=?, example=?, coder=?, updated=? WHERE id=?`,
			m.NameFi, m.NameEn, m.Color, m.Shortcut, m.NotCodable, m.ShortDef, m.Definition, m.WhenToUse, m.WhenNotUse, m.Example,
			coder, now, c.ID); err != nil {
			return res, err
		}
		if m.Shortcut != o.Shortcut {
			shortcuts[m.Shortcut] = m.ID
		}
		res.Updated++
	}
	for _, id := range sortedKeys(parents) {
		if _, err := tx.ExecContext(ctx, `UPDATE codes SET parent_id = ? WHERE id = ?`, nullable(parents[id]), id); err != nil {
			return res, err
		}
	}
	return res, validCodebook(ctx, tx)
}

// foreignDefinition is in, a file's code whose Definition is another
// tool's whole description, as it may change o, the code here: o's
// definition parts stay, unless o has none; a text other than o's
// Definition is reported.
func foreignDefinition(o, in *coding.Code, res *CodeImport) *coding.Code {
	if o.ShortDef == "" && o.Definition == "" && o.WhenToUse == "" && o.WhenNotUse == "" && o.Example == "" {
		return in
	}
	if d := strings.TrimSpace(in.Definition); d != "" && d != strings.TrimSpace(o.Definition) {
		res.Conflicts = append(res.Conflicts, MergeConflict{Kind: "definition of", Record: fmt.Sprintf("%q", nameOf(o)),
			Detail: "differs in the file (another tool's description)", Resolution: "kept the project's"})
	}
	c := *in
	c.ShortDef, c.Definition, c.WhenToUse, c.WhenNotUse, c.Example = "", "", "", "", ""
	return &c
}

// mergeCode is the code here o with what the imported code in brings (see
// ImportCodes), and the conflicts kept in o's favour. shortcuts are the
// live codes' shortcuts.
func mergeCode(o, in *coding.Code, shortcuts map[string]string) (*coding.Code, []MergeConflict) {
	m := *o
	var out []MergeConflict
	const kept = "kept the project's (the file has no times to tell which is newer)"
	fill := func(here *string, there string) bool { // reports a real difference
		switch {
		case there == "" || there == *here:
			return false
		case *here == "":
			*here = there
			return false
		}
		return true
	}
	renamed := fill(&m.NameFi, in.NameFi)
	if fill(&m.NameEn, in.NameEn) {
		renamed = true
	}
	if renamed {
		out = append(out, MergeConflict{Kind: "code renamed", Record: o.ID,
			Detail:     fmt.Sprintf("%s here, %s in the file", codeNames(o), codeNames(in)),
			Resolution: kept + ": " + codeNames(&m)})
	}
	if in.ParentID != o.ParentID {
		where := func(p string) string {
			if p == "" {
				return "the top level"
			}
			return "code " + p
		}
		out = append(out, MergeConflict{Kind: "code moved", Record: nameOf(o),
			Detail:     fmt.Sprintf("under %s here, under %s in the file", where(o.ParentID), where(in.ParentID)),
			Resolution: kept + " place"})
	}
	if in.Shortcut != "" && in.Shortcut != o.Shortcut {
		if holder, taken := shortcuts[in.Shortcut]; taken || o.Shortcut != "" {
			detail := fmt.Sprintf("%q here, %q in the file", o.Shortcut, in.Shortcut)
			if taken {
				detail = fmt.Sprintf("the file gives it %q, which code %s has here", in.Shortcut, holder)
			}
			out = append(out, MergeConflict{Kind: "shortcut", Record: nameOf(o), Detail: detail, Resolution: kept})
		} else {
			m.Shortcut = in.Shortcut
		}
	}
	for _, f := range []struct {
		here  *string
		there string
	}{{&m.Color, in.Color}, {&m.ShortDef, in.ShortDef}, {&m.Definition, in.Definition},
		{&m.WhenToUse, in.WhenToUse}, {&m.WhenNotUse, in.WhenNotUse}, {&m.Example, in.Example}} {
		if f.there != "" {
			*f.here = f.there
		}
	}
	// A file's category makes one of a code here (unless it has codings:
	// see importCodes); a file that does not say so leaves a category here
	// one, as an empty field leaves the field here.
	m.NotCodable = o.NotCodable || in.NotCodable
	return &m, out
}

// codeNames is a code's names for a report: "Kela" / "Kela (en: Kela)".
func codeNames(c *coding.Code) string {
	if c.NameEn == "" || c.NameEn == c.NameFi {
		return fmt.Sprintf("%q", nameOf(c))
	}
	if c.NameFi == "" {
		return fmt.Sprintf("(en: %q)", c.NameEn)
	}
	return fmt.Sprintf("%q (en: %q)", c.NameFi, c.NameEn)
}

// nameOf is a code's Finnish name, else its English one.
// newShortcut is the shortcut a new code of an import takes: its own,
// unless a code here (byID) or one added before it (added) holds it
// (shortcuts: shortcut -> holder), when it comes without one and the
// clash is reported; the import goes on either way.
func newShortcut(c *coding.Code, shortcuts map[string]string, byID, added map[string]*coding.Code) (string, *MergeConflict) {
	holder, taken := shortcuts[c.Shortcut]
	switch {
	case c.Shortcut == "":
		return "", nil
	case !taken:
		shortcuts[c.Shortcut] = c.ID
		return c.Shortcut, nil
	}
	name := holder
	if h := byID[holder]; h != nil {
		name = nameOf(h)
	} else if h := added[holder]; h != nil {
		name = nameOf(h) + " (from the file)"
	}
	return "", &MergeConflict{Kind: "shortcut", Record: nameOf(c),
		Detail: fmt.Sprintf("the file gives it %q, which code %s has here", c.Shortcut, name), Resolution: "added without a shortcut"}
}

func nameOf(c *coding.Code) string {
	if c.NameFi != "" {
		return c.NameFi
	}
	return c.NameEn
}

func sameCodeFields(a, b *coding.Code) bool {
	return a.ParentID == b.ParentID && a.NameFi == b.NameFi && a.NameEn == b.NameEn && a.Color == b.Color &&
		a.Shortcut == b.Shortcut && a.NotCodable == b.NotCodable && a.ShortDef == b.ShortDef && a.Definition == b.Definition && a.WhenToUse == b.WhenToUse &&
		a.WhenNotUse == b.WhenNotUse && a.Example == b.Example && a.Position == b.Position
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// validCodebook checks, inside tx, that the live codes still form a valid
// codebook, and that the codes written (all of them when none are named)
// keep the rules on text and depth; an edit that would break it is rolled
// back. A code an older avain stored against those rules does not block
// edits of the others.
func validCodebook(ctx context.Context, tx *sql.Tx, written ...string) error {
	codes, err := queryCodes(ctx, tx, "deleted = 0")
	if err != nil {
		return err
	}
	if len(written) == 0 {
		_, err = coding.NewCodebook(codes)
		return err
	}
	cb, err := coding.LoadCodebook(codes)
	if err != nil {
		return err
	}
	return cb.Check(written...)
}

// AddCode adds one new code (its id is made here) and returns it.
func (s *Store) AddCode(ctx context.Context, c *coding.Code, coder string) error {
	now := s.Now()
	c.Record = coding.Record{ID: newID(), Coder: coder, Created: now, Updated: now}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if c.Position == 0 {
			if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(position), -1) + 1 FROM codes WHERE deleted = 0 AND coalesce(parent_id, '') = ?`,
				c.ParentID).Scan(&c.Position); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO codes(id, parent_id, name_fi, name_en, color, shortcut, not_codable, short_def, definition,
			when_use, when_not, example, position, coder, created, updated) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			c.ID, nullable(c.ParentID), c.NameFi, c.NameEn, c.Color, c.Shortcut, c.NotCodable, c.ShortDef, c.Definition, c.WhenToUse, c.WhenNotUse,
			c.Example, c.Position, coder, ms(now), ms(now)); err != nil {
			return err
		}
		if err := validCodebook(ctx, tx, c.ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, coder, "codebook.add", c.ID, "")
	})
}

// UpdateCode changes one code with edit, which gets the stored code to
// modify (its name, parent, colour, shortcut or definition parts). The
// result must leave a valid codebook; action names the edit in the audit
// trail.
func (s *Store) UpdateCode(ctx context.Context, id, coder, action string, edit func(*coding.Code) error) (*coding.Code, error) {
	var out *coding.Code
	err := s.tx(ctx, func(tx *sql.Tx) error {
		cs, err := queryCodes(ctx, tx, "id = ? AND deleted = 0", id)
		if err != nil {
			return err
		}
		if len(cs) == 0 {
			return fmt.Errorf("code %s: %w", id, coding.ErrNotFound)
		}
		c := cs[0]
		was := c.NotCodable
		if err := edit(c); err != nil {
			return err
		}
		if c.NotCodable && !was {
			n, err := codingsOn(ctx, tx, c.ID)
			if err != nil {
				return err
			}
			if n > 0 {
				return fmt.Errorf("%w: code %s has %d codings, and a category takes none; move them to another code first",
					ErrCodeInUse, nameOf(c), n)
			}
		}
		c.Coder, c.Updated = coder, s.Now()
		if _, err := tx.ExecContext(ctx, `UPDATE codes SET parent_id=?, name_fi=?, name_en=?, color=?, shortcut=?, not_codable=?, short_def=?,
			definition=?, when_use=?, when_not=?, example=?, position=?, coder=?, updated=? WHERE id=?`,
			nullable(c.ParentID), c.NameFi, c.NameEn, c.Color, c.Shortcut, c.NotCodable, c.ShortDef, c.Definition, c.WhenToUse, c.WhenNotUse,
			c.Example, c.Position, coder, ms(c.Updated), c.ID); err != nil {
			return err
		}
		if err := validCodebook(ctx, tx, c.ID); err != nil {
			return err
		}
		out = c
		return s.audit(ctx, tx, coder, "codebook."+action, c.ID, "")
	})
	return out, err
}

// MergeCode merges code from into code into: from's codings and children
// move to into (a coding that would then repeat one of into's by the same
// coder on the same span is tombstoned instead), and from is tombstoned
// with a pointer to into. It returns how many codings moved.
func (s *Store) MergeCode(ctx context.Context, from, into, coder string) (moved int, err error) {
	m, err := s.MergeCodeRecorded(ctx, from, into, coder)
	return len(m.Moved), err
}

func codebookTx(ctx context.Context, tx *sql.Tx) (*coding.Codebook, error) {
	codes, err := queryCodes(ctx, tx, "deleted = 0")
	if err != nil {
		return nil, err
	}
	return coding.LoadCodebook(codes)
}

// ErrCodeInUse: a code with codings or children is deleted only by force.
var ErrCodeInUse = errors.New("code is in use")

// DeleteCode tombstones a code. A code with live codings or children is
// refused unless force is set; then its whole subtree and their codings
// are tombstoned too. It returns the number of codes and codings deleted.
func (s *Store) DeleteCode(ctx context.Context, id, coder string, force bool) (codes, codings int, err error) {
	d, err := s.DeleteCodeRecorded(ctx, id, coder, force)
	if err != nil {
		return 0, 0, err
	}
	return len(d.Codes), len(d.Codings), nil
}

// The store is the coding rules' repository.
var _ coding.Repository = (*Store)(nil)

// madeBy is who made a new imported record and when: its own coder and
// times when the file gives them (a .qdpx avain wrote), else the
// importing coder, now.
func madeBy(r coding.Record, coder string, now int64) (who string, created, updated int64) {
	who, created, updated = coder, now, now
	if r.Coder != "" {
		who = r.Coder
	}
	if !r.Created.IsZero() {
		created, updated = ms(r.Created), ms(r.Created)
	}
	if r.Updated.After(r.Created) && !r.Created.IsZero() {
		updated = ms(r.Updated)
	}
	return who, created, updated
}
