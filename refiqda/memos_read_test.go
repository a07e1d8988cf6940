package refiqda

import (
	"testing"
)

// TestReadMemosGivenTwice: a memo given both as a Description and as a
// Note is kept once when the texts are the same, else the two joined; the
// project's Description and the notes its NoteRefs name are the project
// memo, and those notes are no loose notes.
func TestReadMemosGivenTwice(t *testing.T) {
	qde := `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="m" origin="NVivo 14">
<Users><User guid="11111111-1111-1111-1111-111111111111" name="Maija"/></Users>
<CodeBook><Codes><Code guid="22222222-2222-2222-2222-222222222222" name="Arki" isCodable="true"/></Codes></CodeBook>
<Sources>
<TextSource guid="33333333-3333-3333-3333-333333333333" name="h1">
<Description>Sama muistio.</Description>
<PlainTextContent>Ihan hyvin menee. Toinen lause tässä.</PlainTextContent>
<PlainTextSelection guid="44444444-4444-4444-4444-444444444441" startPosition="0" endPosition="17">
<Description>Kuvaus valinnasta.</Description>
<Coding guid="66666666-6666-6666-6666-666666666661"><CodeRef targetGUID="22222222-2222-2222-2222-222222222222"/><NoteRef targetGUID="77777777-7777-7777-7777-777777777771"/></Coding>
</PlainTextSelection>
<NoteRef targetGUID="77777777-7777-7777-7777-777777777772"/>
</TextSource>
</Sources>
<Notes>
<Note guid="77777777-7777-7777-7777-777777777771" creatingUser="11111111-1111-1111-1111-111111111111" creationDateTime="2025-06-19T09:00:00Z"><PlainTextContent>Muistiinpano koodauksesta.</PlainTextContent></Note>
<Note guid="77777777-7777-7777-7777-777777777772"><PlainTextContent>Sama muistio.</PlainTextContent></Note>
<Note guid="77777777-7777-7777-7777-777777777773"><PlainTextContent>Hankkeen päiväkirja.</PlainTextContent></Note>
</Notes>
<Description>Hankkeen kuvaus.</Description>
<NoteRef targetGUID="77777777-7777-7777-7777-777777777773"/>
</Project>`
	p, err := readQDPX(t, []byte(qde))
	if err != nil {
		t.Fatal(err)
	}
	s := p.Sources[0]
	if s.Memo != "Sama muistio." {
		t.Errorf("document memo %q", s.Memo)
	}
	c := s.Selections[0].Codings[0]
	if c.Memo != "Kuvaus valinnasta.\n\nMuistiinpano koodauksesta." {
		t.Errorf("coding memo %q", c.Memo)
	}
	if st := p.MemoStamps[c.GUID]; p.Users[st.User] != "Maija" {
		t.Errorf("coding memo stamp %+v: the note's author", st)
	}
	if p.Memo != "Hankkeen kuvaus.\n\nHankkeen päiväkirja." || len(p.Notes) != 0 {
		t.Errorf("project memo %q, loose notes %q", p.Memo, p.Notes)
	}
}
