package main

import (
	"fmt"
	"time"
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
	fmt.Fprintf(p.e.stderr, "\r\033[K%s %d/%d", what, done, total)
	p.shown = true
}

// clear removes the status line before ordinary output.
func (p *progress) clear() {
	if p.shown {
		fmt.Fprint(p.e.stderr, "\r\033[K")
		p.shown = false
	}
}
