package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

// Documents' counts and Codings (full and bare) resolve codes in Go; they
// must agree with the live_codings view, which says what a live coding is,
// also for codes merged or deleted in another copy before a team merge.
func TestCodingsAgreeWithLiveView(t *testing.T) {
	s, _ := newProject(t)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(4, 2))
	var docs []*coding.Document
	for i := range 4 {
		var lines []string
		for n := range 12 {
			lines = append(lines, fmt.Sprintf("%s: puheenvuoro %d asiakirjassa %d, jossa sanoja ja lisää sanoja", []string{"H", "V"}[n%2], n, i))
		}
		d := sampleDoc(fmt.Sprintf("doc%d.txt", 3-i), strings.Join(lines, "\n"))
		if err := s.ImportDocument(ctx, d, "aino"); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	var codes []*coding.Code
	for i := range 6 {
		c := &coding.Code{NameFi: fmt.Sprintf("Koodi %d", i), NameEn: fmt.Sprintf("Code %d", i)}
		if err := s.AddCode(ctx, c, "aino"); err != nil {
			t.Fatal(err)
		}
		codes = append(codes, c)
	}
	for i := range 60 {
		d := docs[rng.IntN(len(docs))]
		tr := d.Turns[rng.IntN(len(d.Turns))]
		start := tr.Start + rng.IntN(tr.End-tr.Start)
		c := &coding.Coding{Record: coding.Record{Coder: []string{"aino", "ville"}[i%2]}, DocumentID: d.ID,
			CodeID: codes[rng.IntN(len(codes))].ID, Start: start, End: start + 1 + rng.IntN(tr.End-start)}
		if i%10 == 0 {
			c.Memo = fmt.Sprintf("muistio %d", i)
		}
		if _, err := s.AddCoding(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	// As a team merge can leave them: code 1 merged into 2, 2 into 3 (a
	// chain), code 4 deleted with its codings, and one document deleted.
	for _, q := range []string{
		fmt.Sprintf(`UPDATE codes SET deleted = 1, merged_into = '%s' WHERE id = '%s'`, codes[2].ID, codes[1].ID),
		fmt.Sprintf(`UPDATE codes SET deleted = 1, merged_into = '%s' WHERE id = '%s'`, codes[3].ID, codes[2].ID),
		fmt.Sprintf(`UPDATE codes SET deleted = 1 WHERE id = '%s'`, codes[4].ID),
		fmt.Sprintf(`UPDATE documents SET deleted = 1 WHERE id = '%s'`, docs[0].ID),
	} {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}

	// The view's answer, the way Codings and Documents were written before.
	type row struct {
		id, doc, code, coder, memo string
		start, end                 int
	}
	var want []row
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, c.document_id, c.code_id, c.start, c.end, c.coder,
		coalesce((SELECT text FROM memos m WHERE m.target = 'coding' AND m.target_id = c.id AND m.deleted = 0 ORDER BY m.updated DESC, m.id DESC LIMIT 1), '')
		FROM live_codings c JOIN documents d ON d.id = c.document_id WHERE d.deleted = 0 ORDER BY d.name, d.id, c.start, c.end, c.id`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.doc, &r.code, &r.start, &r.end, &r.coder, &r.memo); err != nil {
			t.Fatal(err)
		}
		want = append(want, r)
	}
	rows.Close()
	got, err := s.Codings(ctx, coding.CodingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var gotRows []row
	for _, c := range got {
		gotRows = append(gotRows, row{c.ID, c.DocumentID, c.CodeID, c.Coder, c.Memo, c.Start, c.End})
	}
	if !slices.Equal(gotRows, want) {
		t.Fatalf("Codings gives %d codings, the view %d; first rows %v / %v", len(gotRows), len(want), gotRows[:3], want[:3])
	}
	// One document's codings (as the reader reads them) with their memos.
	for _, d := range docs[1:] {
		one, err := s.Codings(ctx, coding.CodingFilter{DocumentID: d.ID})
		if err != nil {
			t.Fatal(err)
		}
		var gotOne, wantOne []row
		for _, c := range one {
			gotOne = append(gotOne, row{c.ID, c.DocumentID, c.CodeID, c.Coder, c.Memo, c.Start, c.End})
		}
		for _, r := range want {
			if r.doc == d.ID {
				wantOne = append(wantOne, r)
			}
		}
		if !slices.Equal(gotOne, wantOne) {
			t.Errorf("%s: %d codings, want %d (memos and order included)", d.Name, len(gotOne), len(wantOne))
		}
	}
	memos := 0
	for _, r := range want {
		if r.memo != "" {
			memos++
		}
	}
	if memos == 0 {
		t.Error("no live coding has a memo: the test checks none")
	}
	if len(want) < 15 || len(want) > 55 {
		t.Fatalf("%d live codings: the test should hide some and keep most", len(want))
	}
	// Bare: the same codings, with fewer fields, in any order: of code 3
	// (with 1 and 2 merged in), every coding, by document and by coder
	// (read again from the rows the first read kept packed).
	key := func(doc, code, coder string, start, end int) string {
		return fmt.Sprint(doc, code, coder, start, end)
	}
	for _, f := range []coding.CodingFilter{{Bare: true, CodeIDs: []string{codes[3].ID}}, {Bare: true}, {Bare: true, DocumentID: docs[1].ID}, {Bare: true, Coder: want[0].coder},
		{Bare: true, DocumentID: docs[2].ID, Coder: want[0].coder, CodeIDs: []string{codes[3].ID, want[0].code}}} {
		bare, err := s.Codings(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var wantBare, gotBare []string
		for _, r := range want {
			if (f.DocumentID == "" || r.doc == f.DocumentID) && (f.Coder == "" || r.coder == f.Coder) &&
				(len(f.CodeIDs) == 0 || slices.Contains(f.CodeIDs, r.code)) {
				wantBare = append(wantBare, key(r.doc, r.code, r.coder, r.start, r.end))
			}
		}
		for _, c := range bare {
			gotBare = append(gotBare, key(c.DocumentID, c.CodeID, c.Coder, c.Start, c.End))
		}
		slices.Sort(wantBare)
		slices.Sort(gotBare)
		if !slices.Equal(gotBare, wantBare) || len(wantBare) == 0 {
			t.Errorf("bare codings %+v: %d, want %d", f, len(gotBare), len(wantBare))
		}
	}

	// Documents: turns, codings and coded turns as the view counts them.
	sums, err := s.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(sums) != 3 {
		t.Fatalf("%d documents, want 3", len(sums))
	}
	for _, d := range sums {
		var turns, codings, coded int
		err := s.db.QueryRowContext(ctx, `SELECT
			(SELECT count(*) FROM turns t WHERE t.document_id = ?1),
			(SELECT count(*) FROM live_codings c WHERE c.document_id = ?1),
			(SELECT count(*) FROM turns t WHERE t.document_id = ?1 AND EXISTS (SELECT 1 FROM live_codings c
				WHERE c.document_id = ?1 AND c.start < t.end AND c.end > t.start))`, d.ID).Scan(&turns, &codings, &coded)
		if err != nil {
			t.Fatal(err)
		}
		if d.Turns != turns || d.Codings != codings || d.CodedTurns != coded {
			t.Errorf("%s: turns %d codings %d coded %d, the view says %d %d %d", d.Name, d.Turns, d.Codings, d.CodedTurns, turns, codings, coded)
		}
		if coded == 0 || coded == turns {
			t.Errorf("%s: %d of %d turns coded: the test should leave some uncoded", d.Name, coded, turns)
		}
	}
}
