package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/toituavain/avain/codebooks"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
	"github.com/toituavain/avain/store"
)

func codebookCmd() *command {
	c := &command{name: "codebook",
		args:    "PROJECT [--json] [--lang fi|en] [--export FILE] [--import FILE] | PROJECT add|rename|move|color|shortcut|category|define|merge|delete ...",
		summary: "show, edit, export or import the project's codebook"}
	c.help = `Without a subcommand, prints the code tree with colours and counts (codings,
documents); --export FILE writes it as REFI-QDA (.qdc), avain YAML (.yaml) or a
Markdown table (.md), by the extension; --import FILE reads a .qdc or .yaml file
(or an embedded codebook: ` + strings.Join(codebooks.Names(), ", ") + `) into the codebook, updating codes with the
same id. CODE below is an id, a Finnish or English name, or a path Theme/Code.

  add NAME_FI [--en NAME_EN] [--parent CODE] [--color #rrggbb] [--shortcut K] [--short TEXT] [--category]
  rename CODE NEW_NAME [--lang fi|en]
  move CODE NEW_PARENT            (NEW_PARENT "/" moves it to the top level)
  color CODE #rrggbb
  shortcut CODE KEY               (KEY "" removes it)
  category CODE [--off]           (a category groups codes and takes no codings; refused for a
                                  code with codings; --off makes it codable again)
  define CODE [--short TEXT] [--definition TEXT] [--when TEXT] [--when-not TEXT] [--example TEXT]
  merge CODE INTO_CODE            (its codings and children move over; nothing is lost)
  delete CODE [--force]           (refused for a code in use unless --force, which deletes its codings too)`
	c.run = func(ctx context.Context, e *env, args []string) error {
		if len(args) >= 2 && !strings.HasPrefix(args[1], "-") {
			if sub := codebookSubcommands()[args[1]]; sub != nil {
				return runCodebookEdit(ctx, e, c, args[0], args[1], args[2:], sub)
			}
			if !strings.HasPrefix(args[0], "-") {
				return usagef("unknown codebook subcommand %q", args[1])
			}
		}
		return runCodebook(ctx, e, c, args)
	}
	return c
}

// runCodebook prints the codebook, or imports or exports it.
func runCodebook(ctx context.Context, e *env, c *command, args []string) error {
	fs := flagSet(e, c)
	asJSON := fs.Bool("json", false, "print JSON: an array of codes in tree order")
	lang := fs.String("lang", "fi", "language of the names shown first: fi or en")
	export := fs.String("export", "", "write the codebook to FILE (.qdc, .yaml or .md)")
	imp := fs.String("import", "", "read codes from FILE (.qdc or .yaml) or an embedded codebook name")
	coder := coderFlag(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := exactly(pos, 1, "PROJECT"); err != nil {
		return err
	}
	if *export != "" { // refused before anything is read or written
		if err := project.CheckCodebookOutput(*export, pos[0]); err != nil {
			return err
		}
	}
	p, err := project.Open(ctx, pos[0])
	if err != nil {
		return err
	}
	defer p.Close()
	if *imp != "" {
		res, err := p.ImportCodebook(ctx, *imp, coderIn(p.Store, *coder))
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "imported %s: %d codes added, %d updated, %d unchanged\n", *imp, res.Added, res.Updated, res.Unchanged)
		for _, c := range res.Conflicts {
			fmt.Fprintf(e.stdout, "conflict: %s\n", c)
		}
	}
	if *export != "" {
		if err := p.ExportCodebook(ctx, *export, *lang, coderIn(p.Store, *coder)); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "wrote %s\n", *export)
	}
	if *imp != "" || *export != "" {
		return nil
	}
	return printCodebook(ctx, e, p.Store, *lang, *asJSON)
}

// codeJSON is one code as codebook --json prints it.
type codeJSON struct {
	ID         string `json:"id"`
	ParentID   string `json:"parent_id"`
	Path       string `json:"path"`
	Depth      int    `json:"depth"`
	NameFi     string `json:"name_fi"`
	NameEn     string `json:"name_en"`
	Color      string `json:"color"`
	Shortcut   string `json:"shortcut,omitempty"`
	Category   bool   `json:"category,omitempty"` // groups codes, takes no codings
	ShortDef   string `json:"short_definition,omitempty"`
	Definition string `json:"definition,omitempty"`
	WhenToUse  string `json:"when_to_use,omitempty"`
	WhenNotUse string `json:"when_not_to_use,omitempty"`
	Example    string `json:"example,omitempty"`
	Codings    int    `json:"codings"`
	Passages   int    `json:"passages"`
	Documents  int    `json:"documents"`
}

func printCodebook(ctx context.Context, e *env, s *store.Store, lang string, asJSON bool) error {
	cb, err := s.Codebook(ctx)
	if err != nil {
		return err
	}
	usage, _, err := s.CodeCounts(ctx) // a code counts its child codes, as every view does
	if err != nil {
		return err
	}
	if asJSON {
		out := make([]codeJSON, 0, cb.Len())
		for _, c := range cb.Codes() {
			u := usage[c.ID]
			out = append(out, codeJSON{ID: c.ID, ParentID: c.ParentID, Path: cb.PathString(c.ID, lang), Depth: cb.Depth(c.ID),
				NameFi: c.NameFi, NameEn: c.NameEn, Color: c.Color, Shortcut: c.Shortcut, Category: c.NotCodable, ShortDef: c.ShortDef, Definition: c.Definition,
				WhenToUse: c.WhenToUse, WhenNotUse: c.WhenNotUse, Example: c.Example, Codings: u.Codings, Passages: u.Passages, Documents: u.Documents})
		}
		return writeJSON(e, out)
	}
	if cb.Len() == 0 {
		fmt.Fprintln(e.stdout, "the codebook is empty: avain codebook PROJECT --import FILE, or add codes with avain codebook PROJECT add")
		return nil
	}
	other := "en"
	if lang == "en" {
		other = "fi"
	}
	fmt.Fprintf(e.stdout, "%-56s %8s %8s %5s\n", "CODE", "CODINGS", "PASSAGES", "DOCS")
	categories := false
	// The swatches are avain's own colour sequences: the lines go out
	// unescaped, their names escaped one by one.
	for _, c := range cb.Codes() {
		u := usage[c.ID]
		name := strings.Repeat("  ", cb.Depth(c.ID)) + c.Name(lang)
		if o := c.Name(other); o != c.Name(lang) {
			name += " (" + o + ")"
		}
		if c.Shortcut != "" {
			name += " [" + c.Shortcut + "]"
		}
		tag := "" // shown whole: a long name is cut before it
		if c.NotCodable {
			tag = " (category)"
			categories = true
		}
		name = clip(coding.Escape(name), 54-len(tag)) + tag
		fmt.Fprintf(e.rawStdout, "%s %-54s %8d %8d %5d\n", swatch(e, c.Color), name, u.Codings, u.Passages, u.Documents)
	}
	fmt.Fprintf(e.stdout, "%s; %s; %s; %s.\n", coding.AboutSubtree, coding.AboutCodings, coding.AboutPassages, coding.AboutDocuments)
	if categories {
		fmt.Fprintln(e.stdout, "(category): groups codes, takes no codings of its own.")
	}
	return nil
}

// swatch is a coloured block on a terminal, the colour's code elsewhere.
func swatch(e *env, color string) string {
	if !coding.ValidColor(color) {
		return " "
	}
	if !e.ttyOut {
		return "■"
	}
	var r, g, b int
	fmt.Sscanf(color, "#%02x%02x%02x", &r, &g, &b)
	return fmt.Sprintf("\033[38;2;%d;%d;%dm■\033[0m", r, g, b)
}
