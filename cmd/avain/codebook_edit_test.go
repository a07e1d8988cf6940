package main

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// codebookUsage ends the line a mistake in a codebook subcommand prints.
const codebookUsage = " (see avain codebook --help)\n"

// TestCodebookSubcommandsSayExactly runs every codebook subcommand, the
// refused ones too, in one sequence on one project, and checks each one's
// exit code, output and error word for word (ids read as ID).
func TestCodebookSubcommandsSayExactly(t *testing.T) {
	proj, _ := codedProject(t)
	mustRun(t, "code", proj, "--doc", "asiakas_01.txt", "--turn", "3", "--code", "Toistuvat liitepyynnöt")
	mustRun(t, "code", proj, "--doc", "asiakas_01.txt", "--turn", "5", "--code", "Odottaminen ja ruuhkat")
	id := regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)
	steps := []struct {
		args     []string
		code     int
		out, err string
	}{
		{[]string{"add", "Uusi koodi", "--en", "New code", "--parent", "Byrokratialoukut"}, 0, "ID\n", ""},
		{[]string{"add"}, 2, "", "avain codebook: codebook add takes NAME_FI [--en NAME_EN] [--parent CODE] [--color #rrggbb] [--shortcut K] [--short TEXT] [--category]" + codebookUsage},
		{[]string{"add", "a", "b"}, 2, "", "avain codebook: codebook add takes NAME_FI [--en NAME_EN] [--parent CODE] [--color #rrggbb] [--shortcut K] [--short TEXT] [--category]" + codebookUsage},
		{[]string{"add", "Väri", "--color", "#zzzzzz"}, 2, "", "avain codebook: colour \"#zzzzzz\": want #rrggbb" + codebookUsage},
		{[]string{"add", "Väri", "--shortcut", "ab"}, 2, "", "avain codebook: a shortcut is one key, not \"ab\"" + codebookUsage},
		{[]string{"add", "Isot", "--color", "#ABCDEF"}, 0, "ID\n", ""},
		{[]string{"add", "Väri3", "--parent", "Ei ole"}, 1, "", "avain codebook: code \"Ei ole\": not found\n"},
		{[]string{"rename", "Uusi koodi", "Toinen koodi"}, 0, "renamed ID to Toinen koodi\n", ""},
		{[]string{"rename", "Toinen koodi", "Another code", "--lang", "en"}, 0, "renamed ID to Another code\n", ""},
		{[]string{"rename", "Toinen koodi", "X", "--lang", "sv"}, 2, "", "avain codebook: --lang \"sv\": want fi or en" + codebookUsage},
		{[]string{"rename", "Toinen koodi"}, 2, "", "avain codebook: codebook rename takes CODE NEW_NAME [--lang fi|en]" + codebookUsage},
		{[]string{"color", "Toinen koodi", "#33669G"}, 2, "", "avain codebook: colour \"#33669G\": want #rrggbb" + codebookUsage},
		{[]string{"color", "Toinen koodi", "#33669A"}, 0, "colour set to #33669a\n", ""},
		{[]string{"shortcut", "Toinen koodi", "xy"}, 2, "", "avain codebook: a shortcut is one key, not \"xy\"" + codebookUsage},
		{[]string{"shortcut", "Toinen koodi", "ä"}, 2, "", "avain codebook: shortcut \"ä\": want a digit, 0 to 9 (the reader's coding keys)" + codebookUsage},
		{[]string{"shortcut", "Toinen koodi", "8"}, 1, "", "avain codebook: invalid codebook: codes ID and ID share the shortcut \"8\"\n"},
		{[]string{"define", "Toinen koodi"}, 2, "", "avain codebook: give at least one of --short, --definition, --when, --when-not, --example" + codebookUsage},
		{[]string{"define", "Toinen koodi", "--coder", "x"}, 2, "", "avain codebook: give at least one of --short, --definition, --when, --when-not, --example" + codebookUsage},
		{[]string{"define", "Toinen koodi", "--short", "Lyhyt", "--when", "Kun…", "--coder", "x"}, 0, "definition updated\n", ""},
		{[]string{"move", "Toinen koodi", "/"}, 0, "moved to Toinen koodi\n", ""},
		{[]string{"move", "Toistuvat liitepyynnöt", "Toinen koodi"}, 0, "moved to Toinen koodi/Toistuvat liitepyynnöt\n", ""},
		{[]string{"move", "Toinen koodi", ""}, 0, "moved to Toinen koodi\n", ""},
		{[]string{"merge", "Toinen koodi", "Toinen koodi"}, 1, "", "avain codebook: invalid: cannot merge a code into itself\n"},
		{[]string{"merge", "Odottaminen ja ruuhkat", "Toistuvat liitepyynnöt"}, 0, "merged Byrokratialoukut/Odottaminen ja ruuhkat into Toinen koodi/Toistuvat liitepyynnöt: 1 codings moved\n", ""},
		{[]string{"merge", "Toinen koodi", "Toistuvat liitepyynnöt"}, 1, "", "avain codebook: invalid: cannot merge a code into one of its own descendants\n"},
		{[]string{"delete", "Toinen koodi"}, 1, "", "avain codebook: code is in use: 2 codings and 1 child codes; merge it into another code, or delete with --force to delete them too\n"},
		{[]string{"delete", "Ei ole"}, 1, "", "avain codebook: code \"Ei ole\": not found\n"},
		{[]string{"frob", "x"}, 2, "", "avain codebook: unknown codebook subcommand \"frob\"" + codebookUsage},
		{[]string{"rename", "--help"}, 0, "usage: avain codebook PROJECT rename CODE NEW_NAME [--lang fi|en]\n\nshow, edit, export or import the project's codebook\n\nflags:\n  -coder string\n    \tyour name as coder (default $AVAIN_CODER, else your user name)\n  -lang string\n    \twhich name to change: fi or en (default \"fi\")\n", ""},
		{[]string{"add", "x", "--nope"}, 2, "", "avain codebook: flag provided but not defined: -nope" + codebookUsage},
	}
	for _, s := range steps {
		code, out, errs := avain(t, append([]string{"codebook", proj}, s.args...)...)
		out, errs = id.ReplaceAllString(out, "ID"), id.ReplaceAllString(errs, "ID")
		if code != s.code || out != s.out || errs != s.err {
			t.Errorf("codebook %q: exit %d\nstdout %q\nstderr %q\nwant exit %d\nstdout %q\nstderr %q", s.args, code, out, errs, s.code, s.out, s.err)
		}
	}

	var codes []codeJSON
	if err := json.Unmarshal([]byte(mustRun(t, "codebook", proj, "--json")), &codes); err != nil {
		t.Fatal(err)
	}
	byPath := map[string]codeJSON{}
	for _, c := range codes {
		byPath[c.Path] = c
	}
	c := byPath["Toinen koodi"]
	if c.NameEn != "Another code" || c.Color != "#33669a" || c.Shortcut != "" || c.ShortDef != "Lyhyt" || c.WhenToUse != "Kun…" ||
		c.Definition != "" || c.Example != "" {
		t.Errorf("the edited code: %+v", c)
	}
	if c := byPath["Toinen koodi/Toistuvat liitepyynnöt"]; c.Codings != 2 {
		t.Errorf("the merged code: %+v", c)
	}
	if got := mustRun(t, "codebook", proj, "delete", "Toinen koodi", "--force"); got != "deleted 2 codes and 2 codings\n" {
		t.Errorf("delete --force: %q", got)
	}
}

// TestCodebookAddTakesTheParentsColour: a code added under a parent
// without a colour of its own has the parent's; one given keeps its own.
func TestCodebookAddTakesTheParentsColour(t *testing.T) {
	proj, _ := codedProject(t)
	mustRun(t, "codebook", proj, "add", "Perii", "--parent", "Byrokratialoukut")
	mustRun(t, "codebook", proj, "add", "Oma", "--parent", "Byrokratialoukut", "--color", "#123456")
	mustRun(t, "codebook", proj, "add", "Ylin")
	var codes []codeJSON
	if err := json.Unmarshal([]byte(mustRun(t, "codebook", proj, "--json")), &codes); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	defer func() {
		if !strings.HasPrefix(got["Byrokratialoukut"], "#") {
			t.Errorf("the parent has no colour to take: %q", got["Byrokratialoukut"])
		}
	}()
	for _, c := range codes {
		got[c.Path] = c.Color
	}
	for path, want := range map[string]string{"Byrokratialoukut/Perii": got["Byrokratialoukut"], "Byrokratialoukut/Oma": "#123456", "Ylin": ""} {
		if c, ok := got[path]; !ok || c != want {
			t.Errorf("%s: colour %q, want %q", path, c, want)
		}
	}
}
