package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// codedProject makes a project with the default codebook and the client
// interview imported.
func codedProject(t *testing.T) (proj, dir string) {
	t.Helper()
	dir = t.TempDir()
	proj = filepath.Join(dir, "study.avain")
	if code, _, errs := avain(t, "init", proj, "--coder", "aino"); code != 0 {
		t.Fatalf("init: %s", errs)
	}
	a := write(t, dir, "asiakas_01.txt", []byte(clientInterview))
	if code, _, errs := avain(t, "import", proj, a, "--kind", "client", "--coder", "aino"); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	return proj, dir
}

type listedCoding struct {
	ID, Doc, Code, Coder, Memo, Text string
	Turn, Start, End                 int
}

func listCodings(t *testing.T, args ...string) []listedCoding {
	t.Helper()
	code, out, errs := avain(t, append([]string{"codings"}, append(args, "--json")...)...)
	if code != 0 {
		t.Fatalf("codings: %s", errs)
	}
	var rows []listedCoding
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("codings --json: %v\n%s", err, out)
	}
	return rows
}

func TestCodeUncodeMemoCodings(t *testing.T) {
	proj, _ := codedProject(t)
	code, out, errs := avain(t, "code", proj, "--doc", "asiakas_01.txt", "--turn", "3", "--code", "Toistuvat liitepyynnöt", "--coder", "aino", "--memo", "kolme kertaa")
	if code != 0 {
		t.Fatalf("code: %s", errs)
	}
	id := strings.TrimSpace(out)
	// The same again is not stored twice; the English name and a path work.
	if code, out2, errs := avain(t, "code", proj, "--doc", "asiakas_01.txt", "--turn", "3", "--code", "Repeated requests for attachments", "--coder", "aino"); code != 0 || strings.TrimSpace(out2) != id || !strings.Contains(errs, "already") {
		t.Errorf("duplicate code: %d %q %q", code, out2, errs)
	}
	// A span by offsets: "Kelasta" in turn 3.
	start := len([]rune(clientInterview[:strings.Index(clientInterview, "Kelasta")]))
	if code, _, errs := avain(t, "code", proj, "--doc", "asiakas_01.txt", "--start", strconv.Itoa(start), "--end", strconv.Itoa(start+7), "--code", "Byrokratialoukut/Kelan ja kunnan välillä pompottelu", "--coder", "eero"); code != 0 {
		t.Fatalf("code span: %s", errs)
	}
	rows := listCodings(t, proj)
	if len(rows) != 2 {
		t.Fatalf("codings: %+v", rows)
	}
	var whole, span listedCoding
	for _, r := range rows {
		if r.Coder == "aino" {
			whole = r
		} else {
			span = r
		}
	}
	if whole.ID != id || whole.Turn != 3 || !strings.HasPrefix(whole.Text, "No, Kelasta pyydettiin") || whole.Memo != "kolme kertaa" ||
		!strings.HasSuffix(whole.Code, "Toistuvat liitepyynnöt") {
		t.Errorf("whole-turn coding: %+v", whole)
	}
	if span.Text != "Kelasta" || span.Turn != 3 {
		t.Errorf("span coding: %+v", span)
	}
	if got := listCodings(t, proj, "--coder", "eero"); len(got) != 1 {
		t.Errorf("--coder filter: %d", len(got))
	}
	if got := listCodings(t, proj, "--code", "Byrokratialoukut"); len(got) != 2 {
		t.Errorf("--code on a theme lists its subtree: %d", len(got))
	}

	// Refusals: each a clear message, nothing stored.
	for name, args := range map[string][]string{
		"unknown code": {"--doc", "asiakas_01.txt", "--turn", "3", "--code", "Ei tällaista"},
		"unknown doc":  {"--doc", "nope.txt", "--turn", "1", "--code", "Byrokratialoukut"},
		"outside":      {"--doc", "asiakas_01.txt", "--start", "5", "--end", "99999", "--code", "Byrokratialoukut"},
		"empty span":   {"--doc", "asiakas_01.txt", "--start", "5", "--end", "5", "--code", "Byrokratialoukut"},
		"no such turn": {"--doc", "asiakas_01.txt", "--turn", "99", "--code", "Byrokratialoukut"},
	} {
		code, _, errs := avain(t, append([]string{"code", proj}, args...)...)
		if code != 1 || strings.Count(errs, "\n") != 1 {
			t.Errorf("%s: exit %d, %q", name, code, errs)
		}
	}
	if n := len(listCodings(t, proj)); n != 2 {
		t.Errorf("refused codings were stored: %d", n)
	}

	if code, _, errs := avain(t, "memo", proj, "--doc", "asiakas_01.txt", "Haastattelu", "keskeytyi."); code != 0 {
		t.Errorf("memo --doc: %s", errs)
	}
	if code, _, errs := avain(t, "memo", proj, "--coding", id, "uusi muistio"); code != 0 {
		t.Errorf("memo --coding: %s", errs)
	}
	if rows := listCodings(t, proj, "--coder", "aino"); rows[0].Memo != "uusi muistio" {
		t.Errorf("memo not updated: %q", rows[0].Memo)
	}
	if code, _, _ := avain(t, "memo", proj, "--doc", "a", "--code", "b", "x"); code != 2 {
		t.Errorf("two memo targets: exit %d", code)
	}

	if code, _, errs := avain(t, "uncode", proj, id); code != 0 {
		t.Fatalf("uncode: %s", errs)
	}
	if rows := listCodings(t, proj); len(rows) != 1 || rows[0].ID == id {
		t.Errorf("after uncode: %+v", rows)
	}
	if code, _, _ := avain(t, "uncode", proj, id); code != 1 {
		t.Errorf("uncode twice: exit %d", code)
	}
}

func TestCodebookEditsKeepCodings(t *testing.T) {
	proj, dir := codedProject(t)
	avain(t, "code", proj, "--doc", "asiakas_01.txt", "--turn", "3", "--code", "Toistuvat liitepyynnöt")
	avain(t, "code", proj, "--doc", "asiakas_01.txt", "--turn", "5", "--code", "Odottaminen ja ruuhkat")

	code, out, _ := avain(t, "codebook", proj, "--json")
	var codes []struct {
		ID, ParentID, Path, NameFi, NameEn, Color string
		Codings, Documents                        int
	}
	if code != 0 || json.Unmarshal([]byte(out), &codes) != nil || len(codes) < 40 {
		t.Fatalf("codebook --json: %d codes", len(codes))
	}
	// A code counts its child codes too: the theme both, each code one.
	counted := map[string]int{}
	for _, c := range codes {
		counted[c.Path] = c.Codings
	}
	if counted["Byrokratialoukut"] != 2 || counted["Byrokratialoukut/Toistuvat liitepyynnöt"] != 1 ||
		counted["Byrokratialoukut/Odottaminen ja ruuhkat"] != 1 {
		t.Errorf("codings counted in the tree: %v", counted)
	}
	if code, out, _ := avain(t, "codebook", proj); code != 0 || !strings.Contains(out, "Byrokratialoukut (Bureaucracy traps)") {
		t.Errorf("codebook tree: %q", clip(out, 300))
	}

	steps := [][]string{
		{"add", "Uusi koodi", "--en", "New code", "--parent", "Byrokratialoukut"},
		{"rename", "Uusi koodi", "Toinen koodi"},
		{"rename", "Toinen koodi", "Another code", "--lang", "en"},
		{"color", "Toinen koodi", "#336699"},
		{"define", "Toinen koodi", "--short", "Lyhyt määritelmä", "--when", "Kun…"},
		{"move", "Toinen koodi", "/"},
		{"move", "Toistuvat liitepyynnöt", "Toinen koodi"},
		{"merge", "Odottaminen ja ruuhkat", "Toistuvat liitepyynnöt"},
	}
	for _, s := range steps {
		if code, _, errs := avain(t, append([]string{"codebook", proj}, s...)...); code != 0 {
			t.Fatalf("codebook %v: %s", s, errs)
		}
	}
	rows := listCodings(t, proj)
	if len(rows) != 2 {
		t.Fatalf("codings lost in edits: %+v", rows)
	}
	for _, r := range rows {
		if r.Code != "Toinen koodi/Toistuvat liitepyynnöt" {
			t.Errorf("coding now under %q", r.Code)
		}
	}
	if code, _, errs := avain(t, "codebook", proj, "delete", "Toinen koodi"); code != 1 || !strings.Contains(errs, "--force") {
		t.Errorf("delete in use: %d %q", code, errs)
	}
	if code, _, errs := avain(t, "codebook", proj, "rename", "Toinen koodi", "Byrokratialoukut"); code != 1 || !strings.Contains(errs, "share the name") {
		t.Errorf("rename clash: %d %q", code, errs)
	}

	// Export in every format, private files; the YAML reimports into a new project unchanged.
	for _, ext := range []string{".qdc", ".yaml", ".md"} {
		f := filepath.Join(dir, "cb"+ext)
		if code, _, errs := avain(t, "codebook", proj, "--export", f); code != 0 {
			t.Fatalf("export %s: %s", ext, errs)
		}
		if fi, err := os.Stat(f); err != nil || fi.Mode().Perm() != 0o600 || fi.Size() == 0 {
			t.Errorf("export %s: %v %v", ext, fi, err)
		}
	}
	md, _ := os.ReadFile(filepath.Join(dir, "cb.md"))
	if !strings.Contains(string(md), "Toinen koodi") {
		t.Errorf("markdown lacks the new code")
	}
	for _, ext := range []string{".yaml", ".qdc"} {
		p2 := filepath.Join(dir, "copy"+ext+".avain")
		if code, _, errs := avain(t, "init", p2, "--codebook", filepath.Join(dir, "cb"+ext)); code != 0 {
			t.Fatalf("init from %s: %s", ext, errs)
		}
		_, a, _ := avain(t, "codebook", proj, "--json")
		_, b, _ := avain(t, "codebook", p2, "--json")
		if stripCounts(a) != stripCounts(b) {
			t.Errorf("codebook changed through %s:\n%s\nvs\n%s", ext, clip(a, 400), clip(b, 400))
		}
	}
	if code, _, errs := avain(t, "init", filepath.Join(dir, "bad.avain"), "--codebook", filepath.Join(dir, "missing.yaml")); code != 1 || !strings.Contains(errs, "missing.yaml") {
		t.Errorf("init with a missing codebook: %d %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "bad.avain")); !os.IsNotExist(err) {
		t.Errorf("a failed init left a project behind")
	}
}

// stripCounts removes the usage counts from codebook --json output.
func stripCounts(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if !strings.Contains(l, `"codings"`) && !strings.Contains(l, `"passages"`) && !strings.Contains(l, `"documents"`) {
			out = append(out, strings.TrimSuffix(strings.TrimSpace(l), ","))
		}
	}
	return strings.Join(out, "\n")
}

// TestCodebookMoveUnderItsOwnChild: moving a code under its own child
// (or deeper) is refused on one short line that names the cycle, and the
// tree stays as it was.
func TestCodebookMoveUnderItsOwnChild(t *testing.T) {
	proj, _ := codedProject(t)
	_, before, _ := avain(t, "codebook", proj, "--json")
	code, _, errs := avain(t, "codebook", proj, "move", "Byrokratialoukut", "Toistuvat liitepyynnöt")
	if code == 0 || strings.Count(errs, "\n") != 1 || len(errs) > 300 || !strings.Contains(errs, "cycle of parents") ||
		!strings.Contains(errs, "Byrokratialoukut") {
		t.Errorf("move under its own child: exit %d, %q", code, errs)
	}
	if _, after, _ := avain(t, "codebook", proj, "--json"); after != before {
		t.Error("the refused move changed the codebook")
	}
}
