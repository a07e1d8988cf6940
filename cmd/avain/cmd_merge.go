package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"

	"github.com/toituavain/avain/project"
	"github.com/toituavain/avain/store"
)

func mergeCmd() *command {
	c := &command{name: "merge", args: "TARGET SOURCE... [--dry-run] [--json] [--match-codes-by-name] [--no-backup]",
		summary: "merge team members' copies of a project into one"}
	c.help = `Folds each SOURCE copy into TARGET, in one transaction: all or nothing.

Documents are unified by content (the same transcript imported in two copies
is one document, with the codings of both); codes, codings, memos and
attributes by id. Of two versions of a record the newer wins, and a
deletion wins over older edits; a code's deletion or its merge into another
code wins over every edit, and codings of a merged code follow it. Two
values of one attribute, or two memos on one target, are both kept and the
newer is shown. Codes with the same name under the same parent but
different ids stop the merge unless --match-codes-by-name unifies them.
Merging is idempotent and gives the same project in any order.

Before writing, TARGET is backed up beside itself as
TARGET.before-merge-TIME.avain (unless --no-backup). A source is read
through a consistent temporary copy, migrated if it is older; it is never
changed, and nothing is written beside it. The copies live in a private
folder .avain-merge-PID-* beside TARGET, removed at the end; a folder left
by a merge that was killed is removed by the next merge. A file that is
not an avain project is refused untouched.

The report gives, per source and per coder, what was added, updated and
deleted, and every conflict and how it was resolved; --dry-run prints it
without writing.`
	c.run = func(ctx context.Context, e *env, args []string) error {
		fs := flagSet(e, c)
		coder := coderFlag(fs)
		dry := fs.Bool("dry-run", false, "report what the merge would do, and write nothing")
		asJSON := fs.Bool("json", false, "print the report as JSON")
		byName := fs.Bool("match-codes-by-name", false, "unify codes of the same name under the same parent")
		noBackup := fs.Bool("no-backup", false, "do not back up TARGET before writing")
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if len(pos) < 2 {
			return usagef("need TARGET and at least one SOURCE")
		}
		p, prog, err := openProject(ctx, e, pos[0])
		if err != nil {
			return err
		}
		defer p.Close()
		rep, backup, err := p.Merge(ctx, pos[1:], project.MergeOptions{
			MergeOptions: store.MergeOptions{MatchCodesByName: *byName, DryRun: *dry, Coder: coderIn(p.Store, *coder)},
			NoBackup:     *noBackup})
		prog.clear()
		if errors.Is(err, project.ErrIndexDeferred) {
			// The merge is done: the next search updates the index.
			fmt.Fprintf(e.stderr, "note: %s\n", oneLine(err.Error()))
		} else if err != nil {
			return err
		}
		if *asJSON {
			out := struct {
				*store.MergeReport
				Backup string `json:"backup,omitempty"`
			}{rep, backup}
			enc := json.NewEncoder(e.stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(out)
		}
		printMergeReport(e.stdout, rep, backup)
		return nil
	}
	return c
}

func printMergeReport(w io.Writer, rep *store.MergeReport, backup string) {
	if rep.DryRun {
		fmt.Fprintln(w, "dry run: nothing was written")
	}
	if backup != "" {
		fmt.Fprintf(w, "backup of the target before the merge: %s\n", backup)
	}
	line := func(label string, t store.MergeTally) {
		fmt.Fprintf(w, "  %-14s documents %s  attributes %s  codes %s  codings %s  memos %s\n", label,
			counts(t.Documents), counts(t.Attributes), counts(t.Codes), counts(t.Codings), counts(t.Memos))
	}
	for _, sr := range rep.Sources {
		fmt.Fprintf(w, "from %s:\n", sr.Source)
		line("all", sr.Total)
		coders := make([]string, 0, len(sr.ByCoder))
		for c := range sr.ByCoder {
			coders = append(coders, c)
		}
		sort.Strings(coders)
		for _, c := range coders {
			if sr.ByCoder[c].Changed() {
				line(c, *sr.ByCoder[c])
			}
		}
		for _, d := range sr.Unified {
			fmt.Fprintf(w, "  same text as a document here: %s (one document now)\n", d)
		}
		for _, cf := range sr.Conflicts {
			fmt.Fprintf(w, "  conflict: %s\n", cf)
		}
		if sr.AuditEntries > 0 {
			fmt.Fprintf(w, "  %d audit-log entries carried over\n", sr.AuditEntries)
		}
	}
	for _, r := range rep.Repairs {
		fmt.Fprintf(w, "after merging: %s\n", r)
	}
	switch {
	case !rep.Changed:
		fmt.Fprintln(w, "nothing to merge: the target already holds everything")
	case rep.DryRun:
		fmt.Fprintln(w, "run again without --dry-run to merge")
	default:
		fmt.Fprintln(w, "merged")
	}
}

// counts shows added, updated and deleted as +a ~u -d.
func counts(c store.MergeCounts) string {
	return fmt.Sprintf("+%d ~%d -%d", c.Added, c.Updated, c.Deleted)
}

func copyCmd() *command {
	c := &command{name: "copy", args: "PROJECT NEW.avain [--coder NAME]", summary: "write a copy of a project for a team member"}
	c.help = `Writes a consistent copy of PROJECT to NEW.avain (mode 0600), safe while the
project is open elsewhere. With --coder the copy records its coder, used by
commands in it that are given no --coder and no $AVAIN_CODER. Team members
code in their copies; avain merge brings the copies back together.

A project closed by avain is complete in its one file, so a plain file copy
of a closed project is a full copy too.`
	c.run = func(ctx context.Context, e *env, args []string) error {
		fs := flagSet(e, c)
		coder := fs.String("coder", "", "the team member who will code in the copy")
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if err := exactly(pos, 2, "PROJECT and NEW.avain"); err != nil {
			return err
		}
		p, err := project.Open(ctx, pos[0])
		if err != nil {
			return err
		}
		defer p.Close()
		if err := p.CopyTo(ctx, pos[1]); err != nil {
			return err
		}
		if *coder != "" {
			q, err := project.Open(ctx, pos[1])
			if err != nil {
				return err
			}
			err = q.SetDefaultCoder(ctx, *coder)
			if err == nil {
				err = q.Log(ctx, *coder, "copy", "", "copied from "+pos[0])
			}
			if cerr := q.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
		}
		fmt.Fprintf(e.stdout, "wrote %s", pos[1])
		if *coder != "" {
			fmt.Fprintf(e.stdout, " for %s", *coder)
		}
		fmt.Fprintln(e.stdout)
		return nil
	}
	return c
}
