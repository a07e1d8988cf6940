package project

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/toituavain/avain/codebooks"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/refiqda"
	"github.com/toituavain/avain/store"
)

// LoadCodebook reads a codebook: an embedded one by name (see
// codebooks.Names), or a .yaml/.yml or REFI-QDA .qdc file.
func LoadCodebook(ref string) ([]*coding.Code, error) {
	if strings.EqualFold(filepath.Ext(ref), ".qdc") {
		return refiqda.ReadCodebookFile(ref)
	}
	b, err := codebooks.Load(ref)
	if err != nil {
		return nil, err
	}
	return b.Codes, nil
}

// CreateWithCodebook makes a new project at path with the codebook ref
// (loaded first, so a bad codebook leaves no project behind).
func CreateWithCodebook(ctx context.Context, path, ref, coder string) (*Project, int, error) {
	codes, err := LoadCodebook(ref)
	if err != nil {
		return nil, 0, err
	}
	p, err := Create(ctx, path)
	if err != nil {
		return nil, 0, err
	}
	if _, err := p.Store.ImportCodes(ctx, codes, coder); err != nil {
		p.Close()
		removeProject(path)
		return nil, 0, fmt.Errorf("%s: %w", ref, err)
	}
	return p, len(codes), nil
}

// ImportCodebook adds the codes of a codebook file (or embedded name) to the
// project's codebook; codes with an id already there are updated.
func (p *Project) ImportCodebook(ctx context.Context, ref, coder string) (store.CodeImport, error) {
	var codes []*coding.Code
	var foreign map[string]bool // .qdc codes whose Description another tool wrote
	var err error
	if strings.EqualFold(filepath.Ext(ref), ".qdc") {
		codes, foreign, err = refiqda.ReadCodebookFileForeign(ref)
	} else {
		codes, err = LoadCodebook(ref)
	}
	if err != nil {
		return store.CodeImport{}, err
	}
	res, err := p.Store.ImportCodesForeign(ctx, codes, coder, foreign)
	if err != nil {
		return res, fmt.Errorf("%s: %w", ref, err)
	}
	return res, nil
}

// CodebookFormats are the extensions ExportCodebook writes.
var CodebookFormats = []string{".qdc", ".yaml", ".yml", ".md"}

// CheckCodebookOutput returns an error, naming path, when ExportCodebook
// would refuse path: its extension is none of CodebookFormats, or
// CheckOutput refuses it as an output of the project at projectPath.
func CheckCodebookOutput(path, projectPath string) error {
	if err := CheckOutput(path, projectPath); err != nil {
		return err
	}
	if ext := strings.ToLower(filepath.Ext(path)); !slices.Contains(CodebookFormats, ext) {
		return fmt.Errorf("%s: avain writes a codebook as %s, by the file's extension", path, strings.Join(CodebookFormats, ", "))
	}
	return nil
}

// ExportCodebook writes the project's codebook to path, in the format its
// extension names: .qdc (REFI-QDA), .yaml/.yml (avain's own) or .md (a
// readable table). lang picks the primary names. The file is written as
// WriteOutput writes it, after CheckCodebookOutput.
func (p *Project) ExportCodebook(ctx context.Context, path, lang, coder string) error {
	if err := CheckCodebookOutput(path, p.path); err != nil {
		return err
	}
	cb, err := p.Store.Codebook(ctx)
	if err != nil {
		return err
	}
	var buf bytes.Buffer // whole first: a codebook that cannot be written leaves nothing
	if err := WriteCodebook(&buf, cb.Codes(), filepath.Ext(path), strings.TrimSuffix(filepath.Base(p.path), filepath.Ext(p.path)), lang); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return WriteRecorded(path, p.path, func(w io.Writer) error {
		_, err := w.Write(buf.Bytes())
		return err
	}, func() error {
		return p.Store.Log(ctx, coder, "export.codebook", "", fmt.Sprintf("%d codes as %s", len(cb.Codes()), strings.ToLower(filepath.Ext(path))))
	})
}

// WriteCodebook writes codes in the format of the extension ext.
func WriteCodebook(w io.Writer, codes []*coding.Code, ext, name, lang string) error {
	book := &codebooks.Book{Name: name, Codes: codes}
	switch strings.ToLower(ext) {
	case ".qdc":
		return refiqda.WriteCodebook(w, codes, lang)
	case ".yaml", ".yml":
		return codebooks.WriteYAML(w, book)
	case ".md":
		return codebooks.WriteMarkdown(w, book, lang)
	}
	return fmt.Errorf("unknown codebook format %q (want %s)", ext, strings.Join(CodebookFormats, ", "))
}
