package project

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/toituavain/avain/codebooks"
	"github.com/toituavain/avain/coding"
)

// memoBy returns the live memo on target id, failing when there is none.
func memoBy(t *testing.T, p *Project, target coding.MemoTarget, id string) coding.MemoEntry {
	t.Helper()
	ms, err := p.Memos(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Target == target && m.TargetID == id && !m.Superseded {
			return m
		}
	}
	t.Fatalf("no memo on %s %s", target, id)
	return coding.MemoEntry{}
}

// An avain project's coding times and memo authors and times survive
// avain -> .qdpx -> avain, though another coder imports later.
func TestQDPXRoundTripKeepsCodingTimesAndMemoAuthors(t *testing.T) {
	ctx := context.Background()
	a, _, err := CreateWithCodebook(ctx, filepath.Join(t.TempDir(), "a.avain"), codebooks.Default, "aino")
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if _, err := a.ImportDemo(ctx, "aino"); err != nil {
		t.Fatal(err)
	}
	then := time.Date(2024, 3, 1, 9, 30, 0, 0, time.UTC)
	a.Store.Now = func() time.Time { return then }
	cb, _ := a.Codebook(ctx)
	code := cb.Codes()[3]
	var doc *coding.Document
	a.EachDocument(ctx, func(d *coding.Document) error {
		if doc == nil {
			doc = d
		}
		return nil
	})
	tn := doc.Turns[1]
	if _, err := a.AddCoding(ctx, &coding.Coding{Record: coding.Record{Coder: "ville"}, DocumentID: doc.ID, CodeID: code.ID,
		Start: tn.Start, End: tn.End, Memo: "Villen huomio"}); err != nil {
		t.Fatal(err)
	}
	if err := a.SetMemo(ctx, coding.MemoDocument, doc.ID, "Villen muistio", "ville"); err != nil {
		t.Fatal(err)
	}
	if err := a.SetMemo(ctx, coding.MemoCode, code.ID, "Rajanveto on vaikea.", "ville"); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "a.qdpx")
	if _, err := a.ExportQDPX(ctx, file, "fi", "aino"); err != nil {
		t.Fatal(err)
	}
	b, err := Create(ctx, filepath.Join(t.TempDir(), "b.avain"))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if _, err := b.ImportQDPX(ctx, file, "eero"); err != nil {
		t.Fatal(err)
	}
	cs, err := b.Codings(ctx, coding.CodingFilter{})
	if err != nil || len(cs) != 1 {
		t.Fatalf("codings %d, %v", len(cs), err)
	}
	if c := cs[0]; c.Coder != "ville" || !c.Created.Equal(then) || !c.Updated.Equal(then) {
		t.Errorf("coding by %s created %v updated %v, want ville at %v", c.Coder, c.Created, c.Updated, then)
	}
	for _, m := range []coding.MemoEntry{memoBy(t, b, coding.MemoDocument, cs[0].DocumentID), memoBy(t, b, coding.MemoCode, code.ID),
		memoBy(t, b, coding.MemoCoding, cs[0].ID)} {
		if m.Coder != "ville" || !m.Created.Equal(then) || !m.Updated.Equal(then) {
			t.Errorf("memo on %s %q by %s created %v updated %v, want ville at %v", m.Target, m.Text, m.Coder, m.Created, m.Updated, then)
		}
	}
}

// NVivo puts the date on the Coding, QualCoder on the PlainTextSelection;
// a Note names its author by a user guid. Where the file says nothing,
// the importing coder and the import time stand in.
const stampedQDE = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="n" origin="NVivo 12.6">
 <Users><User guid="11111111-1111-1111-1111-111111111111" name="Maija"/></Users>
 <CodeBook><Codes>
  <Code guid="22222222-2222-2222-2222-222222222222" name="Arki" isCodable="true"><NoteRef targetGUID="55555555-5555-5555-5555-555555555555"/></Code>
 </Codes></CodeBook>
 <Sources>
  <TextSource guid="33333333-3333-3333-3333-333333333333" name="haastattelu">
   <PlainTextContent>Ihan hyvin menee. Toinen lause tässä.</PlainTextContent>
   <PlainTextSelection guid="44444444-4444-4444-4444-444444444441" startPosition="0" endPosition="17" creatingUser="11111111-1111-1111-1111-111111111111">
    <Coding guid="66666666-6666-6666-6666-666666666661" creatingUser="11111111-1111-1111-1111-111111111111" creationDateTime="2025-06-18T10:15:00Z">
     <CodeRef targetGUID="22222222-2222-2222-2222-222222222222"/>
    </Coding>
   </PlainTextSelection>
   <PlainTextSelection guid="44444444-4444-4444-4444-444444444442" startPosition="18" endPosition="37" creationDateTime="2025-06-19T08:00:00Z" modifiedDateTime="2025-06-20T08:00:00Z">
    <Coding guid="66666666-6666-6666-6666-666666666662"><CodeRef targetGUID="22222222-2222-2222-2222-222222222222"/><NoteRef targetGUID="77777777-7777-7777-7777-777777777777"/></Coding>
   </PlainTextSelection>
   <NoteRef targetGUID="88888888-8888-8888-8888-888888888888"/>
  </TextSource>
 </Sources>
 <Notes>
  <Note guid="55555555-5555-5555-5555-555555555555" name="m" creatingUser="11111111-1111-1111-1111-111111111111" creationDateTime="2025-06-17T12:00:00Z" modifiedDateTime="2025-06-18T12:00:00Z"><PlainTextContent>Koodin muistio</PlainTextContent></Note>
  <Note guid="77777777-7777-7777-7777-777777777777" name="c" creatingUser="11111111-1111-1111-1111-111111111111" creationDateTime="2025-06-19T09:00:00"><PlainTextContent>Koodauksen muistio</PlainTextContent></Note>
  <Note guid="88888888-8888-8888-8888-888888888888" name="d"><PlainTextContent>Dokumentin muistio</PlainTextContent></Note>
 </Notes>
</Project>
`

func TestQDEImportKeepsCodingDatesAndMemoAuthors(t *testing.T) {
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "project.qde")
	if err := os.WriteFile(file, []byte(stampedQDE), 0o600); err != nil {
		t.Fatal(err)
	}
	p, err := Create(ctx, filepath.Join(t.TempDir(), "p.avain"))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	p.Store.Now = func() time.Time { return now }
	if _, err := p.ImportQDPX(ctx, file, "eero"); err != nil {
		t.Fatal(err)
	}
	cs, err := p.Codings(ctx, coding.CodingFilter{})
	if err != nil || len(cs) != 2 {
		t.Fatalf("codings %d, %v", len(cs), err)
	}
	at := func(s string) time.Time { t, _ := time.Parse(time.RFC3339, s); return t }
	byStart := map[int]*coding.Coding{cs[0].Start: cs[0], cs[1].Start: cs[1]}
	want := []struct {
		start            int
		coder            string
		created, updated time.Time
	}{{0, "Maija", at("2025-06-18T10:15:00Z"), at("2025-06-18T10:15:00Z")},
		{18, "eero", at("2025-06-19T08:00:00Z"), at("2025-06-20T08:00:00Z")}}
	for _, w := range want {
		c := byStart[w.start]
		if c == nil || c.Coder != w.coder || !c.Created.Equal(w.created) || !c.Updated.Equal(w.updated) {
			t.Errorf("coding at %d: %+v, want by %s created %v updated %v", w.start, c, w.coder, w.created, w.updated)
		}
	}
	memos := []struct {
		m                coding.MemoEntry
		coder            string
		created, updated time.Time
	}{
		{memoBy(t, p, coding.MemoCode, "22222222-2222-2222-2222-222222222222"), "Maija", at("2025-06-17T12:00:00Z"), at("2025-06-18T12:00:00Z")},
		{memoBy(t, p, coding.MemoCoding, byStart[18].ID), "Maija", at("2025-06-19T09:00:00Z"), at("2025-06-19T09:00:00Z")},
		{memoBy(t, p, coding.MemoDocument, cs[0].DocumentID), "eero", now, now},
	}
	for _, w := range memos {
		if w.m.Coder != w.coder || !w.m.Created.Equal(w.created) || !w.m.Updated.Equal(w.updated) {
			t.Errorf("memo %q by %s created %v updated %v, want %s %v %v", w.m.Text, w.m.Coder, w.m.Created, w.m.Updated, w.coder, w.created, w.updated)
		}
	}
}
