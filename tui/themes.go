package tui

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/export"
)

// themesLoadedMsg carries a theme table and the attributes to split by.
type themesLoadedMsg struct {
	by    string
	table coding.FreqTable
	cb    *coding.Codebook
	attrs []string
}

// themesSavedMsg reports an exported theme table.
type themesSavedMsg struct {
	path string
	err  error
}

// metric is what the bars of the themes view measure: one of coding's
// measures, whose definition the view states.
type metric = coding.Measure

const (
	metricCodings   = coding.MeasureCodings
	metricPassages  = coding.MeasurePassages
	metricDocuments = coding.MeasureDocuments
	metricShare     = coding.MeasureShare
	metricWords     = coding.MeasureWords
)

// metricCount is the number of measures the view cycles through.
var metricCount = metric(len(coding.Measures))

// themesLang is the language the view's own words are in (the UI's,
// English); the table it counts and saves is in Common.Lang.
const themesLang = coding.LangEnglish

// ThemesView shows the coded frequencies of the codes, overall or split
// by an attribute, as bars in the codes' colours; a cell (a code's line
// of one group) opens its coded passages in the retrieval view, and the
// table exports with one key.
type ThemesView struct {
	c       Common
	by      string // "" for no split
	attrs   []string
	table   *coding.FreqTable
	cb      *coding.Codebook
	metric  metric
	cursor  int // index into table.Rows
	line    int // the group's line of the row under the cursor (index into groups())
	offset  int // first row shown
	asking  bool
	input   *textinput.Model // the file name being typed
	fresh   bool             // the name is still the suggested one: what is typed first replaces it
	loading bool
}

// NewThemesView returns an empty themes view.
func NewThemesView(c Common) ThemesView { return ThemesView{c: c} }

// SetSize sets the view's box.
func (v *ThemesView) SetSize(w, h int) {
	v.c.Width, v.c.Height = w, h
	v.scroll()
}

// SetStyles replaces the styles.
func (v *ThemesView) SetStyles(s *Styles) { v.c.Styles = s }

// Typing reports whether a file name is being typed.
func (v ThemesView) Typing() bool { return v.asking }

// Mode names the screen for the status line.
func (v ThemesView) Mode() string { return "THEMES" }

// Show computes the table.
func (v *ThemesView) Show() tea.Cmd { return v.Load() }

// Refresh computes the table again, unless a file name is being typed.
func (v *ThemesView) Refresh() tea.Cmd {
	if v.asking {
		return nil
	}
	return v.Load()
}

// Load returns the command that computes the table for the current split.
func (v *ThemesView) Load() tea.Cmd {
	v.loading = true
	svc, by := v.c.Svc, v.by
	return func() tea.Msg {
		ctx := context.Background()
		o := export.Options{Lang: v.c.Lang}
		if by != "" {
			o.By = []string{by}
		}
		t, cb, err := export.Frequencies(ctx, svc, o)
		if err != nil {
			return errMsg{fmt.Errorf("theme table: %w", err)}
		}
		docs, err := svc.Documents(ctx)
		if err != nil {
			return errMsg{err}
		}
		set := map[string]bool{}
		for _, d := range docs {
			for k := range d.Attrs {
				set[k] = true
			}
		}
		delete(set, "kind")
		delete(set, "lang")
		attrs := make([]string, 0, len(set))
		for k := range set {
			attrs = append(attrs, k)
		}
		sort.Strings(attrs)
		attrs = append(append([]string{"kind"}, attrs...), "lang") // interview kind first
		return themesLoadedMsg{by: by, table: t, cb: cb, attrs: attrs}
	}
}

// linesOf is how many lines a row takes: one per group (the overall one
// only when there is no split).
func (v ThemesView) linesOf() int {
	if v.table == nil || len(v.table.Groups) == 1 {
		return 1
	}
	return len(v.table.Groups) - 1
}

// rows is how many table rows fit under the title and the legend.
func (v ThemesView) rows() int {
	h := v.c.Height - 3 // the title, the groups and the definition
	if v.asking {
		h--
	}
	return max(0, h/v.linesOf())
}

func (v *ThemesView) scroll() {
	if v.table != nil {
		v.offset = scrollTo(v.offset, v.cursor, v.rows(), len(v.table.Rows))
	}
}

// Update handles the view's messages.
func (v ThemesView) Update(msg tea.Msg) (ThemesView, tea.Cmd) {
	switch msg := msg.(type) {
	case themesLoadedMsg:
		if msg.by != v.by {
			return v, nil // an older split
		}
		v.loading, v.table, v.cb, v.attrs = false, &msg.table, msg.cb, msg.attrs
		v.cursor = clamp(v.cursor, 0, len(msg.table.Rows)-1)
		v.line = clamp(v.line, 0, len(v.groups())-1)
		v.scroll()
	case tea.KeyPressMsg:
		if v.asking {
			return v.updateName(msg)
		}
		return v.updateKeys(msg)
	case tea.PasteMsg:
		if v.asking {
			return v.updateName(msg)
		}
	}
	return v, nil
}

func (v ThemesView) updateKeys(msg tea.KeyPressMsg) (ThemesView, tea.Cmd) {
	k, ck := v.c.Keys.ThemesView, v.c.Keys
	switch {
	case key.Matches(msg, ck.Back):
		return v, func() tea.Msg { return backMsg{} }
	case v.table == nil:
		return v, nil
	case key.Matches(msg, k.Split):
		opts := append([]string{""}, v.attrs...)
		i := 0
		for j, a := range opts {
			if a == v.by {
				i = j
			}
		}
		v.by = opts[(i+1)%len(opts)]
		return v, v.Load()
	case key.Matches(msg, k.Metric):
		v.metric = (v.metric + 1) % metricCount
	case key.Matches(msg, k.Drill):
		if req, ok := v.cell(); ok {
			return v, func() tea.Msg { return req }
		}
	case key.Matches(msg, k.Export):
		name := map[string]string{coding.LangFinnish: "teemat", coding.LangEnglish: "themes"}[v.c.Lang]
		if v.by != "" {
			name += "-" + v.by
		}
		name += ".csv" // in the language of the table
		v.asking, v.input, v.fresh = true, newField(name, 0), true
		v.scroll()
	default:
		v.move(msg)
	}
	return v, nil
}

// groups returns the groups drawn, as indices into the table's groups:
// the overall one alone, or every group of the split.
func (v ThemesView) groups() []int {
	if v.table == nil || len(v.table.Groups) <= 1 {
		return []int{0}
	}
	out := make([]int, 0, len(v.table.Groups)-1)
	for i := 1; i < len(v.table.Groups); i++ {
		out = append(out, i)
	}
	return out
}

// move moves the cursor: up and down by line, through the groups of a
// row before the next row; the other keys by row.
func (v *ThemesView) move(msg tea.KeyPressMsg) {
	ck, n, last := v.c.Keys, len(v.table.Rows), len(v.groups())-1
	switch {
	case key.Matches(msg, ck.Down) && v.line < last:
		v.line++
	case key.Matches(msg, ck.Down) && v.cursor < n-1:
		v.cursor, v.line = v.cursor+1, 0
	case key.Matches(msg, ck.Up) && v.line > 0:
		v.line--
	case key.Matches(msg, ck.Up) && v.cursor > 0:
		v.cursor, v.line = v.cursor-1, last
	case key.Matches(msg, ck.Up, ck.Down):
	default:
		if c, ok := moveCursor(ck, msg, v.cursor, n, v.rows()); ok {
			v.cursor, v.line = c, 0
		}
	}
	v.line = clamp(v.line, 0, last)
	v.scroll()
}

// cell returns the retrieval of the cell under the cursor: its code (with
// the child codes) in its group, or in all documents without a split.
func (v ThemesView) cell() (retrieveMsg, bool) {
	r := v.table.Rows[v.cursor]
	if r.CodeID == "" {
		return retrieveMsg{}, false
	}
	req := retrieveMsg{codeID: r.CodeID}
	if g := v.table.Groups[v.groups()[v.line]]; len(g.Values) > 0 {
		req.by, req.values = v.table.By, g.Values
	}
	return req, true
}

// value is a cell's measure and its label.
func (v ThemesView) value(c coding.FreqCell) (float64, string) {
	switch v.metric {
	case metricPassages:
		return float64(c.Passages), strconv.Itoa(c.Passages)
	case metricDocuments:
		return float64(c.Documents), strconv.Itoa(c.Documents)
	case metricShare:
		return c.Share, strconv.FormatFloat(c.Share*100, 'f', 0, 64) + "%"
	case metricWords:
		return float64(c.Words), strconv.Itoa(c.Words)
	}
	return float64(c.Codings), strconv.Itoa(c.Codings)
}

// View draws a title with the split and its groups, then per code one bar
// per group in the code's colour, scaled to the largest value shown.
func (v ThemesView) View() string {
	w, h, st := v.c.Width, v.c.Height, v.c.Styles
	if w <= 0 || h <= 0 {
		return ""
	}
	if v.table == nil {
		return fit(st.Dim.Render("Counting the codings…"), w, h)
	}
	t := v.table
	split := "all documents"
	if v.by != "" {
		split = "split by " + v.by
	}
	var b strings.Builder
	b.WriteString(st.Title.Render("Themes") + st.Dim.Render(" · "+split+" · "+v.metric.Brief(themesLang)+" · "+coding.SubtreeBrief(themesLang)) + "\n")
	var legend []string
	groups := v.groups()
	for _, g := range groups {
		legend = append(legend, fmt.Sprintf("%s n=%d", t.Groups[g].Label(), t.Groups[g].Docs))
	}
	b.WriteString(st.Header.Render(ansi.Truncate(strings.Join(legend, " · "), w, "…")))
	top := 0.0
	for _, r := range t.Rows[:max(0, len(t.Rows)-1)] { // the totals row would dwarf the codes
		for _, g := range groups {
			if x, _ := v.value(r.Cells[g]); x > top {
				top = x
			}
		}
	}
	nameW := min(32, max(10, w/3))
	groupW := 0
	if len(groups) > 1 {
		for _, g := range groups {
			groupW = max(groupW, ansi.StringWidth(t.Groups[g].Label()))
		}
		groupW = min(groupW, 14) + 1
	}
	barW := max(1, w-2-nameW-groupW-7)
	end := min(len(t.Rows), v.offset+v.rows())
	for i := v.offset; i < end; i++ {
		r := t.Rows[i]
		name := "Total"
		color := lipgloss.Style(st.Stripe)
		if r.CodeID != "" {
			name = strings.Repeat("  ", r.Depth) + r.Path[len(r.Path)-1]
			if c := v.cb.Code(r.CodeID); c != nil && coding.ValidColor(c.Color) {
				color = st.Stripe.Foreground(lipgloss.Color(c.Color))
			}
		}
		mark, nameStyle := "  ", st.Row
		if r.Parent || r.CodeID == "" {
			nameStyle = st.Header
		}
		if i == v.cursor {
			mark, nameStyle = "› ", st.Selected
		}
		for j, g := range groups {
			label := ""
			if j == 0 {
				label = name
			}
			if i == v.cursor {
				mark = map[bool]string{true: "› ", false: "  "}[j == v.line]
			}
			x, text := v.value(r.Cells[g])
			n := 0
			if top > 0 {
				n = int(x/top*float64(barW) + 0.5)
			}
			n = min(n, barW)
			line := mark + nameStyle.Render(pad(label, nameW))
			if groupW > 0 {
				gs := st.Dim
				if i == v.cursor && j == v.line {
					gs = st.Selected
				}
				line += gs.Render(pad(" "+t.Groups[g].Label(), groupW))
			}
			line += " " + color.Render(strings.Repeat("█", n)) + " " + st.Text.Render(text)
			b.WriteString("\n" + line)
			mark = "  "
		}
	}
	foot := boolInt(h > 2) // the definition, when there is room for it
	body := fit(b.String(), w, h-foot-boolInt(v.asking))
	if foot > 0 {
		body += "\n" + st.Dim.Render(ansi.Truncate(v.definition(), w, "…"))
	}
	if v.asking {
		body += "\n" + st.Filter.Render(ansi.Truncate("Write the table to: "+v.nameView(w-20), w, "…"))
	}
	return body
}

// definition says what the selected measure counts, and that a theme
// counts its child codes: the sentences every output states.
func (v ThemesView) definition() string {
	return v.metric.About(themesLang) + " " + coding.CountsAbout(themesLang)[0]
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ShortHelp returns the view's one-line help.
func (v ThemesView) ShortHelp() []key.Binding {
	k := v.c.Keys.ThemesView
	if v.asking {
		return []key.Binding{k.Save, k.Cancel}
	}
	return []key.Binding{k.Split, k.Metric, k.Drill, k.Export, v.c.Keys.Back}
}

// FullHelp returns the view's expanded help.
func (v ThemesView) FullHelp() [][]key.Binding {
	ck := v.c.Keys
	return [][]key.Binding{{ck.Up, ck.Down, ck.PageUp, ck.PageDown, ck.Top, ck.Bottom}, v.ShortHelp()}
}
