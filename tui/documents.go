package tui

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/toituavain/avain/coding"
)

// docsLoadedMsg carries the project's documents: first listed (counted
// false), so the list shows at once, then with their counts of turns and
// codings, which take longer to work out over a large project.
type docsLoadedMsg struct {
	docs    []coding.DocSummary
	counted bool
}

// openDocMsg asks the root to open a document in the reader.
type openDocMsg struct{ ID, Name string }

// loadDocuments reads the document list; the list then asks for the
// counts (countDocuments).
func loadDocuments(svc Services) tea.Cmd {
	return func() tea.Msg {
		docs, err := svc.DocumentList(context.Background())
		if err != nil {
			return errMsg{fmt.Errorf("loading documents: %w", err)}
		}
		return docsLoadedMsg{docs: docs}
	}
}

func countDocuments(svc Services) tea.Cmd {
	return func() tea.Msg {
		docs, err := svc.Documents(context.Background())
		if err != nil {
			return errMsg{fmt.Errorf("counting the documents' codings: %w", err)}
		}
		return docsLoadedMsg{docs: docs, counted: true}
	}
}

// Documents is the screen listing the project's documents.
type Documents struct {
	c         Common
	docs      []coding.DocSummary
	shown     []int            // indices into docs that pass the filter
	cursor    int              // index into shown
	offset    int              // first visible row
	filter    string           // the words every document shown holds
	filtering bool             // typing a filter: keys go to the filter
	input     *textinput.Model // the filter's field while typing
	loaded    bool
	counted   bool // the counts are known (until then "…" is shown)
	stale     bool // the counts are out of date: read again when shown
	sortBy    docSort
}

// docSort is an order of the document list.
type docSort int

const (
	sortName docSort = iota
	sortKind
	sortProgress
	sortCodings
	sortCount
)

func (s docSort) String() string {
	return [...]string{"name", "kind", "progress", "codings"}[s]
}

// progress is the share of a document's turns that carry a coding, 0–1.
func progress(d coding.DocSummary) float64 {
	if d.Turns == 0 {
		return 0
	}
	return float64(d.CodedTurns) / float64(d.Turns)
}

// attrs lists a document's attributes as key=value, in the order of
// their names.
func attrs(d coding.DocSummary) string {
	names := make([]string, 0, len(d.Attrs))
	for k := range d.Attrs {
		names = append(names, k)
	}
	sort.Strings(names)
	out := make([]string, 0, len(names))
	for _, k := range names {
		if v := d.Attrs[k]; v != "" {
			out = append(out, k+"="+v)
		}
	}
	return strings.Join(out, ", ")
}

// NewDocuments returns an empty documents screen.
func NewDocuments(c Common) Documents { return Documents{c: c} }

// SetSize sets the screen's box.
func (d *Documents) SetSize(w, h int) {
	d.c.Width, d.c.Height = w, h
	d.offset = scrollTo(d.offset, d.cursor, d.rows(), len(d.shown))
}

// SetStyles replaces the styles.
func (d *Documents) SetStyles(s *Styles) { d.c.Styles = s }

// Typing reports whether the screen takes every key (a filter is being typed).
func (d Documents) Typing() bool { return d.filtering }

// Mode names the screen for the status line.
func (d Documents) Mode() string { return "DOCUMENTS" }

// Show reads the list again when it went stale while out of view.
func (d *Documents) Show() tea.Cmd {
	if !d.stale {
		return nil
	}
	d.stale = false
	return loadDocuments(d.c.Svc)
}

// Refresh reads the list again (it is stale: see Show).
func (d *Documents) Refresh() tea.Cmd { return d.Show() }

// Selected returns the document under the cursor, if any.
func (d Documents) Selected() (coding.DocSummary, bool) {
	if d.cursor < 0 || d.cursor >= len(d.shown) {
		return coding.DocSummary{}, false
	}
	return d.docs[d.shown[d.cursor]], true
}

// rows is the number of list rows that fit under the title and header.
func (d Documents) rows() int { return max(0, d.c.Height-2) }

// applyFilter recomputes the shown documents in the chosen order: those
// that pass every term of the filter (coding.DocFilter: key:value terms
// and free text). The cursor stays on the document it was on.
func (d *Documents) applyFilter() {
	cur, had := d.Selected()
	d.reshow(cur.ID, had)
}

// reshow recomputes the shown documents (see applyFilter) and puts the
// cursor on the document id when it is still shown; otherwise the cursor
// keeps its row, clamped to the list.
func (d *Documents) reshow(id string, had bool) {
	d.shown = make([]int, 0, len(d.docs)) // earlier copies of the screen keep theirs
	f := coding.ParseDocFilter(d.filter)
	for i, doc := range d.docs {
		if f.Match(doc) {
			d.shown = append(d.shown, i)
		}
	}
	less := map[docSort]func(a, b coding.DocSummary) int{
		sortName: func(a, b coding.DocSummary) int { return 0 },
		sortKind: func(a, b coding.DocSummary) int { return strings.Compare(a.Kind, b.Kind) },
		sortProgress: func(a, b coding.DocSummary) int {
			return cmp.Compare(progress(a), progress(b))
		},
		sortCodings: func(a, b coding.DocSummary) int { return cmp.Compare(b.Codings, a.Codings) },
	}[d.sortBy]
	slices.SortStableFunc(d.shown, func(i, j int) int { // docs come ordered by name
		return less(d.docs[i], d.docs[j])
	})
	if had {
		if i := slices.IndexFunc(d.shown, func(j int) bool { return d.docs[j].ID == id }); i >= 0 {
			d.cursor = i
		}
	}
	d.cursor = clamp(d.cursor, 0, len(d.shown)-1)
	d.offset = scrollTo(d.offset, d.cursor, d.rows(), len(d.shown))
}

// Update handles the list's messages.
func (d Documents) Update(msg tea.Msg) (Documents, tea.Cmd) {
	switch msg := msg.(type) {
	case docsLoadedMsg:
		// The selection is read before the list is replaced: the cursor
		// indexes the old list, and a document added or removed elsewhere
		// shifts the rows under it.
		cur, had := d.Selected()
		if !msg.counted && d.counted {
			// A refresh: keep the counts shown until the new ones come.
			old := map[string]coding.DocSummary{}
			for _, doc := range d.docs {
				old[doc.ID] = doc
			}
			for i, doc := range msg.docs {
				if o, ok := old[doc.ID]; ok {
					msg.docs[i].Turns, msg.docs[i].Codings, msg.docs[i].CodedTurns = o.Turns, o.Codings, o.CodedTurns
				}
			}
		}
		d.docs, d.loaded, d.counted = msg.docs, true, d.counted || msg.counted
		d.reshow(cur.ID, had)
		if !msg.counted {
			return d, countDocuments(d.c.Svc)
		}
	case tea.KeyPressMsg:
		if d.filtering {
			return d.updateFilter(msg), nil
		}
		return d.updateKeys(msg)
	case tea.PasteMsg:
		if d.filtering {
			return d.updateFilter(msg), nil
		}
	}
	return d, nil
}

// updateFilter takes a key or a paste while the filter is typed: enter
// keeps the filter, esc drops it, the picker's up and down move in the
// list, anything else edits it.
func (d Documents) updateFilter(msg tea.Msg) Documents {
	k := d.c.Keys
	km, isKey := msg.(tea.KeyPressMsg)
	switch {
	case isKey && key.Matches(km, k.ClearFilter):
		d.filtering, d.filter = false, ""
	case isKey && key.Matches(km, k.KeepFilter):
		d.filtering = false
	case isKey && key.Matches(km, k.PickUp):
		d.cursor = clamp(d.cursor-1, 0, len(d.shown)-1)
		d.offset = scrollTo(d.offset, d.cursor, d.rows(), len(d.shown))
		return d
	case isKey && key.Matches(km, k.PickDown):
		d.cursor = clamp(d.cursor+1, 0, len(d.shown)-1)
		d.offset = scrollTo(d.offset, d.cursor, d.rows(), len(d.shown))
		return d
	default:
		*d.input, _ = d.input.Update(msg)
		d.filter = d.input.Value()
	}
	d.applyFilter()
	return d
}

func (d Documents) updateKeys(msg tea.KeyPressMsg) (Documents, tea.Cmd) {
	k, n, page := d.c.Keys, len(d.shown), max(1, d.rows())
	switch {
	case key.Matches(msg, k.Filter):
		d.filtering, d.input = true, newField(d.filter, 0)
	case key.Matches(msg, k.Sort):
		d.sortBy = (d.sortBy + 1) % sortCount
		d.applyFilter()
	case key.Matches(msg, k.Back):
		if d.filter != "" {
			d.filter = ""
			d.applyFilter()
		}
	case key.Matches(msg, k.Open):
		if doc, ok := d.Selected(); ok {
			return d, func() tea.Msg { return openDocMsg{ID: doc.ID, Name: doc.Name} }
		}
	default:
		d.cursor, _ = moveCursor(k, msg, d.cursor, n, page)
	}
	d.cursor = clamp(d.cursor, 0, n-1)
	d.offset = scrollTo(d.offset, d.cursor, d.rows(), n)
	return d, nil
}

// View renders the visible part of the list.
func (d Documents) View() string {
	w, h, st := d.c.Width, d.c.Height, d.c.Styles
	if w <= 0 || h <= 0 {
		return ""
	}
	var b strings.Builder
	title := fmt.Sprintf("Documents (%d)", len(d.docs))
	sorted := "  sorted by " + d.sortBy.String()
	switch {
	case d.filtering:
		fw, hint := fieldWidth(w, ansi.StringWidth(title+"  filter: "), ansi.StringWidth(sorted))
		if !hint {
			sorted = ""
		}
		title += st.Filter.Render("  filter: " + fieldView(d.input, fw))
	case d.filter != "":
		title += st.Dim.Render(fmt.Sprintf("  filter: %s (%d shown)", d.filter, len(d.shown)))
	}
	title += st.Dim.Render(sorted)
	b.WriteString(st.Title.Render(title) + "\n")
	c := docLayout(w, d.docs)
	b.WriteString(st.Header.Render(pad("  "+pad("Name", c.name)+pad(" Kind", c.kind)+pad(" Attributes", c.attrs)+
		padCol("Turns", c.turns)+padCol("Codings", c.codings)+pad("  Coded", c.coded), w)) + "\n")
	switch {
	case !d.loaded:
		b.WriteString(st.Dim.Render("  Loading…"))
	case len(d.docs) == 0:
		b.WriteString(st.Dim.Render("  No documents yet: import some with avain import."))
	case len(d.shown) == 0:
		b.WriteString(st.Dim.Render("  " + d.noMatch()))
	}
	end := min(len(d.shown), d.offset+d.rows())
	for i := d.offset; i < end; i++ {
		doc := d.docs[d.shown[i]]
		mark, style := "  ", st.Row
		if i == d.cursor {
			mark, style = "› ", st.Selected
		}
		row := mark + pad(doc.Name, c.name) + pad(" "+doc.Kind, c.kind) + pad(" "+attrs(doc), c.attrs)
		if d.counted {
			row += padCol(strconv.Itoa(doc.Turns), c.turns) + padCol(strconv.Itoa(doc.Codings), c.codings)
			if c.coded > 0 {
				row += "  " + progressBar(progress(doc), c.coded-2)
			}
		} else {
			row += padCol("…", c.turns) + padCol("…", c.codings)
		}
		b.WriteString(style.Render(pad(row, w)))
		if i < end-1 {
			b.WriteString("\n")
		}
	}
	return fit(b.String(), w, h)
}

// padCol right-aligns s in a column w cells wide, nothing when the
// column is left out (w is 0).
func padCol(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return padLeft(s, w)
}

// noMatch says why no document is shown: a key no document has, or
// simply no match.
func (d Documents) noMatch() string {
	if keys := coding.ParseDocFilter(d.filter).Unknown(d.docs); len(keys) > 0 {
		return "No document has the attribute " + strings.Join(keys, ", ") + " (kind, lang, name, or an attribute avain docs shows)."
	}
	return "No document matches the filter."
}

// progressBar draws share (0–1) as a bar of blocks and a percentage in w
// cells.
func progressBar(share float64, w int) string {
	pct := fmt.Sprintf("%3.0f%%", share*100)
	bw := w - len(pct) - 1
	if bw < 2 {
		return padLeft(pct, w)
	}
	full := int(share*float64(bw) + 0.5)
	return strings.Repeat("█", full) + strings.Repeat("░", bw-full) + " " + pct
}

// ShortHelp returns the screen's one-line help.
func (d Documents) ShortHelp() []key.Binding {
	k := d.c.Keys
	if d.filtering {
		return []key.Binding{k.PickUp, k.PickDown, k.KeepFilter, k.ClearFilter}
	}
	return []key.Binding{k.Open, k.Filter, k.Sort}
}

// FullHelp returns the screen's expanded help.
func (d Documents) FullHelp() [][]key.Binding {
	k := d.c.Keys
	clear := k.ClearFilter // esc drops a filter kept
	clear.SetEnabled(d.filter != "")
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.Top, k.Bottom, k.Open, k.Filter, k.Sort, clear}}
}
