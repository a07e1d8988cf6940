package project

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/refiqda"
	"github.com/toituavain/avain/store"
	"github.com/toituavain/avain/transcript"
)

// QDPXReport says what an exchange with a REFI-QDA project carried.
type QDPXReport struct {
	Documents, Codes, Codings, Memos, Users int
	Duplicates                              []string // documents already in the project, by name
	Skipped                                 []string // what could not be carried, a line each
}

// Summary is the report's counts on one line: "10 documents, 71 codes,
// 412 codings by 2 coders, 0 memos".
func (r QDPXReport) Summary() string {
	n := func(k int, one, many string) string {
		if k == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%d %s", k, many)
	}
	return n(r.Documents, "document", "documents") + ", " + n(r.Codes, "code", "codes") + ", " +
		n(r.Codings, "coding", "codings") + " by " + n(r.Users, "coder", "coders") + ", " + n(r.Memos, "memo", "memos")
}

// ExportQDPX writes the whole project as a REFI-QDA project to path
// (mode 0600): coders as users, the codebook, documents as text sources
// with their attributes (kind and lang among them) as variables, codings
// as selections, and memos as notes.
func (p *Project) ExportQDPX(ctx context.Context, path, lang, coder string) (QDPXReport, error) {
	var rep QDPXReport
	cb, err := p.Codebook(ctx)
	if err != nil {
		return rep, err
	}
	q := &refiqda.Project{Name: strings.TrimSuffix(filepath.Base(p.Path()), filepath.Ext(p.Path())), Origin: "avain",
		Users: map[string]string{}, Memos: map[string]string{}}
	q.Codes = cb.Codes()
	for _, c := range q.Codes {
		m, err := p.Memo(ctx, coding.MemoCode, c.ID)
		if err != nil {
			return rep, err
		}
		if m != "" {
			q.Memos[c.ID] = m
			rep.Memos++
		}
	}
	codings, err := p.Codings(ctx, store.CodingFilter{})
	if err != nil {
		return rep, err
	}
	byDoc := map[string][]*coding.Coding{}
	for _, c := range codings {
		byDoc[c.DocumentID] = append(byDoc[c.DocumentID], c)
	}
	err = p.EachDocument(ctx, func(d *coding.Document) error {
		s := &refiqda.Source{GUID: d.ID, Name: d.Name, Text: d.Text, Attrs: map[string]string{"kind": d.Kind, "lang": d.Lang}}
		for k, v := range d.Attrs {
			s.Attrs[k] = v
		}
		m, err := p.Memo(ctx, coding.MemoDocument, d.ID)
		if err != nil {
			return err
		}
		if s.Memo = m; m != "" {
			rep.Memos++
		}
		for _, c := range byDoc[d.ID] {
			user := refiqda.UserGUID(c.Coder)
			q.Users[user] = c.Coder
			s.Selections = append(s.Selections, refiqda.Selection{GUID: c.ID, Start: c.Start, End: c.End,
				Codings: []refiqda.Coding{{GUID: c.ID, CodeGUID: c.CodeID, User: user, Created: c.Created, Memo: c.Memo}}})
			if c.Memo != "" {
				rep.Memos++
			}
			rep.Codings++
		}
		q.Sources = append(q.Sources, s)
		return nil
	})
	if err != nil {
		return rep, err
	}
	// Selections need guids of their own: derive them from the coding's.
	for _, s := range q.Sources {
		for i := range s.Selections {
			s.Selections[i].GUID = selectionGUID(s.Selections[i].GUID)
		}
	}
	var buf bytes.Buffer
	if err := refiqda.WriteProject(&buf, q, lang, time.Now()); err != nil {
		return rep, err
	}
	if err := WritePrivateFile(path, buf.Bytes()); err != nil {
		return rep, err
	}
	rep.Documents, rep.Codes, rep.Users = len(q.Sources), len(q.Codes), len(q.Users)
	return rep, p.Log(ctx, coder, "export", "qdpx", fmt.Sprintf("%d documents, %d codes, %d codings", rep.Documents, rep.Codes, rep.Codings))
}

// selectionGUID is the guid of the selection that carries the coding id.
func selectionGUID(codingID string) string {
	return refiqda.DerivedGUID("selection", codingID)
}

// ImportQDPX reads a REFI-QDA project (.qdpx, or a bare .qde) into the
// project: its codes (a code whose guid is already here is updated), its
// text sources as documents (turns found in their text as in a .txt;
// kind, lang and the other variables as attributes; a text already here
// is not imported twice, and its codings go onto the one here), their
// codings by their users, and the memos. Everything is read and checked
// before anything is written, so a bad file changes nothing.
func (p *Project) ImportQDPX(ctx context.Context, path, coder string) (QDPXReport, error) {
	var rep QDPXReport
	q, err := refiqda.ReadProjectFile(path)
	if err != nil {
		return rep, err
	}
	rep.Skipped = append(rep.Skipped, q.Skipped...)
	for _, n := range q.Notes {
		rep.Skipped = append(rep.Skipped, fmt.Sprintf("a project note (avain has no project memos): %.60q", n))
	}
	// Check: every coding's code is in the file's codebook or here.
	have, err := p.Codebook(ctx)
	if err != nil {
		return rep, err
	}
	known := map[string]bool{}
	for _, c := range q.Codes {
		known[c.ID] = true
	}
	docs := make([]*coding.Document, 0, len(q.Sources))
	for _, s := range q.Sources {
		for _, sel := range s.Selections {
			for _, c := range sel.Codings {
				if !known[c.CodeGUID] && have.Code(c.CodeGUID) == nil {
					return rep, fmt.Errorf("%s: source %q codes with %s, which is in no codebook", path, s.Name, c.CodeGUID)
				}
			}
		}
		d, err := sourceDocument(s)
		if err != nil {
			return rep, fmt.Errorf("%s: source %q: %w", path, s.Name, err)
		}
		docs = append(docs, d)
	}
	if len(q.Codes) > 0 {
		if _, err := coding.NewCodebook(append(have.Codes(), newCodes(have, q.Codes)...)); err != nil {
			return rep, fmt.Errorf("%s: %w", path, err)
		}
	}
	// Write: codes, documents, codings, memos.
	if len(q.Codes) > 0 {
		if _, err := p.ImportCodes(ctx, q.Codes, coder); err != nil {
			return rep, fmt.Errorf("%s: %w", path, err)
		}
		rep.Codes = len(q.Codes)
	}
	for code, m := range q.Memos {
		if err := p.SetMemo(ctx, coding.MemoCode, code, m, coder); err != nil {
			return rep, err
		}
		rep.Memos++
	}
	users := map[string]bool{}
	for i, s := range q.Sources {
		d := docs[i]
		err := p.ImportDocument(ctx, d, coder)
		var dup *store.DuplicateError
		switch {
		case errors.As(err, &dup):
			rep.Duplicates = append(rep.Duplicates, s.Name)
			d.ID = dup.ExistingID
		case err != nil:
			return rep, fmt.Errorf("%s: source %q: %w", path, s.Name, err)
		default:
			rep.Documents++
		}
		if s.Memo != "" {
			if err := p.SetMemo(ctx, coding.MemoDocument, d.ID, s.Memo, coder); err != nil {
				return rep, err
			}
			rep.Memos++
		}
		for _, sel := range s.Selections {
			for _, qc := range sel.Codings {
				who := q.Users[qc.User]
				if who == "" {
					who = coder
				}
				users[who] = true
				c := &coding.Coding{Record: coding.Record{Coder: who}, DocumentID: d.ID, CodeID: qc.CodeGUID,
					Start: sel.Start, End: sel.End, Memo: qc.Memo}
				created, err := p.AddCoding(ctx, c)
				if err != nil {
					return rep, fmt.Errorf("%s: source %q: %w", path, s.Name, err)
				}
				if created {
					rep.Codings++
					if qc.Memo != "" {
						rep.Memos++
					}
				}
			}
		}
	}
	rep.Users = len(users)
	return rep, p.Log(ctx, coder, "import", "qdpx", fmt.Sprintf("%s: %d documents, %d codes, %d codings",
		filepath.Base(path), rep.Documents, rep.Codes, rep.Codings))
}

// newCodes returns the codes of in that have no code here.
func newCodes(have *coding.Codebook, in []*coding.Code) []*coding.Code {
	var out []*coding.Code
	for _, c := range in {
		if have.Code(c.ID) == nil {
			out = append(out, c)
		}
	}
	return out
}

// sourceDocument makes the document for a REFI-QDA text source.
func sourceDocument(s *refiqda.Source) (*coding.Document, error) {
	d := &coding.Document{Name: s.Name, Format: "txt", Text: s.Text, Kind: coding.KindOther, Attrs: map[string]string{}}
	for k, v := range s.Attrs {
		switch {
		case k == "kind" && coding.ValidKind(v):
			d.Kind = v
		case k == "lang" && (v == coding.LangFinnish || v == coding.LangEnglish):
			d.Lang = v
		default:
			d.Attrs[k] = v
		}
	}
	if d.Lang == "" {
		d.Lang = transcript.DetectLang(d.Text)
	}
	if strings.TrimSpace(d.Text) == "" {
		return nil, errors.New("its text is empty")
	}
	d.Turns = transcript.Turns(d.Text)
	d.Hash = coding.ContentHash(d.Text)
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return d, nil
}
