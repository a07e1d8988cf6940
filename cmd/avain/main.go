// Command avain codes interview transcripts: it keeps a project in SQLite
// with a Finnish-aware full-text index, and is used from the command line
// and a terminal UI. This package only parses arguments and wires the
// other packages together.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/charmbracelet/x/term"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"strings"

	"github.com/toituavain/avain/coding"
)

// command is one subcommand of avain.
type command struct {
	name    string
	args    string // the usage line after the name
	summary string
	help    string // a longer explanation for COMMAND --help
	run     func(ctx context.Context, env *env, args []string) error
}

// env is what a command talks to: its output streams and whether stdout and
// stderr are terminals.
type env struct {
	stdout, stderr        io.Writer
	stdin                 io.Reader
	ttyIn, ttyOut, ttyErr bool
	// rawStdout and rawStderr are the streams without the escaping of
	// stdout and stderr, for avain's own colours and status line.
	rawStdout, rawStderr io.Writer
}

// usageError marks a mistake in the command line (exit 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// exitError carries a non-zero exit code whose reason was already printed.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

func commands() []*command {
	return []*command{
		initCmd(), importCmd(), docsCmd(), searchCmd(), codeCmd(), uncodeCmd(), memoCmd(), codingsCmd(),
		codebookCmd(), exportCmd(), chartCmd(), reportCmd(), mergeCmd(), copyCmd(), agreementCmd(), pseudonymizeCmd(), logCmd(), checkCmd(), openCmd(), demoCmd(),
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	e := &env{stdout: os.Stdout, stderr: os.Stderr, stdin: os.Stdin,
		ttyIn: isTerminal(os.Stdin), ttyOut: isTerminal(os.Stdout), ttyErr: isTerminal(os.Stderr)}
	os.Exit(profiled(func() int { return run(ctx, e, os.Args[1:]) }))
}

// profiled runs fn, writing a CPU profile to $AVAIN_CPUPROFILE when it is
// set (a developer aid: go tool pprof avain FILE).
func profiled(fn func() int) int {
	path := os.Getenv("AVAIN_CPUPROFILE")
	if path == "" {
		return fn()
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "avain: AVAIN_CPUPROFILE %s: %v\n", path, err)
		return fn()
	}
	defer f.Close()
	defer pprof.StopCPUProfile()
	return fn()
}

// run executes one avain invocation and returns its exit code: 0 on
// success, 1 on failure, 2 on a usage error.
func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) > 1 && args[0] == "help" {
			return run(ctx, e, []string{args[1], "--help"})
		}
		mainUsage(e.stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	if args[0] == "--version" || args[0] == "version" {
		fmt.Fprintln(e.stdout, "avain", version)
		return 0
	}
	var cmd *command
	for _, c := range commands() {
		if c.name == args[0] {
			cmd = c
		}
	}
	if cmd == nil && strings.HasSuffix(args[0], ".avain") {
		return run(ctx, e, append([]string{"open"}, args...))
	}
	if cmd == nil {
		fmt.Fprintf(e.stderr, "avain: unknown command %q (see avain --help)\n", args[0])
		return 2
	}
	ce := escaped(e, cmd.name)
	err := cmd.run(ctx, ce, args[1:])
	for _, w := range []io.Writer{ce.stdout, ce.stderr} {
		if x, ok := w.(*escaper); ok {
			x.flush()
		}
	}
	var ue usageError
	var ee exitError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "avain %s: %s (see avain %s --help)\n", cmd.name, coding.Escape(oneLine(ue.msg)), cmd.name) // one line
		return 2
	case errors.As(err, &ee):
		return ee.code
	default:
		fmt.Fprintf(e.stderr, "avain %s: %s\n", cmd.name, coding.Escape(oneLine(err.Error())))
		return 1
	}
}

// escaped returns a copy of e whose stdout and stderr escape what could
// act on a terminal; the caller flushes them when the command ends. An
// export's stdout is escaped only on a terminal: piped, it is the exported
// file (perhaps binary, as .xlsx and .qdpx are) and must stay exact.
func escaped(e *env, name string) *env {
	c := *e
	if c.rawStdout == nil {
		c.rawStdout, c.rawStderr = e.stdout, e.stderr
	}
	if name != "export" || e.ttyOut {
		c.stdout = &escaper{w: e.stdout}
	}
	c.stderr = &escaper{w: e.stderr}
	return &c
}

// version is set by the release build.
var version = "dev"

func mainUsage(w io.Writer) {
	fmt.Fprint(w, `avain — qualitative coding of interview transcripts, offline.

usage: avain COMMAND [ARGUMENTS] [FLAGS]

commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Run avain COMMAND --help for a command's arguments and flags.
The coder (author of every change) is --coder NAME, else $AVAIN_CODER, else your user name.
`)
}

// oneLine folds a message onto one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func isTerminal(f *os.File) bool { return term.IsTerminal(f.Fd()) }
