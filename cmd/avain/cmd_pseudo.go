package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
	"github.com/toituavain/avain/pseudo"
	"github.com/toituavain/avain/store"
)

// pseudoFlags are the flags of pseudonymisation, shared by import and
// pseudonymize.
type pseudoFlags struct {
	names, places, keyFile *string
	yes                    *bool
}

func addPseudoFlags(fs *flag.FlagSet) pseudoFlags {
	return pseudoFlags{
		names:   fs.String("names", "", "a file of names to replace, one per line (inflected forms are found too)"),
		places:  fs.String("places", "", "a file of places to replace, one per line"),
		keyFile: fs.String("key-file", "", "append each placeholder and its original to this CSV (mode 0600); none is kept otherwise"),
		yes:     fs.Bool("yes", false, "replace every finding without asking"),
	}
}

// pseudonymizer builds the pseudonymizer of the flags. Without --yes it
// asks about each finding on the terminal, and without a terminal it
// refuses rather than guess. Close the closer when done.
func (f pseudoFlags) pseudonymizer(e *env) (*project.Pseudonymizer, io.Closer, error) {
	if !*f.yes && !e.ttyIn {
		return nil, nil, usagef("pseudonymisation asks about each finding on a terminal; without one, give --yes to replace them all")
	}
	if err := project.CheckKeyFile(*f.keyFile); err != nil {
		return nil, nil, err
	}
	d, closer, err := project.NewDetector(*f.names, *f.places)
	if err != nil {
		return nil, nil, err
	}
	ps := &project.Pseudonymizer{Detector: d, KeyFile: *f.keyFile}
	if !*f.yes {
		ps.Accept = asker(e)
	}
	return ps, closer, nil
}

// asker returns an Accept that shows each finding in context and reads
// the answer: y (or enter) replaces it, n keeps it, a replaces it and
// every later finding of its kind, A replaces everything from here on,
// q stops.
func asker(e *env) pseudo.Accept {
	in := bufio.NewReader(e.stdin)
	all := false
	allOf := map[pseudo.Kind]bool{}
	return func(f pseudo.Finding, where, context string) (bool, error) {
		if all || allOf[f.Kind] {
			return true, nil
		}
		for {
			place := ""
			if where != "text" {
				place = " (" + where + ")"
			}
			ph := "[" + string(f.Kind) + "]"
			if f.Kind.Numbered() {
				ph = "[" + string(f.Kind) + "-n]"
			}
			fmt.Fprintf(e.stderr, "%s%s: %s\nreplace with %s? [Y]es, [n]o, [a]ll %s, [A]ll, [q]uit: ",
				f.Kind, place, context, ph, f.Kind)
			line, err := in.ReadString('\n')
			if err != nil && line == "" {
				return false, pseudo.ErrStopped
			}
			switch strings.TrimSpace(line) {
			case "", "y", "Y", "k", "K":
				return true, nil
			case "n", "N", "e", "E":
				return false, nil
			case "a":
				allOf[f.Kind] = true
				return true, nil
			case "A":
				all = true
				return true, nil
			case "q", "Q":
				return false, pseudo.ErrStopped
			}
		}
	}
}

// guardMemo checks a memo about to be written into the project s: in a
// project whose documents were pseudonymised, each finding (an identity
// code, a phone, a name the project numbered) is asked about as the import
// asks, or replaced with --yes; without a terminal and without --yes the
// memo is refused. It returns the memo to store.
func guardMemo(ctx context.Context, e *env, s *store.Store, text, where string, yes bool) (string, error) {
	if text == "" {
		return text, nil
	}
	g, err := project.NewMemoGuard(ctx, s)
	if err != nil {
		return "", err
	}
	defer g.Close()
	fs := g.Find(text)
	if len(fs) == 0 {
		return text, nil
	}
	if !yes && !e.ttyIn {
		c := pseudo.Counts{}
		for _, f := range fs {
			c[f.Kind]++
		}
		return "", fmt.Errorf("the memo holds personal data (%s) and the project is pseudonymised: nothing stored; give --yes to replace it with placeholders, or run on a terminal to be asked", c)
	}
	accept := func(pseudo.Finding, string, string) (bool, error) { return true, nil }
	if !yes {
		accept = asker(e)
	}
	out, reps, err := g.Replace(text, where, accept)
	if err != nil {
		return "", err
	}
	if len(reps) > 0 {
		fmt.Fprintf(e.stderr, "%s: replaced %s\n", where, pseudo.Count(reps))
	}
	return out, nil
}

// printReplaced prints what pseudonymisation replaced, by kind and count,
// and where the originals went.
func printReplaced(e *env, c pseudo.Counts, keyFile string) {
	where := "the originals are kept nowhere"
	if keyFile != "" {
		where = "placeholders and originals appended to " + keyFile + " (readable by you only)"
	}
	fmt.Fprintf(e.stdout, "pseudonymised: %s; %s\n", c, where)
}

func pseudonymizeCmd() *command {
	c := &command{name: "pseudonymize", args: "PROJECT DOC [--preview] [--names FILE] [--places FILE] [--yes] [--key-file FILE]",
		summary: "replace identity codes, phone numbers, e-mails, IBANs and listed names in a document not yet coded"}
	c.help = `Finds personal data in an imported document that has no codings yet:
Finnish personal identity codes (henkilötunnus, every century sign, only
with the right check character), phone numbers, e-mail addresses, IBANs
with a valid checksum, and the names (--names) and places (--places) of
your lists, inflected too (Virtaselle, Kuopiossa). With --preview it only
lists them in context. Otherwise it asks about each one (--yes replaces
all) and replaces the accepted ones with placeholders: [HETU], [PUHELIN],
[SÄHKÖPOSTI], [IBAN], [HENKILÖ-1], [PAIKKA-2]; a name keeps its number
across the project. The document's name and its attributes' values are
checked as its text is. The old text is overwritten in the project and the
index is rebuilt. To keep the originals out of the project altogether,
pseudonymise while importing: avain import PROJECT FILE --pseudonymize.`
	c.run = func(ctx context.Context, e *env, args []string) error {
		fs := flagSet(e, c)
		preview := fs.Bool("preview", false, "list what would be replaced, and change nothing")
		pf := addPseudoFlags(fs)
		coder := coderFlag(fs)
		pos, err := parse(fs, args)
		if err != nil {
			return err
		}
		if len(pos) != 2 {
			return usagef("need a project and a document")
		}
		p, _, err := openProject(ctx, e, pos[0])
		if err != nil {
			return err
		}
		defer p.Close()
		if *preview {
			d, closer, err := project.NewDetector(*pf.names, *pf.places)
			if err != nil {
				return err
			}
			defer closer.Close()
			doc, err := p.Document(ctx, pos[1])
			if err != nil {
				return err
			}
			return printPreview(e, doc, d)
		}
		ps, closer, err := pf.pseudonymizer(e)
		if err != nil {
			return err
		}
		defer closer.Close()
		doc, reps, err := p.PseudonymizeDocument(ctx, pos[1], ps, coderIn(p.Store, *coder))
		if err != nil {
			return err
		}
		if len(reps) == 0 {
			fmt.Fprintf(e.stdout, "%s: nothing replaced\n", doc.Name)
			return nil
		}
		fmt.Fprintf(e.stdout, "%s: ", doc.Name)
		printReplaced(e, pseudo.Count(reps), *pf.keyFile)
		return nil
	}
	return c
}

// printPreview lists the findings of doc in context, by turn.
func printPreview(e *env, doc *coding.Document, d *pseudo.Detector) error {
	fs := d.Find(doc.Text)
	counts := pseudo.Counts{}
	for _, f := range fs {
		counts[f.Kind]++
		where := "outside turns" // a heading, or a speaker's label in the text
		if n := doc.TurnAt(f.Start); n > 0 {
			where = fmt.Sprintf("turn %d", n)
		}
		fmt.Fprintf(e.stdout, "%s\t%s\t%s\n", where, f.Kind, pseudo.Context(doc.Text, f, 60))
	}
	for _, t := range speakers(doc) {
		for _, f := range d.Find(t) {
			counts[f.Kind]++
			fmt.Fprintf(e.stdout, "speaker\t%s\t%s\n", f.Kind, pseudo.Context(t, f, 40))
		}
	}
	for _, f := range d.Find(doc.Name) {
		counts[f.Kind]++
		fmt.Fprintf(e.stdout, "name\t%s\t%s\n", f.Kind, pseudo.Context(doc.Name, f, 40))
	}
	keys := make([]string, 0, len(doc.Attrs))
	for k := range doc.Attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, f := range d.Find(doc.Attrs[k]) {
			counts[f.Kind]++
			fmt.Fprintf(e.stdout, "attribute %s\t%s\t%s\n", k, f.Kind, pseudo.Context(doc.Attrs[k], f, 40))
		}
	}
	fmt.Fprintf(e.stdout, "%s: would replace %s (preview: nothing changed)\n", doc.Name, counts)
	return nil
}

// speakers returns the distinct speaker labels of doc, in order.
func speakers(doc *coding.Document) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range doc.Turns {
		if t.Speaker != "" && !seen[t.Speaker] {
			seen[t.Speaker] = true
			out = append(out, t.Speaker)
		}
	}
	return out
}
