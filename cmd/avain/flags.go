package main

import (
	"context"

	"errors"
	"flag"
	"fmt"
	"github.com/toituavain/avain/store"
	"os"
	"os/user"
	"strings"
)

// flagSet makes a FlagSet for a command whose --help prints the command's
// usage, summary and flags. A mistake in the flags prints only the error
// and the usage line (see run), not the whole help.
func flagSet(e *env, c *command) *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.Usage = func() {} // flag calls it on every error; parse prints the help
	fs.SetOutput(helpOutput{func() {
		w := e.stdout
		fmt.Fprintf(w, "usage: avain %s %s\n\n%s\n", c.name, c.args, c.summary)
		if c.help != "" {
			fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(c.help))
		}
		n := 0
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n > 0 {
			fmt.Fprintln(w, "\nflags:")
			out := fs.Output()
			fs.SetOutput(w)
			fs.PrintDefaults()
			fs.SetOutput(out)
		}
	}})
	return fs
}

// helpOutput is a FlagSet's output: it discards what flag writes and
// carries the command's help for parse to print on --help.
type helpOutput struct{ print func() }

func (helpOutput) Write(p []byte) (int, error) { return len(p), nil }

// parse parses flags placed anywhere among the arguments (avain import
// P.avain a.txt --kind client) and returns the positional ones. "--" ends
// the flags.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				if h, ok := fs.Output().(helpOutput); ok {
					h.print()
				}
				return nil, flag.ErrHelp
			}
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if len(args) > 0 && args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// coderFlag adds --coder to fs.
func coderFlag(fs *flag.FlagSet) *string {
	return fs.String("coder", "", "your name as coder (default $AVAIN_CODER, else your user name)")
}

// resolveCoder picks the coder: the flag, else $AVAIN_CODER, else the OS
// user name.
func resolveCoder(flagValue string) string { return coderIn(nil, flagValue) }

// coderIn picks the coder for work in project s: the flag, else
// $AVAIN_CODER, else the coder the copy was made for (avain copy --coder),
// else the OS user name.
func coderIn(s *store.Store, flagValue string) string {
	if v := strings.TrimSpace(flagValue); v != "" {
		return v
	}
	if v := strings.TrimSpace(os.Getenv("AVAIN_CODER")); v != "" {
		return v
	}
	if s != nil {
		if v := s.DefaultCoder(context.Background()); v != "" {
			return v
		}
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if v := os.Getenv("USER"); v != "" {
		return v
	}
	return "unknown"
}

// attrFlags collects repeated --attr key=value flags.
type attrFlags map[string]string

func (a attrFlags) String() string { return "" }

func (a attrFlags) Set(v string) error {
	k, val, ok := strings.Cut(v, "=")
	k = strings.TrimSpace(k)
	if !ok || k == "" {
		return fmt.Errorf("want key=value, got %q", v)
	}
	switch k {
	case "kind", "lang":
		return fmt.Errorf("%s is set with --%s, not --attr", k, k)
	}
	a[k] = strings.TrimSpace(val)
	return nil
}

// exactly checks the number of positional arguments.
func exactly(pos []string, n int, what string) error {
	if len(pos) < n {
		return usagef("missing %s", what)
	}
	if len(pos) > n {
		return usagef("unexpected argument %q", pos[n])
	}
	return nil
}
