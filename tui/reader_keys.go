package tui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

func (r Reader) updateKeys(msg tea.KeyPressMsg) (Reader, tea.Cmd) {
	switch {
	case r.confirm != nil:
		return r.updateConfirm(msg)
	case r.pick != pickNone:
		return r.updatePicker(msg)
	case r.jumping:
		return r.updateJump(msg)
	case r.doc == nil:
		if key.Matches(msg, r.c.Keys.Back) {
			return r, func() tea.Msg { return backMsg{} }
		}
		return r, nil
	case r.pane:
		return r.updatePane(msg)
	}
	k := r.keys()
	switch {
	case key.Matches(msg, k.Code):
		return r.openPicker(pickCode, nil), nil
	case key.Matches(msg, k.Shortcut):
		return r.applyCode(r.shortcut(msg.Text))
	case key.Matches(msg, k.Repeat):
		return r.applyCode(r.codebook.Code(r.last))
	case key.Matches(msg, k.InVivo):
		return r.inVivo()
	case key.Matches(msg, k.Remove):
		cd := r.newestHere()
		return r.othersWork(cd, "remove", func(r Reader) (Reader, tea.Cmd) { return r, r.removeCoding(cd) })
	case key.Matches(msg, k.Recode):
		cd := r.newestHere()
		return r.othersWork(cd, "recode", func(r Reader) (Reader, tea.Cmd) { return r.openPicker(pickRecode, cd), nil })
	case key.Matches(msg, k.Memo):
		return r, r.editCodingMemo(r.newestHere())
	case key.Matches(msg, k.DocMemo):
		return r, r.editDocMemo()
	case key.Matches(msg, k.Compare):
		doc := r.doc
		return r, tea.Batch(r.savePosition(), func() tea.Msg { return compareMsg{doc: doc} })
	case key.Matches(msg, k.Pane):
		r.pane, r.paneSel = true, 0
		r.scroll()
		return r, nil
	case key.Matches(msg, k.GoTo):
		r.jumping, r.jump = true, newField("", 7)
		return r, nil
	case key.Matches(msg, k.Select):
		if r.anchor >= 0 {
			r.anchor = -1
		} else {
			r.anchor = r.txt.selectFrom(r.pos) // motion.go
			r.head = r.txt.wordEnd(r.anchor)
		}
		r.scroll()
		return r, nil
	case key.Matches(msg, k.Back):
		if r.anchor >= 0 {
			r.anchor = -1
			return r, nil
		}
		return r, tea.Batch(r.savePosition(), func() tea.Msg { return backMsg{} })
	}
	before := r.pos
	if r.anchor >= 0 {
		r.extend(msg, k)
	} else {
		r.move(msg, k)
	}
	r.scroll()
	if r.pos == before {
		return r, nil
	}
	r.seq++
	seq := r.seq
	return r, tea.Tick(positionSaveDelay, func(time.Time) tea.Msg { return savePosMsg{seq: seq} })
}

// move moves the caret by the unit of the key.
func (r *Reader) move(msg tea.KeyPressMsg, k KeyMap) {
	ls, t := r.lines(), r.txt
	if len(ls) == 0 {
		return
	}
	cur := r.lineAt(r.pos)
	toLine := func(i int) {
		i = clamp(i, 0, len(ls)-1)
		col := r.pos - ls[cur].start
		r.pos = ls[i].start + min(col, max(0, ls[i].end-ls[i].start-1))
	}
	page := max(1, r.rows())
	switch {
	case key.Matches(msg, k.Up):
		toLine(cur - 1)
	case key.Matches(msg, k.Down):
		toLine(cur + 1)
	case key.Matches(msg, k.PageUp):
		toLine(cur - page)
		r.offset -= page
	case key.Matches(msg, k.PageDown):
		toLine(cur + page)
		r.offset += page
	case key.Matches(msg, k.WordNext):
		r.pos = t.nextWord(r.pos)
	case key.Matches(msg, k.WordPrev):
		r.pos = t.prevWord(r.pos)
	case key.Matches(msg, k.SentenceNext):
		r.pos = t.nextSentence(r.pos)
	case key.Matches(msg, k.SentencePrev):
		r.pos = t.prevSentence(r.pos)
	case key.Matches(msg, k.TurnNext):
		r.pos = t.turns[min(t.turnIndex(r.pos)+1, len(t.turns)-1)].Start
	case key.Matches(msg, k.TurnPrev):
		i := t.turnIndex(r.pos)
		if r.pos == t.turns[i].Start {
			i--
		}
		r.pos = t.turns[max(i, 0)].Start
	case key.Matches(msg, k.Top):
		r.pos = t.turns[0].Start
	case key.Matches(msg, k.Bottom):
		r.pos = ls[len(ls)-1].start
	}
	r.pos = t.snap(r.pos)
}

// extend grows or shrinks the selection by the unit of the key: its end
// moves to the end of the next or previous word, sentence, line or turn,
// never before the end of the word it started on.
func (r *Reader) extend(msg tea.KeyPressMsg, k KeyMap) {
	t, ls := r.txt, r.lines()
	last := r.head - 1
	floor := t.wordEnd(r.anchor)
	switch {
	case key.Matches(msg, k.WordNext):
		if n := t.nextWord(last); n > last {
			r.head = t.wordEnd(n)
		}
	case key.Matches(msg, k.WordPrev):
		r.head = t.wordEnd(t.prevWord(t.prevWord(r.head)))
	case key.Matches(msg, k.SentenceNext):
		if e := t.sentenceEnd(last); e > r.head {
			r.head = e
		} else if n := t.nextSentence(last); n > last {
			r.head = t.sentenceEnd(n)
		}
	case key.Matches(msg, k.SentencePrev):
		r.head = t.sentenceEnd(t.prevSentence(t.prevSentence(r.head)))
	case key.Matches(msg, k.Down):
		i := r.lineAt(last)
		if ls[i].end > r.head {
			r.head = ls[i].end
		} else if i+1 < len(ls) {
			r.head = ls[i+1].end
		}
	case key.Matches(msg, k.Up):
		if i := r.lineAt(last); i > 0 {
			r.head = ls[i-1].end
		}
	case key.Matches(msg, k.TurnNext):
		i := t.turnIndex(last)
		if t.turns[i].End > r.head {
			r.head = t.turns[i].End
		} else if i+1 < len(t.turns) {
			r.head = t.turns[i+1].End
		}
	case key.Matches(msg, k.TurnPrev):
		if i := t.turnIndex(last); i > 0 {
			r.head = t.turns[i-1].End
		}
	}
	r.head = max(r.head, floor, r.anchor+1)
}

// updateJump takes the digits of a turn number, typed or pasted (anything
// else is dropped); enter goes there, or to the last turn (the first for
// 0), saying so, when the document has no such turn.
func (r Reader) updateJump(msg tea.Msg) (Reader, tea.Cmd) {
	km, isKey := msg.(tea.KeyPressMsg)
	var cmd tea.Cmd
	switch {
	case isKey && key.Matches(km, r.c.Keys.Cancel):
		r.jumping = false
	case isKey && key.Matches(km, r.c.Keys.Choose):
		r.jumping = false
		n, err := strconv.Atoi(r.jump.Value())
		if err != nil || len(r.txt.turns) == 0 {
			break
		}
		if to := clamp(n, 1, len(r.txt.turns)); to != n {
			s := statusMsg(fmt.Sprintf("turn %d: the document has %s; at turn %d", n, pluralize(len(r.txt.turns), "turn"), to))
			cmd, n = func() tea.Msg { return s }, to
		}
		r.pos, r.anchor = r.txt.turns[n-1].Start, -1
	default:
		*r.jump, _ = r.jump.Update(msg)
		if v := r.jump.Value(); strings.ContainsFunc(v, notDigit) {
			r.jump.SetValue(strings.Map(func(c rune) rune {
				if notDigit(c) {
					return -1
				}
				return c
			}, v))
		}
	}
	r.scroll()
	return r, cmd
}

func notDigit(c rune) bool { return c < '0' || c > '9' }
