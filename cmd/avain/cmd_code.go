package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/store"
)

func codeCmd() *command {
	c := &command{name: "code", args: "PROJECT --doc DOC (--turn N | --start S --end E) --code CODE [--memo TEXT [--yes]] [--coder NAME]",
		summary: "apply a code to a turn or a span of a document"}
	c.help = `DOC is a document's name or id. CODE is a code's id, its Finnish or English
name, or a path Theme/Code when a name is not unique. --start and --end are
code-point offsets into the document's text (end exclusive), as avain search
prints them. Prints the new coding's id; the same code on the same span by the
same coder is not stored twice. In a pseudonymised project the memo is checked
as avain memo checks it.`
	c.run = func(ctx context.Context, e *env, args []string) error {
		fs := flagSet(e, c)
		doc := fs.String("doc", "", "the document: its name or id")
		turn := fs.Int("turn", 0, "code the whole turn N")
		start := fs.Int("start", -1, "the span's first code point")
		end := fs.Int("end", -1, "the code point just past the span")
		code := fs.String("code", "", "the code: id, name or Theme/Code")
		memo := fs.String("memo", "", "a memo on the coding")
		yes := fs.Bool("yes", false, "in a pseudonymised project, replace personal data in the memo without asking")
		coder := coderFlag(fs)
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if err := exactly(pos, 1, "PROJECT"); err != nil {
			return err
		}
		if *doc == "" || *code == "" {
			return usagef("--doc and --code are required")
		}
		sel := coding.Selection{Turn: *turn}
		switch {
		case *turn != 0 && (*start >= 0 || *end >= 0):
			return usagef("give either --turn or --start and --end, not both")
		case *turn == 0 && (*start < 0 || *end < 0):
			return usagef("give --turn N, or --start S and --end E")
		case *turn == 0:
			sel.Span = coding.Span{Start: *start, End: *end}
		}
		s, err := store.Open(ctx, pos[0])
		if err != nil {
			return err
		}
		defer s.Close()
		if *memo, err = guardMemo(ctx, e, s, *memo, "memo", *yes); err != nil {
			return err
		}
		cd, created, err := coding.Engine{Repo: s}.Apply(ctx, *doc, sel, *code, coderIn(s, *coder), *memo)
		if err != nil {
			return err
		}
		if !created {
			fmt.Fprintf(e.stderr, "already coded: the same code on the same span by %s\n", cd.Coder)
		}
		fmt.Fprintln(e.stdout, cd.ID)
		return nil
	}
	return c
}

func uncodeCmd() *command {
	c := &command{name: "uncode", args: "PROJECT CODING_ID [--coder NAME]", summary: "remove a coding"}
	c.help = `The coding is marked deleted (a tombstone), so a team merge knows it was removed.`
	c.run = func(ctx context.Context, e *env, args []string) error {
		fs := flagSet(e, c)
		coder := coderFlag(fs)
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if err := exactly(pos, 2, "PROJECT CODING_ID"); err != nil {
			return err
		}
		s, err := store.Open(ctx, pos[0])
		if err != nil {
			return err
		}
		defer s.Close()
		if _, err := (coding.Engine{Repo: s}).Remove(ctx, pos[1], coderIn(s, *coder)); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "removed coding %s\n", pos[1])
		return nil
	}
	return c
}

func memoCmd() *command {
	c := &command{name: "memo", args: "PROJECT (--coding ID | --doc DOC | --code CODE | --project) TEXT [--yes] [--coder NAME]",
		summary: "set the memo on a coding, a document, a code or the project"}
	c.help = `An empty TEXT ("") removes the memo.

In a project whose documents were pseudonymised, the memo is checked before
it is stored: for identity codes, phone numbers, e-mails and IBANs, and for
the names the project replaced, in their inflected forms too (recognised by
their keyed hashes; the names are not in the project). Each finding is asked
about as the import asks (y/n/a/A/q); --yes replaces them all; without a
terminal and without --yes the memo is refused. Memos of a project none of
whose documents was pseudonymised are stored as typed.`
	c.run = func(ctx context.Context, e *env, args []string) error {
		fs := flagSet(e, c)
		codingID := fs.String("coding", "", "a coding's id")
		doc := fs.String("doc", "", "a document's name or id")
		code := fs.String("code", "", "a code: id, name or Theme/Code")
		onProject := fs.Bool("project", false, "the project memo: on the study as a whole")
		yes := fs.Bool("yes", false, "in a pseudonymised project, replace personal data in the memo without asking")
		coder := coderFlag(fs)
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if len(pos) < 2 {
			return usagef("need a project and the memo text")
		}
		n := boolCount(*onProject)
		for _, v := range []string{*codingID, *doc, *code} {
			if v != "" {
				n++
			}
		}
		if n != 1 {
			return usagef("give exactly one of --coding, --doc, --code and --project")
		}
		s, err := store.Open(ctx, pos[0])
		if err != nil {
			return err
		}
		defer s.Close()
		target, id := coding.MemoCoding, *codingID
		switch {
		case *onProject:
			target, id = coding.MemoProject, coding.ProjectMemoID
		case *doc != "":
			target = coding.MemoDocument
			if id, err = s.ResolveDocument(ctx, *doc); err != nil {
				return err
			}
		case *code != "":
			target = coding.MemoCode
			cb, err := s.Codebook(ctx)
			if err != nil {
				return err
			}
			cd, err := cb.Resolve(*code)
			if err != nil {
				return err
			}
			id = cd.ID
		}
		text := strings.Join(pos[1:], " ")
		if text, err = guardMemo(ctx, e, s, text, "memo", *yes); err != nil {
			return err
		}
		if err := s.SetMemo(ctx, target, id, text, coderIn(s, *coder)); err != nil {
			return err
		}
		on := fmt.Sprintf("%s %s", target, id)
		if target == coding.MemoProject {
			on = "the project"
		}
		if text == "" {
			fmt.Fprintf(e.stdout, "removed the memo on %s\n", on)
		} else {
			fmt.Fprintf(e.stdout, "memo set on %s\n", on)
		}
		return nil
	}
	return c
}

// codingRow is one coding as codings prints it.
type codingRow struct {
	ID       string `json:"id"`
	Doc      string `json:"doc"`
	DocID    string `json:"doc_id"`
	Turn     int    `json:"turn"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	CodeID   string `json:"code_id"`
	CodePath string `json:"code"`
	Coder    string `json:"coder"`
	Memo     string `json:"memo"`
	Text     string `json:"text"`
}

func codingsCmd() *command {
	c := &command{name: "codings", args: "PROJECT [--doc DOC] [--code CODE] [--coder NAME] [--json]",
		summary: "list codings with their coded text"}
	c.help = `--code takes a theme too: then the codings of all its codes are listed.`
	c.run = func(ctx context.Context, e *env, args []string) error {
		fs := flagSet(e, c)
		doc := fs.String("doc", "", "only this document (name or id)")
		code := fs.String("code", "", "only this code and the codes under it")
		coder := fs.String("coder", "", "only this coder's codings")
		lang := fs.String("lang", "fi", "language of code names: fi or en")
		asJSON := fs.Bool("json", false, "print JSON: an array of codings")
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
		cb, err := s.Codebook(ctx)
		if err != nil {
			return err
		}
		f := coding.CodingFilter{Coder: *coder}
		if *doc != "" {
			if f.DocumentID, err = s.ResolveDocument(ctx, *doc); err != nil {
				return err
			}
		}
		if *code != "" {
			cd, err := cb.Resolve(*code)
			if err != nil {
				return err
			}
			f.CodeIDs = cb.Subtree(cd.ID)
		}
		list, err := s.Codings(ctx, f)
		if err != nil {
			return err
		}
		docs := map[string]*coding.Document{}
		rows := make([]codingRow, 0, len(list))
		for _, cd := range list {
			d := docs[cd.DocumentID]
			if d == nil {
				if d, err = s.Document(ctx, cd.DocumentID); err != nil {
					return err
				}
				docs[cd.DocumentID] = d
			}
			rows = append(rows, codingRow{ID: cd.ID, Doc: d.Name, DocID: d.ID, Turn: d.TurnAt(cd.Start), Start: cd.Start, End: cd.End,
				CodeID: cd.CodeID, CodePath: cb.PathString(cd.CodeID, *lang), Coder: cd.Coder, Memo: cd.Memo,
				Text: coding.Slice(d.Text, cd.Start, cd.End)})
		}
		if *asJSON {
			return writeJSON(e, rows)
		}
		if len(rows) == 0 {
			fmt.Fprintln(e.stdout, "no codings")
			return nil
		}
		tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tDOCUMENT\tTURN\tSPAN\tCODE\tCODER\tTEXT")
		for _, r := range rows {
			text := oneLine(r.Text)
			if r.Memo != "" {
				text += "  [memo: " + oneLine(r.Memo) + "]"
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d:%d\t%s\t%s\t%s\n", r.ID, r.Doc, r.Turn, r.Start, r.End, r.CodePath, r.Coder, clip(text, 70))
		}
		fmt.Fprintf(tw, "%d codings\n", len(rows))
		return tw.Flush()
	}
	return c
}

// clip shortens s to at most n code points, ending in "…".
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// boolCount is 1 for true, 0 for false: a flag counted among the targets.
func boolCount(b bool) int {
	if b {
		return 1
	}
	return 0
}
