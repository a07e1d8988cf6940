package refiqda

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

// sharedDir holds the REFI-QDA schemas and the samples written by real
// tools; they are local fixtures, not part of the repository.
var sharedDir = filepath.Join("..", "..", "shared", "refi-qda")

// need returns the path of a file under sharedDir, skipping the test when
// it is missing (failing it when the CI environment variable is set).
func need(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join(sharedDir, rel)
	if _, err := os.Stat(p); err != nil {
		missing(t, p+" is missing: "+err.Error())
	}
	return p
}

func missing(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatal(why)
	}
	t.Skip(why)
}

// validate checks data against the real Codebook.xsd with xmllint.
func validate(t *testing.T, data []byte) {
	t.Helper()
	xsd := need(t, "Codebook.xsd")
	lint, err := exec.LookPath("xmllint")
	if err != nil {
		missing(t, "xmllint is not installed (apt-get install libxml2-utils)")
	}
	f := filepath.Join(t.TempDir(), "codebook.qdc")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(lint, "--noout", "--schema", xsd, f).CombinedOutput(); err != nil {
		t.Fatalf("xmllint: %v\n%s\n--- file ---\n%s", err, out, data)
	}
}

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
