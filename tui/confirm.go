package tui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/toituavain/avain/coding"
)

// confirmation is a question the reader asks, in the status line, before
// it removes or recodes another coder's coding: the question, and what
// yes does. While it is asked, only its answers (and ctrl+c) are taken.
type confirmation struct {
	prompt string
	yes    func(Reader) (Reader, tea.Cmd)
}

// othersWork does then at once on the coder's own coding cd, and asks
// first ("remove aino's coding of turn 3: Kela? y/n") on another coder's.
func (r Reader) othersWork(cd *coding.Coding, verb string, then func(Reader) (Reader, tea.Cmd)) (Reader, tea.Cmd) {
	if cd == nil {
		return r, nil
	}
	if cd.Coder == r.c.Coder {
		return then(r)
	}
	k := r.c.Keys
	prompt := fmt.Sprintf("%s %s's coding of %s: %s? %s/%s", verb, cd.Coder, r.where(cd.Span()), r.codeName(cd.CodeID),
		k.Yes.Help().Key, k.No.Help().Key)
	r.confirm = &confirmation{prompt: prompt, yes: then}
	return r, func() tea.Msg { return statusMsg(prompt) }
}

// updateConfirm takes the answer to the question asked: yes does what was
// asked about, no (or esc) leaves the coding as it is; other keys wait.
func (r Reader) updateConfirm(msg tea.KeyPressMsg) (Reader, tea.Cmd) {
	q, k := r.confirm, r.c.Keys
	switch {
	case key.Matches(msg, k.Yes):
		r.confirm = nil
		return q.yes(r)
	case key.Matches(msg, k.No):
		r.confirm = nil
		return r, func() tea.Msg { return statusMsg("left as it is") }
	}
	return r, nil
}
