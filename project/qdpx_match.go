package project

import (
	"fmt"
	"strings"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/refiqda"
	"golang.org/x/text/unicode/norm"
)

// codeMatch is what matching a file's codes to the codes here by name
// found: the ids it gave the file's codes (file id -> id here), and a line
// for each code of the file whose name fits more than one code here.
type codeMatch struct {
	ids       map[string]string
	ambiguous []string
}

// id is the id here of the file's code id: the code here its name
// matched, else the id itself.
func (m codeMatch) id(fileID string) string {
	if here, ok := m.ids[fileID]; ok {
		return here
	}
	return fileID
}

// matchCodesByName matches the codes of q to the codes here by their
// names, for a project that went through a tool which gave every code a
// new id: a code of the file whose id is not here takes the id of the
// code here with the same names from the top of the tree down (either
// language, case and spacing aside), else of the one code here anywhere
// with its name (a code the other tool moved). A name that fits several
// codes here matches none of them, and is reported. q's codes, code memos
// and their stamps take the ids here; the codings' codes are mapped by
// the result's id.
func matchCodesByName(have *coding.Codebook, q *refiqda.Project) codeMatch {
	m := codeMatch{ids: map[string]string{}}
	taken := map[string]bool{} // codes here a code of the file has
	for _, c := range q.Codes {
		if have.Code(c.ID) != nil {
			taken[c.ID] = true
		}
	}
	children := map[string][]*coding.Code{} // file codes by parent
	for _, c := range q.Codes {
		children[c.ParentID] = append(children[c.ParentID], c)
	}
	// By path: a file code under a parent matched (or at the top) looks
	// among the children of that parent's code here.
	var walk func(fileParent, hereParent string)
	walk = func(fileParent, hereParent string) {
		for _, c := range children[fileParent] {
			id := c.ID
			if have.Code(id) == nil {
				if here := uniqueByName(have.Children(hereParent), c, taken); here != nil {
					m.ids[c.ID], taken[here.ID] = here.ID, true
					id = here.ID
				}
			}
			if have.Code(id) != nil {
				walk(c.ID, id)
			}
		}
	}
	walk("", "")
	// Anywhere: the codes the paths left, by a name one code here has.
	for _, c := range q.Codes {
		if _, done := m.ids[c.ID]; done || have.Code(c.ID) != nil {
			continue
		}
		all := named(have.Codes(), c)
		var free []*coding.Code
		for _, h := range all {
			if !taken[h.ID] {
				free = append(free, h)
			}
		}
		switch {
		case len(free) == 1 && len(all) == 1:
			m.ids[c.ID], taken[free[0].ID] = free[0].ID, true
		case len(all) > 1:
			var paths []string
			for _, h := range all {
				paths = append(paths, have.PathString(h.ID, coding.LangFinnish))
			}
			m.ambiguous = append(m.ambiguous, fmt.Sprintf("code %q matches %d codes here by name (%s): imported as a code of its own",
				c.Name(coding.LangFinnish), len(all), strings.Join(paths, ", ")))
		}
	}
	m.apply(q)
	return m
}

// apply gives q's codes, their parents, memos, memo stamps and foreign
// descriptions the ids here.
func (m codeMatch) apply(q *refiqda.Project) {
	if len(m.ids) == 0 {
		return
	}
	for _, c := range q.Codes {
		c.ID, c.ParentID = m.id(c.ID), m.id(c.ParentID)
	}
	memos := map[string]string{}
	for id, t := range q.Memos {
		memos[m.id(id)] = t
	}
	q.Memos = memos
	stamps := map[string]refiqda.Stamp{}
	for id, st := range q.MemoStamps {
		stamps[m.id(id)] = st
	}
	q.MemoStamps = stamps
	foreign := map[string]bool{}
	for id, f := range q.ForeignDescriptions {
		foreign[m.id(id)] = f
	}
	// A code matched by name came through another tool: a Description
	// that reads as a definition alone may be that tool's cut of avain's
	// entry (QualCoder keeps a paragraph), so it must not replace the
	// definition parts here either.
	matched := map[string]bool{}
	for _, here := range m.ids {
		matched[here] = true
	}
	for _, c := range q.Codes {
		if matched[c.ID] && c.ShortDef == "" && c.WhenToUse == "" && c.WhenNotUse == "" && c.Example == "" && c.Definition != "" {
			foreign[c.ID] = true
		}
	}
	q.ForeignDescriptions = foreign
}

// uniqueByName is the one code of codes not yet taken whose name is c's,
// or nil when none or several are.
func uniqueByName(codes []*coding.Code, c *coding.Code, taken map[string]bool) *coding.Code {
	var found *coding.Code
	for _, h := range named(codes, c) {
		if taken[h.ID] {
			continue
		}
		if found != nil {
			return nil
		}
		found = h
	}
	return found
}

// named are the codes of codes with one of c's names.
func named(codes []*coding.Code, c *coding.Code) []*coding.Code {
	var out []*coding.Code
	for _, h := range codes {
		if sameName(h, c) {
			out = append(out, h)
		}
	}
	return out
}

// sameName reports whether two codes share a name, in either language,
// case and runs of white space aside.
func sameName(a, b *coding.Code) bool {
	for _, x := range []string{a.NameFi, a.NameEn} {
		for _, y := range []string{b.NameFi, b.NameEn} {
			if x = nameKey(x); x != "" && x == nameKey(y) {
				return true
			}
		}
	}
	return false
}

// nameKey is a name as matching compares it: NFC, lower case, its words
// joined by single spaces.
func nameKey(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(norm.NFC.String(s))), " ")
}
