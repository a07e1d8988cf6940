package tui

import (
	"sort"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/toituavain/avain/coding"
)

// Picker is the code picker pane: a filter typed over the codebook's
// codes, matched fuzzily on their Finnish and English names and paths.
// Its text field takes every key and paste but the picker keys (up, down,
// enter, esc), which its owner handles.
type Picker struct {
	c      Common
	cb     *coding.Codebook
	title  string
	input  *textinput.Model // the filter typed
	query  string           // the filter the codes shown match
	shown  []*coding.Code   // matching codes, best first
	swatch map[string]lipgloss.Style
	cursor int
	offset int
}

// NewPicker returns a picker over the live codes of cb, titled title.
func NewPicker(c Common, cb *coding.Codebook, title string) Picker {
	if cb == nil { // not loaded yet: an empty picker
		cb, _ = coding.NewCodebook(nil)
	}
	p := Picker{c: c, cb: cb, title: title, input: newField("", 0), swatch: map[string]lipgloss.Style{}}
	for _, code := range cb.Codes() {
		s := c.Styles.Stripe
		if coding.ValidColor(code.Color) {
			s = s.Foreground(lipgloss.Color(code.Color))
		}
		p.swatch[code.ID] = s
	}
	p.filter()
	return p
}

// SetSize sets the pane's box.
func (p *Picker) SetSize(w, h int) {
	p.c.Width, p.c.Height = w, h
	p.offset = scrollTo(p.offset, p.cursor, p.rows(), len(p.shown))
}

// Selected returns the code under the cursor, or nil when none matches.
func (p Picker) Selected() *coding.Code {
	if p.cursor < 0 || p.cursor >= len(p.shown) {
		return nil
	}
	return p.shown[p.cursor]
}

// rows is the number of codes shown under the rule and the prompt.
func (p Picker) rows() int { return max(0, p.c.Height-2) }

// Update moves the cursor or edits the filter (a key or a paste).
func (p Picker) Update(msg tea.Msg) (Picker, tea.Cmd) {
	k := p.c.Keys
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.PickUp):
			p.cursor--
		case key.Matches(msg, k.PickDown):
			p.cursor++
		default:
			p.edit(msg)
		}
	case tea.PasteMsg:
		p.edit(msg)
	default:
		return p, nil
	}
	p.cursor = clamp(p.cursor, 0, len(p.shown)-1)
	p.offset = scrollTo(p.offset, p.cursor, p.rows(), len(p.shown))
	return p, nil
}

// edit passes a key or a paste to the filter's field, and shows the codes
// that match when the filter changed.
func (p *Picker) edit(msg tea.Msg) {
	*p.input, _ = p.input.Update(msg)
	if q := p.input.Value(); q != p.query {
		p.query = q
		p.filter()
	}
}

// filter ranks the codes that match the query, best first, ties in
// codebook order; the cursor goes back to the best.
func (p *Picker) filter() {
	type hit struct {
		code  *coding.Code
		score int
	}
	var hits []hit
	for _, c := range p.cb.Codes() {
		best := -1
		for _, s := range []string{c.NameFi, c.NameEn, p.cb.PathString(c.ID, coding.LangFinnish), p.cb.PathString(c.ID, coding.LangEnglish)} {
			if sc, ok := fuzzyScore(p.query, s); ok && (best < 0 || sc < best) {
				best = sc
			}
		}
		if best >= 0 {
			hits = append(hits, hit{c, best})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].score < hits[j].score })
	p.shown = p.shown[:0]
	for _, h := range hits {
		p.shown = append(p.shown, h.code)
	}
	p.cursor, p.offset = 0, 0
}

// fuzzyScore matches q against s, case-insensitively, and scores the
// match: lower is better. A substring scores by where it starts, best at
// the start of a word; otherwise a subsequence scores behind every
// substring by its gaps and start, and one whose letters are scattered
// (more gaps than twice the query's length, plus two) does not match.
func fuzzyScore(q, s string) (int, bool) {
	qr, sr := []rune(strings.ToLower(q)), []rune(strings.ToLower(s))
	if len(qr) == 0 {
		return 0, true
	}
	if i := strings.Index(string(sr), string(qr)); i >= 0 {
		at := len([]rune(string(sr)[:i]))
		if at == 0 || !unicode.IsLetter(sr[at-1]) {
			return at / 8, true // a word's start
		}
		return 100 + at, true
	}
	best := -1
	for start, c := range sr {
		if c != qr[0] {
			continue
		}
		qi, gaps := 1, 0
		for i := start + 1; i < len(sr) && qi < len(qr); i++ {
			if sr[i] == qr[qi] {
				qi++
			} else {
				gaps++
			}
		}
		if qi < len(qr) {
			break // no later start can match either
		}
		if gaps > 2*len(qr)+2 {
			continue
		}
		if sc := 1000 + 4*gaps + start; best < 0 || sc < best {
			best = sc
		}
	}
	return best, best >= 0
}

// View draws a rule with the title, the prompt and the visible codes.
func (p Picker) View() string {
	w, h, st := p.c.Width, p.c.Height, p.c.Styles
	if w <= 0 || h <= 0 {
		return ""
	}
	var b strings.Builder
	rule := "── " + p.title + " "
	rule += strings.Repeat("─", max(0, w-ansi.StringWidth(rule)))
	b.WriteString(st.Title.Render(pad(rule, w)) + "\n")
	hint := "  type to filter"
	fw, ok := fieldWidth(w, 2, ansi.StringWidth(hint))
	if !ok {
		hint = ""
	}
	b.WriteString(st.Filter.Render("› "+fieldView(p.input, fw)) + st.Dim.Render(hint) + "\n")
	if len(p.shown) == 0 {
		b.WriteString(st.Dim.Render("  No code matches."))
	}
	end := min(len(p.shown), p.offset+p.rows())
	for i := p.offset; i < end; i++ {
		c := p.shown[i]
		text := p.cb.PathString(c.ID, coding.LangFinnish)
		if c.NameEn != "" && c.NameEn != c.NameFi {
			text += " (" + c.NameEn + ")"
		}
		if c.Shortcut != "" {
			text += " [" + c.Shortcut + "]"
		}
		mark, style := "  ", st.Row
		if i == p.cursor {
			mark, style = "› ", st.Selected
		}
		b.WriteString(mark + p.swatch[c.ID].Render("▌") + style.Render(pad(" "+text, max(0, w-3))))
		if i < end-1 {
			b.WriteString("\n")
		}
	}
	return fit(b.String(), w, h)
}

// ShortHelp returns the picker's one-line help.
func (p Picker) ShortHelp() []key.Binding {
	k := p.c.Keys
	return []key.Binding{k.PickUp, k.PickDown, k.Choose, k.Cancel}
}

// FullHelp returns the picker's expanded help.
func (p Picker) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }
