package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/toituavain/avain/coding"
)

// via says how a coding action came about, which decides the undo stack
// its step goes on.
type via int

const (
	viaNew via = iota
	viaUndo
	viaRedo
)

// op is one change to one coding: made (undone by Remove, redone by
// Restore) or removed (undone by Restore, redone by Remove).
type op struct {
	codingID string
	made     bool
}

// step is one coding action as the undo stacks keep it: every change one
// key press made (one coding, a recode, or all the hits of a search).
type step struct {
	ops    []op
	docs   []string // ids of the documents the codings are on
	codeID string   // the code applied, for repeat; "" when none
	verb   string   // "coded", "removed", "recoded"
	label  string   // "turn 3: Theme/Code", "12 hits: Theme/Code"

	changes  []change // memos and codebook edits, in the order made (undo.go)
	codebook bool     // the step changes the codebook: screens read it again
}

// codedMsg reports a finished coding action. A partly failed action
// carries the changes it made (which undo can take back) and the error.
type codedMsg struct {
	step   step
	via    via
	status string
	err    error
}

// target is one passage to code: a selection of a document, given by its
// id or, when the caller has it loaded, the document itself.
type target struct {
	docID string
	doc   *coding.Document // optional
	sel   coding.Selection
}

// applyCodes codes every target with code through the Engine, as one
// undoable step named label. Targets already coded so are left as they
// are.
func applyCodes(c Common, code *coding.Code, targets []target, label string) tea.Cmd {
	return func() tea.Msg {
		ctx := context.Background()
		e := coding.Engine{Repo: c.Svc}
		s := step{codeID: code.ID, verb: "coded", label: label}
		docs := map[string]*coding.Document{}
		already := 0
		for _, t := range targets {
			if t.doc != nil {
				t.docID = t.doc.ID
				if docs[t.docID] == nil {
					docs[t.docID] = t.doc
					s.docs = append(s.docs, t.docID)
				}
			}
			doc := docs[t.docID]
			if doc == nil {
				d, err := c.Svc.Document(ctx, t.docID)
				if err != nil {
					return codedMsg{step: s, err: fmt.Errorf("coding %s: %w", label, err)}
				}
				doc, docs[t.docID] = d, d
				s.docs = append(s.docs, d.ID)
			}
			cd, created, err := e.ApplyTo(ctx, doc, code, t.sel, c.Coder, "")
			if err != nil {
				return codedMsg{step: s, err: fmt.Errorf("coding %s: %w", label, err)}
			}
			if created {
				s.ops = append(s.ops, op{codingID: cd.ID, made: true})
			} else {
				already++
			}
		}
		msg := codedMsg{step: s, status: "coded " + label}
		switch {
		case len(s.ops) == 0:
			msg.status = "already coded " + label
		case already > 0:
			msg.status += fmt.Sprintf(" (%d already coded)", already)
		}
		return msg
	}
}

// removeCoding removes coding cd as one undoable step.
func removeCoding(c Common, cd *coding.Coding, label string) tea.Cmd {
	s := step{ops: []op{{codingID: cd.ID, made: false}}, docs: []string{cd.DocumentID}, verb: "removed", label: label}
	return runStep(c, s, viaNew)
}

// recode replaces coding old by a coding of code on the same span, as one
// undoable step.
func recode(c Common, old *coding.Coding, code *coding.Code, label string) tea.Cmd {
	return func() tea.Msg {
		ctx := context.Background()
		e := coding.Engine{Repo: c.Svc}
		s := step{docs: []string{old.DocumentID}, codeID: code.ID, verb: "recoded", label: label}
		if old.CodeID == code.ID {
			return codedMsg{step: s, status: "already coded " + label}
		}
		doc, err := c.Svc.Document(ctx, old.DocumentID)
		if err != nil {
			return codedMsg{step: s, err: fmt.Errorf("recoding %s: %w", label, err)}
		}
		cd, created, err := e.ApplyTo(ctx, doc, code, coding.Selection{Span: old.Span()}, c.Coder, old.Memo)
		if err != nil {
			return codedMsg{step: s, err: fmt.Errorf("recoding %s: %w", label, err)}
		}
		if created {
			s.ops = append(s.ops, op{codingID: cd.ID, made: true})
		}
		if _, err := e.Remove(ctx, old.ID, c.Coder); err != nil {
			return codedMsg{step: s, err: fmt.Errorf("recoding %s: %w", label, err)}
		}
		s.ops = append(s.ops, op{codingID: old.ID, made: false})
		return codedMsg{step: s, status: "recoded " + label}
	}
}

// runStep does s (viaNew, viaRedo) or its inverse (viaUndo), change by
// change; on an error it stops and reports the changes it did make. A
// coding that another process (or UI) already removed or brought back is
// left as it is, and the status line says so; the step keeps only the
// changes made here.
func runStep(c Common, s step, v via) tea.Cmd {
	if len(s.changes) > 0 {
		return func() tea.Msg { return runChanges(c, s, v) }
	}
	return func() tea.Msg {
		e, ctx := coding.Engine{Repo: c.Svc}, context.Background()
		what := s.verb + " " + s.label
		switch v {
		case viaUndo:
			what = "undone: " + what
		case viaRedo:
			what = "redone: " + what
		}
		done := s
		done.ops = nil
		var found [2]int // already removed, already back
		for _, o := range s.ops {
			remove := o.made == (v == viaUndo) // take back a coding, or (re)do a removal
			cur, err := c.Svc.Coding(ctx, o.codingID)
			switch {
			case err == nil && cur.Deleted && remove:
				found[0]++
				continue
			case err == nil && !cur.Deleted && !remove:
				found[1]++
				continue
			case err == nil && remove:
				_, err = e.Remove(ctx, o.codingID, c.Coder)
			case err == nil:
				_, err = e.Restore(ctx, o.codingID, c.Coder)
				if errors.Is(err, coding.ErrDuplicate) { // coded again elsewhere
					found[1]++
					continue
				}
			}
			if err != nil {
				return codedMsg{step: s, via: v, err: fmt.Errorf("%s failed: %w", what, err)}
			}
			done.ops = append(done.ops, o)
		}
		if len(done.ops) == len(s.ops) {
			return codedMsg{step: s, via: v, status: what}
		}
		return codedMsg{step: done, via: v, status: elsewhere(what, v, len(done.ops), found)}
	}
}

// elsewhere words a step some of whose codings another process changed
// first: what was done, and how many codings were found already removed
// or already back.
func elsewhere(what string, v via, done int, n [2]int) string {
	var why []string
	for i, say := range []string{"already removed", "already back"} {
		if n[i] > 0 {
			why = append(why, pluralize(n[i], "coding")+" "+say)
		}
	}
	note := strings.Join(why, ", ") + " in another process"
	if done > 0 {
		return what + " (" + note + ")"
	}
	verb := map[via]string{viaNew: "remove", viaUndo: "undo", viaRedo: "redo"}[v]
	what = strings.TrimPrefix(strings.TrimPrefix(what, "undone: "), "redone: ")
	return "nothing to " + verb + ": " + note + " (" + what + ")"
}

// history is the session's undo and redo stacks.
type history struct {
	undo, redo []step // newest last
	last       string // id of the code applied last, for repeat
}

// record puts a finished action on the stacks: a new action clears the
// redo stack; a failed undo or redo goes back where it came from.
func (h *history) record(msg codedMsg) {
	done := len(msg.step.ops)+len(msg.step.changes) > 0
	switch {
	case msg.err != nil && msg.via == viaUndo:
		h.undo = append(h.undo, msg.step)
	case msg.err != nil && msg.via == viaRedo:
		h.redo = append(h.redo, msg.step)
	case !done:
	case msg.via == viaNew:
		h.undo, h.redo = append(h.undo, msg.step), nil
	case msg.via == viaUndo:
		h.redo = append(h.redo, msg.step)
	case msg.via == viaRedo:
		h.undo = append(h.undo, msg.step)
	}
	if msg.err == nil && msg.via == viaNew && msg.step.codeID != "" {
		h.last = msg.step.codeID
	}
}

// pop takes the top step off a stack.
func pop(s *[]step) (step, bool) {
	if len(*s) == 0 {
		return step{}, false
	}
	top := (*s)[len(*s)-1]
	*s = (*s)[:len(*s)-1]
	return top, true
}
