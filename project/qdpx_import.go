package project

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/refiqda"
	"github.com/toituavain/avain/store"
	"github.com/toituavain/avain/transcript"
)

// ImportQDPX reads a REFI-QDA project (.qdpx, or a bare .qde) into the
// project, in one transaction (all of it or nothing): its codes (a code
// whose guid is already here keeps its names and place, see
// store.ImportCodes), its text sources as documents by their makers
// (turns found in their text as in a .txt, or an avain export's own;
// kind, lang, the other variables and the sets they are in as
// attributes; a text already here is not imported twice, and its codings
// go onto the one here), their codings by their users, its annotations
// as codings of a code "Annotations", and the memos, the project memo
// too (see refiqda.OpenProjectFile for where each comes from). Sources
// are read from the archive one at a time, each within avain's limit on
// one document. The report names what was kept otherwise, and what not.
func (p *Project) ImportQDPX(ctx context.Context, path, coder string) (QDPXReport, error) {
	return p.ImportQDPXWith(ctx, path, coder, QDPXImportOptions{})
}

// QDPXImportOptions change how ImportQDPXWith brings a REFI-QDA project
// in.
type QDPXImportOptions struct {
	// MatchCodesByName matches the file's codes whose ids are not here to
	// the codes here by their names (see matchCodesByName): for a project
	// that went through a tool which gives every code a new id.
	MatchCodesByName bool
}

// ImportQDPXWith is ImportQDPX with options.
func (p *Project) ImportQDPXWith(ctx context.Context, path, coder string, opts QDPXImportOptions) (QDPXReport, error) {
	var rep QDPXReport
	q, err := refiqda.OpenProjectFile(path)
	if err != nil {
		return rep, err
	}
	defer q.Close()
	rep.Skipped = append(rep.Skipped, q.Skipped...)
	for _, n := range q.Notes {
		rep.Skipped = append(rep.Skipped, fmt.Sprintf("a note nothing in the file refers to (not a memo of a document, code, coding or the project): %.60q", n))
	}
	rep.Changed = append(rep.Changed, q.Changed...)
	// The codebook is checked before anything is read of the sources.
	have, err := p.Codebook(ctx)
	if err != nil {
		return rep, err
	}
	annotationsHere(q, have)
	match := codeMatch{}
	if opts.MatchCodesByName {
		// The code avain made for annotations is matched by
		// annotationsHere, never to a category of its name.
		ann := takeCode(q, refiqda.AnnotationsGUID)
		match = matchCodesByName(have, q)
		if ann != nil {
			q.Codes = append(q.Codes, ann)
		}
		q.AnnotationsCode = match.id(q.AnnotationsCode)
		rep.Changed = append(rep.Changed, match.ambiguous...)
	}
	if q.Annotations > 0 {
		what := fmt.Sprintf("%d annotations", q.Annotations)
		if q.Annotations == 1 {
			what = "1 annotation"
		}
		rep.Changed = append(rep.Changed, fmt.Sprintf("%s kept as codings of the code %q, their text as the coding memo",
			what, refiqda.AnnotationsName))
	}
	known := map[string]bool{}
	for _, c := range q.Codes {
		known[c.ID] = true
	}
	if len(q.Codes) > 0 {
		if _, err := coding.NewCodebook(append(have.Codes(), newCodes(have, q.Codes)...)); err != nil {
			if !opts.MatchCodesByName && clashByName(have, q.Codes) {
				return rep, fmt.Errorf("%s: %w (if the file went through another tool that gave its codes new ids, try --match-codes-by-name)", path, err)
			}
			return rep, fmt.Errorf("%s: %w", path, err)
		}
	}
	sources := func(add func(*store.DocumentImport) error) error {
		for _, s := range q.Sources {
			di, err := sourceImport(s, q, coder, match.id, func(code string) bool { return known[code] || have.Code(code) != nil })
			if err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			rep.Skipped = append(rep.Skipped, s.Skipped...)
			rep.Changed = append(rep.Changed, s.Changed...)
			if err := add(di); err != nil {
				return fmt.Errorf("%s: source %q: %w", path, s.Name, err)
			}
		}
		return nil
	}
	res, err := p.Store.ImportProject(ctx, store.ProjectImport{Coder: coder, Source: filepath.Base(path),
		Codes: q.Codes, CodeMemos: q.Memos, CodeMemoStamps: memoStamps(q, q.Memos), Documents: sources, ForeignDefinitions: q.ForeignDescriptions,
		ProjectMemo: q.Memo, ProjectMemoStamp: memoStamp(q, coding.ProjectMemoID)})
	if err != nil {
		if strings.HasPrefix(err.Error(), path+":") {
			return QDPXReport{}, err
		}
		return QDPXReport{}, fmt.Errorf("%s: %w", path, err)
	}
	rep.Documents, rep.Duplicates, rep.Codings, rep.Memos, rep.Users = res.Documents, res.Duplicates, res.Codings, res.Memos, len(res.Coders)
	rep.Codes, rep.Conflicts = len(q.Codes), res.Codes.Conflicts
	rep.Skipped = append(rep.Skipped, res.Removed...)
	return rep, nil
}

// sourceImport loads a source's text and makes its document and codings
// (by their users, else by coder), then lets the source forget its text:
// one source's text in memory at a time. A coding's code is the one
// codeID gives for the file's, and must be one that known reports.
func sourceImport(s *refiqda.Source, q *refiqda.Project, coder string, codeID func(string) string, known func(string) bool) (*store.DocumentImport, error) {
	if err := s.Load(); err != nil {
		return nil, err
	}
	defer func() { s.Text, s.Selections = "", nil }()
	d, err := sourceDocument(s)
	if err != nil {
		return nil, fmt.Errorf("source %q: %w", s.Name, err)
	}
	d.Record = coding.Record{Coder: q.Users[s.Stamp.User], Created: s.Stamp.Created, Updated: s.Stamp.Updated}
	di := &store.DocumentImport{Doc: d, Memo: s.Memo, MemoStamp: memoStamp(q, s.GUID)}
	for _, sel := range s.Selections {
		for _, qc := range sel.Codings {
			if qc.CodeGUID == refiqda.AnnotationsGUID {
				qc.CodeGUID = q.AnnotationsCode
			} else {
				qc.CodeGUID = codeID(qc.CodeGUID)
			}
			if !known(qc.CodeGUID) {
				return nil, fmt.Errorf("source %q codes with %s, which is in no codebook", s.Name, qc.CodeGUID)
			}
			who := q.Users[qc.User]
			if who == "" {
				who = coder
			}
			di.Codings = append(di.Codings, &coding.Coding{Record: coding.Record{Coder: who, Created: qc.Created, Updated: qc.Updated},
				CodeID: qc.CodeGUID, Start: sel.Start, End: sel.End, Memo: qc.Memo})
			di.CodingMemoStamps = append(di.CodingMemoStamps, memoStamp(q, qc.GUID))
			di.CodingGUIDs = append(di.CodingGUIDs, qc.GUID)
		}
	}
	return di, nil
}

// memoStamp is who wrote the memo on target (a code id, source or
// coding guid) and when, as the file says: the author by name through its
// users; zero fields where the file says nothing.
func memoStamp(q *refiqda.Project, target string) store.MemoStamp {
	st := q.MemoStamps[target]
	return store.MemoStamp{Coder: q.Users[st.User], Created: st.Created, Updated: st.Updated}
}

// memoStamps are the stamps of the memos of memos' targets.
func memoStamps(q *refiqda.Project, memos map[string]string) map[string]store.MemoStamp {
	out := map[string]store.MemoStamp{}
	for id := range memos {
		out[id] = memoStamp(q, id)
	}
	return out
}

// annotationsHere makes the file's annotations codings of the project's
// codable code named refiqda.AnnotationsName when the file has none of
// that name (its reader made one) and the project has one. A category
// here of that name is left as it is: the code made for the annotations
// goes under it.
func annotationsHere(q *refiqda.Project, have *coding.Codebook) {
	if q.AnnotationsCode != refiqda.AnnotationsGUID || have.Code(refiqda.AnnotationsGUID) != nil {
		return
	}
	var category *coding.Code
	for _, c := range have.Codes() {
		if !strings.EqualFold(c.NameFi, refiqda.AnnotationsName) && !strings.EqualFold(c.NameEn, refiqda.AnnotationsName) {
			continue
		}
		if c.NotCodable {
			category = c
			continue
		}
		takeCode(q, refiqda.AnnotationsGUID)
		q.AnnotationsCode = c.ID // sourceImport codes with it
		return
	}
	if category == nil {
		return
	}
	for _, k := range q.Codes {
		if k.ID == refiqda.AnnotationsGUID {
			k.ParentID = category.ID
		}
	}
}

// takeCode removes the code id from q's codes and returns it (nil when
// q has none).
func takeCode(q *refiqda.Project, id string) *coding.Code {
	for i, k := range q.Codes {
		if k.ID == id {
			q.Codes = append(q.Codes[:i], q.Codes[i+1:]...)
			return k
		}
	}
	return nil
}

// clashByName reports whether a code of in that is not here has a name
// of a code here: the file may have gone through a tool that gave its
// codes new ids.
func clashByName(have *coding.Codebook, in []*coding.Code) bool {
	for _, c := range newCodes(have, in) {
		if len(named(have.Codes(), c)) > 0 {
			return true
		}
	}
	return false
}

// newCodes returns the codes of in that have no code here, each without
// its shortcut, for the check of the codebook they make: a shortcut a
// code here (or an earlier one of the file) holds is no reason to refuse
// the file; the store drops it and reports it.
func newCodes(have *coding.Codebook, in []*coding.Code) []*coding.Code {
	var out []*coding.Code
	for _, c := range in {
		if have.Code(c.ID) == nil {
			bare := *c
			bare.Shortcut = ""
			out = append(out, &bare)
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
	if len(s.Turns) > 0 { // avain wrote the file: its turns, speakers and times
		d.Turns = s.Turns
	}
	if s.Format != "" {
		d.Format = s.Format
	}
	d.Hash = coding.ContentHash(d.Text)
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return d, nil
}
