package project

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

// qualCoderImport is what QualCoder's importer stored of a .qdpx, as
// testdata/qualcoder-import/run_import.py prints it.
type qualCoderImport struct {
	Log         []string `json:"log"`
	ProjectMemo string   `json:"project_memo"`
	Categories  []string `json:"categories"`
	Codes       int      `json:"codes"`
	Sources     map[string]struct {
		Memo  string `json:"memo"`
		Owner string `json:"owner"`
	} `json:"sources"`
	Codings []struct {
		Source     string `json:"source"`
		Pos0, Pos1 int
		Owner      string `json:"owner"`
		Date       string `json:"date"`
		Memo       string `json:"memo"`
	} `json:"codings"`
	FileAttributes int `json:"file_attributes"`
}

// runQualCoderImport runs QualCoder's own importer (refi.py from
// ../shared, unchanged; Qt stubbed out) on file. It skips when python3
// (3.10 or later, which refi.py's type hints need) or ../shared is
// missing outside CI, and fails then in CI.
func runQualCoderImport(t *testing.T, file string) qualCoderImport {
	t.Helper()
	refi, err := filepath.Abs(filepath.Join("..", "..", "shared", "qualcoder-refi", "refi.py"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(refi); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	skip := func(why string) {
		if os.Getenv("CI") != "" { // .ci/run installs Debian's python3
			t.Fatal(why)
		}
		t.Skip(why)
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		skip("python3 is not installed: QualCoder's importer cannot run")
	}
	if err := exec.Command(py, "-c", "import sys; sys.exit(sys.version_info < (3, 10))").Run(); err != nil {
		skip("python3 is older than 3.10: QualCoder's importer cannot run")
	}
	// A package qualcoder holding refi.py beside stand-ins of the modules
	// it imports from QualCoder, and a stand-in PyQt6.
	pkg := t.TempDir()
	stubs := filepath.Join("testdata", "qualcoder-import", "stubs")
	for _, f := range []struct{ from, to string }{
		{"PyQt6/__init__.py", "PyQt6/__init__.py"},
		{"color_selector.py", "qualcoder/color_selector.py"},
		{"helpers.py", "qualcoder/helpers.py"},
		{"GUI/ui_dialog_refi_export_endings.py", "qualcoder/GUI/ui_dialog_refi_export_endings.py"},
		{"", "qualcoder/__init__.py"},
		{"", "qualcoder/GUI/__init__.py"},
	} {
		var data []byte
		if f.from != "" {
			if data, err = os.ReadFile(filepath.Join(stubs, f.from)); err != nil {
				t.Fatal(err)
			}
		}
		to := filepath.Join(pkg, f.to)
		if err := os.MkdirAll(filepath.Dir(to), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(to, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(refi, filepath.Join(pkg, "qualcoder", "refi.py")); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(py, filepath.Join("testdata", "qualcoder-import", "run_import.py"), pkg, file)
	cmd.Env = append(os.Environ(), "PYTHONDONTWRITEBYTECODE=1", "HOME="+t.TempDir())
	out, err := cmd.Output()
	if err != nil {
		stderr := ""
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("QualCoder's importer stopped: %v\n%.2000s\n%.4000s", err, out, stderr)
	}
	// refi.py prints a line of its own (that it has no vlc): the result
	// is the last line.
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	var got qualCoderImport
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &got); err != nil {
		t.Fatalf("%v\n%.2000s", err, out)
	}
	return got
}

// TestQualCoderImportsTheExport runs QualCoder's importer on the export
// of the coded demo (a VTT among its documents) with a project memo and
// a category: it reads the whole file, and every memo lands where
// QualCoder keeps it: the project memo, each document's memo with its
// maker, each coding on the same characters by the same coder at the
// same second with its memo; the category is a category.
func TestQualCoderImportsTheExport(t *testing.T) {
	ctx := context.Background()
	p := codedDemo(t)
	if err := p.SetMemo(ctx, coding.MemoProject, coding.ProjectMemoID, "Projekti: 10 haastattelua.", "ville"); err != nil {
		t.Fatal(err)
	}
	if err := p.AddCode(ctx, &coding.Code{NameFi: "Teemat", NotCodable: true}, "aino"); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "demo.qdpx")
	rep, err := p.ExportQDPX(ctx, file, "fi", "aino")
	if err != nil {
		t.Fatal(err)
	}
	got := runQualCoderImport(t, file)
	if n := len(got.Log); n == 0 || !strings.HasSuffix(got.Log[n-1], " loaded.") {
		t.Fatalf("the import did not finish: %q", got.Log)
	}
	if got.ProjectMemo != "Projekti: 10 haastattelua." {
		t.Errorf("project memo %q", got.ProjectMemo)
	}
	if len(got.Categories) != 1 || got.Categories[0] != "Teemat" || got.Codes != rep.Codes-1 {
		t.Errorf("categories %q, %d codes of %d", got.Categories, got.Codes, rep.Codes)
	}
	if got.FileAttributes == 0 {
		t.Error("no document attributes")
	}
	want := map[string]string{}
	err = p.EachDocument(ctx, func(d *coding.Document) error {
		if s := got.Sources[d.Name]; s.Memo != "Muistio: "+d.Name || s.Owner != d.Coder {
			t.Errorf("document %s: memo %q by %q", d.Name, s.Memo, s.Owner)
		}
		cs, err := p.Codings(ctx, coding.CodingFilter{DocumentID: d.ID})
		if err != nil {
			return err
		}
		for _, c := range cs {
			want[fmt.Sprintf("%s [%d,%d) %s %s", d.Name, c.Start, c.End, c.Coder, c.Created.UTC().Format("2006-01-02 15:04:05"))] = c.Memo
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Sources) != rep.Documents || len(got.Codings) != rep.Codings || len(want) != rep.Codings {
		t.Fatalf("QualCoder has %d documents and %d codings, the export %d and %d (%d distinct)",
			len(got.Sources), len(got.Codings), rep.Documents, rep.Codings, len(want))
	}
	for _, c := range got.Codings {
		k := fmt.Sprintf("%s [%d,%d) %s %s", c.Source, c.Pos0, c.Pos1, c.Owner, c.Date)
		if memo, ok := want[k]; !ok || memo != c.Memo {
			t.Errorf("QualCoder's coding %s (memo %q) is not avain's (%v, memo %q)", k, c.Memo, ok, memo)
		}
	}
}
