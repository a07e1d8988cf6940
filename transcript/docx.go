package transcript

import (
	"encoding/xml"
	"io"
)

// WordprocessingML namespaces: transitional (what Word writes) and strict.
const (
	nsWord       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWordStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMarkup     = "http://schemas.openxmlformats.org/markup-compatibility/2006"
	docxPart     = "word/document.xml"
)

// docxText extracts the paragraphs of a .docx file: w:p paragraphs of w:t
// runs, w:tab in a run as a tab, w:br and w:cr as line breaks. Deleted text, field
// codes and the fallback copies of text boxes are left out.
func docxText(data []byte) (string, error) {
	part, err := readPart(data, docxPart)
	if err != nil {
		return "", err
	}
	defer part.Close()
	ps := newParts(docxPart, part)
	inText, inRun, skip := false, 0, 0
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
			if skip > 0 || (t.Name.Space == nsMarkup && t.Name.Local == "Fallback") {
				skip++
				continue
			}
			if !isWord(t.Name) {
				continue
			}
			switch t.Name.Local {
			case "p":
				ps.start()
			case "r":
				inRun++
			case "t":
				inText = inRun > 0
			case "tab":
				if inRun > 0 {
					ps.repeat('\t', 1)
				}
			case "br", "cr":
				if inRun > 0 {
					ps.repeat('\n', 1)
				}
			case "noBreakHyphen":
				if inRun > 0 {
					ps.repeat('-', 1)
				}
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			if !isWord(t.Name) {
				continue
			}
			switch t.Name.Local {
			case "p":
				ps.end()
			case "r":
				if inRun > 0 {
					inRun--
				}
			case "t":
				inText = false
			}
		case xml.CharData:
			if inText && skip == 0 {
				ps.write(t)
			}
		}
	}
	return ps.text()
}

func isWord(n xml.Name) bool { return n.Space == nsWord || n.Space == nsWordStrict }
