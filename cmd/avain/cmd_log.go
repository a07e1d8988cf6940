package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/toituavain/avain/store"
)

func logCmd() *command {
	c := &command{name: "log", args: "PROJECT [--json] [--action ACTION] [--coder NAME]",
		summary: "show the project's audit trail: who imported, coded, merged, exported or pseudonymised what, and when"}
	c.help = `Every change to a project and every export is appended to its audit trail in
the same transaction as the change: imports, codings and uncodings, memos,
codebook edits, merges (with the entries of the merged copies), copies,
exports and pseudonymisation. Entries name ids and counts, never interview
text. Oldest first; times in your time zone (UTC in --json).

--action keeps the entries of one action (or its group: --action codebook
keeps codebook.add, codebook.delete, ...); --coder those of one coder.`
	c.run = func(ctx context.Context, e *env, args []string) error {
		fs := flagSet(e, c)
		asJSON := fs.Bool("json", false, "print the entries as a JSON array")
		action := fs.String("action", "", "only this action, or this group of actions")
		coder := fs.String("coder", "", "only this coder's entries")
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if err := exactly(pos, 1, "PROJECT"); err != nil {
			return err
		}
		p, _, err := openProject(ctx, e, pos[0])
		if err != nil {
			return err
		}
		defer p.Close()
		all, err := p.AuditLog(ctx)
		if err != nil {
			return err
		}
		entries := []store.AuditEntry{}
		for _, a := range all {
			if *action != "" && a.Action != *action && !strings.HasPrefix(a.Action, *action+".") {
				continue
			}
			if *coder != "" && a.Coder != *coder {
				continue
			}
			entries = append(entries, a)
		}
		if *asJSON {
			enc := json.NewEncoder(e.stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(entries)
		}
		tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "TIME\tCODER\tACTION\tDETAIL")
		for _, a := range entries {
			detail := a.Detail
			if detail == "" {
				detail = a.Target
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", a.At.In(time.Local).Format("2006-01-02 15:04:05"), a.Coder, a.Action, detail)
		}
		tw.Flush()
		fmt.Fprintf(e.stdout, "%s\n", pluralS(len(entries), "entry", "entries"))
		return nil
	}
	return c
}

// pluralS is "1 entry", "2 entries".
func pluralS(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
