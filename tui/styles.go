package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// Styles holds every style the workspace draws with. It is built once by
// DefaultStyles; views only use its fields.
type Styles struct {
	Title      lipgloss.Style // screen titles
	Header     lipgloss.Style // column headers
	Row        lipgloss.Style // an ordinary list row
	Selected   lipgloss.Style // the row or line under the cursor
	Dim        lipgloss.Style // secondary text
	Speaker    lipgloss.Style // a turn's speaker label
	Text       lipgloss.Style // transcript text
	CursorLine lipgloss.Style // transcript text on the cursor line
	Caret      lipgloss.Style // the character under the caret
	Selection  lipgloss.Style // selected text
	Mark       lipgloss.Style // a search match
	Stripe     lipgloss.Style // a coding stripe; its colour comes from the code
	Status     lipgloss.Style // the status line
	Project    lipgloss.Style // the project name in the status line
	Error      lipgloss.Style // errors in the status line
	Filter     lipgloss.Style // the filter prompt
	Help       help.Styles
	// Coded text (highlight.go): tints of the code colours suit the background.
	Dark bool // the terminal's background is dark
}

// DefaultStyles returns the styles for a dark (isDark) or light terminal.
func DefaultStyles(isDark bool) *Styles {
	ld := lipgloss.LightDark(isDark)
	fg := ld(lipgloss.Color("#1f2328"), lipgloss.Color("#e6e6e6"))
	dim := ld(lipgloss.Color("#6e7781"), lipgloss.Color("#8b949e"))
	accent := ld(lipgloss.Color("#0550ae"), lipgloss.Color("#79c0ff"))
	selBg := ld(lipgloss.Color("#d0e4ff"), lipgloss.Color("#2d3f5c"))
	markBg := ld(lipgloss.Color("#fff1a8"), lipgloss.Color("#5c4b00"))
	barBg := ld(lipgloss.Color("#eaeef2"), lipgloss.Color("#262c36"))
	errFg := ld(lipgloss.Color("#cf222e"), lipgloss.Color("#ff7b72"))
	speaker := ld(lipgloss.Color("#8250df"), lipgloss.Color("#d2a8ff"))

	base := lipgloss.NewStyle()
	return &Styles{
		Title:      base.Bold(true).Foreground(accent),
		Header:     base.Bold(true).Foreground(dim),
		Row:        base.Foreground(fg),
		Selected:   base.Foreground(fg).Background(selBg).Bold(true),
		Dim:        base.Foreground(dim),
		Speaker:    base.Bold(true).Foreground(speaker),
		Text:       base.Foreground(fg),
		CursorLine: base.Foreground(fg).Background(selBg),
		Caret:      base.Reverse(true),
		Selection:  base.Foreground(fg).Background(markBg),
		Mark:       base.Bold(true).Underline(true).Foreground(accent),
		Stripe:     base.Foreground(dim),
		Status:     base.Foreground(fg).Background(barBg),
		Project:    base.Bold(true).Foreground(accent).Background(barBg),
		Error:      base.Bold(true).Foreground(errFg).Background(barBg),
		Filter:     base.Foreground(accent),
		Help:       help.DefaultStyles(isDark),
		Dark:       isDark,
	}
}

// ansiStyle is a style's opening and closing escape sequences, so that
// the many short runs of a transcript line are drawn without a full
// lipgloss render each. Only for styles of colour and attributes (no
// padding, width or borders).
type ansiStyle struct{ open, close string }

// compile extracts s's escape sequences by rendering a sentinel.
func compile(s lipgloss.Style) ansiStyle {
	const sentinel = "\uE000"
	open, close, ok := strings.Cut(s.Render(sentinel), sentinel)
	if !ok {
		return ansiStyle{}
	}
	return ansiStyle{open: open, close: close}
}

// render wraps text in the style's sequences.
func (a ansiStyle) render(text string) string {
	if text == "" {
		return ""
	}
	return a.open + text + a.close
}
