package report

import "github.com/toituavain/avain/coding"

// codeEntry is one code of the codebook appendix.
type codeEntry struct {
	Name, Other, Color, Path         string
	Depth                            int
	Theme, Category                  bool
	Short, Definition, When, WhenNot string
	Example                          string
}

// codebookEntries lists the codes of the report (every code, or the
// subtrees o.Codes selects) in tree order with their definitions.
func codebookEntries(cb *coding.Codebook, o Options) []codeEntry {
	in := map[string]bool{}
	for _, ref := range o.Codes {
		if c, err := cb.Resolve(ref); err == nil {
			for _, id := range cb.Subtree(c.ID) {
				in[id] = true
			}
		}
	}
	other := coding.LangEnglish
	if o.Lang == coding.LangEnglish {
		other = coding.LangFinnish
	}
	var out []codeEntry
	for _, c := range cb.Codes() {
		if len(in) > 0 && !in[c.ID] {
			continue
		}
		e := codeEntry{Name: c.Name(o.Lang), Color: c.Color, Depth: cb.Depth(c.ID), Theme: c.ParentID == "",
			Category: c.NotCodable, Short: c.ShortDef, Definition: c.Definition, When: c.WhenToUse,
			WhenNot: c.WhenNotUse, Example: c.Example}
		if n := c.Name(other); n != e.Name {
			e.Other = n
		}
		if c.ParentID != "" {
			e.Path = cb.PathString(c.ParentID, o.Lang)
		}
		out = append(out, e)
	}
	return out
}
