//go:build unix

package store

import (
	"errors"
	"fmt"
	"os"
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

// lockDir takes an exclusive lock on the folder dir for this merge, held
// until the returned function is called (or the process ends). Where the
// file system has no locks it does nothing: the process id in the
// folder's name still protects it on this machine.
func lockDir(dir string) (unlock func()) {
	f, err := os.Open(dir)
	if err != nil {
		return func() {}
	}
	// Blocking: another avain may hold it a moment, testing whether the
	// folder is stale (it is not: its process runs, and it is new).
	err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
	for errors.Is(err, syscall.EINTR) {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
	}
	if err != nil {
		f.Close()
		return func() {}
	}
	return func() { f.Close() }
}

// removeIfUnlocked removes the merge folder dir when no process holds its
// lock and stale says it was left behind; it keeps the lock meanwhile, so
// no other avain removes it at the same time.
func removeIfUnlocked(dir string, stale func() bool) {
	f, err := os.Open(dir)
	if err != nil {
		return
	}
	defer f.Close()
	if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) != nil {
		return // held by a running merge, or not testable here
	}
	if stale() {
		os.RemoveAll(dir)
	}
}

// processRuns reports whether a process of that id runs on this machine.
func processRuns(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
