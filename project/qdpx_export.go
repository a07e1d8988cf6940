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
	var rep QDPXReport
	cb, err := p.Codebook(ctx)
	if err != nil {
		return rep, err
	}
	q := &refiqda.Project{Name: strings.TrimSuffix(filepath.Base(p.Path()), filepath.Ext(p.Path())), Origin: "avain",
		Users: map[string]string{}, Memos: map[string]string{}, MemoStamps: map[string]refiqda.Stamp{}}
	// stamp names coder's user in the file and stamps a record with it.
	stamp := func(r coding.Record) refiqda.Stamp {
		if r.Coder == "" {
			return refiqda.Stamp{Created: r.Created, Updated: r.Updated}
		}
		user := refiqda.UserGUID(r.Coder)
		q.Users[user] = r.Coder
		return refiqda.Stamp{User: user, Created: r.Created, Updated: r.Updated}
	}
	memos, err := p.Memos(ctx)
	if err != nil {
		return rep, err
	}
	for _, m := range memos {
		if _, seen := q.MemoStamps[m.TargetID]; !seen && !m.Superseded {
			q.MemoStamps[m.TargetID] = stamp(m.Record)
		}
	}
	if q.Memo, err = p.Memo(ctx, coding.MemoProject, coding.ProjectMemoID); err != nil {
		return rep, err
	}
	if q.Memo != "" {
		rep.Memos++
	}
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
	codings, err := p.Codings(ctx, coding.CodingFilter{})
	if err != nil {
		return rep, err
	}
	byDoc := map[string][]*coding.Coding{}
	for _, c := range codings {
		byDoc[c.DocumentID] = append(byDoc[c.DocumentID], c)
	}
	err = p.EachDocument(ctx, func(d *coding.Document) error {
		s := &refiqda.Source{GUID: d.ID, Name: d.Name, Text: d.Text, Attrs: map[string]string{"kind": d.Kind, "lang": d.Lang},
			Stamp: stamp(d.Record), Format: d.Format, Turns: d.Turns}
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
			st := stamp(c.Record)
			s.Selections = append(s.Selections, refiqda.Selection{GUID: c.ID, Start: c.Start, End: c.End,
				Codings: []refiqda.Coding{{GUID: c.ID, CodeGUID: c.CodeID, User: st.User, Created: c.Created, Updated: c.Updated, Memo: c.Memo}}})
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
	if err := refiqda.WriteProject(w, q, lang, time.Now()); err != nil {
		return rep, err
	}
	rep.Documents, rep.Codes, rep.Users = len(q.Sources), len(q.Codes), len(q.Users)
	return rep, nil
}

// selectionGUID is the guid of the selection that carries the coding id.
func selectionGUID(codingID string) string {
	return refiqda.DerivedGUID("selection", codingID)
}
