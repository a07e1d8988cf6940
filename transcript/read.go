package transcript

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/toituavain/avain/coding"
)

// Formats lists the supported file extensions.
var Formats = []string{".txt", ".md", ".docx", ".odt", ".vtt", ".srt"}

// Read reads and parses one transcript; the format comes from the
// extension (.txt .md .docx .odt .vtt .srt, case-insensitive). It returns
// what the user should know of how the file was read (lines that were not
// UTF-8), one line each of the form "PATH: note". Errors are one line of
// the form "PATH: reason" and wrap this package's error kinds
// (fs.ErrNotExist for a missing file; coding.ErrTooLarge for a file over
// coding.MaxDocumentBytes or a text over coding.MaxDocumentChars, refused
// as it is read).
func Read(path string) (*coding.Document, []string, error) {
	format := strings.ToLower(strings.TrimPrefix(filepath.Ext(path), "."))
	if !supported(format) {
		return nil, nil, fmt.Errorf("%s: %w", path, unsupported(filepath.Ext(path)))
	}
	data, err := readLimited(path)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	doc, notes, err := parse(filepath.Base(path), format, data)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	for i, n := range notes {
		notes[i] = path + ": " + n
	}
	return doc, notes, nil
}

// Parse parses data of the given format ("txt", "md", "docx", "odt",
// "vtt", "srt"); name becomes Document.Name. The document's Kind is left
// for the caller to set.
func Parse(name, format string, data []byte) (*coding.Document, error) {
	doc, _, err := parse(name, format, data)
	return doc, err
}

// parse is Parse with the notes of the reading.
func parse(name, format string, data []byte) (*coding.Document, []string, error) {
	format = strings.ToLower(strings.TrimPrefix(format, "."))
	if !supported(format) {
		return nil, nil, unsupported(format)
	}
	if len(data) > maxBytes {
		return nil, nil, overBytes(int64(len(data)))
	}
	var (
		text  string
		turns []coding.Turn
		notes []string
		err   error
	)
	switch format {
	case "txt", "md":
		text, notes, err = readText(data)
		if err == nil {
			turns = splitTurns(text)
		}
	case "docx", "odt":
		text, turns, err = parseArchive(format, data)
	case "vtt", "srt":
		text, turns, notes, err = parseSubtitles(data)
	}
	if err != nil {
		return nil, nil, err
	}
	return &coding.Document{
		Name:   name,
		Format: format,
		Lang:   DetectLang(text),
		Text:   text,
		Hash:   contentHash(text),
		Turns:  turns,
	}, notes, nil
}

// readText decodes and normalises the bytes of a text file within the
// character limit.
func readText(data []byte) (string, []string, error) {
	text, notes, err := decode(data)
	if err == nil {
		err = checkChars(text)
	}
	if err != nil {
		return "", nil, err
	}
	return text, notes, nil
}

// decode decodes and normalises the bytes of a text file.
func decode(data []byte) (string, []string, error) {
	text, notUTF8, err := decodeText(data)
	if err != nil {
		return "", nil, err
	}
	if text, err = normalizeText(text); err != nil {
		return "", nil, err
	}
	var notes []string
	if len(notUTF8) > 0 {
		notes = append(notes, linesNote(notUTF8))
	}
	return text, notes, nil
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
	if err := checkChars(text); err != nil {
		return "", nil, err
	}
	return text, splitTurns(text), nil
}

// parseSubtitles reads a WebVTT or SubRip file: the text it makes counts
// against the limit, not the timings and markup it is made from.
func parseSubtitles(data []byte) (string, []coding.Turn, []string, error) {
	raw, notes, err := decode(data)
	if err != nil {
		return "", nil, nil, err
	}
	text, turns, err := parseCues(raw)
	if err == nil {
		err = checkChars(text)
	}
	if err != nil {
		return "", nil, nil, err
	}
	return text, turns, notes, nil
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

// contentHash is coding.ContentHash without a copy of the whole text: the
// text is hashed a piece at a time.
func contentHash(text string) string {
	h := sha256.New()
	var buf [32 << 10]byte
	for len(text) > 0 {
		n := copy(buf[:], text)
		h.Write(buf[:n])
		text = text[n:]
	}
	return hex.EncodeToString(h.Sum(nil))
}
