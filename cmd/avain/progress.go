package main

import (
	"context"
	"fmt"
	"time"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
)

// progress prints a self-overwriting status line on a terminal's stderr,
// at most a few times a second; off a terminal it prints nothing.
type progress struct {
	e     *env
	last  time.Time
	shown bool
}

func (p *progress) show(what string, done, total int) {
	if !p.e.ttyErr {
		return
	}
	if done < total && time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	fmt.Fprintf(p.e.rawStderr, "\r\033[K%s %d/%d", coding.Escape(what), done, total)
	p.shown = true
}

// clear removes the status line before ordinary output.
func (p *progress) clear() {
	if p.shown {
		fmt.Fprint(p.e.rawStderr, "\r\033[K")
		p.shown = false
	}
}

// openProject opens the project at path with its index rebuilds reported
// on the progress line.
func openProject(ctx context.Context, e *env, path string) (*project.Project, *progress, error) {
	p, err := project.Open(ctx, path)
	if err != nil {
		return nil, nil, err
	}
	prog := &progress{e: e}
	p.Progress = prog.show
	p.Notice = func(note string) {
		prog.clear()
		fmt.Fprintf(e.stderr, "note: %s\n", note)
	}
	return p, prog, nil
}
