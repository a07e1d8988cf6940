package transcript

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/toituavain/avain/coding"
)

// Formats lists the supported file extensions.
var Formats = []string{".txt", ".md", ".docx", ".odt", ".vtt", ".srt"}

// ReadFile reads and parses one transcript; the format comes from the
// extension (.txt .md .docx .odt .vtt .srt, case-insensitive). Errors are
// one line of the form "PATH: reason" and wrap this package's error kinds
// (fs.ErrNotExist for a missing file).
func ReadFile(path string) (*coding.Document, error) {
	format := strings.ToLower(strings.TrimPrefix(filepath.Ext(path), "."))
	if !supported(format) {
		return nil, fmt.Errorf("%s: %w", path, unsupported(filepath.Ext(path)))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, fileError(err))
	}
	doc, err := Parse(filepath.Base(path), format, data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return doc, nil
}

// Parse parses data of the given format ("txt", "md", "docx", "odt",
// "vtt", "srt"); name becomes Document.Name. The document's Kind is left
// for the caller to set.
func Parse(name, format string, data []byte) (*coding.Document, error) {
	format = strings.ToLower(strings.TrimPrefix(format, "."))
	var (
		text  string
		turns []coding.Turn
		err   error
	)
	switch format {
	case "txt", "md":
		text, err = decodeText(data)
		if err == nil {
			text, err = normalizeText(text)
		}
		if err == nil {
			turns = splitTurns(text)
		}
	case "docx", "odt":
		text, turns, err = parseArchive(format, data)
	case "vtt", "srt":
		text, turns, err = parseSubtitles(data)
	default:
		return nil, unsupported(format)
	}
	if err != nil {
		return nil, err
	}
	return &coding.Document{
		Name:   name,
		Format: format,
		Lang:   DetectLang(text),
		Text:   text,
		Hash:   coding.ContentHash(text),
		Turns:  turns,
	}, nil
}

// parseArchive reads the paragraphs of a .docx or .odt file.
func parseArchive(format string, data []byte) (string, []coding.Turn, error) {
	extract := docxText
	if format == "odt" {
		extract = odtText
	}
	raw, err := extract(data)
	if err != nil {
		return "", nil, err
	}
	text, err := normalizeText(raw)
	if err != nil {
		return "", nil, err
	}
	return text, splitTurns(text), nil
}

// parseSubtitles reads a WebVTT or SubRip file.
func parseSubtitles(data []byte) (string, []coding.Turn, error) {
	raw, err := decodeText(data)
	if err != nil {
		return "", nil, err
	}
	raw, err = normalizeText(raw)
	if err != nil {
		return "", nil, err
	}
	return parseCues(raw)
}

func supported(format string) bool {
	for _, f := range Formats {
		if f[1:] == format {
			return true
		}
	}
	return false
}

func unsupported(ext string) error {
	if ext == "" {
		return errorf(ErrFormat, "unsupported format: no file extension (want %s)", strings.Join(Formats, " "))
	}
	return errorf(ErrFormat, "unsupported format %q (want %s)", ext, strings.Join(Formats, " "))
}

// fileError gives a file system error a short one-line reason that still
// matches fs.ErrNotExist and the like with errors.Is.
func fileError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if errors.Is(err, fs.ErrNotExist) {
		return errorf(fs.ErrNotExist, "no such file")
	}
	return &kindError{kind: err, msg: oneLine(err.Error())}
}
