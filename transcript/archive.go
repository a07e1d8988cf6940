package transcript

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/toituavain/avain/coding"
)

// readPart opens the file name of a zip archive held in data. What it
// unpacks to is counted as it is read: past maxPartBytes reading fails with
// ErrTooLarge.
func readPart(data []byte, name string) (io.ReadCloser, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, errorf(ErrBrokenArchive, "not a readable zip archive (%v)", err)
	}
	f, err := zr.Open(name)
	if err != nil {
		return nil, errorf(ErrBrokenArchive, "archive has no %s", name)
	}
	return &partReader{f: f, name: name, left: maxPartBytes}, nil
}

// partReader reads a part of an archive up to maxPartBytes.
type partReader struct {
	f    io.ReadCloser
	name string
	left int64
}

func (r *partReader) Read(b []byte) (int, error) {
	if r.left <= 0 { // at the limit: any more is too much
		var one [1]byte
		n, err := r.f.Read(one[:])
		if n > 0 || err == nil {
			return 0, tooLarge("%s unpacks to more than %s, avain's limit", r.name, mebibytes(maxPartBytes))
		}
		return 0, err
	}
	if int64(len(b)) > r.left {
		b = b[:r.left]
	}
	n, err := r.f.Read(b)
	r.left -= int64(n)
	return n, err
}

func (r *partReader) Close() error { return r.f.Close() }

// parts reads the paragraphs of a document part as its XML tokens come:
// it counts the characters it gathers against the limit and the nesting
// of elements against maxDepth.
type parts struct {
	name  string
	dec   *xml.Decoder
	depth int // of XML elements
	paragraphs
}

func newParts(name string, r io.Reader) *parts {
	return &parts{name: name, dec: xml.NewDecoder(r), paragraphs: paragraphs{left: maxChars}}
}

// token returns the next XML token (io.EOF at the end), or an error for
// malformed XML, nesting over maxDepth or text over the limit.
func (p *parts) token() (xml.Token, error) {
	if p.left < 0 {
		return nil, overChars()
	}
	tok, err := p.dec.Token()
	if err == io.EOF {
		return nil, err
	}
	if err != nil {
		return nil, xmlError(p.name, err)
	}
	switch tok.(type) {
	case xml.StartElement:
		if p.depth++; p.depth > maxDepth {
			return nil, tooLarge("%s nests elements deeper than %d levels, avain's limit", p.name, maxDepth)
		}
	case xml.EndElement:
		p.depth--
	}
	return tok, nil
}

// paragraphs collects the paragraphs of a document part, joined by blank
// lines; empty ones are left out. A paragraph inside a paragraph (a text
// box) splits the outer one in two. Every character written counts against
// left, blank paragraphs too.
type paragraphs struct {
	out   strings.Builder // the paragraphs so far
	cur   strings.Builder
	depth int // of open paragraphs
	left  int // characters the text may still take
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

// write adds s to the paragraph.
func (p *paragraphs) write(s []byte) {
	p.left -= utf8.RuneCount(s)
	if p.left >= 0 {
		p.cur.Write(s)
	}
}

// writeRune adds r to the paragraph.
func (p *paragraphs) writeRune(r rune) {
	if p.left--; p.left >= 0 {
		p.cur.WriteRune(r)
	}
}

// repeat adds n copies of the ASCII character c to the paragraph.
func (p *paragraphs) repeat(c byte, n int) {
	if p.left -= n; p.left < 0 {
		return
	}
	for range n {
		p.cur.WriteByte(c)
	}
}

// flush keeps the text gathered so far as a paragraph unless it is blank.
func (p *paragraphs) flush() {
	if strings.TrimSpace(p.cur.String()) != "" {
		if p.out.Len() > 0 {
			p.out.WriteString("\n\n")
			p.left -= 2
		}
		p.out.WriteString(p.cur.String())
	}
	p.cur.Reset()
}

// text returns the paragraphs joined with blank lines, so that the turn
// splitter sees them as paragraphs.
func (p *paragraphs) text() (string, error) {
	p.flush()
	if p.left < 0 {
		return "", overChars()
	}
	return p.out.String(), nil
}

// xmlError turns an XML decoding error of a part into ErrBrokenArchive.
func xmlError(part string, err error) error {
	if errors.Is(err, coding.ErrTooLarge) {
		return err
	}
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

// mebibytes writes n bytes in MiB, or in KiB when under one.
func mebibytes(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d MiB", n>>20)
}
