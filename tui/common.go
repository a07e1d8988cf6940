package tui

import (
	"context"
	"io"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/charmbracelet/x/ansi"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
	"github.com/toituavain/avain/search"
)

// Services is what the workspace reads from and writes to a project:
// the coding.Repository the Engine writes through, the lists it reads,
// memos, reading positions, search and the outputs it exports.
// *project.Project satisfies it.
type Services interface {
	coding.Repository
	Documents(ctx context.Context) ([]coding.DocSummary, error)
	DocumentList(ctx context.Context) ([]coding.DocSummary, error)
	DocumentText(ctx context.Context, id string) (string, error)
	Codings(ctx context.Context, f coding.CodingFilter) ([]*coding.Coding, error)
	Memo(ctx context.Context, target coding.MemoTarget, id string) (string, error)
	SetMemo(ctx context.Context, target coding.MemoTarget, id, text, coder string) error
	Position(ctx context.Context, docID, coder string) (int, bool, error)
	SavePosition(ctx context.Context, docID, coder string, pos int) error
	Search(ctx context.Context, q string, limit int) (search.Result, error)
	// Export writes an output of the project to path through write, never
	// over the project or its index, mode 0600, recorded in the audit
	// trail (action "export", with target and detail) before it replaces
	// a file; on any error the file there is left as it was.
	Export(ctx context.Context, path, coder, target, detail string, write func(io.Writer) error) error

	// Memos lists every live memo (coding.MemoEntry), for the memos view.
	Memos(ctx context.Context) ([]coding.MemoEntry, error)

	// Codebook edits, each undoable (undo.go): the rules are coding's
	// (NewCode, ParseColor, ...), the checks of the whole codebook the
	// store's.
	AddCode(ctx context.Context, c *coding.Code, coder string) error
	UpdateCode(ctx context.Context, id, coder, action string, edit func(*coding.Code) error) (*coding.Code, error)
	MergeCodeRecorded(ctx context.Context, from, into, coder string) (project.CodeMerge, error)
	UnmergeCode(ctx context.Context, m project.CodeMerge, coder string) error
	DeleteCodeRecorded(ctx context.Context, id, coder string, force bool) (project.CodeDeletion, error)
	RestoreCode(ctx context.Context, d project.CodeDeletion, coder string) error
}

// Common is what every screen shares: its size, the styles, the keys and
// the services.
type Common struct {
	Width, Height int
	Styles        *Styles // shared by every screen; replaced, never edited
	Keys          *KeyMap // shared by every screen; never edited (the root keeps the global keys' state)
	Svc           Services
	Coder         string // who the codings made here are by
	Lang          string // the language of the tables the UI counts and saves, and of their code names: fi or en
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
		if !narrowerThan(l, w) {
			lines[i] = ansi.Truncate(l, w, "…")
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// narrowerThan reports, cheaply, that s (with escape sequences) is at
// most w cells wide; false means it may be wider. It counts code points
// outside CSI and OSC sequences and gives up on any that might be wide or
// zero-width, leaving those to ansi.StringWidth.
func narrowerThan(s string, w int) bool {
	if len(s) <= w {
		return true
	}
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c == 0x1b && i+1 < len(s) {
			switch s[i+1] {
			case '[': // CSI: parameters, then a final byte 0x40–0x7e
				i += 2
				for i < len(s) && (s[i] < 0x40 || s[i] > 0x7e) {
					i++
				}
				i++
				continue
			case ']': // OSC: up to BEL or ST
				i += 2
				for i < len(s) && s[i] != 0x07 && !(s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\') {
					i++
				}
				if i < len(s) && s[i] == 0x1b {
					i++
				}
				i++
				continue
			}
			return false
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r < 0x20 || r >= 0x1100 && !oneCell(r) {
			return false // a control, or possibly wide: measure properly
		}
		n++
		if n > w {
			return false
		}
		i += size
	}
	return true
}

// oneCell reports whether r, at or above U+1100, is one of the narrow
// punctuation, arrows and box-drawing characters the workspace draws.
// (Below U+1100 nothing is wider than one cell; zero-width marks there
// only make narrowerThan overestimate, which is safe.)
func oneCell(r rune) bool {
	return r >= 0x2010 && r <= 0x2027 || r >= 0x2030 && r <= 0x205e || r >= 0x2190 && r <= 0x21ff ||
		r >= 0x2500 && r <= 0x259f
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

// moveCursor applies a list movement key (up, down, page, top, bottom)
// to cursor in a list of n rows showing page rows, and reports whether
// msg was one.
func moveCursor(k *KeyMap, msg tea.KeyPressMsg, cursor, n, page int) (int, bool) {
	page = max(1, page)
	switch {
	case key.Matches(msg, k.Up):
		cursor--
	case key.Matches(msg, k.Down):
		cursor++
	case key.Matches(msg, k.PageUp):
		cursor -= page
	case key.Matches(msg, k.PageDown):
		cursor += page
	case key.Matches(msg, k.Top):
		cursor = 0
	case key.Matches(msg, k.Bottom):
		cursor = n - 1
	default:
		return cursor, false
	}
	return clamp(cursor, 0, n-1), true
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
