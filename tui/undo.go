package tui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
)

// change is one undoable change other than a coding made or removed: a
// memo written, or a code added, edited, merged or deleted. A step holds
// its changes beside its codings' ops; undo takes the codings back first,
// then the changes, newest first; redo makes the changes first.
type change interface {
	// flip takes the change back (undo) or makes it again, and returns it
	// as it now stands, for the other stack. When what it would write was
	// changed since (by another process), it writes nothing and returns
	// an error of kind project.ErrChangedElsewhere.
	flip(ctx context.Context, c Common, undo bool) (change, error)
}

// changedErr is what undo or redo found changed since, said as the
// status line says it; it is a project.ErrChangedElsewhere.
type changedErr string

func (e changedErr) Error() string        { return string(e) }
func (e changedErr) Is(target error) bool { return target == project.ErrChangedElsewhere }

// elsewhereErr says that what was changed in another process since.
func elsewhereErr(what string) error {
	return changedErr(what + " was changed in another process since")
}

// memoChange is a memo written: its text before and after.
type memoChange struct {
	target        coding.MemoTarget
	id            string
	before, after string
}

func (m memoChange) flip(ctx context.Context, c Common, undo bool) (change, error) {
	want, put := m.after, m.before
	if !undo {
		want, put = m.before, m.after
	}
	now, err := c.Svc.Memo(ctx, m.target, m.id)
	if err != nil {
		return m, err
	}
	if now != want {
		return m, elsewhereErr("the memo")
	}
	return m, c.Svc.SetMemo(ctx, m.target, m.id, put, c.Coder)
}

// codeAdded is a code made here. Undo deletes it (refused while it has
// codings or child codes, as another coder may have used it since); redo
// brings the deletion back.
type codeAdded struct {
	id  string
	del *project.CodeDeletion // set once undone
}

func (a codeAdded) flip(ctx context.Context, c Common, undo bool) (change, error) {
	if !undo {
		if a.del == nil {
			return a, nil
		}
		return codeAdded{id: a.id}, restoreCode(ctx, c, *a.del)
	}
	d, err := c.Svc.DeleteCodeRecorded(ctx, a.id, c.Coder, false)
	switch {
	case errors.Is(err, project.ErrCodeInUse):
		return a, changedErr("the new code has been used since")
	case errors.Is(err, coding.ErrNotFound):
		return a, elsewhereErr("the code")
	case err != nil:
		return a, err
	}
	return codeAdded{id: a.id, del: &d}, nil
}

// codeEdited is a code's name, place, colour, shortcut or definition
// changed: the code before and after. Undo and redo find the code as the
// edit left it, or say it was changed elsewhere.
type codeEdited struct {
	before, after coding.Code
}

func (e codeEdited) flip(ctx context.Context, c Common, undo bool) (change, error) {
	want, put := e.after, e.before
	if !undo {
		want, put = e.before, e.after
	}
	var changed bool
	got, err := c.Svc.UpdateCode(ctx, e.after.ID, c.Coder, "edit.undo", func(now *coding.Code) error {
		if !sameCode(now, &want) {
			changed = true
			return errors.New("changed")
		}
		now.ParentID, now.NameFi, now.NameEn, now.Color, now.Shortcut = put.ParentID, put.NameFi, put.NameEn, put.Color, put.Shortcut
		now.ShortDef, now.Definition, now.WhenToUse, now.WhenNotUse, now.Example = put.ShortDef, put.Definition, put.WhenToUse, put.WhenNotUse, put.Example
		now.Position = put.Position
		now.NotCodable = put.NotCodable // a category, or codable again
		return nil
	})
	switch {
	case changed, errors.Is(err, coding.ErrNotFound):
		return e, elsewhereErr("the code")
	case err != nil:
		return e, err
	}
	if undo {
		return codeEdited{before: *got, after: e.after}, nil
	}
	return codeEdited{before: e.before, after: *got}, nil
}

// sameCode reports whether a and b have the same place, names, colour,
// shortcut and definition: what an edit changes, and its undo checks.
func sameCode(a, b *coding.Code) bool {
	return a.ParentID == b.ParentID && a.NameFi == b.NameFi && a.NameEn == b.NameEn && a.Color == b.Color &&
		a.Shortcut == b.Shortcut && a.ShortDef == b.ShortDef && a.Definition == b.Definition && a.WhenToUse == b.WhenToUse &&
		a.WhenNotUse == b.WhenNotUse && a.Example == b.Example && a.Position == b.Position && a.NotCodable == b.NotCodable
}

// codeMerged is a code merged into another.
type codeMerged struct{ m project.CodeMerge }

func (m codeMerged) flip(ctx context.Context, c Common, undo bool) (change, error) {
	if undo {
		err := c.Svc.UnmergeCode(ctx, m.m, c.Coder)
		return m, err
	}
	got, err := c.Svc.MergeCodeRecorded(ctx, m.m.From, m.m.Into, c.Coder)
	if errors.Is(err, coding.ErrNotFound) {
		return m, elsewhereErr("the codes")
	}
	return codeMerged{got}, err
}

// codeDeleted is a code deleted with its child codes and their codings.
type codeDeleted struct{ d project.CodeDeletion }

func (d codeDeleted) flip(ctx context.Context, c Common, undo bool) (change, error) {
	if undo {
		return d, restoreCode(ctx, c, d.d)
	}
	got, err := c.Svc.DeleteCodeRecorded(ctx, d.d.Codes[0], c.Coder, true)
	if errors.Is(err, coding.ErrNotFound) {
		return d, elsewhereErr("the code")
	}
	return codeDeleted{got}, err
}

func restoreCode(ctx context.Context, c Common, d project.CodeDeletion) error {
	return c.Svc.RestoreCode(ctx, d, c.Coder)
}

// runChanges does step s (viaRedo) or takes it back (viaUndo), codings
// and changes in their order; what another process changed since stops
// it there, and the status line says so.
func runChanges(c Common, s step, v via) codedMsg {
	ctx := context.Background()
	what := map[via]string{viaUndo: "undone: ", viaRedo: "redone: "}[v] + s.verb + " " + s.label
	done := s
	done.ops, done.changes = nil, nil
	undo := v == viaUndo
	flips := func() error {
		order := slices.Clone(s.changes)
		if undo {
			slices.Reverse(order)
		}
		for _, ch := range order {
			got, err := ch.flip(ctx, c, undo)
			if err != nil {
				return err
			}
			done.changes = append(done.changes, got)
		}
		if undo {
			slices.Reverse(done.changes)
		}
		return nil
	}
	ops := func() error {
		msg := runStep(c, step{ops: s.ops, docs: s.docs, verb: s.verb, label: s.label}, v)().(codedMsg)
		done.ops = msg.step.ops
		if msg.err == nil && len(done.ops) < len(s.ops) {
			n := len(s.ops) - len(done.ops)
			if n == 1 {
				return elsewhereErr("a coding")
			}
			return changedErr(pluralize(n, "coding") + " were changed in another process since")
		}
		return msg.err
	}
	var err error
	if undo {
		if err = ops(); err == nil {
			err = flips()
		}
	} else if err = flips(); err == nil {
		err = ops()
	}
	switch {
	case err == nil:
		return codedMsg{step: done, via: v, status: what}
	case errors.Is(err, project.ErrChangedElsewhere):
		verb := map[via]string{viaUndo: "undo", viaRedo: "redo"}[v]
		if len(done.ops)+len(done.changes) == 0 {
			return codedMsg{step: done, via: v, status: fmt.Sprintf("nothing to %s: %v (%s %s)", verb, err, s.verb, s.label)}
		}
		return codedMsg{step: done, via: v, status: fmt.Sprintf("%s, in part: %v", what, err)}
	}
	return codedMsg{step: s, via: v, err: fmt.Errorf("%s failed: %w", what, err)}
}

// memoStep is the undoable step of memo m written, from before to after;
// it names the document the memo is on, so that the reader shows undo.
func memoStep(ctx context.Context, c Common, m editMemoMsg, before, after string) step {
	s := step{verb: "memo", label: strings.TrimPrefix(m.Title, "Memo "), // "memo on turn 3: Code"
		changes: []change{memoChange{target: m.Target, id: m.ID, before: before, after: after}}}
	switch m.Target {
	case coding.MemoDocument:
		s.docs = []string{m.ID}
	case coding.MemoCoding:
		if cd, err := c.Svc.Coding(ctx, m.ID); err == nil {
			s.docs = []string{cd.DocumentID}
		}
	}
	return s
}
