package transcript

import (
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/toituavain/avain/coding"
)

// OpenDocument namespaces and the part that holds the text.
const (
	nsODFText   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	nsODFOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	odtPart     = "content.xml"
)

// odtText extracts the paragraphs of an .odt file: text:p and text:h
// (also inside lists and tables), with text:span runs, text:s spaces
// (text:c of them), text:tab and text:line-break. As ODF says, runs of
// white space in the XML count as one space. Notes, annotations and
// tracked deletions are left out.
func odtText(data []byte) (string, error) {
	part, err := readPart(data, odtPart)
	if err != nil {
		return "", err
	}
	defer part.Close()
	ps := newParts(odtPart, part)
	skip := 0
	space := false // the paragraph ends in a collapsible space
	for {
		tok, err := ps.token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skip > 0 || odtSkipped(t.Name) {
				skip++
				continue
			}
			if t.Name.Space != nsODFText {
				continue
			}
			switch t.Name.Local {
			case "p", "h":
				ps.start()
				space = true // leading white space is dropped
			case "s":
				ps.repeat(' ', spaceCount(t))
				space = false
			case "tab":
				ps.repeat('\t', 1)
				space = false
			case "line-break":
				ps.repeat('\n', 1)
				space = true
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			if t.Name.Space == nsODFText && (t.Name.Local == "p" || t.Name.Local == "h") {
				ps.end()
			}
		case xml.CharData:
			if skip > 0 || !ps.open() {
				continue
			}
			for _, r := range string(t) {
				if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
					if !space {
						ps.repeat(' ', 1)
					}
					space = true
					continue
				}
				ps.writeRune(r)
				space = false
			}
		}
	}
	return ps.text()
}

// odtSkipped reports whether an element's content is not document text.
func odtSkipped(n xml.Name) bool {
	switch {
	case n.Space == nsODFText:
		return n.Local == "note" || n.Local == "tracked-changes" || n.Local == "sequence-decls"
	case n.Space == nsODFOffice:
		return n.Local == "annotation"
	}
	return false
}

// spaceCount returns the text:c attribute of a text:s element (default 1).
// Every count is honoured and counts against the document's limit: one
// past the limit stands for any larger number, so that the document is
// refused as too large rather than given one space silently.
func spaceCount(t xml.StartElement) int {
	for _, a := range t.Attr {
		if a.Name.Space == nsODFText && a.Name.Local == "c" {
			n, err := strconv.Atoi(a.Value)
			switch {
			case err == nil && n > 0:
				return min(n, coding.MaxDocumentChars+1)
			case errors.Is(err, strconv.ErrRange) && !strings.HasPrefix(a.Value, "-"):
				return coding.MaxDocumentChars + 1
			}
		}
	}
	return 1
}
