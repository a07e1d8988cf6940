//go:build unix

package store

import (
	"fmt"
	"path/filepath"
	"syscall"
)

// checkWritable refuses a project whose file or folder this process
// cannot write, before SQLite opens it: SQLite would otherwise make its
// WAL and shared-memory files beside it read-only too, and the project
// would stay read-only after the file's mode is fixed.
func checkWritable(path string) error {
	const wOK = 2
	if err := syscall.Access(path, wOK); err != nil {
		return fmt.Errorf("%s: the project file is read-only (make it writable with chmod u+w)", path)
	}
	if dir := filepath.Dir(path); syscall.Access(dir, wOK) != nil {
		return fmt.Errorf("%s: its folder %s is read-only, and avain writes its journal beside the project", path, dir)
	}
	return nil
}
