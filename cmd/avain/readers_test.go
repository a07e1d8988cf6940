package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/toituavain/avain/store"
)

// TestReadersDoNotWaitForAWriter: while another process holds the
// project's write lock, commands that only read (docs, codings, codebook,
// search, log) answer at once instead of waiting out the busy timeout:
// closing the project no longer waits to checkpoint. The timeout here is
// a minute; a reader that waited for it is stopped at 30 s and fails.
func TestReadersDoNotWaitForAWriter(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: readers beside another process holding the write lock; run without -short")
	}
	bin := binary(t)
	dir := t.TempDir()
	proj := filepath.Join(dir, "p.avain")
	mustRun(t, "init", proj)
	mustRun(t, "import", proj, write(t, t.TempDir(), "a.txt", []byte(clientInterview)))
	mustRun(t, "search", proj, "Kela") // the index is up to date
	holdWriteLock(t, proj)
	for _, args := range [][]string{{"docs"}, {"codings"}, {"codebook"}, {"search", "Kela"}, {"log"}} {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		cmd := exec.CommandContext(ctx, bin, append([]string{args[0], proj}, args[1:]...)...)
		cmd.Env = append(os.Environ(), store.EnvBusyTimeout+"=60000")
		out, err := cmd.CombinedOutput()
		cancel()
		if err != nil {
			t.Errorf("avain %s beside a writer: %v (stopped after 30 s: it waited for the writer), %s", args[0], err, clip(string(out), 200))
		}
	}
}
