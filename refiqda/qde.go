package refiqda

import (
	"encoding/xml"
	"strings"
)

// The XML of project.qde, in the order Project.xsd requires.
type (
	xProject struct {
		XMLName          xml.Name    `xml:"urn:QDA-XML:project:1.0 Project"`
		Name             string      `xml:"name,attr"`
		Origin           string      `xml:"origin,attr,omitempty"`
		CreationDateTime string      `xml:"creationDateTime,attr,omitempty"`
		Users            *xUsers     `xml:"Users"`
		CodeBook         *xCodeBook  `xml:"CodeBook"`
		Variables        *xVariables `xml:"Variables"`
		Cases            *xCases     `xml:"Cases"`
		Sources          *xSources   `xml:"Sources"`
		Notes            *xNotes     `xml:"Notes"`
		Links            *xLinks     `xml:"Links"`
		Sets             *xSets      `xml:"Sets"`
		Graphs           *xGraphs    `xml:"Graphs"`
		Description      string      `xml:"Description,omitempty"`
		NoteRef          []xNoteRef  `xml:"NoteRef"`
	}
	xLinks struct {
		Link []xAny `xml:"Link"`
	}
	xGraphs struct {
		Graph []xAny `xml:"Graph"`
	}
	xSets struct {
		Set []xSet `xml:"Set"`
	}
	xSet struct {
		GUID         string       `xml:"guid,attr"`
		Name         string       `xml:"name,attr"`
		Description  string       `xml:"Description,omitempty"`
		MemberCode   []xCodeRef   `xml:"MemberCode"`
		MemberSource []xSourceRef `xml:"MemberSource"`
		MemberNote   []xNoteRef   `xml:"MemberNote"`
	}
	xUsers    struct{ User []xUser }
	xUser     struct{ GUID, Name string }
	xCodeBook struct {
		Codes struct {
			Code []*xCode `xml:"Code"`
		} `xml:"Codes"`
	}
	xCode struct {
		GUID        string     `xml:"guid,attr"`
		Name        string     `xml:"name,attr"`
		IsCodable   string     `xml:"isCodable,attr"` // xs:boolean`
		Color       string     `xml:"color,attr,omitempty"`
		Description string     `xml:"Description,omitempty"`
		NoteRef     []xNoteRef `xml:"NoteRef"`
		Code        []*xCode   `xml:"Code"`
	}
	xNoteRef   struct{ TargetGUID string }
	xVariables struct {
		Variable []xVariable `xml:"Variable"`
	}
	xVariable struct {
		GUID           string `xml:"guid,attr"`
		Name           string `xml:"name,attr"`
		TypeOfVariable string `xml:"typeOfVariable,attr"`
	}
	xCases struct {
		Case []xCase `xml:"Case"`
	}
	xCase struct {
		GUID          string           `xml:"guid,attr"`
		Name          string           `xml:"name,attr,omitempty"`
		Description   string           `xml:"Description,omitempty"`
		VariableValue []xVariableValue `xml:"VariableValue"`
		SourceRef     []xSourceRef     `xml:"SourceRef"`
	}
	xVariableValue struct {
		VariableRef  xVariableRef `xml:"VariableRef"`
		TextValue    *string      `xml:"TextValue"`
		BooleanValue *string      `xml:"BooleanValue"`
		IntegerValue *string      `xml:"IntegerValue"`
		FloatValue   *string      `xml:"FloatValue"`
		DateValue    *string      `xml:"DateValue"`
		DateTimeVal  *string      `xml:"DateTimeValue"`
	}
	xVariableRef struct {
		TargetGUID string `xml:"targetGUID,attr"`
	}
	xSourceRef struct {
		TargetGUID string `xml:"targetGUID,attr"`
	}
	xSources struct {
		TextSource []xTextSource  `xml:"TextSource"`
		Other      []xOtherSource `xml:",any"`
	}
	// xOtherSource is a source of a kind avain does not read (PDF,
	// picture, audio, video), by its name.
	xOtherSource struct {
		XMLName xml.Name
		Name    string  `xml:"name,attr"`
		Kids    []xNode `xml:",any"`
	}
	// xNode is any element of a source avain does not read: enough to
	// count its codings and memos.
	xNode struct {
		XMLName xml.Name
		Target  string  `xml:"targetGUID,attr"`
		Text    string  `xml:",chardata"`
		Kids    []xNode `xml:",any"`
	}
	xAny        struct{ XMLName xml.Name }
	xTextSource struct {
		GUID             string           `xml:"guid,attr"`
		Name             string           `xml:"name,attr,omitempty"`
		PlainTextPath    string           `xml:"plainTextPath,attr,omitempty"`
		CreatingUser     string           `xml:"creatingUser,attr,omitempty"`
		CreationDateTime string           `xml:"creationDateTime,attr,omitempty"`
		ModifiedDateTime string           `xml:"modifiedDateTime,attr,omitempty"`
		Description      string           `xml:"Description,omitempty"`
		PlainTextContent *string          `xml:"PlainTextContent"`
		Selection        []xSelection     `xml:"PlainTextSelection"`
		NoteRef          []xNoteRef       `xml:"NoteRef"`
		VariableValue    []xVariableValue `xml:"VariableValue"`
	}
	xSelection struct {
		GUID             string     `xml:"guid,attr"`
		Name             string     `xml:"name,attr,omitempty"`
		StartPosition    int        `xml:"startPosition,attr"`
		EndPosition      int        `xml:"endPosition,attr"`
		CreatingUser     string     `xml:"creatingUser,attr,omitempty"`
		CreationDateTime string     `xml:"creationDateTime,attr,omitempty"`
		ModifiedDateTime string     `xml:"modifiedDateTime,attr,omitempty"`
		Description      string     `xml:"Description,omitempty"`
		Coding           []xCoding  `xml:"Coding"`
		NoteRef          []xNoteRef `xml:"NoteRef"`
	}
	xCoding struct {
		GUID             string     `xml:"guid,attr"`
		CreatingUser     string     `xml:"creatingUser,attr,omitempty"`
		CreationDateTime string     `xml:"creationDateTime,attr,omitempty"`
		CodeRef          xCodeRef   `xml:"CodeRef"`
		NoteRef          []xNoteRef `xml:"NoteRef"`
	}
	xCodeRef struct {
		TargetGUID string `xml:"targetGUID,attr"`
	}
	xNotes struct {
		Note []xTextSource `xml:"Note"`
	}
)

// The attribute forms of the small structs above.
func (u xUser) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	start.Name.Local = "User"
	start.Attr = []xml.Attr{{Name: xml.Name{Local: "guid"}, Value: u.GUID}, {Name: xml.Name{Local: "name"}, Value: u.Name}}
	return e.EncodeElement(struct{}{}, start)
}

func (u *xUser) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	for _, a := range start.Attr {
		switch a.Name.Local {
		case "guid":
			u.GUID = a.Value
		case "name":
			u.Name = a.Value
		}
	}
	return d.Skip()
}

func (n xNoteRef) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	start.Attr = []xml.Attr{{Name: xml.Name{Local: "targetGUID"}, Value: n.TargetGUID}}
	return e.EncodeElement(struct{}{}, start)
}

func (n *xNoteRef) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	for _, a := range start.Attr {
		if a.Name.Local == "targetGUID" {
			n.TargetGUID = a.Value
		}
	}
	return d.Skip()
}

// value returns a variable value's text, whatever its type.
func (v xVariableValue) value() string {
	for _, s := range []*string{v.TextValue, v.BooleanValue, v.IntegerValue, v.FloatValue, v.DateValue, v.DateTimeVal} {
		if s != nil {
			return strings.TrimSpace(*s)
		}
	}
	return ""
}
