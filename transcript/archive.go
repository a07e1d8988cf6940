package transcript

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// maxPartSize bounds the unpacked size of the one XML part read from a
// .docx or .odt archive, against zip bombs.
const maxPartSize = 256 << 20

// readPart returns the file name of a zip archive held in data.
func readPart(data []byte, name string) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, errorf(ErrBrokenArchive, "not a readable zip archive (%v)", err)
	}
	f, err := zr.Open(name)
	if err != nil {
		return nil, errorf(ErrBrokenArchive, "archive has no %s", name)
	}
	defer f.Close()
	part, err := io.ReadAll(io.LimitReader(f, maxPartSize+1))
	if err != nil {
		return nil, errorf(ErrBrokenArchive, "cannot unpack %s (%v)", name, err)
	}
	if len(part) > maxPartSize {
		return nil, errorf(ErrBrokenArchive, "%s is larger than %d MiB", name, maxPartSize>>20)
	}
	return part, nil
}

// paragraphs collects the paragraphs of a document part; empty ones are
// left out.
// A paragraph inside a paragraph (a text box) splits the outer one in two.
type paragraphs struct {
	done  []string
	cur   strings.Builder
	depth int
}

// open reports whether a paragraph is open.
func (p *paragraphs) open() bool { return p.depth > 0 }

// start begins a paragraph.
func (p *paragraphs) start() {
	p.flush()
	p.depth++
}

// end closes the innermost paragraph; the text of an outer one goes on in
// a new paragraph.
func (p *paragraphs) end() {
	p.flush()
	if p.depth > 0 {
		p.depth--
	}
}

// flush keeps the text gathered so far as a paragraph unless it is blank.
func (p *paragraphs) flush() {
	if strings.TrimSpace(p.cur.String()) != "" {
		p.done = append(p.done, p.cur.String())
	}
	p.cur.Reset()
}

// text joins the paragraphs with blank lines, so that the turn splitter
// sees them as paragraphs.
func (p *paragraphs) text() string {
	p.flush()
	return strings.Join(p.done, "\n\n")
}

// xmlError turns an XML decoding error of a part into ErrBrokenArchive.
func xmlError(part string, err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return errorf(ErrBrokenArchive, "malformed %s: line %d: %s", part, se.Line, se.Msg)
	}
	return errorf(ErrBrokenArchive, "malformed %s: %s", part, oneLine(err.Error()))
}

// oneLine folds the line breaks of a message into spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
