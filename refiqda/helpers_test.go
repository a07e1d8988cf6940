package refiqda

import (
	"fmt"
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

// readQDPX reads the bytes of a .qdpx archive (or of a bare .qde) as an
// import does: OpenProjectFile on a file holding them, then each source's
// Load. The error is the first that opening or a Load returns.
func readQDPX(t testing.TB, data []byte) (*Project, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "x.qdpx")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return readQDPXFile(t, path)
}

// readQDPXFile is readQDPX of a file: the project, every source loaded,
// closed when the test ends.
func readQDPXFile(t testing.TB, path string) (*Project, error) {
	t.Helper()
	p, err := OpenProjectFile(path)
	if err != nil {
		return nil, err
	}
	t.Cleanup(func() { p.Close() })
	for _, s := range p.Sources {
		if err := s.Load(); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	return p, nil
}
