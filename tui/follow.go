package tui

import (
	"context"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/toituavain/avain/coding"
)

// followInterval is how often the workspace looks for changes that other
// processes (the command line, another UI) made to the project.
var followInterval = time.Second

// followTick returns the command that waits one interval and asks for a
// look; tests replace it to tick by hand.
var followTick = func() tea.Cmd {
	return tea.Tick(followInterval, func(time.Time) tea.Msg { return followTickMsg{} })
}

// changeMarker is what following needs of the services: a cheap mark of
// the project's state, and of a document's text. *project.Project has
// them (store.Store).
type changeMarker interface {
	ChangeMark(ctx context.Context) (coding.ChangeMark, error)
	DocumentHash(ctx context.Context, id string) (string, error)
}

// followTickMsg says it is time to look for changes made elsewhere.
type followTickMsg struct{}

// markReadMsg carries the project's change mark as just read.
type markReadMsg struct {
	mark coding.ChangeMark
	err  error
}

// follower keeps the last change mark the workspace has shown.
type follower struct {
	src   changeMarker // nil: not following
	mark  coding.ChangeMark
	known bool // mark has been read once
}

// Follow makes the workspace follow the project: about once a second it
// reads the project's change mark, and when another process (or this
// one) changed documents, codings, memos or the codebook, the screens
// that show them read them again, keeping their place. Services without
// a change mark are not followed.
func (m *Model) Follow() {
	svc := m.c.Svc
	if d, ok := svc.(displaySvc); ok {
		svc = d.Services
	}
	if src, ok := svc.(changeMarker); ok {
		m.follow.src = src
	}
}

// look reads the change mark.
func (f follower) look() tea.Cmd {
	src := f.src
	return func() tea.Msg {
		mark, err := src.ChangeMark(context.Background())
		return markReadMsg{mark: mark, err: err}
	}
}

// updateFollow handles the follower's messages: a tick reads the mark,
// and a mark that moved refreshes what is shown. The next tick is asked
// for only when a look (and its refresh) is done, so looks never pile up.
func (m *Model) updateFollow(msg tea.Msg) (tea.Model, tea.Cmd) {
	if m.follow.src == nil {
		return *m, nil
	}
	switch msg := msg.(type) {
	case followTickMsg:
		return *m, m.follow.look()
	case markReadMsg:
		if msg.err != nil || m.quitting {
			return *m, followTick() // a failed look is tried again, silently
		}
		first, same := !m.follow.known, msg.mark == m.follow.mark
		m.follow.mark, m.follow.known = msg.mark, true
		if first || same { // Init read the first mark before loading anything
			return *m, followTick()
		}
		// The next tick waits for the reads, so a slow read over a large
		// project never has another started beside it.
		return *m, tea.Sequence(m.refresh(), followTick())
	}
	return *m, nil
}

// refresh reads again what the screens show after a change made
// elsewhere: the open document's codings, codebook and memo (and its text
// if it was replaced), the document list, and the focused codebook,
// themes or comparison. Places (caret, scroll, cursors) are kept.
func (m *Model) refresh() tea.Cmd {
	var cmds []tea.Cmd
	if d := m.reader.Document(); d != nil && m.reader.loading == "" {
		cmds = append(cmds, reread(m.c, m.follow.src, d))
	}
	if m.search.cb != nil {
		cmds = append(cmds, m.search.loadCodebook())
	}
	m.docs.stale = true
	return tea.Batch(append(cmds, m.focused().Refresh())...)
}

// reread reads the open document's codings, codebook and memo again, and
// its text only when its hash says it was replaced (pseudonymised).
func reread(c Common, src changeMarker, doc *coding.Document) tea.Cmd {
	return func() tea.Msg {
		ctx := context.Background()
		h, err := src.DocumentHash(ctx, doc.ID)
		if err != nil {
			return errMsg{fmt.Errorf("reading %s again: %w", doc.Name, err)}
		}
		if h != doc.Hash {
			return readDocument(c, doc.ID, true, -1)()
		}
		msg, err := readCodings(ctx, c, doc)
		if err != nil {
			return errMsg{err}
		}
		msg.reload = true
		return msg
	}
}
