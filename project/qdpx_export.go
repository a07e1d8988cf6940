package project

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/refiqda"
)

// ExportQDPX writes the whole project as a REFI-QDA project to path
// (mode 0600; see WriteOutput): coders as users, the codebook, documents
// as text sources with their attributes (kind and lang among them) as
// variables, codings as selections, the project's, documents' and
// codings' memos as Descriptions and the codes' as notes, and in avain's
// extension entries the documents' formats and turns and the records
// REFI-QDA has no place for (see refiqda.WriteProject).
func (p *Project) ExportQDPX(ctx context.Context, path, lang, coder string) (QDPXReport, error) {
	var rep QDPXReport
	err := WriteRecorded(path, p.Path(), func(w io.Writer) error {
		var err error
		rep, err = p.writeQDPX(ctx, w, lang)
		return err
	}, func() error {
		return p.Log(ctx, coder, "export", "qdpx", fmt.Sprintf("%d documents, %d codes, %d codings", rep.Documents, rep.Codes, rep.Codings))
	})
	return rep, err
}

// ExportQDPXTo is ExportQDPX to a stream, such as standard output: the
// archive is made whole first, so that a failed export writes nothing.
func (p *Project) ExportQDPXTo(ctx context.Context, w io.Writer, lang, coder string) (QDPXReport, error) {
	var buf bytes.Buffer
	rep, err := p.writeQDPX(ctx, &buf, lang)
	if err != nil {
		return rep, err
	}
	// Recorded before it goes out: a stream cannot be taken back.
	if err := p.Log(ctx, coder, "export", "qdpx", fmt.Sprintf("%d documents, %d codes, %d codings", rep.Documents, rep.Codes, rep.Codings)); err != nil {
		return rep, err
	}
	_, err = w.Write(buf.Bytes())
	return rep, err
}

// writeQDPX writes the project as a .qdpx archive to w.
func (p *Project) writeQDPX(ctx context.Context, w io.Writer, lang string) (QDPXReport, error) {
	e := &qdpxExport{q: &refiqda.Project{Name: strings.TrimSuffix(filepath.Base(p.Path()), filepath.Ext(p.Path())), Origin: refiqda.AvainOrigin,
		Users: map[string]string{}, Memos: map[string]string{}, MemoStamps: map[string]refiqda.Stamp{}}}
	q := e.q
	if err := p.exportMemos(ctx, e); err != nil {
		return e.rep, err
	}
	codings, err := p.Codings(ctx, coding.CodingFilter{})
	if err != nil {
		return e.rep, err
	}
	byDoc := map[string][]*coding.Coding{}
	for _, c := range codings {
		byDoc[c.DocumentID] = append(byDoc[c.DocumentID], c)
	}
	err = p.EachDocument(ctx, func(d *coding.Document) error {
		m, err := p.Memo(ctx, coding.MemoDocument, d.ID)
		if err != nil {
			return err
		}
		q.Sources = append(q.Sources, e.source(d, m, byDoc[d.ID]))
		return nil
	})
	if err != nil {
		return e.rep, err
	}
	if err := refiqda.WriteProject(w, q, lang, time.Now()); err != nil {
		return e.rep, err
	}
	e.rep.Documents, e.rep.Codes, e.rep.Users = len(q.Sources), len(q.Codes), len(q.Users)
	return e.rep, nil
}

// qdpxExport is a .qdpx export in the making: the project as REFI-QDA
// sees it, and the counts so far.
type qdpxExport struct {
	q   *refiqda.Project
	rep QDPXReport
}

// stamp names r's coder as a user of the file and stamps a record with it.
func (e *qdpxExport) stamp(r coding.Record) refiqda.Stamp {
	if r.Coder == "" {
		return refiqda.Stamp{Created: r.Created, Updated: r.Updated}
	}
	user := refiqda.UserGUID(r.Coder)
	e.q.Users[user] = r.Coder
	return refiqda.Stamp{User: user, Created: r.Created, Updated: r.Updated}
}

// exportMemos puts the codebook, the project memo and the code memos in
// the export, and every live memo's author and times.
func (p *Project) exportMemos(ctx context.Context, e *qdpxExport) error {
	cb, err := p.Codebook(ctx)
	if err != nil {
		return err
	}
	memos, err := p.Memos(ctx)
	if err != nil {
		return err
	}
	for _, m := range memos {
		if _, seen := e.q.MemoStamps[m.TargetID]; !seen && !m.Superseded {
			e.q.MemoStamps[m.TargetID] = e.stamp(m.Record)
		}
	}
	if e.q.Memo, err = p.Memo(ctx, coding.MemoProject, coding.ProjectMemoID); err != nil {
		return err
	}
	if e.q.Memo != "" {
		e.rep.Memos++
	}
	e.q.Codes = cb.Codes()
	for _, c := range e.q.Codes {
		m, err := p.Memo(ctx, coding.MemoCode, c.ID)
		if err != nil {
			return err
		}
		if m != "" {
			e.q.Memos[c.ID] = m
			e.rep.Memos++
		}
	}
	return nil
}

// source is document d as a text source, with its memo, its attributes
// (kind and lang among them), its format and turns, and its codings as
// selections of their own.
func (e *qdpxExport) source(d *coding.Document, memo string, codings []*coding.Coding) *refiqda.Source {
	s := &refiqda.Source{GUID: d.ID, Name: d.Name, Text: d.Text, Attrs: map[string]string{"kind": d.Kind, "lang": d.Lang},
		Stamp: e.stamp(d.Record), Format: d.Format, Turns: d.Turns, Memo: memo}
	for k, v := range d.Attrs {
		s.Attrs[k] = v
	}
	if memo != "" {
		e.rep.Memos++
	}
	for _, c := range codings {
		st := e.stamp(c.Record)
		// A selection needs a guid of its own: derived from the coding's.
		s.Selections = append(s.Selections, refiqda.Selection{GUID: selectionGUID(c.ID), Start: c.Start, End: c.End,
			Codings: []refiqda.Coding{{GUID: c.ID, CodeGUID: c.CodeID, User: st.User, Created: c.Created, Updated: c.Updated, Memo: c.Memo}}})
		if c.Memo != "" {
			e.rep.Memos++
		}
		e.rep.Codings++
	}
	return s
}

// selectionGUID is the guid of the selection that carries the coding id.
func selectionGUID(codingID string) string {
	return refiqda.DerivedGUID("selection", codingID)
}
