package avain_test

// The architecture of avain in one place: which of its packages may import
// which, and which outside libraries each layer may reach. The test reads
// every package's real imports with `go list` and fails on any import the
// tables below do not allow, naming the package, the import and the rule.
// To change the architecture, change these tables (and say why in the
// commit); package comments and ARCHITECTURE.md describe the same picture.

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/toituavain/avain"

// layers lists, for every package of the module, the module packages it may
// import. A package missing here fails the test, so a new package has to
// take its place in the picture.
var layers = map[string][]string{
	// The domain: pure Go, no SQL, no UI, no files.
	"coding": {},
	"demo":   {},
	"voikko": {},

	// Readers, writers and analysers built on the domain.
	"codebooks":      {"coding"},
	"transcript":     {"coding"},
	"pseudo":         {"coding"},
	"refiqda":        {"coding"},
	"export":         {"coding"},
	"chart":          {"coding"},
	"search/finnish": {"voikko"},
	"search":         {"coding", "search/finnish"},

	// The SQLite project: the only package that speaks SQL.
	"store": {"coding"},

	// The one package that joins the store, the index and the readers.
	"project": {"coding", "store", "search", "transcript", "refiqda", "pseudo", "codebooks", "demo", "voikko"},

	// The study's report: one HTML page from export's numbers and chart's
	// pictures; it writes to an io.Writer and never opens the project.
	"report": {"coding", "export", "chart"},

	// The terminal UI works through project's services: never the store.
	"tui": {"coding", "project", "search", "export", "pseudo"},

	// The command: argument parsing and wiring. It carries no benchmark code.
	"cmd/avain": {"chart", "coding", "codebooks", "export", "project", "pseudo", "report", "search", "search/finnish", "store", "tui"},

	// Developer tools, kept out of the binary researchers install.
	"bench/gen":             {"demo", "transcript"},
	"cmd/avain-bench":       {"bench/gen", "coding", "project", "search", "search/finnish", "store", "transcript", "tui"},
	"scripts/finnish-pairs": {"voikko"},
	"scripts/finnish-eval":  {"codebooks", "project", "search", "search/finnish", "voikko"},
	"scripts/sizes":         {},
}

// outside limits the libraries outside the module (and the parts of the
// standard library that reach the network or SQL) to the packages that
// need them. An import matching a prefix here is allowed only in the
// packages listed for it; everything else (the rest of the standard
// library, golang.org/x/text, uuid, yaml) is open to all. A prefix ending
// in "/" matches the paths below it, one ending in "=" the path alone, and
// any other the path and the paths below it.
var outside = []struct {
	prefix string
	only   []string
	why    string
}{
	{"net/http", nil, "avain never uses the network"},
	{"net/rpc", nil, "avain never uses the network"},
	{"net/smtp", nil, "avain never uses the network"},
	{"net/mail", nil, "avain never uses the network"},
	{"net=", nil, "avain never uses the network"}, // the package net alone ("=": exact); net/url is a string parser
	{"crypto/tls", nil, "avain never uses the network"},
	{"database/sql", []string{"store", "cmd/avain-bench"}, "SQL belongs to store"},
	{"modernc.org/sqlite", []string{"store"}, "SQL belongs to store"},
	{"github.com/blevesearch/", []string{"search", "search/finnish", "cmd/avain-bench", "scripts/finnish-pairs"}, "the index belongs to search"},
	{"go.etcd.io/bbolt", []string{"search"}, "the index belongs to search"},
	{"charm.land/", []string{"tui", "cmd/avain", "cmd/avain-bench"}, "the terminal belongs to tui and the command"},
	{"github.com/charmbracelet/", []string{"tui", "cmd/avain"}, "the terminal belongs to tui and the command"},
	{"github.com/ebitengine/purego", []string{"voikko"}, "foreign code is loaded in voikko alone"},
	{"github.com/xuri/excelize", []string{"export"}, "spreadsheets belong to export"},
	{"gonum.org/v1/plot", []string{"chart"}, "drawing charts belongs to chart"},
}

// violations checks a package→imports graph (module-relative names for the
// module's packages, full paths for the rest) against the tables.
func violations(graph map[string][]string) []string {
	var bad []string
	for _, pkg := range slices.Sorted(mapKeys(graph)) {
		allowed, known := layers[pkg]
		if !known {
			bad = append(bad, fmt.Sprintf("%s: not in the architecture table (arch_test.go): give it its allowed imports", pkg))
			continue
		}
		for _, imp := range graph[pkg] {
			if rel, ok := strings.CutPrefix(imp, module+"/"); ok {
				if !slices.Contains(allowed, rel) {
					bad = append(bad, fmt.Sprintf("%s imports %s: not allowed (it may import %s)", pkg, rel, orNothing(allowed)))
				}
				continue
			}
			for _, r := range outside {
				if !matches(imp, r.prefix) {
					continue
				}
				if !slices.Contains(r.only, pkg) {
					bad = append(bad, fmt.Sprintf("%s imports %s: %s", pkg, imp, r.why))
				}
				break
			}
		}
	}
	return bad
}

func matches(imp, prefix string) bool {
	if exact, ok := strings.CutSuffix(prefix, "="); ok {
		return imp == exact
	}
	if strings.HasSuffix(prefix, "/") {
		return strings.HasPrefix(imp, prefix)
	}
	return imp == prefix || strings.HasPrefix(imp, prefix+"/")
}

func orNothing(s []string) string {
	if len(s) == 0 {
		return "nothing of the module"
	}
	return strings.Join(s, ", ")
}

func mapKeys[K comparable, V any](m map[K]V) func(func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// moduleGraph reads the module's packages and their non-test imports.
func moduleGraph(t *testing.T) map[string][]string {
	t.Helper()
	out, err := exec.Command("go", "list", "-json", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	graph := map[string][]string{}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p struct {
			ImportPath string
			Imports    []string
		}
		if err := dec.Decode(&p); err != nil {
			t.Fatalf("go list output: %v", err)
		}
		rel, ok := strings.CutPrefix(p.ImportPath, module+"/")
		if !ok {
			continue // the module root holds only this test
		}
		graph[rel] = p.Imports
	}
	return graph
}

func TestArchitecture(t *testing.T) {
	graph := moduleGraph(t)
	if len(graph) < 10 {
		t.Fatalf("go list found only %d packages: %v", len(graph), graph)
	}
	for _, v := range violations(graph) {
		t.Error(v)
	}
	for pkg := range layers {
		if _, ok := graph[pkg]; !ok {
			t.Errorf("%s is in the architecture table but is no package of the module: remove it", pkg)
		}
	}
}

// TestArchitectureCatchesForbiddenImports makes sure the check can fail: each
// graph below has one import the tables forbid.
func TestArchitectureCatchesForbiddenImports(t *testing.T) {
	for _, tc := range []struct {
		name  string
		graph map[string][]string
		want  string
	}{
		{"tui reaches the store", map[string][]string{"tui": {module + "/coding", module + "/store"}}, "tui imports store: not allowed"},
		{"export reaches the store", map[string][]string{"export": {module + "/store"}}, "export imports store"},
		{"the domain imports SQL", map[string][]string{"coding": {"database/sql"}}, "coding imports database/sql: SQL belongs to store"},
		{"the domain imports the store", map[string][]string{"coding": {module + "/store"}}, "may import nothing of the module"},
		{"the binary carries the benchmark", map[string][]string{"cmd/avain": {module + "/bench/gen"}}, "cmd/avain imports bench/gen"},
		{"the report opens the project", map[string][]string{"report": {module + "/export", module + "/project"}}, "report imports project: not allowed"},
		{"the network", map[string][]string{"project": {"net/http"}}, "never uses the network"},
		{"a raw socket", map[string][]string{"store": {"net"}}, "never uses the network"},
		{"the UI opens the index itself", map[string][]string{"tui": {"github.com/blevesearch/bleve/v2"}}, "the index belongs to search"},
		{"a new package", map[string][]string{"reports": {}}, "not in the architecture table"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := violations(tc.graph)
			if len(got) != 1 || !strings.Contains(got[0], tc.want) {
				t.Errorf("violations = %q, want one naming %q", got, tc.want)
			}
		})
	}
	ok := map[string][]string{
		"store": {"net/url", "database/sql", "modernc.org/sqlite", module + "/coding"},
		"tui":   {"charm.land/bubbletea/v2", module + "/project"},
	}
	if got := violations(ok); len(got) != 0 {
		t.Errorf("allowed imports reported: %q", got)
	}
}
