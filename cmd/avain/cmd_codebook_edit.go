package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
)

// codebookEdit is one codebook subcommand: its arguments after the
// subcommand's name, how many of them are positional, and setup, which
// adds the subcommand's flags and returns its edit.
type codebookEdit struct {
	args  string
	nargs int
	setup func(fs *flag.FlagSet) codeEdit
}

// codeEdit runs one subcommand on the codebook with its positional
// arguments and returns the line that reports what it did. The rules it
// applies are the domain's (coding), the checks of the whole codebook the
// store's.
type codeEdit func(ctx context.Context, ed *codeEditor, pos []string) (string, error)

// codeEditor is what a subcommand works on: the open project, its codebook
// as it was before the edit, and the coder.
type codeEditor struct {
	p     *project.Project
	cb    *coding.Codebook
	coder string
}

func codebookSubcommands() map[string]*codebookEdit {
	return map[string]*codebookEdit{
		"add":      {"NAME_FI [--en NAME_EN] [--parent CODE] [--color #rrggbb] [--shortcut K] [--short TEXT] [--category]", 1, addCode},
		"rename":   {"CODE NEW_NAME [--lang fi|en]", 2, renameCode},
		"move":     {"CODE NEW_PARENT", 2, moveCode},
		"color":    {"CODE #rrggbb", 2, colorCode},
		"shortcut": {"CODE KEY", 2, shortcutCode},
		"category": {"CODE [--off]", 1, categoryCode},
		"define":   {"CODE [--short TEXT] [--definition TEXT] [--when TEXT] [--when-not TEXT] [--example TEXT]", 1, defineCode},
		"merge":    {"CODE INTO_CODE", 2, mergeCode},
		"delete":   {"CODE [--force]", 1, deleteCode},
	}
}

// runCodebookEdit parses the subcommand's arguments, opens the project and
// its codebook, runs the edit and prints its report.
func runCodebookEdit(ctx context.Context, e *env, c *command, path, name string, args []string, sub *codebookEdit) error {
	sc := &command{name: "codebook", args: "PROJECT " + name + " " + sub.args, summary: c.summary}
	fs := flagSet(e, sc)
	coder := coderFlag(fs)
	edit := sub.setup(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != sub.nargs {
		return usagef("codebook %s takes %s", name, sub.args)
	}
	p, err := project.Open(ctx, path)
	if err != nil {
		return err
	}
	defer p.Close()
	cb, err := p.Codebook(ctx)
	if err != nil {
		return err
	}
	msg, err := edit(ctx, &codeEditor{p: p, cb: cb, coder: coderIn(p.Store, *coder)}, pos)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, msg)
	return nil
}

// update resolves ref and stores edit of that code, named action in the
// audit trail.
func (ed *codeEditor) update(ctx context.Context, ref, action string, edit func(*coding.Code) error) (*coding.Code, error) {
	code, err := ed.cb.Resolve(ref)
	if err != nil {
		return nil, err
	}
	return ed.p.UpdateCode(ctx, code.ID, ed.coder, action, edit)
}

// asUsage reports a value a domain rule refused as a mistake in the
// command line.
func asUsage(err error) error { return usageError{err.Error()} }

func addCode(fs *flag.FlagSet) codeEdit {
	en := fs.String("en", "", "the English name")
	parent := fs.String("parent", "", "the parent code (a theme)")
	color := fs.String("color", "", "the colour, #rrggbb (default: the parent's)")
	shortcut := fs.String("shortcut", "", "a one-key shortcut")
	short := fs.String("short", "", "a short definition")
	category := fs.Bool("category", false, "a category: it groups codes and takes no codings")
	return func(ctx context.Context, ed *codeEditor, pos []string) (string, error) {
		var under *coding.Code
		if *parent != "" {
			p, err := ed.cb.Resolve(*parent)
			if err != nil {
				return "", err
			}
			under = p
		}
		c, err := coding.NewCode(under, coding.Code{NameFi: pos[0], NameEn: *en, Color: *color, Shortcut: *shortcut, ShortDef: *short,
			NotCodable: *category})
		if err != nil {
			return "", asUsage(err) // the rules color and shortcut follow
		}
		if err := ed.p.AddCode(ctx, c, ed.coder); err != nil {
			return "", err
		}
		return c.ID, nil
	}
}

func renameCode(fs *flag.FlagSet) codeEdit {
	lang := fs.String("lang", "fi", "which name to change: fi or en")
	return func(ctx context.Context, ed *codeEditor, pos []string) (string, error) {
		if !coding.ValidLang(*lang) {
			return "", usagef("--lang %q: want fi or en", *lang)
		}
		c, err := ed.update(ctx, pos[0], "rename", func(c *coding.Code) error { return c.SetName(*lang, pos[1]) })
		if err != nil {
			return "", err
		}
		return "renamed " + c.ID + " to " + pos[1], nil
	}
}

func moveCode(*flag.FlagSet) codeEdit {
	return func(ctx context.Context, ed *codeEditor, pos []string) (string, error) {
		parent, err := ed.cb.Parent(pos[1])
		if err != nil {
			return "", err
		}
		c, err := ed.update(ctx, pos[0], "move", func(c *coding.Code) error {
			ed.cb.MoveTo(c, parent)
			return nil
		})
		if err != nil {
			return "", err
		}
		after, err := ed.p.Codebook(ctx)
		if err != nil {
			return "", err
		}
		return "moved to " + after.PathString(c.ID, coding.LangFinnish), nil
	}
}

func colorCode(*flag.FlagSet) codeEdit {
	return func(ctx context.Context, ed *codeEditor, pos []string) (string, error) {
		color, err := coding.ParseColor(pos[1])
		if err != nil {
			return "", asUsage(err)
		}
		if _, err := ed.update(ctx, pos[0], "color", func(c *coding.Code) error {
			c.Color = color
			return nil
		}); err != nil {
			return "", err
		}
		return "colour set to " + color, nil
	}
}

func shortcutCode(*flag.FlagSet) codeEdit {
	return func(ctx context.Context, ed *codeEditor, pos []string) (string, error) {
		key, err := coding.ParseShortcut(pos[1])
		if err != nil {
			return "", asUsage(err)
		}
		if _, err := ed.update(ctx, pos[0], "shortcut", func(c *coding.Code) error {
			c.Shortcut = key
			return nil
		}); err != nil {
			return "", err
		}
		return fmt.Sprintf("shortcut set to %q", key), nil
	}
}

func categoryCode(fs *flag.FlagSet) codeEdit {
	off := fs.Bool("off", false, "make the category a codable code again")
	return func(ctx context.Context, ed *codeEditor, pos []string) (string, error) {
		c, err := ed.update(ctx, pos[0], "category", func(c *coding.Code) error {
			c.NotCodable = !*off
			return nil
		})
		if err != nil {
			return "", err
		}
		if c.NotCodable {
			return nameOf(c) + " is a category now: it groups codes and takes no codings", nil
		}
		return nameOf(c) + " is codable again", nil
	}
}

// nameOf is a code's Finnish name, else its English one.
func nameOf(c *coding.Code) string { return c.Name(coding.LangFinnish) }

func defineCode(fs *flag.FlagSet) codeEdit {
	parts := map[string]*string{
		"short": fs.String("short", "", "the short definition"), "definition": fs.String("definition", "", "the full definition"),
		"when": fs.String("when", "", "when to use the code"), "when-not": fs.String("when-not", "", "when not to use it"),
		"example": fs.String("example", "", "an example quote"),
	}
	return func(ctx context.Context, ed *codeEditor, pos []string) (string, error) {
		var d coding.DefinitionEdit
		given := map[string]**string{"short": &d.Short, "definition": &d.Definition, "when": &d.WhenToUse, "when-not": &d.WhenNotUse, "example": &d.Example}
		fs.Visit(func(f *flag.Flag) {
			if to := given[f.Name]; to != nil {
				*to = parts[f.Name]
			}
		})
		if d.Empty() {
			return "", usagef("give at least one of --short, --definition, --when, --when-not, --example")
		}
		if _, err := ed.update(ctx, pos[0], "define", func(c *coding.Code) error {
			d.Apply(c)
			return nil
		}); err != nil {
			return "", err
		}
		return "definition updated", nil
	}
}

func mergeCode(*flag.FlagSet) codeEdit {
	return func(ctx context.Context, ed *codeEditor, pos []string) (string, error) {
		from, err := ed.cb.Resolve(pos[0])
		if err != nil {
			return "", err
		}
		into, err := ed.cb.Resolve(pos[1])
		if err != nil {
			return "", err
		}
		moved, err := ed.p.MergeCode(ctx, from.ID, into.ID, ed.coder)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("merged %s into %s: %d codings moved", ed.cb.PathString(from.ID, coding.LangFinnish),
			ed.cb.PathString(into.ID, coding.LangFinnish), moved), nil
	}
}

func deleteCode(fs *flag.FlagSet) codeEdit {
	force := fs.Bool("force", false, "also delete its child codes and all their codings")
	return func(ctx context.Context, ed *codeEditor, pos []string) (string, error) {
		c, err := ed.cb.Resolve(pos[0])
		if err != nil {
			return "", err
		}
		codes, codings, err := ed.p.DeleteCode(ctx, c.ID, ed.coder, *force)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("deleted %d codes and %d codings", codes, codings), nil
	}
}
