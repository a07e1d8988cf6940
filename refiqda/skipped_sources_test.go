package refiqda

import (
	"strings"
	"testing"
)

// TestSkippedSourcesCountTheirCodingsAndMemos: the line naming the
// sources avain does not import says how many codings and memos go with
// them: of the ATLAS.ti 8.4 sample's pictures, PDFs and videos, and of a
// text source whose text is not in the file (its memo, its selections'
// memos and notes, its annotation), whose notes are not named again as
// notes nothing refers to.
func TestSkippedSourcesCountTheirCodingsAndMemos(t *testing.T) {
	t.Run("ATLAS.ti 8.4 sample", func(t *testing.T) {
		p, err := readQDPX(t, atlasWithTexts(t))
		if err != nil {
			t.Fatal(err)
		}
		skipped := strings.Join(p.Skipped, "\n")
		for _, w := range []string{
			`1 PictureSource and its 2 codings (avain reads text sources only): "cornflakes-n-milk.jpg"`,
			`2 PDFSources and their 6 codings (avain reads text sources only): "Kellogg's Passion for Nutrition.pdf", "Pay de Limón con Base de Granola | Kellogg's ®.pdf"`,
			`1 AudioSource (avain reads text sources only): "Jeanine's Breakfast.m4a"`,
			`2 VideoSources and their 1 coding (avain reads text sources only): "1960s Coca Cola commercial.mp4", "1994 Diet Coke-Diet Coke Break.mp4"`,
		} {
			if !strings.Contains(skipped+"\n", w) {
				t.Errorf("skipped:\n%s\nwant the line\n%s", skipped, w)
			}
		}
	})
	t.Run("text not in the file", func(t *testing.T) {
		qde := `<?xml version="1.0" encoding="utf-8"?>
<Project name="x.qda" origin="QualCoder 3.6" xmlns="urn:QDA-XML:project:1.0">
<CodeBook><Codes><Code guid="c0000000-0000-4000-8000-000000000003" name="Työ" isCodable="true" /></Codes></CodeBook>
<Sources>
<TextSource plainTextPath="internal://puuttuu.txt" guid="d0000000-0000-4000-8000-000000000003" name="puuttuu.txt">
<Description>Dokumentin muistio</Description>
<PlainTextSelection guid="f0000000-0000-4000-8000-000000000011" startPosition="3" endPosition="9" name="Yksi k">
<Description>Koodauksen muistio</Description>
<Coding guid="f1000000-0000-4000-8000-000000000011"><CodeRef targetGUID="c0000000-0000-4000-8000-000000000003" /></Coding>
</PlainTextSelection>
<PlainTextSelection guid="f0000000-0000-4000-8000-000000000012" startPosition="12" endPosition="15">
<Coding guid="f1000000-0000-4000-8000-000000000012"><CodeRef targetGUID="c0000000-0000-4000-8000-000000000003" />
<NoteRef targetGUID="90000000-0000-4000-8000-000000000001" /></Coding>
</PlainTextSelection>
<NoteRef targetGUID="90000000-0000-4000-8000-000000000002" />
</TextSource>
</Sources>
<Notes>
<Note guid="90000000-0000-4000-8000-000000000001"><PlainTextContent>Muistio koodaukselle</PlainTextContent></Note>
<Note guid="90000000-0000-4000-8000-000000000002"><PlainTextContent>Annotaatio</PlainTextContent>
<PlainTextSelection guid="91000000-0000-4000-8000-000000000003" startPosition="0" endPosition="2" /></Note>
</Notes>
</Project>`
		p, err := readQDPX(t, []byte(qde))
		if err != nil {
			t.Fatal(err)
		}
		want := `source "puuttuu.txt", with its 2 codings and 4 memos: its text (internal://puuttuu.txt) is not in the file`
		if len(p.Skipped) != 1 || p.Skipped[0] != want {
			t.Errorf("skipped %q, want only\n%s", p.Skipped, want)
		}
		if len(p.Notes) != 0 || p.Annotations != 0 {
			t.Errorf("notes %q, %d annotations: the lost memos told twice", p.Notes, p.Annotations)
		}
	})
}
