package main

import (
	"context"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
)

// TestMemoOnTheProject: avain memo --project sets the project memo (the
// one the UI's memos view edits with p), "" removes it, and --project
// beside another target is a usage error.
func TestMemoOnTheProject(t *testing.T) {
	proj, _ := codedProject(t)
	code, out, errs := avain(t, "memo", proj, "--project", "Aineisto", "kerätty", "syksyllä.", "--coder", "lead")
	if code != 0 || !strings.Contains(out, "memo set on the project") {
		t.Fatalf("memo --project: exit %d, %q %q", code, out, errs)
	}
	read := func() string {
		p, err := project.Open(context.Background(), proj)
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		m, err := p.Memo(context.Background(), coding.MemoProject, coding.ProjectMemoID)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	if m := read(); m != "Aineisto kerätty syksyllä." {
		t.Errorf("project memo %q", m)
	}
	if code, _, errs := avain(t, "memo", proj, "--project", "--doc", "asiakas_01.txt", "x"); code != 2 || errs != "avain memo: give exactly one of --coding, --doc, --code and --project (see avain memo --help)\n" {
		t.Errorf("--project with --doc: exit %d, %q", code, errs)
	}
	if code, out, _ := avain(t, "memo", proj, "--project", ""); code != 0 || !strings.Contains(out, "removed the memo on the project") {
		t.Errorf("memo --project \"\": exit %d, %q", code, out)
	}
	if m := read(); m != "" {
		t.Errorf("removed project memo reads %q", m)
	}
}
