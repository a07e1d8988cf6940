package main

import (
	"context"
	"os"
	"os/exec"
	"sync"
	"testing"

	"github.com/toituavain/avain/store"
)

// needTool returns the path of the program bin, from Debian's package
// pkg. Missing, it fails the test in CI, which installs it (.ci/run), and
// skips it elsewhere, saying so.
func needTool(t *testing.T, bin, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(bin)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s (Debian's %s) is not installed; CI installs it (.ci/run)", bin, pkg)
		}
		t.Skipf("%s is not installed (apt-get install %s, or scripts/deps); CI runs this test", bin, pkg)
	}
	return path
}

// needPrlimit returns the path of prlimit (util-linux), with which tests
// stand a file-size limit in for a full disk.
func needPrlimit(t *testing.T) string {
	t.Helper()
	return needTool(t, "prlimit", "util-linux")
}

// holdWriteLock takes the write lock of the project at proj, as another
// process in mid-transaction would, and returns the function that lets
// it go (also run at the test's end).
func holdWriteLock(t *testing.T, proj string) (release func()) {
	t.Helper()
	s, err := store.Open(context.Background(), proj)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := s.DB().BeginTx(context.Background(), nil) // BEGIN IMMEDIATE: the write lock
	if err != nil {
		s.Close()
		t.Fatal(err)
	}
	if _, err := tx.Exec("UPDATE meta SET value = value WHERE key = 'project_id'"); err != nil {
		tx.Rollback()
		s.Close()
		t.Fatal(err)
	}
	var once sync.Once
	release = func() {
		once.Do(func() {
			tx.Rollback()
			s.Close()
		})
	}
	t.Cleanup(release)
	return release
}
