package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/toituavain/avain/codebooks"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
	"github.com/toituavain/avain/store"
)

func codebookCmd() *command {
	c := &command{name: "codebook",
		args:    "PROJECT [--json] [--lang fi|en] [--export FILE] [--import FILE] | PROJECT add|rename|move|color|shortcut|define|merge|delete ...",
		summary: "show, edit, export or import the project's codebook"}
	c.help = `Without a subcommand, prints the code tree with colours and counts (codings,
documents); --export FILE writes it as REFI-QDA (.qdc), avain YAML (.yaml) or a
Markdown table (.md), by the extension; --import FILE reads a .qdc or .yaml file
(or an embedded codebook: ` + strings.Join(codebooks.Names(), ", ") + `) into the codebook, updating codes with the
same id. CODE below is an id, a Finnish or English name, or a path Theme/Code.

  add NAME_FI [--en NAME_EN] [--parent CODE] [--color #rrggbb] [--shortcut K] [--short TEXT]
  rename CODE NEW_NAME [--lang fi|en]
  move CODE NEW_PARENT            (NEW_PARENT "/" moves it to the top level)
  color CODE #rrggbb
  shortcut CODE KEY               (KEY "" removes it)
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
	return c
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
	ShortDef   string `json:"short_definition,omitempty"`
	Definition string `json:"definition,omitempty"`
	WhenToUse  string `json:"when_to_use,omitempty"`
	WhenNotUse string `json:"when_not_to_use,omitempty"`
	Example    string `json:"example,omitempty"`
	Codings    int    `json:"codings"`
	Documents  int    `json:"documents"`
}

func printCodebook(ctx context.Context, e *env, s *store.Store, lang string, asJSON bool) error {
	cb, err := s.Codebook(ctx)
	if err != nil {
		return err
	}
	usage, err := s.CodeUsage(ctx)
	if err != nil {
		return err
	}
	if asJSON {
		out := make([]codeJSON, 0, cb.Len())
		for _, c := range cb.Codes() {
			u := usage[c.ID]
			out = append(out, codeJSON{ID: c.ID, ParentID: c.ParentID, Path: cb.PathString(c.ID, lang), Depth: cb.Depth(c.ID),
				NameFi: c.NameFi, NameEn: c.NameEn, Color: c.Color, Shortcut: c.Shortcut, ShortDef: c.ShortDef, Definition: c.Definition,
				WhenToUse: c.WhenToUse, WhenNotUse: c.WhenNotUse, Example: c.Example, Codings: u.Codings, Documents: u.Documents})
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
	fmt.Fprintf(e.stdout, "%-56s %8s %5s\n", "CODE", "CODINGS", "DOCS")
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
		fmt.Fprintf(e.rawStdout, "%s %-54s %8d %5d\n", swatch(e, c.Color), clip(coding.Escape(name), 54), u.Codings, u.Documents)
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

// codebookEdit is one codebook subcommand.
type codebookEdit struct {
	args  string
	nargs int
	flags func(fs *flag.FlagSet) func(ctx context.Context, s *store.Store, cb *coding.Codebook, pos []string, coder string) (string, error)
}

func runCodebookEdit(ctx context.Context, e *env, c *command, path, name string, args []string, sub *codebookEdit) error {
	sc := &command{name: "codebook " + name, args: "PROJECT " + name + " " + sub.args, summary: c.summary}
	fs := flagSet(e, sc)
	coder := coderFlag(fs)
	do := sub.flags(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != sub.nargs {
		return usagef("codebook %s takes %s", name, sub.args)
	}
	s, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	defer s.Close()
	cb, err := s.Codebook(ctx)
	if err != nil {
		return err
	}
	msg, err := do(ctx, s, cb, pos, coderIn(s, *coder))
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, msg)
	return nil
}

// editCode resolves ref and applies edit to that code.
func editCode(ctx context.Context, s *store.Store, cb *coding.Codebook, ref, coder, action string, edit func(*coding.Code) error) (*coding.Code, error) {
	code, err := cb.Resolve(ref)
	if err != nil {
		return nil, err
	}
	return s.UpdateCode(ctx, code.ID, coder, action, edit)
}

func codebookSubcommands() map[string]*codebookEdit {
	return map[string]*codebookEdit{
		"add": {args: "NAME_FI [--en NAME_EN] [--parent CODE] [--color #rrggbb] [--shortcut K] [--short TEXT]", nargs: 1,
			flags: func(fs *flag.FlagSet) func(context.Context, *store.Store, *coding.Codebook, []string, string) (string, error) {
				en := fs.String("en", "", "the English name")
				parent := fs.String("parent", "", "the parent code (a theme)")
				color := fs.String("color", "", "the colour, #rrggbb (default: the parent's)")
				shortcut := fs.String("shortcut", "", "a one-key shortcut")
				short := fs.String("short", "", "a short definition")
				return func(ctx context.Context, s *store.Store, cb *coding.Codebook, pos []string, coder string) (string, error) {
					c := &coding.Code{NameFi: pos[0], NameEn: *en, Color: *color, Shortcut: *shortcut, ShortDef: *short}
					if *parent != "" {
						p, err := cb.Resolve(*parent)
						if err != nil {
							return "", err
						}
						c.ParentID = p.ID
						if c.Color == "" {
							c.Color = p.Color
						}
					}
					if err := s.AddCode(ctx, c, coder); err != nil {
						return "", err
					}
					return c.ID, nil
				}
			}},
		"rename": {args: "CODE NEW_NAME [--lang fi|en]", nargs: 2,
			flags: func(fs *flag.FlagSet) func(context.Context, *store.Store, *coding.Codebook, []string, string) (string, error) {
				lang := fs.String("lang", "fi", "which name to change: fi or en")
				return func(ctx context.Context, s *store.Store, cb *coding.Codebook, pos []string, coder string) (string, error) {
					if *lang != "fi" && *lang != "en" {
						return "", usagef("--lang %q: want fi or en", *lang)
					}
					c, err := editCode(ctx, s, cb, pos[0], coder, "rename", func(c *coding.Code) error {
						if *lang == "en" {
							c.NameEn = pos[1]
						} else {
							c.NameFi = pos[1]
						}
						return nil
					})
					if err != nil {
						return "", err
					}
					return "renamed " + c.ID + " to " + pos[1], nil
				}
			}},
		"move": {args: "CODE NEW_PARENT", nargs: 2,
			flags: func(fs *flag.FlagSet) func(context.Context, *store.Store, *coding.Codebook, []string, string) (string, error) {
				return func(ctx context.Context, s *store.Store, cb *coding.Codebook, pos []string, coder string) (string, error) {
					parent := ""
					if pos[1] != "/" && pos[1] != "" {
						p, err := cb.Resolve(pos[1])
						if err != nil {
							return "", err
						}
						parent = p.ID
					}
					c, err := editCode(ctx, s, cb, pos[0], coder, "move", func(c *coding.Code) error {
						c.ParentID = parent
						c.Position = len(cb.Children(parent))
						return nil
					})
					if err != nil {
						return "", err
					}
					cb2, err := s.Codebook(ctx)
					if err != nil {
						return "", err
					}
					return "moved to " + cb2.PathString(c.ID, "fi"), nil
				}
			}},
		"color": {args: "CODE #rrggbb", nargs: 2,
			flags: func(fs *flag.FlagSet) func(context.Context, *store.Store, *coding.Codebook, []string, string) (string, error) {
				return func(ctx context.Context, s *store.Store, cb *coding.Codebook, pos []string, coder string) (string, error) {
					if !coding.ValidColor(pos[1]) {
						return "", usagef("colour %q: want #rrggbb", pos[1])
					}
					if _, err := editCode(ctx, s, cb, pos[0], coder, "color", func(c *coding.Code) error {
						c.Color = strings.ToLower(pos[1])
						return nil
					}); err != nil {
						return "", err
					}
					return "colour set to " + strings.ToLower(pos[1]), nil
				}
			}},
		"shortcut": {args: "CODE KEY", nargs: 2,
			flags: func(fs *flag.FlagSet) func(context.Context, *store.Store, *coding.Codebook, []string, string) (string, error) {
				return func(ctx context.Context, s *store.Store, cb *coding.Codebook, pos []string, coder string) (string, error) {
					if len([]rune(pos[1])) > 1 {
						return "", usagef("a shortcut is one key, not %q", pos[1])
					}
					if _, err := editCode(ctx, s, cb, pos[0], coder, "shortcut", func(c *coding.Code) error {
						c.Shortcut = pos[1]
						return nil
					}); err != nil {
						return "", err
					}
					return fmt.Sprintf("shortcut set to %q", pos[1]), nil
				}
			}},
		"define": {args: "CODE [--short TEXT] [--definition TEXT] [--when TEXT] [--when-not TEXT] [--example TEXT]", nargs: 1,
			flags: func(fs *flag.FlagSet) func(context.Context, *store.Store, *coding.Codebook, []string, string) (string, error) {
				parts := map[string]*string{
					"short": fs.String("short", "", "the short definition"), "definition": fs.String("definition", "", "the full definition"),
					"when": fs.String("when", "", "when to use the code"), "when-not": fs.String("when-not", "", "when not to use it"),
					"example": fs.String("example", "", "an example quote"),
				}
				return func(ctx context.Context, s *store.Store, cb *coding.Codebook, pos []string, coder string) (string, error) {
					set := map[string]bool{}
					fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
					if len(set) == 0 || len(set) == 1 && set["coder"] {
						return "", usagef("give at least one of --short, --definition, --when, --when-not, --example")
					}
					_, err := editCode(ctx, s, cb, pos[0], coder, "define", func(c *coding.Code) error {
						fields := map[string]*string{"short": &c.ShortDef, "definition": &c.Definition, "when": &c.WhenToUse,
							"when-not": &c.WhenNotUse, "example": &c.Example}
						for name, dst := range fields {
							if set[name] {
								*dst = *parts[name]
							}
						}
						return nil
					})
					if err != nil {
						return "", err
					}
					return "definition updated", nil
				}
			}},
		"merge": {args: "CODE INTO_CODE", nargs: 2,
			flags: func(fs *flag.FlagSet) func(context.Context, *store.Store, *coding.Codebook, []string, string) (string, error) {
				return func(ctx context.Context, s *store.Store, cb *coding.Codebook, pos []string, coder string) (string, error) {
					from, err := cb.Resolve(pos[0])
					if err != nil {
						return "", err
					}
					into, err := cb.Resolve(pos[1])
					if err != nil {
						return "", err
					}
					moved, err := s.MergeCode(ctx, from.ID, into.ID, coder)
					if err != nil {
						return "", err
					}
					return fmt.Sprintf("merged %s into %s: %d codings moved", cb.PathString(from.ID, "fi"), cb.PathString(into.ID, "fi"), moved), nil
				}
			}},
		"delete": {args: "CODE [--force]", nargs: 1,
			flags: func(fs *flag.FlagSet) func(context.Context, *store.Store, *coding.Codebook, []string, string) (string, error) {
				force := fs.Bool("force", false, "also delete its child codes and all their codings")
				return func(ctx context.Context, s *store.Store, cb *coding.Codebook, pos []string, coder string) (string, error) {
					c, err := cb.Resolve(pos[0])
					if err != nil {
						return "", err
					}
					codes, codings, err := s.DeleteCode(ctx, c.ID, coder, *force)
					if err != nil {
						return "", err
					}
					return fmt.Sprintf("deleted %d codes and %d codings", codes, codings), nil
				}
			}},
	}
}
