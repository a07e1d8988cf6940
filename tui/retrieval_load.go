package tui

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/toituavain/avain/coding"
)

// retrieveMsg asks for the retrieval view of a code and its child codes;
// from a themes-view cell, of the documents of one group of the split
// only: those whose attributes by have the values (coding.NoValue for a
// document without one).
type retrieveMsg struct {
	codeID string
	by     []string
	values []string
}

// group names the group a retrieval is limited to ("" for none).
func (r retrieveMsg) group() string {
	var parts []string
	for i, a := range r.by {
		parts = append(parts, a+": "+r.values[i])
	}
	return strings.Join(parts, " · ")
}

// passage is one coded span of a document, shown once however many
// coders (and codes of the subtree) coded exactly it.
type passage struct {
	docID, docName string
	kind           string
	attrs          map[string]string // the document's attributes, kind and lang included
	turn           int
	speaker        string
	start, end     int
	text           string
	codeIDs        []string // in the order first met
	coders         []string // sorted
}

// passagesMsg carries the passages of a retrieval.
type passagesMsg struct {
	req     retrieveMsg
	subtree bool
	cb      *coding.Codebook
	list    []passage
	docs    int
}

// splitValues are a document's values to split by, as the themes view
// splits: its attributes, kind and lang.
func splitValues(d *coding.Document) map[string]string {
	m := make(map[string]string, len(d.Attrs)+2)
	for k, v := range d.Attrs {
		m[k] = v
	}
	m["kind"], m["lang"] = d.Kind, d.Lang
	return m
}

// inGroup reports whether a document's values put it in req's group.
func (r retrieveMsg) inGroup(attrs map[string]string) bool {
	for i, a := range r.by {
		v := attrs[a]
		if v == "" {
			v = coding.NoValue
		}
		if v != r.values[i] {
			return false
		}
	}
	return true
}

// loadPassages returns the command that reads the passages of req: every
// live coding of the code (and its child codes when subtree) on the
// documents of req's group, one passage per span, reading each document
// once; in document name and text order.
func loadPassages(svc Services, req retrieveMsg, subtree bool) tea.Cmd {
	return func() tea.Msg {
		ctx := context.Background()
		fail := func(err error) tea.Msg { return errMsg{fmt.Errorf("retrieving coded passages: %w", err)} }
		cb, err := svc.Codebook(ctx)
		if err != nil {
			return fail(err)
		}
		ids := []string{req.codeID}
		if subtree {
			ids = cb.Subtree(req.codeID)
		}
		cs, err := svc.Codings(ctx, coding.CodingFilter{CodeIDs: ids})
		if err != nil {
			return fail(err)
		}
		docs := map[string]*coding.Document{}
		texts := map[string]coding.TextIndex{}
		out := map[[3]string]*passage{}
		var order []*passage
		for _, c := range cs {
			d, seen := docs[c.DocumentID]
			if !seen {
				if d, err = svc.Document(ctx, c.DocumentID); err != nil {
					return fail(err)
				}
				if !req.inGroup(splitValues(d)) {
					d = nil
				} else {
					texts[d.ID] = coding.NewTextIndex(d.Text)
				}
				docs[c.DocumentID] = d
			}
			if d == nil {
				continue
			}
			k := [3]string{d.ID, fmt.Sprint(c.Start), fmt.Sprint(c.End)}
			p := out[k]
			if p == nil {
				n := d.TurnAt(c.Start)
				p = &passage{docID: d.ID, docName: d.Name, kind: d.Kind, attrs: splitValues(d), turn: n,
					start: c.Start, end: c.End, text: texts[d.ID].Slice(c.Start, c.End)}
				if n > 0 && n <= len(d.Turns) {
					p.speaker = d.Turns[n-1].Speaker
				}
				out[k] = p
				order = append(order, p)
			}
			if !slices.Contains(p.codeIDs, c.CodeID) {
				p.codeIDs = append(p.codeIDs, c.CodeID)
			}
			if !slices.Contains(p.coders, c.Coder) {
				p.coders = append(p.coders, c.Coder)
				sort.Strings(p.coders)
			}
		}
		sort.SliceStable(order, func(i, j int) bool {
			a, b := order[i], order[j]
			if a.docName != b.docName {
				return a.docName < b.docName
			}
			if a.start != b.start {
				return a.start < b.start
			}
			return a.end < b.end
		})
		msg := passagesMsg{req: req, subtree: subtree, cb: cb}
		inDocs := map[string]bool{}
		for _, p := range order {
			msg.list = append(msg.list, *p)
			inDocs[p.docID] = true
		}
		msg.docs = len(inDocs)
		return msg
	}
}

// passageFilter is a parsed retrieval filter, typed as the documents
// filter is (coding.DocFilter: key:value or key=value, quoted values with
// spaces, every term required, case-insensitive, a value found anywhere
// in the field's): coder:NAME keeps the passages that coder coded; kind,
// lang, name and any document attribute (region:Kuopio) the passages of
// those documents; free words are found in the passage's text, its
// document's name and its speaker.
type passageFilter struct {
	doc    coding.DocFilter // the document's terms, without free words
	coders []string
	words  []string
}

func parsePassageFilter(s string) passageFilter {
	d := coding.ParseDocFilter(s)
	f := passageFilter{words: d.Words}
	for _, t := range d.Fields {
		if t.Key == "coder" {
			f.coders = append(f.coders, t.Value)
		} else {
			f.doc.Fields = append(f.doc.Fields, t)
		}
	}
	return f
}

// coder reports whether a coder's name matches one of the coder terms (or
// there are none): the codings an export with a coder filter keeps.
func (f passageFilter) coder(name string) bool {
	name = strings.ToLower(name)
	for _, c := range f.coders {
		if strings.Contains(name, c) {
			return true
		}
	}
	return len(f.coders) == 0
}

// match reports whether p passes the filter.
func (f passageFilter) match(p passage) bool {
	for _, c := range f.coders {
		if !slices.ContainsFunc(p.coders, func(n string) bool { return strings.Contains(strings.ToLower(n), c) }) {
			return false
		}
	}
	if len(f.doc.Fields) > 0 && !f.doc.Match(coding.DocSummary{Name: p.docName, Kind: p.kind, Lang: p.attrs["lang"], Attrs: p.attrs}) {
		return false
	}
	if len(f.words) > 0 {
		hay := strings.ToLower(p.text + "\x00" + p.docName + "\x00" + p.speaker)
		for _, w := range f.words {
			if !strings.Contains(hay, w) {
				return false
			}
		}
	}
	return true
}
