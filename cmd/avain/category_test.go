package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCodebookCategories: a code made a category takes no codings from
// avain code (one line, nothing changed), is marked where the codebook is
// shown, and travels through the codebook files.
func TestCodebookCategories(t *testing.T) {
	proj, dir := codedProject(t)
	mustRun(t, "code", proj, "--doc", "asiakas_01.txt", "--turn", "3", "--code", "Toistuvat liitepyynnöt")
	steps := []struct {
		args     []string
		code     int
		out, err string
	}{
		{[]string{"codebook", proj, "category", "Byrokratialoukut"}, 0, "Byrokratialoukut is a category now: it groups codes and takes no codings\n", ""},
		{[]string{"code", proj, "--doc", "asiakas_01.txt", "--turn", "5", "--code", "Byrokratialoukut"}, 1, "",
			"avain code: code Byrokratialoukut is a category: it groups codes and takes no codings\n"},
		{[]string{"codebook", proj, "category", "Toistuvat liitepyynnöt"}, 1, "",
			"avain codebook: code is in use: code Toistuvat liitepyynnöt has 1 codings, and a category takes none; move them to another code first\n"},
		{[]string{"codebook", proj, "category", "Byrokratialoukut", "--off"}, 0, "Byrokratialoukut is codable again\n", ""},
		{[]string{"codebook", proj, "category", "Byrokratialoukut"}, 0, "Byrokratialoukut is a category now: it groups codes and takes no codings\n", ""},
	}
	for _, s := range steps {
		code, out, errs := avain(t, s.args...)
		if code != s.code || out != s.out || errs != s.err {
			t.Errorf("%q: exit %d\nstdout %q\nstderr %q\nwant exit %d\nstdout %q\nstderr %q", s.args, code, out, errs, s.code, s.out, s.err)
		}
	}
	if rows := listCodings(t, proj); len(rows) != 1 {
		t.Errorf("%d codings after the refused one, want 1", len(rows))
	}
	if id := strings.TrimSpace(mustRun(t, "codebook", proj, "add", "Arki", "--en", "Everyday life", "--category")); id == "" {
		t.Error("add --category printed no id")
	}
	shown := mustRun(t, "codebook", proj)
	for _, want := range []string{"Byrokratialoukut (Bureaucracy traps) (category)", "Arki (Everyday life) (category)",
		"(category): groups codes, takes no codings"} {
		if !strings.Contains(shown, want) {
			t.Errorf("codebook does not show %q:\n%s", want, shown)
		}
	}
	if strings.Contains(shown, "liitepyynnöt (Repeated attachment requests) (category)") {
		t.Errorf("a codable code is shown as a category:\n%s", shown)
	}
	var codes []codeJSON
	if err := json.Unmarshal([]byte(mustRun(t, "codebook", proj, "--json")), &codes); err != nil {
		t.Fatal(err)
	}
	cats := 0
	for _, c := range codes {
		if c.Category {
			cats++
		}
	}
	if cats != 2 {
		t.Errorf("--json marks %d categories, want 2", cats)
	}
	// Out through each codebook file and into a new project.
	for _, ext := range []string{".qdc", ".yaml"} {
		t.Run(ext, func(t *testing.T) {
			f := filepath.Join(dir, "out"+ext)
			mustRun(t, "codebook", proj, "--export", f)
			data, _ := os.ReadFile(f)
			mark := map[string]string{".qdc": `isCodable="false"`, ".yaml": "codable: false"}[ext]
			if n := strings.Count(string(data), mark); n != 2 {
				t.Errorf("%s holds %d %s, want 2", ext, n, mark)
			}
			other := filepath.Join(dir, "other"+ext+".avain")
			mustRun(t, "init", other, "--coder", "ville", "--codebook", f)
			if got := strings.Count(mustRun(t, "codebook", other), "(category)"); got != 2+1 {
				t.Errorf("after import, %d lines say (category), want 2 codes and the legend", got)
			}
		})
	}
}
