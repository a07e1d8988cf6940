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

	// A new code from the filter typed (NewCode): offered when allowed
	// (AllowCreate) and no code is named exactly so, after the matches.
	creatable bool
	parent    string // the theme it goes under: "" for the top level
	parentSet bool   // the theme was chosen (tab), not the default
	near      string // the theme of the code the cursor was last on, the default
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
	p.offset = scrollTo(p.offset, p.cursor, p.rows(), p.rowCount())
}

// AllowCreate makes the picker offer a new code named by the filter
// typed, under the theme of code last (the code applied last), else under
// the theme of the best match; tab chooses another theme.
func (p *Picker) AllowCreate(last string) {
	p.creatable = true
	if c := p.cb.Code(last); c != nil {
		p.parent, p.parentSet = c.ParentID, true
	}
}

// NewCode returns the name and the theme (its id, "" for the top level)
// of the new code under the cursor, if that is where it is.
func (p Picker) NewCode() (name, parent string, ok bool) {
	if !p.offering() || p.cursor != len(p.shown) {
		return "", "", false
	}
	return p.newName(), p.theme(), true
}

// newName is the name of the new code offered: the filter, its spaces
// tidied.
func (p Picker) newName() string { return strings.Join(strings.Fields(p.query), " ") }

// offering reports whether a new code is offered: allowed, a name typed,
// and no code named exactly so.
func (p Picker) offering() bool {
	name := p.newName()
	if !p.creatable || name == "" {
		return false
	}
	for _, c := range p.shown {
		if strings.EqualFold(c.NameFi, name) || strings.EqualFold(c.NameEn, name) {
			return false
		}
	}
	return true
}

// rowCount is the number of rows to choose from: the matches and the new
// code offered.
func (p Picker) rowCount() int {
	if p.offering() {
		return len(p.shown) + 1
	}
	return len(p.shown)
}

// theme is the id of the theme a new code goes under: the one chosen (or
// the last code's), else that of the code the cursor was last on.
func (p Picker) theme() string {
	if p.parentSet {
		return p.parent
	}
	return p.near
}

// follow keeps the theme of the code under the cursor as the new code's
// default.
func (p *Picker) follow() {
	if p.cursor >= 0 && p.cursor < len(p.shown) {
		p.near = p.shown[p.cursor].ParentID
	}
}

// themes are the places a new code may go: the top level, then every code
// not yet at the depth limit, in codebook order.
func (p Picker) themes() []string {
	out := []string{""}
	for _, c := range p.cb.Codes() {
		if len(p.cb.Ancestors(c.ID))+2 <= coding.MaxCodeDepth {
			out = append(out, c.ID)
		}
	}
	return out
}

// nextTheme puts the new code under the next place of themes, after the
// themes (codes with children) first.
func (p *Picker) nextTheme() {
	all, cur := p.themes(), p.theme()
	var order []string
	for _, id := range all { // top level and themes first, then the other codes
		if id == "" || len(p.cb.Children(id)) > 0 {
			order = append(order, id)
		}
	}
	for _, id := range all {
		if id != "" && len(p.cb.Children(id)) == 0 {
			order = append(order, id)
		}
	}
	next := order[0]
	for i, id := range order {
		if id == cur {
			next = order[(i+1)%len(order)]
		}
	}
	p.parent, p.parentSet = next, true
}

// keys returns the picker's bindings as they apply now.
func (p Picker) keys() KeyMap {
	k := *p.c.Keys
	k.PickParent.SetEnabled(p.offering())
	return k
}

// Selected returns the code under the cursor, or nil when none matches.
func (p Picker) Selected() *coding.Code {
	if p.cursor < 0 || p.cursor >= len(p.shown) {
		return nil
	}
	return p.shown[p.cursor]
}

// Refusal says why the code under the cursor cannot be applied (it is a
// category), or "" when it can.
func (p Picker) Refusal() string {
	if c := p.Selected(); c != nil && c.NotCodable {
		return categoryRefusal(p.cb, c)
	}
	return ""
}

// categoryRefusal is the status line's word on applying the category c.
func categoryRefusal(cb *coding.Codebook, c *coding.Code) string {
	return cb.PathString(c.ID, coding.LangFinnish) + " is a category: it groups codes and takes no codings; choose a code under it"
}

// rows is the number of codes shown under the rule and the prompt.
func (p Picker) rows() int { return max(0, p.c.Height-2) }

// Update moves the cursor or edits the filter (a key or a paste).
func (p Picker) Update(msg tea.Msg) (Picker, tea.Cmd) {
	k := p.keys()
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.PickUp):
			p.cursor--
		case key.Matches(msg, k.PickDown):
			p.cursor++
		case key.Matches(msg, k.PickParent):
			p.nextTheme()
			p.cursor = len(p.shown) // on the new code
		default:
			p.edit(msg)
		}
	case tea.PasteMsg:
		p.edit(msg)
	default:
		return p, nil
	}
	p.cursor = clamp(p.cursor, 0, p.rowCount()-1)
	p.offset = scrollTo(p.offset, p.cursor, p.rows(), p.rowCount())
	p.follow()
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
	p.cursor, p.offset, p.near = 0, 0, ""
	p.follow()
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
	if p.rowCount() == 0 {
		b.WriteString(st.Dim.Render("  No code matches."))
	}
	end := min(p.rowCount(), p.offset+p.rows())
	for i := p.offset; i < end; i++ {
		if i == len(p.shown) {
			b.WriteString(p.newCodeRow(i == p.cursor, w))
			break
		}
		c := p.shown[i]
		text := p.cb.PathString(c.ID, coding.LangFinnish)
		if c.NameEn != "" && c.NameEn != c.NameFi {
			text += " (" + c.NameEn + ")"
		}
		if c.Shortcut != "" {
			text += " [" + c.Shortcut + "]"
		}
		mark, style := "  ", st.Row
		if c.NotCodable { // shown, to find the codes under it, but dimmed
			text += " · category"
			style = st.Dim
		}
		if i == p.cursor {
			mark = "› "
			if !c.NotCodable {
				style = st.Selected
			}
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
	k := p.keys()
	return []key.Binding{k.PickUp, k.PickDown, k.Choose, k.PickParent, k.Cancel}
}

// FullHelp returns the picker's expanded help.
func (p Picker) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

// newCodeRow draws the new code offered: its name and theme, and how to
// choose another theme.
func (p Picker) newCodeRow(selected bool, w int) string {
	st := p.c.Styles
	where := "at the top level"
	if t := p.theme(); t != "" {
		where = "under " + p.cb.PathString(t, coding.LangFinnish)
	}
	text := " + new code «" + p.newName() + "» " + where
	if k := p.keys().PickParent; k.Enabled() {
		text += " (" + k.Help().Key + ": another theme)"
	}
	mark, style := "  ", st.Row
	if selected {
		mark, style = "› ", st.Selected
	}
	return mark + style.Render(pad(text, max(0, w-2)))
}
