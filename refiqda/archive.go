package refiqda

import (
	"archive/zip"
	"fmt"
	"io"
	"path"
	"strings"
	"sync"
	"time"
)

// archiveEntry is a file of a .qdpx being written: its path in the
// archive and what writes its content, so that a text is written from
// where it is held, not copied first.
type archiveEntry struct {
	name  string
	write func(io.Writer) error
}

// writeBytes writes b as an entry's content.
func writeBytes(b []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	}
}

// writeString writes s as an entry's content.
func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { return writeChunks(w, s) }
}

// chunks are the buffers of writeChunks, used again.
var chunks = sync.Pool{New: func() any { return new([32 << 10]byte) }}

// writeChunks writes s to w through a small buffer: a compressor takes
// no string, and io.WriteString would copy a whole text at once.
func writeChunks(w io.Writer, s string) error {
	b := chunks.Get().(*[32 << 10]byte)
	defer chunks.Put(b)
	buf := b[:]
	for len(s) > 0 {
		n := copy(buf, s)
		if _, err := w.Write(buf[:n]); err != nil {
			return err
		}
		s = s[n:]
	}
	return nil
}

// writeArchive writes the entries as a zip archive in their order, each
// compressed and modified at now.
func writeArchive(w io.Writer, entries []archiveEntry, now time.Time) error {
	zw := zip.NewWriter(w)
	for _, e := range entries {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: now})
		if err != nil {
			return err
		}
		if err := e.write(f); err != nil {
			return fmt.Errorf("write %s: %w", e.name, err)
		}
	}
	return zw.Close()
}

// readLimited reads at most limit bytes of r; more is a *TooLargeError
// about what.
func readLimited(r io.Reader, limit int, what string) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return nil, err
	}
	if len(b) > limit {
		return nil, &TooLargeError{What: what, Bytes: true}
	}
	return b, nil
}

// readEntry reads an archive entry through readLimited.
func readEntry(f *zip.File, limit int, what string) ([]byte, error) {
	if f.UncompressedSize64 > uint64(limit) {
		return nil, &TooLargeError{What: what, Bytes: true}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, &FormatError{Msg: f.Name + ": " + err.Error()}
	}
	defer rc.Close()
	b, err := readLimited(rc, limit, what)
	if err != nil {
		if _, ok := err.(*TooLargeError); ok {
			return nil, err
		}
		return nil, &FormatError{Msg: f.Name + ": " + err.Error()}
	}
	return b, nil
}

// readQDE reads the project.qde of the archive in r, or r whole when it
// is not an archive (a bare .qde), and the archive's other entries by
// their lowercased paths.
func readQDE(r io.ReaderAt, size int64) ([]byte, map[string]*zip.File, error) {
	entries := map[string]*zip.File{}
	magic := make([]byte, 2)
	if n, _ := r.ReadAt(magic, 0); n != 2 || string(magic) != "PK" {
		b, err := readLimited(io.NewSectionReader(r, 0, size), maxQDEBytes, "project.qde")
		return b, entries, err
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, nil, &FormatError{Msg: "not a .qdpx archive: " + err.Error()}
	}
	qdeEntry, err := archiveEntries(zr, entries)
	if err != nil {
		return nil, nil, err
	}
	b, err := readEntry(qdeEntry, maxQDEBytes, "project.qde")
	return b, entries, err
}

// archiveEntries finds the one .qde at the archive's root and puts its
// other files in entries by their lowercased paths.
func archiveEntries(zr *zip.Reader, entries map[string]*zip.File) (*zip.File, error) {
	var qdeEntry *zip.File
	for _, f := range zr.File {
		name := strings.ToLower(path.Clean(strings.ReplaceAll(f.Name, "\\", "/")))
		if f.FileInfo().IsDir() {
			continue
		}
		if !strings.Contains(name, "/") && strings.HasSuffix(name, ".qde") {
			if qdeEntry != nil {
				return nil, &FormatError{Msg: "the archive holds more than one .qde"}
			}
			qdeEntry = f
			continue
		}
		entries[name] = f
	}
	if qdeEntry == nil {
		return nil, &FormatError{Msg: "the archive holds no project.qde"}
	}
	return qdeEntry, nil
}

// sourcePath turns a plainTextPath ("internal://GUID.txt", or a relative
// path) into the lowercased path of the file in the archive.
func sourcePath(p string) string {
	p = strings.ReplaceAll(strings.TrimSpace(p), "\\", "/")
	if rest, ok := strings.CutPrefix(p, "internal://"); ok {
		return "sources/" + strings.ToLower(rest)
	}
	return strings.ToLower(path.Clean(p))
}
