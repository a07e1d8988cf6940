package codebooks

import (
	"embed"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/toituavain/avain/coding"
)

//go:embed *.yaml
var files embed.FS

// Default is the name of the codebook new projects start from.
const Default = "toituavain"

// Book is a codebook read from a file.
type Book struct {
	Name        string
	Description string
	// Codes holds every code in file order, with ParentID set and Position
	// its index among its siblings.
	Codes []*coding.Code
}

// Names returns the names of the embedded codebooks, sorted.
func Names() []string {
	entries, err := files.ReadDir(".")
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), path.Ext(e.Name())))
	}
	slices.Sort(names)
	return names
}

// Load reads an embedded codebook by name, or a codebook file by its path
// (ending in .yaml or .yml). An unknown name is coding.ErrNotFound; an
// invalid file is an *Error.
func Load(nameOrPath string) (*Book, error) {
	if slices.Contains(Names(), nameOrPath) {
		file := nameOrPath + ".yaml"
		data, err := files.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("codebook %s: %w", nameOrPath, err)
		}
		return Parse(file, data)
	}
	switch strings.ToLower(filepath.Ext(nameOrPath)) {
	case ".yaml", ".yml":
	default:
		return nil, fmt.Errorf("codebook %q is neither one of %s nor a .yaml file: %w",
			nameOrPath, strings.Join(Names(), ", "), coding.ErrNotFound)
	}
	data, err := os.ReadFile(nameOrPath)
	if err != nil {
		return nil, fmt.Errorf("codebook: %w", err)
	}
	return Parse(nameOrPath, data)
}
