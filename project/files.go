package project

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// WritePrivateFile writes data to path readable only by its owner (0600,
// whatever the umask), replacing any file there only once the new one is
// complete: it writes a temporary file beside it and renames it over.
func WritePrivateFile(path string, data []byte) error {
	return WritePrivate(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WritePrivate is WritePrivateFile for content that write streams out, so
// that a large export is never held whole in memory.
func WritePrivate(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	bw := bufio.NewWriterSize(tmp, 256<<10)
	if err := write(bw); err == nil {
		err = bw.Flush()
	}
	if err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// removeProject removes a project file with its WAL, shared memory and index.
func removeProject(path string) {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		os.Remove(p)
	}
	os.RemoveAll(IndexDir(path))
}
