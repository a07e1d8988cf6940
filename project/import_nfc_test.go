package project

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// A file whose name on disk is decomposed (NFD, as macOS writes names)
// is imported under the composed name, the one a user types.
func TestImportedFileNameIsNFC(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	name := "Äänitys öisin.txt"
	path := filepath.Join(dir, norm.NFD.String(name))
	if err := os.WriteFile(path, []byte("H: Miten menee?\nV: Hyvin.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	p, err := Create(ctx, filepath.Join(dir, "p.avain"))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if failed, err := p.ImportFiles(ctx, []string{path}, ImportOptions{Coder: "aino"}, nil); err != nil || failed != 0 {
		t.Fatal(failed, err)
	}
	var stored string
	if err := p.DB().QueryRow("SELECT name FROM documents").Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if stored != name {
		t.Errorf("stored %+q, want %+q", stored, name)
	}
}
