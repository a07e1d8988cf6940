package tui

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/toituavain/avain/project"
)

// TestThemesExportRefusesAProject: the themes table typed to be saved over
// an avain project (here one named .csv) is refused in the status line, and
// the project is left as it was.
func TestThemesExportRefusesAProject(t *testing.T) {
	m, p, _ := coder(t, 240, 24)
	m = do(t, m, "T")
	data, err := os.ReadFile(p.Path())
	if err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(t.TempDir(), "backup.csv")
	if err := os.WriteFile(backup, data, 0o600); err != nil {
		t.Fatal(err)
	}
	m = do(t, m, "x")
	m = typeText(t, m, backup)
	m = do(t, m, "enter")
	assertStatus(t, m, "is an avain project")
	if b, err := os.ReadFile(backup); err != nil || !bytes.Equal(b, data) {
		t.Errorf("the project named backup.csv was written over: %v, %d bytes", err, len(b))
	}
}

// TestThemesExportIsGuardedAndRecorded: the themes table is never saved
// into the project's index folder (known only by the project's path,
// which reaches the view through the services), and a table saved is
// recorded in the audit trail, as avain export is.
func TestThemesExportIsGuardedAndRecorded(t *testing.T) {
	save := func(m Model, name string) Model {
		m = do(t, m, "x")
		m = typeText(t, m, name)
		return do(t, m, "enter")
	}
	m, p, _ := coder(t, 240, 24)
	m = do(t, m, "T")
	index := filepath.Join(p.Path()+".index", "teemat.csv")
	if err := os.MkdirAll(filepath.Dir(index), 0o700); err != nil {
		t.Fatal(err)
	}
	m = save(m, index)
	assertStatus(t, m, "index")
	if _, err := os.Stat(index); err == nil {
		t.Errorf("the table was written into the project's index folder")
	}
	out := filepath.Join(t.TempDir(), "teemat.md")
	m = save(m, out)
	if _, err := os.Stat(out); err != nil {
		t.Fatalf("the table was not saved: %v", err)
	}
	log, err := p.Store.AuditLog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, e := range log {
		found = found || (e.Action == "export" && strings.Contains(e.Detail, "format=md"))
	}
	if !found {
		t.Errorf("no audit entry for the saved table: %+v", log)
	}
}

// exportSpy is a project whose outputs are written through Export, and
// remembered.
type exportSpy struct {
	*project.Project
	calls []string // "target|detail" of every export
}

func (s *exportSpy) Export(ctx context.Context, path, coder, target, detail string, write func(io.Writer) error) error {
	s.calls = append(s.calls, target+"|"+detail)
	return s.Project.Export(ctx, path, coder, target, detail, write)
}

// TestThemesExportGoesThroughTheServices: the table is written by the
// services' Export (as target "freq", with the format and the rows), not
// by the UI writing files itself.
func TestThemesExportGoesThroughTheServices(t *testing.T) {
	p, _ := newProject(t)
	spy := &exportSpy{Project: p}
	m := New(spy, "testi", "testaaja")
	m, _ = send(t, m, tea.WindowSizeMsg{Width: 120, Height: 30})
	m = do(t, m, "T", "x")
	out := filepath.Join(t.TempDir(), "teemat.csv")
	m = typeText(t, m, out)
	m = do(t, m, "enter")
	assertStatus(t, m, "wrote "+out)
	want := []string{"freq|format=csv rows=3 from the themes view"}
	if !reflect.DeepEqual(spy.calls, want) {
		t.Errorf("exports through the services: %q, want %q", spy.calls, want)
	}
	if _, err := os.Stat(out); err != nil {
		t.Errorf("the table was not written: %v", err)
	}
}
