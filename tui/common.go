package tui

import (
	"context"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/search"
	"github.com/toituavain/avain/store"
)

// Services is what the workspace reads from and writes to a project:
// the coding.Repository the Engine writes through, the lists it reads,
// memos, reading positions and search. *project.Project satisfies it.
type Services interface {
	coding.Repository
	Documents(ctx context.Context) ([]store.DocSummary, error)
	Codings(ctx context.Context, f store.CodingFilter) ([]*coding.Coding, error)
	CodeUsage(ctx context.Context) (map[string]store.CodeCounts, error)
	Memo(ctx context.Context, target coding.MemoTarget, id string) (string, error)
	SetMemo(ctx context.Context, target coding.MemoTarget, id, text, coder string) error
	Position(ctx context.Context, docID, coder string) (int, bool, error)
	SavePosition(ctx context.Context, docID, coder string, pos int) error
	Search(ctx context.Context, q string, limit int) (search.Result, error)
}

// Common is what every screen shares: its size, the styles, the keys and
// the services.
type Common struct {
	Width, Height int
	Styles        Styles
	Keys          KeyMap
	Svc           Services
	Coder         string // who the codings made here are by
}

// errMsg reports a failed command; the root shows it in the status line.
type errMsg struct{ err error }

// fit truncates every line of s to width w and pads or cuts it to exactly
// h lines, so a view never exceeds its box.
func fit(s string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, w, "…")
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// pad truncates s to w cells or pads it with spaces to exactly w cells.
func pad(s string, w int) string {
	if w <= 0 {
		return ""
	}
	n := ansi.StringWidth(s)
	if n > w {
		return ansi.Truncate(s, w, "…")
	}
	return s + strings.Repeat(" ", w-n)
}

// padLeft right-aligns s in w cells.
func padLeft(s string, w int) string {
	n := ansi.StringWidth(s)
	if n >= w {
		return ansi.Truncate(s, w, "…")
	}
	return strings.Repeat(" ", w-n) + s
}

// clamp limits v to [lo, hi]; hi below lo yields lo.
func clamp(v, lo, hi int) int {
	if v > hi {
		v = hi
	}
	if v < lo {
		v = lo
	}
	return v
}

// scrollTo returns the first visible row so that cursor stays inside a
// window of h rows starting at offset.
func scrollTo(offset, cursor, h, n int) int {
	if h <= 0 {
		return 0
	}
	if cursor < offset {
		offset = cursor
	}
	if cursor >= offset+h {
		offset = cursor - h + 1
	}
	return clamp(offset, 0, max(0, n-h))
}
