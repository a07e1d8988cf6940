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

// passageFilter is a parsed retrieval filter: key:value terms (coder,
// kind or any document attribute; one key given twice matches either
// value) and free words matched in the text, the document's name and the
// speaker. Every key and word must match; case does not matter, and a
// value matches the values it begins.
type passageFilter struct {
	terms map[string][]string
	words []string
}

func parsePassageFilter(s string) passageFilter {
	f := passageFilter{terms: map[string][]string{}}
	for _, t := range strings.Fields(strings.ToLower(s)) {
		if k, v, ok := strings.Cut(t, ":"); ok && k != "" {
			f.terms[k] = append(f.terms[k], v)
		} else {
			f.words = append(f.words, t)
		}
	}
	return f
}

// empty reports whether the filter lets every passage through.
func (f passageFilter) empty() bool { return len(f.terms) == 0 && len(f.words) == 0 }

// coder reports whether a coder's name passes the filter's coder terms.
func (f passageFilter) coder(name string) bool {
	vs, ok := f.terms["coder"]
	return !ok || anyPrefix(strings.ToLower(name), vs)
}

func anyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// match reports whether p passes the filter.
func (f passageFilter) match(p passage) bool {
	for k, vs := range f.terms {
		ok := false
		if k == "coder" {
			for _, c := range p.coders {
				ok = ok || f.coder(c)
			}
		} else {
			for ak, av := range p.attrs {
				ok = ok || strings.ToLower(ak) == k && anyPrefix(strings.ToLower(av), vs)
			}
		}
		if !ok {
			return false
		}
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
