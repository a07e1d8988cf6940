package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
	"github.com/toituavain/avain/store"
)

func importCmd() *command {
	c := &command{name: "import", args: "PROJECT FILE... [--kind client|professional|other] [--attr key=value]... [--lang fi|en] [--meta FILE.csv] [--pseudonymize [--names FILE] [--places FILE] [--yes] [--key-file FILE]] [--match-codes-by-name]",
		summary: "import transcripts (txt, md, docx, odt, vtt, srt), or a REFI-QDA project (.qdpx, .qde)"}
	c.help = `Each file is imported in its own transaction: a bad file is reported on one
line and changes nothing, the others still import, and the command exits 1.
Transcripts and REFI-QDA projects may be mixed: the transcripts are imported
first, then each .qdpx or .qde whole (all of it or nothing) with its
codebook, documents, codings and memos; a document already here is found
by its text and the file's codings go onto it. A code of the file with the
id of a code here never renames, moves or empties it: such a conflict is
printed and the project's name and place are kept.
--match-codes-by-name is for a project that went through another tool and
comes back: such a tool gives every code a new id, so each code of the file
whose id is not here takes the code here with the same names from the top
of the tree down (either language; case and spacing aside), else the one
code here anywhere with its name. A name several codes here share matches
none and is printed. Documents are matched by their text, as always, and a
coding already here (same coder, code and span) is not made twice.
The same text imported again is skipped. Encodings: UTF-8 (with or without
BOM), UTF-16 with BOM, Windows-1252 / ISO-8859-1. Speaker turns come from
labels such as H:, V:, Haastattelija:, ### Name:, **M:**, [id1], or WebVTT
voices; timestamps such as [00:12:34] are kept on the turn.

--meta reads a CSV sidecar with a "file" column (each file's base name) and
one column per attribute (a "kind" and a "lang" column are understood too),
so a whole folder imports with its attributes in one call.

--pseudonymize replaces personal data before anything is stored, so the
original text never reaches the project, its WAL or the index: Finnish
personal identity codes (only with the right check character), phone
numbers, e-mail addresses, IBANs, and the names and places of --names and
--places in their inflected forms. It shows each finding in context and
asks; --yes replaces all (for scripts). Placeholders: [HETU], [PUHELIN],
[SÄHKÖPOSTI], [IBAN], [HENKILÖ-1], [PAIKKA-2], the same name the same
number across the project. --key-file keeps the originals in a CSV of
your own (mode 0600); otherwise they are kept nowhere.`
	c.run = func(ctx context.Context, e *env, args []string) error { return runImport(ctx, e, c, args) }
	return c
}

// importFlags are the flags of avain import.
type importFlags struct {
	kind, lang, meta, coder *string
	attrs                   attrFlags
	pseudonymize            *bool
	pseudo                  pseudoFlags
	matchCodes              *bool
}

func addImportFlags(fs *flag.FlagSet) *importFlags {
	f := &importFlags{
		kind: fs.String("kind", "", "interview kind: client, professional or other (default other)"),
		lang: fs.String("lang", "", "language: fi or en (default: detected)"),
		meta: fs.String("meta", "", "CSV sidecar with a file column and attribute columns"),
	}
	f.attrs = attrFlags{}
	fs.Var(f.attrs, "attr", "a document attribute key=value (repeatable)")
	f.pseudonymize = fs.Bool("pseudonymize", false, "replace personal data before it is stored (see below)")
	f.pseudo = addPseudoFlags(fs)
	f.coder = coderFlag(fs)
	f.matchCodes = fs.Bool("match-codes-by-name", false, "match a REFI-QDA project's codes to the codes here by name (see below)")
	return f
}

// check refuses a kind or language avain does not know, and the
// pseudonymisation flags without --pseudonymize.
func (f *importFlags) check() error {
	if *f.kind != "" && !coding.ValidKind(*f.kind) {
		return usagef("--kind %q: want client, professional or other", *f.kind)
	}
	if *f.lang != "" && !coding.ValidLang(*f.lang) {
		return usagef("--lang %q: want fi or en", *f.lang)
	}
	pf := f.pseudo
	if !*f.pseudonymize && (*pf.names != "" || *pf.places != "" || *pf.keyFile != "" || *pf.yes) {
		return usagef("--names, --places, --key-file and --yes go with --pseudonymize")
	}
	return nil
}

// runImport imports the transcripts first, then each REFI-QDA project, and
// sums up a batch of several files.
func runImport(ctx context.Context, e *env, c *command, args []string) error {
	fs := flagSet(e, c)
	f := addImportFlags(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		return usagef("need a project and at least one file")
	}
	if err := f.check(); err != nil {
		return err
	}
	files := pos[1:]
	transcripts, projects := splitImports(files)
	if *f.matchCodes && len(projects) == 0 {
		return usagef("--match-codes-by-name works on REFI-QDA projects (.qdpx, .qde)")
	}
	var ps *project.Pseudonymizer
	if *f.pseudonymize {
		if len(projects) > 0 {
			return usagef("--pseudonymize works on transcripts, not on REFI-QDA projects (%s)", projects[0])
		}
		var closer io.Closer
		if ps, closer, err = f.pseudo.pseudonymizer(e); err != nil {
			return err
		}
		defer closer.Close()
	}
	p, prog, err := openProject(ctx, e, pos[0])
	if err != nil {
		return err
	}
	defer p.Close()
	b := &importBatch{e: e, prog: prog, files: len(files), pseudonymized: ps != nil}
	who := coderIn(p.Store, *f.coder)
	if len(transcripts) > 0 {
		opts := project.ImportOptions{Kind: *f.kind, Lang: *f.lang, Attrs: f.attrs, Meta: *f.meta, Coder: who, Pseudo: ps}
		if err := b.transcripts(ctx, p, transcripts, opts); err != nil {
			return err
		}
	}
	if err := b.projects(ctx, p, projects, who, project.QDPXImportOptions{MatchCodesByName: *f.matchCodes}); err != nil {
		return err
	}
	if ps != nil {
		printReplaced(e, ps.Counts, ps.KeyFile)
	}
	if len(files) > 1 {
		fmt.Fprintf(e.stdout, "%d imported, %d skipped as duplicates, %d failed\n", b.imported, b.dups, b.failed)
	}
	if b.failed > 0 {
		return exitError{1}
	}
	return nil
}

// splitImports parts files into transcripts and REFI-QDA projects, each in
// the order given.
func splitImports(files []string) (transcripts, projects []string) {
	for _, f := range files {
		if isQDPX(f) {
			projects = append(projects, f)
		} else {
			transcripts = append(transcripts, f)
		}
	}
	return transcripts, projects
}

// importBatch reports each file of an import as it is done and counts
// them.
type importBatch struct {
	e                      *env
	prog                   *progress
	files                  int // in the whole batch
	pseudonymized          bool
	imported, dups, failed int
}

// transcripts imports the transcripts, each in its own transaction.
func (b *importBatch) transcripts(ctx context.Context, p *project.Project, paths []string, opts project.ImportOptions) error {
	failed, err := p.ImportFiles(ctx, paths, opts, b.transcript)
	b.failed += failed
	b.prog.clear()
	if errors.Is(err, project.ErrIndexDeferred) {
		fmt.Fprintf(b.e.stderr, "note: %s\n", oneLine(err.Error()))
		return nil
	}
	return err
}

// transcript reports the i-th transcript's import.
func (b *importBatch) transcript(i int, r project.ImportResult) {
	e := b.e
	b.prog.clear()
	for _, w := range r.Warnings {
		fmt.Fprintf(e.stderr, "warning: %s\n", oneLine(w))
	}
	switch r.Status {
	case project.Imported:
		b.imported++
		fmt.Fprintf(e.stdout, "imported %s: %d turns, %d words (%s, %s%s)\n", r.Path, len(r.Doc.Turns), r.Words,
			r.Doc.Kind, r.Doc.Lang, attrSuffix(r.Doc.Attrs))
		if b.pseudonymized {
			fmt.Fprintf(e.stdout, "  replaced %s\n", r.Replaced)
		}
	case project.Duplicate:
		b.dups++
		fmt.Fprintf(e.stdout, "skipped %s: %s\n", r.Path, r.Err)
	default:
		fmt.Fprintf(e.stderr, "error: %s\n", oneLine(r.Err.Error()))
	}
	if b.files > 1 {
		b.prog.show("importing", i+1, b.files)
	}
}

// projects imports each REFI-QDA project whole; a fault of the project
// (busy, a failed write) stops the batch, a bad file is reported and
// passed.
func (b *importBatch) projects(ctx context.Context, p *project.Project, paths []string, who string, opts project.QDPXImportOptions) error {
	for _, f := range paths {
		rep, err := p.ImportQDPXWith(ctx, f, who, opts)
		if err != nil && projectFault(err) {
			return err
		}
		if err != nil {
			b.failed++
			fmt.Fprintf(b.e.stderr, "error: %s\n", oneLine(err.Error()))
			continue
		}
		b.imported++
		fmt.Fprintf(b.e.stdout, "imported %s: %s\n", f, rep.Summary())
		printQDPXNotes(b.e, rep)
	}
	return nil
}

func attrSuffix(attrs map[string]string) string {
	if len(attrs) == 0 {
		return ""
	}
	return ", " + formatAttrs(attrs)
}

// printQDPXNotes prints, after a REFI-QDA import's summary, the documents
// found here already, the file's codes in conflict with codes here, and
// what was carried changed or not at all.
func printQDPXNotes(e *env, rep project.QDPXReport) {
	for _, d := range rep.Duplicates {
		fmt.Fprintf(e.stdout, "already here: %s (its codings go onto the one here)\n", d)
	}
	for _, c := range rep.Conflicts {
		fmt.Fprintf(e.stdout, "conflict: %s\n", c)
	}
	for _, s := range rep.Changed {
		fmt.Fprintf(e.stderr, "changed: %s\n", s)
	}
	for _, s := range rep.Skipped {
		fmt.Fprintf(e.stderr, "not imported: %s\n", s)
	}
}

// projectFault reports whether an import's error is the project's (busy,
// not a project, a failed write such as a full disk) rather than the
// file's: a batch stops there.
func projectFault(err error) bool {
	return errors.Is(err, store.ErrBusy) || errors.Is(err, store.ErrNotProject) || errors.Is(err, store.ErrWrite)
}

// isQDPX reports whether path names a REFI-QDA project.
func isQDPX(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".qdpx" || ext == ".qde"
}
