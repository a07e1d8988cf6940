package tui

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"github.com/toituavain/avain/coding"
)

// maxInVivoName is the longest in-vivo code name made from the words
// selected, in code points; a longer selection is cut at a word.
const maxInVivoName = 60

// applyNewCode makes a code named name under theme parent ("" for the top
// level) and codes the selection, or the turn under the caret, with it,
// as one undoable step.
func (r Reader) applyNewCode(name, parent string) (Reader, tea.Cmd) {
	if r.doc == nil || r.codebook == nil {
		return r, nil
	}
	sel, span := r.codeTarget()
	path := name
	if parent != "" {
		path = r.codeName(parent) + "/" + name
	}
	label := r.where(span) + ": " + path
	return r, newCodeApplied(r.c, r.codebook.Code(parent), name, []target{{doc: r.doc, sel: sel}}, label)
}

// inVivo makes a code named by the words selected (or the word under the
// caret) under the theme of the code applied last, and codes those words
// with it; a code of that name there already is applied instead.
func (r Reader) inVivo() (Reader, tea.Cmd) {
	if r.doc == nil || r.codebook == nil {
		return r, nil
	}
	span, ok := r.Selection()
	if !ok {
		if !r.txt.wordAt(r.pos, 0, len(r.txt.r)) {
			return r, func() tea.Msg { return statusMsg("in-vivo code: no word under the caret; select the words with v") }
		}
		start := r.txt.prevWord(r.pos + 1)
		span = coding.Span{Start: start, End: r.txt.wordEnd(start)}
	}
	name := inVivoName(string(r.txt.r[span.Start:span.End]))
	if name == "" {
		return r, func() tea.Msg { return statusMsg("in-vivo code: the selection has no words") }
	}
	parent := ""
	if last := r.codebook.Code(r.last); last != nil {
		parent = last.ParentID
	}
	r.anchor, r.pos = -1, span.Start
	for _, c := range r.codebook.Children(parent) {
		if strings.EqualFold(c.NameFi, name) {
			label := r.where(span) + ": " + r.codeName(c.ID)
			return r, applyCodes(r.c, c, []target{{doc: r.doc, sel: coding.Selection{Span: span}}}, label)
		}
	}
	path := name
	if parent != "" {
		path = r.codeName(parent) + "/" + name
	}
	label := r.where(span) + ": " + path
	return r, newCodeApplied(r.c, r.codebook.Code(parent), name, []target{{doc: r.doc, sel: coding.Selection{Span: span}}}, label)
}

// inVivoName is the name of an in-vivo code from the words of text: its
// spaces tidied, the punctuation around it dropped, cut at a word to at
// most maxInVivoName code points.
func inVivoName(text string) string {
	words := strings.Fields(text)
	name := ""
	for _, w := range words {
		next := strings.TrimSpace(name + " " + w)
		if len([]rune(next)) > maxInVivoName {
			break
		}
		name = next
	}
	if name == "" && len(words) > 0 { // one long word
		name = string([]rune(words[0])[:maxInVivoName])
	}
	return strings.TrimFunc(name, func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) })
}

// newCodeApplied returns the command that adds a code named name under
// parent (nil: the top level), by the rules of coding.NewCode, and codes
// the targets with it: one undoable step, whose undo removes the codings
// and then the code.
func newCodeApplied(c Common, parent *coding.Code, name string, targets []target, label string) tea.Cmd {
	return func() tea.Msg {
		code, err := coding.NewCode(parent, coding.Code{NameFi: name})
		if err == nil {
			err = c.Svc.AddCode(context.Background(), code, c.Coder)
		}
		if err != nil {
			return codedMsg{err: fmt.Errorf("new code %q: %w", name, err)}
		}
		msg := applyCodes(c, code, targets, label)().(codedMsg)
		msg.step.changes = []change{codeAdded{id: code.ID}}
		msg.step.codebook = true
		if msg.err == nil {
			msg.status = "new code; " + msg.status
		}
		return msg
	}
}
