package refiqda

import (
	"fmt"
	"unicode/utf8"

	"github.com/toituavain/avain/coding"
)

// pendingSelection is a selection as the .qde writes it, with its
// codings' memos, until its source's text is read.
type pendingSelection struct {
	x     xSelection
	memos []string // a memo per coding of x
}

// Load reads the source's text (from its archive entry, or inline), puts
// it in avain's form and converts its selections to code points of it. A
// selection partly outside the text is cut to it and noted in Changed;
// one empty or wholly outside is dropped and noted in Skipped. A text
// over avain's limit on one document is a *TooLargeError. Loading twice,
// or a source made in memory, does nothing.
func (s *Source) Load() error {
	if s.load == nil {
		return nil
	}
	raw, err := s.load()
	if err != nil {
		return fmt.Errorf("source %q: %w", s.Name, err)
	}
	if n := utf8.RuneCountInString(raw); n > coding.MaxDocumentChars {
		what := fmt.Sprintf("source %q", s.Name)
		if s.Entry != "" {
			what += " (" + s.Entry + ")"
		}
		return &TooLargeError{What: what, Chars: n}
	}
	s.load, s.raw = nil, nil
	n, changed := s.chooseUnits(raw)
	raw = ""
	s.Text = n.text
	s.Changed = append(s.Changed, changed...)
	s.useExt()
	for _, ps := range s.pending {
		xs := ps.x
		label := codeID(xs.GUID)
		if xs.Name != "" {
			label += fmt.Sprintf(" (%q)", xs.Name)
		}
		sel := Selection{GUID: codeID(xs.GUID), Start: n.pos(xs.StartPosition), End: n.pos(xs.EndPosition)}
		inside := xs.StartPosition >= 0 && xs.EndPosition <= n.units
		switch {
		case xs.EndPosition < xs.StartPosition:
			s.Skipped = append(s.Skipped, fmt.Sprintf("source %q: selection %s [%d,%d) is reversed (it ends before it starts); dropped",
				s.Name, label, xs.StartPosition, xs.EndPosition))
			continue
		case xs.EndPosition == xs.StartPosition:
			s.Skipped = append(s.Skipped, fmt.Sprintf("source %q: selection %s [%d,%d) is empty; dropped",
				s.Name, label, xs.StartPosition, xs.EndPosition))
			continue
		case sel.End <= sel.Start && !inside:
			s.Skipped = append(s.Skipped, fmt.Sprintf("source %q: selection %s [%d,%d) lies outside the text [0,%d); dropped",
				s.Name, label, xs.StartPosition, xs.EndPosition, n.units))
			continue
		case sel.End <= sel.Start:
			s.Skipped = append(s.Skipped, fmt.Sprintf("source %q: selection %s [%d,%d) covers only trailing white space; dropped",
				s.Name, label, xs.StartPosition, xs.EndPosition))
			continue
		case !inside:
			s.Changed = append(s.Changed, fmt.Sprintf("source %q: selection %s [%d,%d) lies partly outside the text [0,%d); coded as [%d,%d)",
				s.Name, label, xs.StartPosition, xs.EndPosition, n.units, sel.Start, sel.End))
		}
		for i, xc := range xs.Coding {
			user := xc.CreatingUser
			if user == "" {
				user = xs.CreatingUser
			}
			c := Coding{GUID: codeID(xc.GUID), CodeGUID: codeID(xc.CodeRef.TargetGUID), User: codeID(user), Memo: ps.memos[i]}
			if user == "" {
				c.User = ""
			}
			c.Created, c.Updated = codingTimes(xc, xs)
			sel.Codings = append(sel.Codings, c)
		}
		s.Selections = append(s.Selections, sel)
	}
	s.pending = nil
	return nil
}
