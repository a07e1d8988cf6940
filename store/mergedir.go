package store

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// A merge reads its sources through copies in a private folder beside the
// target, .avain-merge-PID-RANDOM (mode 0700, its files 0600). The merge
// holds a lock on the folder while it runs and removes it at the end; a
// folder left by a merge that was killed holds full copies of the sources,
// so the next merge (or any command opening a project in that folder)
// removes it once its owner is gone.

// mergeDirPrefix begins the name of every merge folder.
const mergeDirPrefix = ".avain-merge-"

// staleAfter is how old an unlocked merge folder of a live process id
// must be to count as left behind: the id was reused by another process.
// A merge holds its lock from a moment after the folder is made.
const staleAfter = time.Minute

// makeMergeDir removes the merge folders left beside the project at path,
// then makes this merge's folder and locks it. release removes it.
func makeMergeDir(path string) (dir string, release func(), err error) {
	parent := filepath.Dir(path)
	removeStaleMergeDirs(parent)
	dir, err = os.MkdirTemp(parent, fmt.Sprintf("%s%d-", mergeDirPrefix, os.Getpid()))
	if err != nil {
		return "", nil, fmt.Errorf("a temporary folder beside %s: %w", path, err)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	unlock := lockDir(dir)
	return dir, func() {
		os.RemoveAll(dir)
		unlock()
	}, nil
}

// removeStaleMergeDirs removes, in the folder parent, the merge folders
// whose merge is no longer running: unlocked, and either of a process id
// that no longer runs (or none, as older avain named them) or older than
// staleAfter. A folder whose lock is held, or whose lock cannot be tested,
// is kept. Errors are ignored: the folders are tried again next time.
func removeStaleMergeDirs(parent string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), mergeDirPrefix) {
			continue // a symlink is not followed
		}
		dir := filepath.Join(parent, e.Name())
		pid := 0
		if p, _, ok := strings.Cut(strings.TrimPrefix(e.Name(), mergeDirPrefix), "-"); ok {
			pid, _ = strconv.Atoi(p)
		}
		removeIfUnlocked(dir, func() bool {
			if pid > 0 && processRuns(pid) {
				info, err := os.Lstat(dir)
				return err == nil && time.Since(info.ModTime()) > staleAfter
			}
			return true
		})
	}
}
