package project

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/toituavain/avain/store"
)

// MergeOptions say how to merge copies into a project.
type MergeOptions struct {
	store.MergeOptions
	// NoBackup skips the backup of the target made before writing.
	NoBackup bool
}

// Merge folds the project copies at sources into p (see store.Merge):
// first, unless asked not to or dry, it writes a backup of p beside it
// (PATH.before-merge-TIME.avain, mode 0600), and afterwards brings the
// search index up to date: when another process keeps it past the busy
// timeout, the merge is done and the error is of kind ErrIndexDeferred. It returns the report and the backup's path.
func (p *Project) Merge(ctx context.Context, sources []string, opts MergeOptions) (*store.MergeReport, string, error) {
	backup := ""
	if !opts.DryRun && !opts.NoBackup {
		stem := strings.TrimSuffix(p.path, ".avain") + ".before-merge-" + time.Now().UTC().Format("20060102T150405Z")
		for i := 1; ; i++ {
			backup = stem + ".avain"
			if i > 1 {
				backup = fmt.Sprintf("%s-%d.avain", stem, i)
			}
			err := p.CopyTo(ctx, backup)
			if err == nil {
				break
			}
			if !errors.Is(err, store.ErrExists) || i > 100 {
				return nil, "", fmt.Errorf("backing up %s before the merge: %w", p.path, err)
			}
		}
	}
	rep, err := p.Store.Merge(ctx, sources, opts.MergeOptions)
	if err != nil {
		if backup != "" {
			os.Remove(backup) // nothing was written: the backup is the project as it is
		}
		return nil, "", err
	}
	if backup != "" && !rep.Changed {
		os.Remove(backup)
		backup = ""
	}
	if rep.Changed && !opts.DryRun {
		if err := p.updateIndex(ctx); err != nil {
			return rep, backup, fmt.Errorf("merged; %w", err)
		}
	}
	return rep, backup, nil
}
