package tui

import (
	"context"
	"fmt"

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

// step is one done coding action as the undo stacks keep it: a coding
// made (applied; undone by Remove, redone by Restore) or removed (undone
// by Restore, redone by Remove).
type step struct {
	docID    string
	codeID   string
	codingID string
	label    string // "turn 3: Theme/Code"
	applied  bool
}

// codedMsg reports a finished coding action.
type codedMsg struct {
	step   step
	via    via
	done   bool // false when nothing changed (already coded)
	status string
	err    error
}

// applyCode codes turn n of doc with code through the Engine.
func applyCode(c Common, doc *coding.Document, code *coding.Code, n int, label string) tea.Cmd {
	return func() tea.Msg {
		e := coding.Engine{Repo: c.Svc}
		cd, created, err := e.ApplyTo(context.Background(), doc, code, coding.Selection{Turn: n}, c.Coder, "")
		msg := codedMsg{via: viaNew}
		if err != nil {
			msg.err = fmt.Errorf("coding %s: %w", label, err)
			return msg
		}
		msg.step = step{docID: doc.ID, codeID: code.ID, codingID: cd.ID, label: label, applied: true}
		msg.done, msg.status = created, "coded "+label
		if !created {
			msg.status = "already coded " + label
		}
		return msg
	}
}

// runStep does s again (viaNew, viaRedo) or its inverse (viaUndo).
func runStep(c Common, s step, v via) tea.Cmd {
	return func() tea.Msg {
		e, ctx := coding.Engine{Repo: c.Svc}, context.Background()
		var err error
		if s.applied == (v == viaUndo) { // undo a coding, or (re)do a removal
			_, err = e.Remove(ctx, s.codingID, c.Coder)
		} else {
			_, err = e.Restore(ctx, s.codingID, c.Coder)
		}
		what := "removed " + s.label
		if s.applied {
			what = "coded " + s.label
		}
		switch v {
		case viaUndo:
			what = "undone: " + what
		case viaRedo:
			what = "redone: " + what
		}
		if err != nil {
			return codedMsg{step: s, via: v, err: fmt.Errorf("%s failed: %w", what, err)}
		}
		return codedMsg{step: s, via: v, done: true, status: what}
	}
}

// record puts a finished action on the undo stacks: a new action clears
// the redo stack; a failed undo or redo goes back where it came from.
func (r *Reader) record(msg codedMsg) {
	switch {
	case msg.err != nil && msg.via == viaUndo:
		r.undo = append(r.undo, msg.step)
	case msg.err != nil && msg.via == viaRedo:
		r.redo = append(r.redo, msg.step)
	case msg.err != nil || !msg.done:
	case msg.via == viaNew:
		r.undo, r.redo = append(r.undo, msg.step), nil
	case msg.via == viaUndo:
		r.redo = append(r.redo, msg.step)
	case msg.via == viaRedo:
		r.undo = append(r.undo, msg.step)
	}
	if msg.err == nil && msg.via == viaNew && msg.step.applied {
		r.last = msg.step.codeID
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
