package transcript

import (
	"archive/zip"
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the .docx and .odt fixtures in testdata")

// zipOf packs name/content pairs into a zip archive.
func zipOf(t testing.TB, files ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(files); i += 2 {
		w, err := zw.Create(files[i])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(files[i+1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// docxOf builds a .docx whose body is the given WordprocessingML.
func docxOf(t testing.TB, body string) []byte {
	return zipOf(t,
		"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+
			`<w:document xmlns:w="`+nsWord+`" xmlns:mc="`+nsMarkup+`"><w:body>`+body+`</w:body></w:document>`)
}

// odtOf builds an .odt whose office:text is the given ODF XML.
func odtOf(t testing.TB, body string) []byte {
	return zipOf(t,
		"mimetype", "application/vnd.oasis.opendocument.text",
		"content.xml", `<?xml version="1.0" encoding="UTF-8"?>`+
			`<office:document-content xmlns:office="`+nsODFOffice+`" xmlns:text="`+nsODFText+`">`+
			`<office:body><office:text>`+body+`</office:text></office:body></office:document-content>`)
}

func TestDOCX(t *testing.T) {
	tests := []struct {
		name, body, text string
		turns            []turnView
	}{
		{
			name: "paragraphs, runs, tab and break",
			body: `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t xml:space="preserve">H: Miten </w:t></w:r><w:r><w:t>asiointi sujui?</w:t></w:r></w:p>` +
				`<w:p/>` +
				`<w:p><w:r><w:t>V:</w:t><w:tab/><w:t>Hyvin,</w:t><w:br/><w:t>kiitos.</w:t></w:r></w:p>` +
				`<w:p><w:r><w:t>H: Entä Kela?</w:t></w:r></w:p>` +
				`<w:p><w:r><w:delText>poistettu</w:delText><w:t>V: Hidasta.</w:t></w:r></w:p>`,
			text:  "H: Miten asiointi sujui?\n\nV:\tHyvin,\nkiitos.\n\nH: Entä Kela?\n\nV: Hidasta.",
			turns: []turnView{{"H", "Miten asiointi sujui?"}, {"V", "Hyvin,\nkiitos."}, {"H", "Entä Kela?"}, {"V", "Hidasta."}},
		},
		{
			name:  "no labels: one turn per paragraph",
			body:  `<w:p><w:r><w:t>Ensimmäinen.</w:t></w:r></w:p><w:p><w:r><w:t>Toinen.</w:t></w:r></w:p>`,
			text:  "Ensimmäinen.\n\nToinen.",
			turns: []turnView{{"", "Ensimmäinen."}, {"", "Toinen."}},
		},
		{
			name: "table cells and text box fallback",
			body: `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Solu yksi</w:t></w:r></w:p></w:tc></w:tr></w:tbl>` +
				`<w:p><w:r><mc:AlternateContent><mc:Choice><w:t>Laatikko</w:t></mc:Choice><mc:Fallback><w:t>Laatikko</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>`,
			text:  "Solu yksi\n\nLaatikko",
			turns: []turnView{{"", "Solu yksi"}, {"", "Laatikko"}},
		},
		{
			name:  "nfd in xml becomes nfc",
			body:  `<w:p><w:r><w:t>Pa&#x308;iva&#x308;a&#x308;</w:t></w:r></w:p>`,
			text:  "Päivää",
			turns: []turnView{{"", "Päivää"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := mustParse(t, "docx", docxOf(t, tt.body))
			if doc.Text != tt.text {
				t.Errorf("Text = %q, want %q", doc.Text, tt.text)
			}
			if got := turnViews(doc); !reflect.DeepEqual(got, tt.turns) {
				t.Errorf("turns = %q, want %q", got, tt.turns)
			}
		})
	}
}

func TestODT(t *testing.T) {
	tests := []struct {
		name, body, text string
		turns            []turnView
	}{
		{
			name: "paragraphs, spans, spaces, tabs, line breaks",
			body: `<text:h>Haastattelu</text:h>` +
				`<text:p><text:span>H: Miten</text:span> <text:span>asiointi sujui?</text:span></text:p>` +
				`<text:p/>` +
				`<text:p>V:<text:s/>Hyvin,<text:s text:c="3"/>kiitos.<text:line-break/>Kela<text:tab/>soitti.</text:p>` +
				`<text:p>H:   Entä
				  kunta?</text:p>`,
			text:  "Haastattelu\n\nH: Miten asiointi sujui?\n\nV: Hyvin,   kiitos.\nKela\tsoitti.\n\nH: Entä kunta?",
			turns: []turnView{{"", "Haastattelu"}, {"H", "Miten asiointi sujui?"}, {"V", "Hyvin,   kiitos.\nKela\tsoitti."}, {"H", "Entä kunta?"}},
		},
		{
			name: "lists, notes and annotations",
			body: `<text:list><text:list-item><text:p>Ensimmäinen kohta</text:p></text:list-item>` +
				`<text:list-item><text:p>Toinen kohta<text:note><text:note-body><text:p>alaviite</text:p></text:note-body></text:note></text:p></text:list-item></text:list>` +
				`<text:p><office:annotation><text:p>kommentti</text:p></office:annotation>Loppu.</text:p>`,
			text:  "Ensimmäinen kohta\n\nToinen kohta\n\nLoppu.",
			turns: []turnView{{"", "Ensimmäinen kohta"}, {"", "Toinen kohta"}, {"", "Loppu."}},
		},
		{
			name: "think-aloud session",
			body: `<text:p>1 Lue ohje.</text:p><text:p><text:tab/>No niin.</text:p>` +
				`<text:p><text:tab/>MODERATOR: Aloita tehtävästä 1.</text:p>` +
				`<text:p><text:tab/>Joo.</text:p><text:p><text:tab/>(Osallistuja lukee)</text:p><text:p><text:tab/>Selkeää.</text:p><text:p><text:tab/>Valmis.</text:p>`,
			text: "1 Lue ohje.\n\n\tNo niin.\n\n\tMODERATOR: Aloita tehtävästä 1.\n\n\tJoo.\n\n\t(Osallistuja lukee)\n\n\tSelkeää.\n\n\tValmis.",
			turns: []turnView{{"", "1 Lue ohje."}, {"", "No niin."}, {"MODERATOR", "Aloita tehtävästä 1."},
				{"", "Joo."}, {"", "(Osallistuja lukee)"}, {"", "Selkeää."}, {"", "Valmis."}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := mustParse(t, "odt", odtOf(t, tt.body))
			if doc.Text != tt.text {
				t.Errorf("Text = %q, want %q", doc.Text, tt.text)
			}
			if got := turnViews(doc); !reflect.DeepEqual(got, tt.turns) {
				t.Errorf("turns = %q, want %q", got, tt.turns)
			}
		})
	}
}

func TestArchiveErrors(t *testing.T) {
	tests := []struct {
		name, format string
		data         []byte
		kind         error
		msg          string
	}{
		{"docx not a zip", "docx", []byte("PK\x03\x04 this is not really a zip"), ErrBrokenArchive, "not a readable zip"},
		{"docx truncated", "docx", docxOf(t, `<w:p/>`)[:40], ErrBrokenArchive, "not a readable zip"},
		{"docx without document.xml", "docx", zipOf(t, "word/styles.xml", "<x/>"), ErrBrokenArchive, "no word/document.xml"},
		{"docx malformed xml", "docx", zipOf(t, "word/document.xml", "<w:document><w:body>"), ErrBrokenArchive, "malformed word/document.xml"},
		{"docx without text", "docx", docxOf(t, `<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>`), ErrEmpty, "no text"},
		{"odt without content.xml", "odt", zipOf(t, "mimetype", "application/vnd.oasis.opendocument.text"), ErrBrokenArchive, "no content.xml"},
		{"odt malformed xml", "odt", zipOf(t, "content.xml", "<office:document-content><text:p>"), ErrBrokenArchive, "malformed content.xml"},
		{"odt empty", "odt", odtOf(t, ""), ErrEmpty, "no text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("x."+tt.format, tt.format, tt.data)
			if !errors.Is(err, tt.kind) {
				t.Fatalf("err = %v, want %v", err, tt.kind)
			}
			if !strings.Contains(err.Error(), tt.msg) || strings.Contains(err.Error(), "\n") {
				t.Errorf("err = %q, want one line with %q", err, tt.msg)
			}
		})
	}
}

// fixtureDOCX and fixtureODT are the bodies of the fixtures in testdata.
const (
	fixtureDOCX = `<w:p><w:r><w:t>Haastattelu 7, asiakas</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>[00:00:12] H: Miten toimeentulotuen hakeminen Kelasta sujui?</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>V: No (.) aluksi hyvin. Sitten tuli lisäselvityspyyntö [naurahtaa].</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>Ja kunnan sosiaalityöntekijä ei tiennyt siitä mitään.</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>H: Kuka sinua neuvoi?</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>V: [nimi poistettu] Kelan toimistosta. Hän sanoi: täytä uusi hakemus.</w:t></w:r></w:p>`
	fixtureODT = `<text:p>Haastattelu 8, ammattilainen</text:p>` +
		`<text:p>Haastattelija: Millaista yhteistyö Kelan kanssa on?</text:p>` +
		`<text:p>Vastaaja: Lähinnä puhelimessa.<text:line-break/>Tiedonsiirto on hidasta.</text:p>` +
		`<text:p>Haastattelija: Entä tietosuoja?</text:p>` +
		`<text:p>Vastaaja: Siitä en osaa sanoa, xxx.</text:p>`
)

func TestFixtures(t *testing.T) {
	if *update {
		for name, data := range map[string][]byte{"haastattelu.docx": docxOf(t, fixtureDOCX), "haastattelu.odt": odtOf(t, fixtureODT)} {
			if err := os.WriteFile(filepath.Join("testdata", name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	tests := []struct {
		file  string
		turns []turnView
	}{
		{"haastattelu.docx", []turnView{
			{"", "Haastattelu 7, asiakas"},
			{"H", "Miten toimeentulotuen hakeminen Kelasta sujui?"},
			{"V", "No (.) aluksi hyvin. Sitten tuli lisäselvityspyyntö [naurahtaa].\n\nJa kunnan sosiaalityöntekijä ei tiennyt siitä mitään."},
			{"H", "Kuka sinua neuvoi?"},
			{"V", "[nimi poistettu] Kelan toimistosta. Hän sanoi: täytä uusi hakemus."},
		}},
		{"haastattelu.odt", []turnView{
			{"", "Haastattelu 8, ammattilainen"},
			{"Haastattelija", "Millaista yhteistyö Kelan kanssa on?"},
			{"Vastaaja", "Lähinnä puhelimessa.\nTiedonsiirto on hidasta."},
			{"Haastattelija", "Entä tietosuoja?"},
			{"Vastaaja", "Siitä en osaa sanoa, xxx."},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc, _, err := Read(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			checkDocument(t, doc)
			if doc.Name != tt.file || doc.Lang != "fi" || doc.Format != strings.TrimPrefix(filepath.Ext(tt.file), ".") {
				t.Errorf("name %q lang %q format %q", doc.Name, doc.Lang, doc.Format)
			}
			if got := turnViews(doc); !reflect.DeepEqual(got, tt.turns) {
				t.Errorf("turns:\n got %q\nwant %q", got, tt.turns)
			}
		})
	}
	if doc, _, err := Read(filepath.Join("testdata", "haastattelu.docx")); err == nil && (!doc.Turns[1].HasTime || doc.Turns[1].Time.Seconds() != 12) {
		t.Errorf("docx turn 2 time = %v %v, want 12s", doc.Turns[1].Time, doc.Turns[1].HasTime)
	}
}
