package refiqda

import (
	"archive/zip"
	"bytes"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/toituavain/avain/coding"
)

// qcText is a fictional interview as QualCoder holds it: "\n" line ends.
const qcText = "H: Mitä kuuluu?\nV: Ihan hyvin 😊 mutta väsyttää vähän.\nH: Miksi niin?\nV: Yöt ovat lyhyitä, kun vauva herää usein.\nH: Kiitos."

// at is the code-point offset of sub in text.
func at(text, sub string) int {
	i := strings.Index(text, sub)
	if i < 0 {
		panic("no " + sub)
	}
	return utf8.RuneCountInString(text[:i])
}

// qcSel is a PlainTextSelection as QualCoder's text_selection_xml writes
// it: the selected text in name, the memo as a Description before the
// Coding, positions in code points of the "\n" text.
func qcSel(guid, sub, memo, code string) string {
	s, e := at(qcText, sub), at(qcText, sub)+utf8.RuneCountInString(sub)
	x := `<PlainTextSelection guid="` + guid + `" startPosition="` + itoa(s) + `" endPosition="` + itoa(e) + `" name="` + sub +
		`" creatingUser="c0000000-0000-4000-8000-000000000001" creationDateTime="2025-05-02T10:00:00Z">` + "\n"
	if memo != "" {
		x += "<Description>" + memo + "</Description>\n"
	}
	return x + `<Coding guid="` + strings.Replace(guid, "5", "6", 1) + `" creatingUser="c0000000-0000-4000-8000-000000000001" >` + "\n" +
		`<CodeRef targetGUID="` + code + `" />` + "\n</Coding>\n</PlainTextSelection>\n"
}

var itoa = strconv.Itoa

// qualCoderQDPX is a .qdpx in the exact shape QualCoder's export writes
// with "MAXQDA line endings" chosen: the text file in lowercase sources/
// with a byte-order mark and "\r\n" line ends, the positions still
// counted on the "\n" text; the document memo as the TextSource's
// Description, a coding memo as its selection's Description, an
// annotation as a Note holding its PlainTextSelection, referred to by a
// NoteRef in the TextSource; a Case whose source is a PDF; the project
// memo as the project's Description.
func qualCoderQDPX(t *testing.T) []byte {
	const (
		src  = "a0000000-0000-4000-8000-000000000001"
		txt  = "b0000000-0000-4000-8000-000000000001"
		pdf  = "a0000000-0000-4000-8000-000000000002"
		user = "c0000000-0000-4000-8000-000000000001"
		arki = "d0000000-0000-4000-8000-000000000001"
		uni  = "d0000000-0000-4000-8000-000000000002"
		note = "e0000000-0000-4000-8000-000000000001"
	)
	ann := at(qcText, "vauva herää")
	qde := `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" name="perhe" origin="QualCoder 3.6" creatingUserGUID="c0000000-0000-4000-8000-0000000000ff" creationDateTime="2025-05-01T08:00:00Z" xmlns="urn:QDA-XML:project:1.0">
<Users>
<User guid="` + user + `" name="maija" />
</Users>
<CodeBook>
<Codes>
<Code guid="` + arki + `" name="Arki" isCodable="true" color="#F5A9A9">
<Description>Arjen sujuminen</Description>
</Code>
<Code guid="` + uni + `" name="Uni" isCodable="true" color="#81BEF7" />
</Codes>
</CodeBook>
<Variables>
<Variable guid="f0000000-0000-4000-8000-000000000001" name="ikä" typeOfVariable="Text" >
<Description />
</Variable>
</Variables>
<Cases>
<Case guid="f1000000-0000-4000-8000-000000000001" name="Perhe 2">
<Description>Toinen perhe</Description>
<SourceRef targetGUID="` + pdf + `"/>
</Case>
</Cases>
<Sources>
<TextSource plainTextPath="internal://` + txt + `.txt" creatingUser="` + user + `" creationDateTime="2025-05-01T09:00:00Z" guid="` + src + `" name="perhe_01.txt">
<Description>Haastattelu tehtiin kotona.</Description>
` + qcSel("50000000-0000-4000-8000-000000000001", "Ihan hyvin 😊 mutta väsyttää vähän.", "Hymiö kertoo paljon.", arki) +
		qcSel("50000000-0000-4000-8000-000000000002", "Yöt ovat lyhyitä, kun vauva herää usein.", "", uni) +
		`<NoteRef targetGUID="` + note + `" />
<VariableValue>
<VariableRef targetGUID="f0000000-0000-4000-8000-000000000001" />
<TextValue>30-39</TextValue>
</VariableValue>
</TextSource>
<PDFSource path="internal://` + pdf + `.pdf" creatingUser="` + user + `" creationDateTime="2025-05-01T09:00:00Z" guid="` + pdf + `" name="perhe_02.pdf">
</PDFSource>
</Sources>
<Notes>
<Note guid="` + note + `" creatingUser="` + user + `" creationDateTime="2025-05-03T11:00:00Z" >
<PlainTextContent>Vauva on kolmen kuukauden ikäinen.</PlainTextContent>
<PlainTextSelection guid="50000000-0000-4000-8000-000000000003" startPosition="` + itoa(ann) + `" endPosition="` + itoa(ann+len([]rune("vauva herää"))) + `" />
</Note>
</Notes>
<Description>Perheiden arki -hanke.</Description>
</Project>`
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("project.qde")
	w.Write([]byte(qde))
	w, _ = zw.Create("sources/" + txt + ".txt")
	w.Write(append([]byte{0xEF, 0xBB, 0xBF}, strings.ReplaceAll(qcText, "\n", "\r\n")...))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestReadQualCoderMAXQDALineEndings: QualCoder's export with "MAXQDA
// line endings" (CRLF text, LF positions) lands every coding on the text
// its name holds, and its memos, annotation and project description
// arrive where avain keeps them.
func TestReadQualCoderMAXQDALineEndings(t *testing.T) {
	p, err := readQDPX(t, qualCoderQDPX(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Sources) != 1 {
		t.Fatalf("%d sources", len(p.Sources))
	}
	s := p.Sources[0]
	if s.Text != qcText {
		t.Fatalf("text %q", s.Text)
	}
	got := map[string]string{}
	var annot *Coding
	for _, sel := range s.Selections {
		for i, c := range sel.Codings {
			got[c.CodeGUID+" "+coding.Slice(s.Text, sel.Start, sel.End)] = c.Memo
			if c.CodeGUID == DerivedGUID("code", "annotations") {
				annot = &sel.Codings[i]
			}
		}
	}
	want := map[string]string{
		"d0000000-0000-4000-8000-000000000001 Ihan hyvin 😊 mutta väsyttää vähän.":       "Hymiö kertoo paljon.",
		"d0000000-0000-4000-8000-000000000002 Yöt ovat lyhyitä, kun vauva herää usein.": "",
		DerivedGUID("code", "annotations") + " vauva herää":                             "Vauva on kolmen kuukauden ikäinen.",
	}
	if len(got) != len(want) {
		t.Errorf("codings %v, want %v", got, want)
	}
	for k, v := range want {
		if m, ok := got[k]; !ok || m != v {
			t.Errorf("coding %q: memo %q (there: %v), want %q", k, m, ok, v)
		}
	}
	if annot == nil || p.Users[annot.User] != "maija" || annot.Created.Format("2006-01-02") != "2025-05-03" {
		t.Errorf("annotation coding %+v", annot)
	}
	if p.Annotations != 1 || p.Codes[len(p.Codes)-1].NameFi != "Annotations" || p.Codes[len(p.Codes)-1].ParentID != "" {
		t.Errorf("%d annotations, last code %+v", p.Annotations, p.Codes[len(p.Codes)-1])
	}
	if s.Memo != "Haastattelu tehtiin kotona." {
		t.Errorf("document memo %q", s.Memo)
	}
	if st := p.MemoStamps[s.GUID]; p.Users[st.User] != "maija" || st.Created.Format("2006-01-02") != "2025-05-01" {
		t.Errorf("document memo stamp %+v", st)
	}
	var cg string
	for _, sel := range s.Selections {
		if c := sel.Codings[0]; c.CodeGUID == "d0000000-0000-4000-8000-000000000001" {
			cg = c.GUID
		}
	}
	if st := p.MemoStamps[cg]; p.Users[st.User] != "maija" || st.Created.Format("2006-01-02") != "2025-05-02" {
		t.Errorf("coding memo stamp %+v", st)
	}
	if st := s.Stamp; p.Users[st.User] != "maija" || st.Created.Format("2006-01-02") != "2025-05-01" {
		t.Errorf("source stamp %+v", st)
	}
	if p.Memo != "Perheiden arki -hanke." {
		t.Errorf("project memo %q", p.Memo)
	}
	if s.Attrs["ikä"] != "30-39" {
		t.Errorf("attributes %v", s.Attrs)
	}
	if len(s.Changed) != 1 || !strings.Contains(s.Changed[0], "code points with CRLF as one") {
		t.Errorf("changed %q, want one line naming the convention found", s.Changed)
	}
	joined := strings.Join(p.Skipped, "\n")
	for _, w := range []string{"PDFSource", `1 case refers to a source avain does not import`, `"Perhe 2"`} {
		if !strings.Contains(joined, w) {
			t.Errorf("skipped %q: nothing on %s", p.Skipped, w)
		}
	}
}
