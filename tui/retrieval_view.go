package tui

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/export"
)

// top is the number of lines above the passages: the title, and the
// filter when it is typed or kept.
func (v RetrievalView) top() int {
	if v.filtering || v.filter != "" {
		return 2
	}
	return 1
}

// rows is the number of lines the passages have.
func (v RetrievalView) rows() int {
	return max(0, v.c.Height-v.top()-boolInt(v.naming))
}

// textWidth is the width of a passage's wrapped text, indented by 4.
func (v RetrievalView) textWidth() int { return max(8, v.c.Width-4) }

// body returns passage i's text lines, wrapped, at most the rows there are.
func (v RetrievalView) body(p passage) []string {
	return wrapWords("“"+strings.TrimSpace(p.text)+"”", v.textWidth(), max(1, v.rows()-1))
}

// heads returns a passage's head, wrapped, at most three lines.
func (v RetrievalView) heads(p passage) []string { return wrapWords(v.head(p), max(8, v.c.Width-2), 3) }

// height is how many lines passage shown[i] takes: its head and its text.
func (v RetrievalView) height(i int) int {
	p := v.data.list[v.shown[i]]
	return len(v.heads(p)) + len(v.body(p))
}

// page is about how many passages a page holds.
func (v RetrievalView) page() int {
	return varPage(v.offset, len(v.shown), v.rows(), v.height)
}

// scroll keeps the passage under the cursor whole in view.
func (v *RetrievalView) scroll() {
	v.offset = varScroll(v.offset, v.cursor, len(v.shown), v.rows(), v.height)
}

// head is a passage's first line: document, kind, attributes, turn,
// speaker, coders, and the codes of the subtree when not the one asked for.
func (v RetrievalView) head(p passage) string {
	parts := []string{p.docName}
	if p.kind != "" {
		parts = append(parts, p.kind)
	}
	var keys []string
	for k := range p.attrs {
		if k != "kind" && k != "lang" && p.attrs[k] != "" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		parts = append(parts, k+": "+p.attrs[k])
	}
	parts = append(parts, "turn "+strconv.Itoa(p.turn))
	if p.speaker != "" {
		parts = append(parts, p.speaker)
	}
	parts = append(parts, strings.Join(p.coders, ", "))
	for _, id := range p.codeIDs {
		if id != v.req.codeID {
			parts = append(parts, v.codePath(id))
		}
	}
	return strings.Join(parts, " · ")
}

// View draws the title, the filter and the passages from the offset.
func (v RetrievalView) View() string {
	w, h, st := v.c.Width, v.c.Height, v.c.Styles
	if w <= 0 || h <= 0 {
		return ""
	}
	if !v.loaded {
		return fit(st.Dim.Render("Retrieving the coded passages…"), w, h)
	}
	what := ""
	if v.subtree && v.data.cb != nil && len(v.data.cb.Children(v.req.codeID)) > 0 {
		what = " and its child codes"
	}
	if g := v.req.group(); g != "" {
		what += " · " + g
	}
	count := fmt.Sprintf(" — %s in %s", pluralize(len(v.data.list), "passage"), pluralize(v.data.docs, "document"))
	if len(v.shown) != len(v.data.list) {
		count = fmt.Sprintf(" — %d of %s", len(v.shown), pluralize(len(v.data.list), "passage"))
	}
	lines := []string{st.Title.Render(v.codePath(v.req.codeID)) + st.Dim.Render(what+count)}
	if l, ok := filterLine(st, v.input, v.filtering, v.filter, w, "  coder:NAME kind:KIND key:value words"); ok {
		lines = append(lines, l)
	}
	switch {
	case len(v.data.list) == 0:
		lines = append(lines, st.Dim.Render("  Nothing is coded with it yet."))
	case len(v.shown) == 0:
		lines = append(lines, st.Dim.Render("  No passage matches the filter."))
	}
	used := 0
	for i := v.offset; i < len(v.shown) && used < v.rows(); i++ {
		p := v.data.list[v.shown[i]]
		for j, h := range v.heads(p) {
			mark, head := "  ", st.Dim.Render(h)
			if i == v.cursor {
				head = st.Selected.Render(pad(h, max(0, w-2)))
				if j == 0 {
					mark = st.Speaker.Render("› ")
				}
			}
			lines = append(lines, mark+head)
		}
		for _, l := range v.body(p) {
			lines = append(lines, "    "+st.Text.Render(l))
		}
		used += v.height(i)
	}
	body := fit(strings.Join(lines, "\n"), w, h-boolInt(v.naming))
	if v.naming {
		body += "\n" + st.Filter.Render(ansi.Truncate("Write the passages to: "+suggestedView(v.c.Styles, v.name, v.fresh, w-23), w, "…"))
	}
	return body
}

// exportName is the file name offered for the export.
func (v RetrievalView) exportName() string {
	name := map[string]string{coding.LangFinnish: "segmentit", coding.LangEnglish: "segments"}[v.c.Lang]
	if c := v.data.cb.Code(v.req.codeID); c != nil { // in the language of the table
		name += "-" + strings.Map(func(r rune) rune {
			if strings.ContainsRune(`/\:*?"<>| `, r) {
				return '_'
			}
			return r
		}, c.Name(v.c.Lang))
	}
	return name + ".csv"
}

// updateName takes the export's file name; enter writes the passages
// shown, esc cancels.
func (v RetrievalView) updateName(msg tea.Msg) (RetrievalView, tea.Cmd) {
	rk := v.c.Keys.RetrievalView
	km, isKey := msg.(tea.KeyPressMsg)
	switch {
	case isKey && key.Matches(km, rk.Cancel):
		v.naming = false
	case isKey && key.Matches(km, rk.Save):
		v.naming = false
		if name := strings.TrimSpace(v.name.Value()); name != "" {
			return v, v.export(name)
		}
	default:
		typeOver(v.name, &v.fresh, msg)
	}
	v.scroll()
	return v, nil
}

// export returns the command that writes the passages shown to name as
// `avain export segments` lays them out (one row per coding: code,
// document, attributes, turn, speaker, offsets, coder, memo, text), in
// the format of name's extension (CSV when unknown), mode 0600, recorded
// in the audit trail; with a coder filter, only those coders' codings.
func (v RetrievalView) export(name string) tea.Cmd {
	format := strings.TrimPrefix(strings.ToLower(filepath.Ext(name)), ".")
	if !slices.Contains(export.Formats, format) {
		format, name = "csv", name+".csv"
	}
	spans := map[[3]string]bool{}
	for _, i := range v.shown {
		p := v.data.list[i]
		spans[[3]string{p.docID, strconv.Itoa(p.start), strconv.Itoa(p.end)}] = true
	}
	ids := []string{v.req.codeID}
	if v.subtree {
		ids = v.data.cb.Subtree(v.req.codeID)
	}
	f := parsePassageFilter(v.filter)
	svc, coder, codeID, lang := v.c.Svc, v.c.Coder, v.req.codeID, v.c.Lang
	return func() tea.Msg {
		ctx := context.Background()
		all, err := export.Segments(ctx, svc, export.Options{Codes: []string{codeID}, Lang: lang})
		if err != nil {
			return themesSavedMsg{path: name, err: err}
		}
		col := map[string]int{}
		for i, h := range all.Header {
			col[h] = i
		}
		table := export.Table{Name: all.Name, Header: all.Header, Notes: all.Notes}
		for _, r := range all.Rows {
			k := [3]string{r[col["document_id"]].Text, r[col["start"]].String(), r[col["end"]].String()}
			if spans[k] && slices.Contains(ids, r[col["code_id"]].Text) && f.coder(r[col["coder"]].Text) {
				table.Rows = append(table.Rows, r)
			}
		}
		var b bytes.Buffer
		if err := export.Write(&b, format, table); err != nil {
			return themesSavedMsg{path: name, err: err}
		}
		detail := fmt.Sprintf("format=%s rows=%d from the retrieval view of code %s", format, len(table.Rows), codeID)
		return themesSavedMsg{path: name, err: svc.Export(ctx, name, coder, "segments", detail, func(w io.Writer) error {
			_, err := w.Write(b.Bytes())
			return err
		})}
	}
}
