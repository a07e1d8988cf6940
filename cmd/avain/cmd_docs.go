package main

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/store"
)

func docsCmd() *command {
	c := &command{name: "docs", args: "PROJECT [--json]", summary: "list the documents with kind, attributes and counts"}
	c.run = func(ctx context.Context, e *env, args []string) error {
		fs := flagSet(e, c)
		asJSON := fs.Bool("json", false, "print JSON: an array of documents")
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if err := exactly(pos, 1, "PROJECT"); err != nil {
			return err
		}
		s, err := store.Open(ctx, pos[0])
		if err != nil {
			return err
		}
		defer s.Close()
		docs, err := s.Documents(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			if docs == nil {
				docs = []coding.DocSummary{}
			}
			return writeJSON(e, docs)
		}
		if len(docs) == 0 {
			fmt.Fprintf(e.stdout, "no documents yet: avain import %s FILE...\n", pos[0])
			return nil
		}
		tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tKIND\tLANG\tWORDS\tTURNS\tCODINGS\tATTRIBUTES")
		var words, turns, codings int
		for _, d := range docs {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%s\n", d.Name, d.Kind, d.Lang, d.Words, d.Turns, d.Codings, formatAttrs(d.Attrs))
			words, turns, codings = words+d.Words, turns+d.Turns, codings+d.Codings
		}
		fmt.Fprintf(tw, "%d documents\t\t\t%d\t%d\t%d\t\n", len(docs), words, turns, codings)
		return tw.Flush()
	}
	return c
}

// formatAttrs prints attributes as key=value pairs in key order.
func formatAttrs(attrs map[string]string) string {
	keys := make([]string, 0, len(attrs))
	for k := range attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + attrs[k]
	}
	return strings.Join(parts, " ")
}

func writeJSON(e *env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
