//go:build unix

package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestOpenRefusesWhatIsNotAFile: a FIFO or a folder is refused at once,
// as a project and as a merge source, without waiting for a writer.
func TestOpenRefusesWhatIsNotAFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.avain")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "folder.avain")
	os.Mkdir(folder, 0o700)
	target, _ := newProject(t)
	for _, path := range []string{fifo, folder} {
		if _, err := Open(ctx, path); !errors.Is(err, ErrNotProject) {
			t.Errorf("Open %s: %v, want ErrNotProject", filepath.Base(path), err)
		}
		if _, err := target.Merge(ctx, []string{path}, MergeOptions{}); !errors.Is(err, ErrNotProject) {
			t.Errorf("Merge %s: %v, want ErrNotProject", filepath.Base(path), err)
		}
	}
}
