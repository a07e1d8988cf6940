package refiqda

import (
	"slices"
	"strings"
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

// TestMemosOfAvainFilesKeptExactly: the memos of a file avain wrote come
// back exactly, their edge spaces and blank lines too (project, source,
// code and coding memos, as Descriptions and as Notes); the same file
// from another tool has the padding of its memos trimmed.
func TestMemosOfAvainFilesKeptExactly(t *testing.T) {
	p := memoProject()
	p.Memo = "  lead\n\n  "
	p.Sources[0].Memo = "\tsisennetty\n"
	p.Memos["0199a000-0000-7000-8000-000000000003"] = "koodin muistio "
	p.Sources[0].Selections[0].Codings[0].Memo = "välilyönti lopussa "
	p.Sources[0].Selections[1].Codings[1].Memo = " jaettu valinta\n\n"
	archive := writeMemoProject(t, p)
	memos := func(q *Project) []string {
		out := []string{q.Memo, q.Sources[0].Memo, q.Memos["0199a000-0000-7000-8000-000000000003"]}
		for _, sel := range q.Sources[0].Selections {
			for _, c := range sel.Codings {
				if c.Memo != "" {
					out = append(out, c.Memo)
				}
			}
		}
		return out
	}
	back, err := readQDPX(t, archive)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"  lead\n\n  ", "\tsisennetty\n", "koodin muistio ", "välilyönti lopussa ", " jaettu valinta\n\n"}
	if got := memos(back); !slices.Equal(got, want) {
		t.Errorf("avain's file: memos %q, want %q", got, want)
	}
	other := rewriteEntry(t, archive, "project.qde", func(s string) string {
		return strings.Replace(s, `origin="avain"`, `origin="QualCoder 3.6"`, 1)
	})
	back, err = readQDPX(t, other)
	if err != nil {
		t.Fatal(err)
	}
	want = []string{"lead", "sisennetty", "koodin muistio", "välilyönti lopussa", "jaettu valinta"}
	if got := memos(back); !slices.Equal(got, want) {
		t.Errorf("another tool's file: memos %q, want %q", got, want)
	}
}
