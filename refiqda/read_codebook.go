package refiqda

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/google/uuid"
	"github.com/toituavain/avain/coding"
)

// maxDepth bounds how deep codes may nest, so a hostile file cannot
// exhaust the stack.
const maxDepth = 500

// FormatError is input that is not a readable REFI-QDA codebook: broken
// XML, another kind of document, or codes that cannot be taken in.
// errors.Is(err, coding.ErrInvalid) is true for it.
type FormatError struct {
	Line int // 1-based; 0 when unknown
	Msg  string
}

// Error formats the problem as "line N: msg", on one line: a line break
// the input put in the message (a name space, say) is shown as \n.
func (e *FormatError) Error() string {
	msg := lineBreaks.Replace(e.Msg)
	if e.Line <= 0 {
		return msg
	}
	return fmt.Sprintf("line %d: %s", e.Line, msg)
}

var lineBreaks = strings.NewReplacer("\r\n", `\r\n`, "\n", `\n`, "\r", `\r`)

// Unwrap makes errors.Is(err, coding.ErrInvalid) true.
func (e *FormatError) Unwrap() error { return coding.ErrInvalid }

// ReadCodebook reads a .qdc (or the <CodeBook> of a project.qde) into codes
// with ParentID and Position set, parents before their children. It
// accepts what real tools write: a byte-order mark, CRLF, GUIDs in braces
// or upper case (made lowercase canonical UUIDs; a code without a guid
// gets a new one, one that is not a UUID a stable one derived from it),
// colours in either case or as #rgb (made "#rrggbb"; a missing or broken
// colour leaves Color ""), isCodable="false" (a category: NotCodable), empty
// <Sets/>, unknown elements and attributes (ignored). A project without a
// <CodeBook> has no codes. Problems are *FormatError values.
func ReadCodebook(r io.Reader) ([]*coding.Code, error) {
	codes, _, err := readCodebook(r)
	return codes, err
}

// readCodebook is ReadCodebook, and the codes whose Description is
// foreign (see descriptionEntry), by id.
func readCodebook(r io.Reader) ([]*coding.Code, map[string]bool, error) {
	br := bufio.NewReader(r)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\uFEFF")) {
		_, _ = br.Discard(3) // Peek has seen them
	}
	rd := &codebookReader{d: xml.NewDecoder(br), ids: map[string]bool{}, foreign: map[string]bool{}}
	rd.d.CharsetReader = charsetReader
	if err := rd.document(); err != nil {
		return nil, nil, err
	}
	return rd.codes, rd.foreign, nil
}

// ReadCodebookFile reads the codebook file at path with ReadCodebook. Its
// errors are one line, "PATH: reason".
func ReadCodebookFile(path string) ([]*coding.Code, error) {
	codes, _, err := ReadCodebookFileForeign(path)
	return codes, err
}

// ReadCodebookFileForeign is ReadCodebookFile, and the codes (by id)
// whose Description is not in the form avain folds a codebook entry into
// (another tool wrote, cut or added to it): all of it that is not a
// label went into their Definition, so it must not replace the
// definition parts of a code already in a project (as
// Project.ForeignDescriptions).
func ReadCodebookFileForeign(path string) ([]*coding.Code, map[string]bool, error) {
	f, err := os.Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	defer f.Close()
	codes, foreign, err := readCodebook(f)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return codes, foreign, nil
}

// codebookReader walks the XML tokens of one document.
type codebookReader struct {
	d       *xml.Decoder
	codes   []*coding.Code
	ids     map[string]bool
	foreign map[string]bool // the codes whose Description is foreign
}

// document reads the root element and then the rest of the document, so
// that broken XML after the codebook is reported too.
func (rd *codebookReader) document() error {
	root, err := rd.root()
	if err != nil {
		return err
	}
	switch root.Name.Local {
	case "CodeBook":
		err = rd.codeBook()
	case "Project":
		err = rd.project()
	default:
		return rd.errorf("not a REFI-QDA codebook: the root element is <%s>, not <CodeBook> or <Project>", root.Name.Local)
	}
	if err != nil {
		return err
	}
	for {
		if _, err := rd.token(); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
}

// root returns the start of the first element.
func (rd *codebookReader) root() (xml.StartElement, error) {
	for {
		tok, err := rd.token()
		if err == io.EOF {
			return xml.StartElement{}, &FormatError{Msg: "not a REFI-QDA codebook: no XML element found"}
		}
		if err != nil {
			return xml.StartElement{}, err
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se, nil
		}
	}
}

// project reads a <Project> up to its end, taking in its <CodeBook>.
func (rd *codebookReader) project() error {
	return rd.children(func(se xml.StartElement) error {
		if se.Name.Local == "CodeBook" {
			return rd.codeBook()
		}
		return rd.skip()
	})
}

// codeBook reads a <CodeBook> up to its end.
func (rd *codebookReader) codeBook() error {
	return rd.children(func(se xml.StartElement) error {
		if se.Name.Local == "Codes" {
			pos := 0
			return rd.children(func(se xml.StartElement) error { return rd.codeOrSkip(se, "", &pos, 1) })
		}
		return rd.skip()
	})
}

// codeOrSkip reads se as the next child of parent when it is a <Code>.
func (rd *codebookReader) codeOrSkip(se xml.StartElement, parent string, pos *int, depth int) error {
	if se.Name.Local != "Code" {
		return rd.skip()
	}
	if depth > maxDepth {
		return rd.errorf("codes nest more than %d levels deep", maxDepth)
	}
	line, _ := rd.d.InputPos()
	c := &coding.Code{ParentID: parent, Position: *pos}
	*pos++
	var name, guid string
	hasName := false
	for _, a := range se.Attr {
		switch a.Name.Local {
		case "guid":
			guid = a.Value
		case "name":
			name, hasName = a.Value, true
		case "color":
			c.Color = normalColor(a.Value)
		case "isCodable":
			// xs:boolean: "false" or "0" make a category; anything else,
			// or no attribute (the schema's default), a codable code.
			c.NotCodable = notCodable(a.Value)
		}
	}
	c.ID = codeID(guid)
	if rd.ids[c.ID] {
		return &FormatError{Line: line, Msg: fmt.Sprintf("two codes have the guid %s", c.ID)}
	}
	rd.ids[c.ID] = true
	rd.codes = append(rd.codes, c) // before its children: parents first
	var desc *string
	kids := 0
	err := rd.children(func(se xml.StartElement) error {
		if se.Name.Local == "Description" && desc == nil {
			text, err := rd.text()
			desc = &text
			return err
		}
		return rd.codeOrSkip(se, c.ID, &kids, depth+1)
	})
	if err != nil {
		return err
	}
	var e entry
	if desc != nil {
		var foreign bool
		if e, foreign = descriptionEntry(*desc); foreign && strings.TrimSpace(*desc) != "" {
			rd.foreign[c.ID] = true
		}
	}
	c.ShortDef, c.Definition, c.WhenToUse, c.WhenNotUse, c.Example, c.Shortcut =
		e.ShortDef, e.Definition, e.WhenToUse, e.WhenNotUse, e.Example, e.Shortcut
	name = cleanName(name)
	if e.HasNameFi {
		c.NameFi, c.NameEn = cleanName(e.NameFi), name
	} else {
		c.NameFi, c.NameEn = name, cleanName(e.NameEn)
	}
	if c.NameFi == "" && c.NameEn == "" {
		if !hasName {
			return &FormatError{Line: line, Msg: fmt.Sprintf("code %s has no name attribute", c.ID)}
		}
		return &FormatError{Line: line, Msg: fmt.Sprintf("code %s has an empty name", c.ID)}
	}
	return nil
}

// children calls f for each child element of the element just started and
// returns after its end tag; f must consume the child up to its end.
func (rd *codebookReader) children(f func(xml.StartElement) error) error {
	for {
		tok, err := rd.token()
		if err != nil {
			return rd.eof(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := f(t); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

// text returns the character data of the element just started, up to its
// end; nested elements are skipped.
func (rd *codebookReader) text() (string, error) {
	var b strings.Builder
	for {
		tok, err := rd.token()
		if err != nil {
			return "", rd.eof(err)
		}
		switch t := tok.(type) {
		case xml.CharData:
			b.Write(t)
		case xml.StartElement:
			if err := rd.skip(); err != nil {
				return "", err
			}
		case xml.EndElement:
			return b.String(), nil
		}
	}
}

// skip consumes the element just started, up to its end.
func (rd *codebookReader) skip() error {
	for depth := 1; depth > 0; {
		tok, err := rd.token()
		if err != nil {
			return rd.eof(err)
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// token returns the next token; errors other than io.EOF become
// *FormatError with the line of the problem.
func (rd *codebookReader) token() (xml.Token, error) {
	tok, err := rd.d.Token()
	if err == nil || err == io.EOF {
		return tok, err
	}
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return nil, &FormatError{Line: se.Line, Msg: "broken XML: " + se.Msg}
	}
	var fe *FormatError
	if errors.As(err, &fe) {
		return nil, err
	}
	line, _ := rd.d.InputPos()
	return nil, &FormatError{Line: line, Msg: strings.TrimPrefix(err.Error(), "xml: ")}
}

// eof turns an end of input inside an element into an error.
func (rd *codebookReader) eof(err error) error {
	if err == io.EOF {
		line, _ := rd.d.InputPos()
		return &FormatError{Line: line, Msg: "broken XML: unexpected end of file"}
	}
	return err
}

func (rd *codebookReader) errorf(format string, args ...any) error {
	line, _ := rd.d.InputPos()
	return &FormatError{Line: line, Msg: fmt.Sprintf(format, args...)}
}

// guidSpace is the namespace of the ids derived from guids that are not
// UUIDs (uuid.NewSHA1), so the same file always gives the same ids.
var guidSpace = uuid.MustParse("6f1c3a4e-8d0b-4f57-9a57-5e1b2f0c9d31")

// codeID returns the lowercase canonical form of a REFI-QDA guid: a new
// UUID when it is missing, a stable one derived from it when it is not a
// UUID.
func codeID(guid string) string {
	guid = strings.TrimSpace(guid)
	if guid == "" {
		return uuid.Must(uuid.NewV7()).String()
	}
	if id, err := uuid.Parse(guid); err == nil {
		return id.String()
	}
	return uuid.NewSHA1(guidSpace, []byte(guid)).String()
}

// normalColor returns a "#rrggbb" or "#rgb" colour as lowercase "#rrggbb",
// and anything else as "".
func normalColor(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) == 4 && s[0] == '#' {
		s = string([]byte{'#', s[1], s[1], s[2], s[2], s[3], s[3]})
	}
	if !coding.ValidColor(s) {
		return ""
	}
	return s
}

// charsetReader lets the decoder read documents declared in encodings
// whose bytes it can take: Latin-1 and ASCII, and "UTF-16" declared on a
// document that is really UTF-8 (the decoder has read the declaration, so
// the bytes are not UTF-16), which .NET tools are known to write.
func charsetReader(charset string, input io.Reader) (io.Reader, error) {
	switch strings.ToLower(charset) {
	case "utf8", "utf-16", "utf16", "us-ascii", "ascii":
		return input, nil
	case "iso-8859-1", "latin1", "latin-1", "l1":
		return &latin1Reader{r: bufio.NewReader(input)}, nil
	}
	return nil, fmt.Errorf("the encoding %q is not supported: save the file as UTF-8", charset)
}

// latin1Reader decodes ISO 8859-1 to UTF-8.
type latin1Reader struct {
	r   *bufio.Reader
	buf []byte
}

func (l *latin1Reader) Read(p []byte) (int, error) {
	for len(l.buf) == 0 {
		c, err := l.r.ReadByte()
		if err != nil {
			return 0, err
		}
		l.buf = append(l.buf, string(rune(c))...)
	}
	n := copy(p, l.buf)
	l.buf = l.buf[n:]
	return n, nil
}
