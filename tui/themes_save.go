package tui

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/export"
)

// Version is avain's version, named in the tables the workspace saves as
// avain export names it; the command sets it.
var Version = "dev"

// updateName takes the export's file name, typed or pasted; enter
// writes the table. The suggested name is replaced by what is typed or
// pasted first, and cleared by a delete, as a selected name would be;
// once the cursor moves it is edited in place.
func (v ThemesView) updateName(msg tea.Msg) (ThemesView, tea.Cmd) {
	km, isKey := msg.(tea.KeyPressMsg)
	switch {
	case isKey && key.Matches(km, v.c.Keys.ThemesView.Cancel):
		v.asking = false
	case isKey && key.Matches(km, v.c.Keys.ThemesView.Save):
		v.asking = false
		return v, v.save(strings.TrimSpace(v.input.Value()))
	default:
		typeOver(v.input, &v.fresh, msg)
	}
	v.scroll()
	return v, nil
}

// nameView draws the file name field in w cells; the suggested name,
// until something is typed, as selected.
func (v ThemesView) nameView(w int) string {
	return suggestedView(v.c.Styles, v.input, v.fresh, w)
}

// save returns the command that writes the table to name, in the format
// of its extension (CSV when it has none avain writes), laid out as avain
// export freq lays it out, through the services.
func (v ThemesView) save(name string) tea.Cmd {
	if name == "" {
		return nil
	}
	format := strings.TrimPrefix(strings.ToLower(filepath.Ext(name)), ".")
	known := false
	for _, f := range export.Formats {
		known = known || f == format
	}
	if !known {
		format, name = "csv", name+".csv"
	}
	view := export.View{Layout: export.LayoutPeople, Lang: v.c.Lang} // as avain export freq --lang writes it
	if format == "json" {
		view.Layout = export.LayoutData
	}
	table := export.FreqTable(*v.table, view)
	svc, coder, by := v.c.Svc, v.c.Coder, v.by
	return func() tea.Msg {
		about, err := themesAbout(svc, view, by, format)
		if err != nil {
			return themesSavedMsg{path: name, err: err}
		}
		var b bytes.Buffer
		if err := export.WriteAbout(&b, format, about, table); err != nil {
			return themesSavedMsg{path: name, err: err}
		}
		// Never over the project the table comes from, and recorded
		// in its audit trail before it replaces a file.
		detail := fmt.Sprintf("format=%s rows=%d from the themes view", format, len(table.Rows))
		return themesSavedMsg{path: name, err: svc.Export(context.Background(), name, coder, "freq", detail,
			func(w io.Writer) error {
				_, err := w.Write(b.Bytes())
				return err
			})}
	}
}

// themesAbout says how the saved table was made, as avain export freq
// does (the About sheet of a workbook, the lines under a table): the
// project, the date, the coders counted (named unless in JSON), the
// split, avain's version and what each number counts.
func themesAbout(svc Services, view export.View, by, format string) (*export.About, error) {
	a := &export.About{Title: view.Title("freq"), Made: time.Now(), Lang: view.Lang, Version: Version,
		Counts: coding.CountsAbout(view.Lang)}
	if d, ok := svc.(displaySvc); ok {
		svc = d.Services
	}
	if p, ok := svc.(interface{ Path() string }); ok { // a project: its file's name
		a.Project = filepath.Base(p.Path())
	}
	if by != "" {
		a.Filters = []string{"--by " + by}
	}
	if format == "md" || format == "xlsx" || view.Layout == export.LayoutPeople {
		coders, err := export.Coders(context.Background(), svc)
		if err != nil {
			return nil, err
		}
		a.Coders = coders
	}
	return a, nil
}
