package tui

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
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
	for range len("teemat.csv") {
		m = do(t, m, "backspace")
	}
	m = typeText(t, m, backup)
	m = do(t, m, "enter")
	assertStatus(t, m, "is an avain project")
	if b, err := os.ReadFile(backup); err != nil || !bytes.Equal(b, data) {
		t.Errorf("the project named backup.csv was written over: %v, %d bytes", err, len(b))
	}
}
