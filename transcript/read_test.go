package transcript

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

func TestRead(t *testing.T) {
	p := writeTemp(t, "Haastattelu_03.TXT", []byte("H: Miten menee?\r\nV: Ihan hyvin, kiitos.\r\n"))
	doc, _, err := Read(p)
	if err != nil {
		t.Fatal(err)
	}
	checkDocument(t, doc)
	if doc.Name != "Haastattelu_03.TXT" || doc.Format != "txt" || doc.Lang != "fi" || doc.Kind != "" || doc.ID != "" {
		t.Errorf("document = %+v", doc)
	}
	if doc.Hash != coding.ContentHash("H: Miten menee?\nV: Ihan hyvin, kiitos.") {
		t.Errorf("hash of the wrong text")
	}
	doc.Kind = coding.KindClient
	if err := doc.Validate(); err != nil {
		t.Error(err)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name string
		file string
		data []byte
		kind error
		msg  string
	}{
		{"binary", "kuva.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), ErrBinary, "binary data"},
		{"empty", "tyhja.txt", nil, ErrEmpty, "empty file"},
		{"white space only", "tyhja.md", []byte("\n \t \r\n"), ErrEmpty, "no text"},
		{"broken docx", "rikki.docx", []byte("PK\x03\x04garbage"), ErrBrokenArchive, "not a readable zip archive"},
		{"odt without content.xml", "rikki.odt", nil, ErrBrokenArchive, "archive has no content.xml"},
		{"undecodable bytes", "vanha.txt", []byte("V: hyv\xe4\x8d"), ErrEncoding, "undecodable bytes at offset 7"},
		{"unsupported extension", "litterointi.pdf", []byte("%PDF-1.4"), ErrFormat, `unsupported format ".pdf"`},
		{"no extension", "litterointi", []byte("H: hei"), ErrFormat, "unsupported format: no file extension"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.data
			if tt.file == "rikki.odt" {
				data = zipOf(t, "mimetype", "application/vnd.oasis.opendocument.text")
			}
			p := writeTemp(t, tt.file, data)
			_, _, err := Read(p)
			if !errors.Is(err, tt.kind) {
				t.Fatalf("err = %v, want %v", err, tt.kind)
			}
			if !strings.HasPrefix(err.Error(), p+": "+tt.msg) || strings.Contains(err.Error(), "\n") {
				t.Errorf("err = %q, want one line starting %q", err, p+": "+tt.msg)
			}
		})
	}
	t.Run("missing file", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "puuttuu.docx")
		_, _, err := Read(p)
		if !errors.Is(err, fs.ErrNotExist) || err.Error() != p+": no such file" {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("directory", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "kansio.txt")
		if err := mkdir(p); err != nil {
			t.Fatal(err)
		}
		_, _, err := Read(p)
		if err == nil || !strings.HasPrefix(err.Error(), p+": ") || strings.Contains(err.Error(), "\n") || strings.Count(err.Error(), p) != 1 {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("unknown format name", func(t *testing.T) {
		if _, err := Parse("x", "rtf", []byte("x")); !errors.Is(err, ErrFormat) {
			t.Errorf("err = %v", err)
		}
	})
}

func TestFormats(t *testing.T) {
	for _, ext := range Formats {
		if !supported(ext[1:]) || strings.ToLower(ext) != ext || ext[0] != '.' {
			t.Errorf("format %q", ext)
		}
	}
}

func mkdir(p string) error { return os.Mkdir(p, 0o700) }
