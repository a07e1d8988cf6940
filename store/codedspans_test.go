package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/toituavain/avain/coding"
)

// fromScratch is what CodedSpans must give for docs: every live coding
// read one by one (its code resolved), with the words its span covers in
// the document's text as it is.
func fromScratch(t *testing.T, s *Store, docs []string) map[string][]coding.CodedSpan {
	t.Helper()
	return coderFromScratch(t, s, docs, "")
}

// coderFromScratch is fromScratch of one coder's codings, or every
// coder's when coder is "".
func coderFromScratch(t *testing.T, s *Store, docs []string, coder string) map[string][]coding.CodedSpan {
	t.Helper()
	ctx := context.Background()
	out := map[string][]coding.CodedSpan{}
	for _, d := range docs {
		doc, err := s.Document(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		w := coding.IndexWords(doc.Text)
		cs, err := s.Codings(ctx, coding.CodingFilter{DocumentID: d, Coder: coder})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			out[d] = append(out[d], coding.CodedSpan{CodeID: c.CodeID, Span: c.Span(), Words: w.Range(c.Span())})
		}
	}
	return out
}

// sorted returns byDoc with each document's codings in one order.
func sorted(byDoc map[string][]coding.CodedSpan) map[string][]coding.CodedSpan {
	for _, cs := range byDoc {
		slices.SortFunc(cs, func(a, b coding.CodedSpan) int {
			return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), cmp.Compare(a.CodeID, b.CodeID))
		})
	}
	return byDoc
}

// keptRows returns the documents that have a kept row.
func keptRows(t *testing.T, s *Store) []string {
	t.Helper()
	rows, err := s.DB().Query(`SELECT document_id FROM coded_spans ORDER BY document_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

// spansProject makes a project of two documents coded by two coders with
// two codes, and returns it with the documents' ids and the codes.
func spansProject(t *testing.T) (*Store, []string, []*coding.Code) {
	t.Helper()
	s, _ := newProject(t)
	ctx := context.Background()
	d1 := sampleDoc("a.txt", "H: Miten hakemuksen kanssa meni?\nV: Kela pyysi liitteitä kahdesti, ja sitten odotettiin.")
	d2 := sampleDoc("b.txt", "H: Entä sosiaalitoimistossa?\nV: Sosiaalityöntekijä soitti Kelaan puolestani.")
	for _, d := range []*coding.Document{d1, d2} {
		if err := s.ImportDocument(ctx, d, "aino"); err != nil {
			t.Fatal(err)
		}
	}
	a, b := &coding.Code{NameFi: "Byrokratia"}, &coding.Code{NameFi: "Yhteistyö"}
	for _, c := range []*coding.Code{a, b} {
		if err := s.AddCode(ctx, c, "aino"); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		doc        string
		code       *coding.Code
		start, end int
		coder      string
	}{
		{d1.ID, a, 37, 60, "aino"}, {d1.ID, a, 40, 58, "ville"}, {d1.ID, b, 3, 14, "aino"}, {d1.ID, b, 3, 14, "ville"},
		{d2.ID, b, 33, 75, "aino"}, {d2.ID, a, 56, 61, "ville"},
	} {
		if _, err := s.AddCoding(ctx, &coding.Coding{Record: coding.Record{Coder: c.coder}, DocumentID: c.doc,
			CodeID: c.code.ID, Start: c.start, End: c.end}); err != nil {
			t.Fatal(err)
		}
	}
	return s, []string{d1.ID, d2.ID}, []*coding.Code{a, b}
}

// TestCodedSpansKeptAndDropped: a count keeps each document's codings
// packed and reads them back the next time (a row put in their place is
// what it gives); whatever changes a document's codings or text drops
// its row alone, and the count rebuilds it as the codings are.
func TestCodedSpansKeptAndDropped(t *testing.T) {
	s, docs, codes := spansProject(t)
	ctx := context.Background()
	uncoded := sampleDoc("c.txt", "H: Kuka teitä auttoi?\nV: Ohjaaja Ylä-Savon sote-kuntayhtymästä.")
	if err := s.ImportDocument(ctx, uncoded, "aino"); err != nil {
		t.Fatal(err)
	}
	docs = append(docs, uncoded.ID)
	check := func(what string) {
		t.Helper()
		got, err := s.CodedSpans(ctx, docs, nil)
		if err != nil {
			t.Fatal(err)
		}
		if want := fromScratch(t, s, docs); !reflect.DeepEqual(sorted(got), sorted(want)) {
			t.Errorf("%s: counted\n%+v\nwant\n%+v", what, got, want)
		}
		if kept := keptRows(t, s); len(kept) != len(docs) {
			t.Errorf("%s: rows kept for %q, want every document's", what, kept)
		}
	}
	dropped := func(what string, want ...string) {
		t.Helper()
		var gone []string
		kept := keptRows(t, s)
		for _, d := range docs {
			if !slices.Contains(kept, d) {
				gone = append(gone, d)
			}
		}
		if !slices.Equal(gone, want) {
			t.Errorf("%s: the rows of %q were dropped, want those of %q", what, gone, want)
		}
	}
	if kept := keptRows(t, s); len(kept) != 0 {
		t.Fatalf("rows kept before any count: %q", kept)
	}
	check("first count")

	// The kept row is what is read: another in its place is counted.
	var n names
	other := packCodings(nil, []rawCoding{{code: n.of([]byte(codes[1].ID)), coder: n.of([]byte("aino")),
		span: coding.Span{Start: 0, End: 1}, words: coding.Span{Start: 0, End: 1}}}, &n)
	if _, err := s.DB().Exec(`UPDATE coded_spans SET spans = ? WHERE document_id = ?`, other, docs[0]); err != nil {
		t.Fatal(err)
	}
	got, err := s.CodedSpans(ctx, docs, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := []coding.CodedSpan{{CodeID: codes[1].ID, Span: coding.Span{Start: 0, End: 1}, Words: coding.Span{Start: 0, End: 1}}}; !slices.Equal(got[docs[0]], want) {
		t.Fatalf("the kept row was not read: %+v", got[docs[0]])
	}
	if _, err := s.DB().Exec(`DELETE FROM coded_spans WHERE document_id = ?`, docs[0]); err != nil {
		t.Fatal(err)
	}
	check("after the row put in place was dropped")

	added := &coding.Coding{Record: coding.Record{Coder: "aino"}, DocumentID: docs[1], CodeID: codes[0].ID, Start: 3, End: 27}
	if _, err := s.AddCoding(ctx, added); err != nil {
		t.Fatal(err)
	}
	dropped("a coding added", docs[1])
	check("after a coding added")

	if _, err := s.SetCodingDeleted(ctx, added.ID, "aino", true); err != nil {
		t.Fatal(err)
	}
	dropped("a coding removed", docs[1])
	check("after a coding removed")

	if _, err := s.SetCodingDeleted(ctx, added.ID, "aino", false); err != nil {
		t.Fatal(err)
	}
	dropped("a coding restored", docs[1])
	check("after a coding restored")

	if _, err := s.MergeCode(ctx, codes[0].ID, codes[1].ID, "aino"); err != nil {
		t.Fatal(err)
	}
	dropped("a code merged", docs[:2]...)
	check("after a code merged")

	// A text is replaced (pseudonymised) only before it is coded: its row
	// holds no codings, but its words would be others.
	doc := sampleDoc("c.txt", "H: Kuka teitä auttoi?\nV: Ohjaaja [organisaatio].")
	doc.ID = uncoded.ID
	if err := s.ReplaceText(ctx, doc, "aino", "test", nil); err != nil {
		t.Fatal(err)
	}
	dropped("a text replaced", uncoded.ID)
	check("after a text replaced")

	// A change made by other means than avain's: the triggers see it too.
	if _, err := s.DB().Exec(`UPDATE codings SET start = start + 1 WHERE document_id = ?`, docs[1]); err != nil {
		t.Fatal(err)
	}
	dropped("codings moved by hand", docs[1])
	check("after codings moved by hand")

	// A change to a coding's time alone keeps the rows.
	if _, err := s.DB().Exec(`UPDATE codings SET updated = updated + 1`); err != nil {
		t.Fatal(err)
	}
	dropped("the codings' times changed")
}

// TestCodedSpansCoders: one coder's codings alone are given when coders
// names them; the kept rows hold every coder's.
func TestCodedSpansCoders(t *testing.T) {
	s, docs, _ := spansProject(t)
	ctx := context.Background()
	for range 2 { // rebuilt, then read from the kept rows
		got, err := s.CodedSpans(ctx, docs, []string{"ville"})
		if err != nil {
			t.Fatal(err)
		}
		want := coderFromScratch(t, s, docs, "ville")
		if !reflect.DeepEqual(sorted(got), sorted(want)) || len(got[docs[0]]) != 2 {
			t.Errorf("ville's codings: %+v, want %+v", got, want)
		}
	}
}

// TestCodedSpansDamagedRows: a kept row that does not unpack (another
// format, cut short, or with bytes after it) is not an error: the count
// rebuilds it from the codings and keeps the rebuilt row.
func TestCodedSpansDamagedRows(t *testing.T) {
	s, docs, _ := spansProject(t)
	ctx := context.Background()
	if _, err := s.CodedSpans(ctx, docs, nil); err != nil {
		t.Fatal(err)
	}
	var good []byte
	if err := s.DB().QueryRow(`SELECT spans FROM coded_spans WHERE document_id = ?`, docs[0]).Scan(&good); err != nil {
		t.Fatal(err)
	}
	for _, bad := range [][]byte{{}, {0xff}, {packedFormat}, good[:len(good)-1], append(slices.Clone(good), 0)} {
		if _, err := s.DB().Exec(`UPDATE coded_spans SET spans = ? WHERE document_id = ?`, bad, docs[0]); err != nil {
			t.Fatal(err)
		}
		got, err := s.CodedSpans(ctx, docs, nil)
		if err != nil {
			t.Fatalf("%v: %v", bad, err)
		}
		if want := fromScratch(t, s, docs); !reflect.DeepEqual(sorted(got), sorted(want)) {
			t.Errorf("%v: counted %+v, want %+v", bad, got, want)
		}
		var now []byte
		if err := s.DB().QueryRow(`SELECT spans FROM coded_spans WHERE document_id = ?`, docs[0]).Scan(&now); err != nil || !slices.Equal(now, good) {
			t.Errorf("%v: the row kept after the count is %v (%v), want it rebuilt", bad, now, err)
		}
	}
}

// TestCodedSpansWhileAnotherWrites: while another process holds the
// project's write lock, a count still gives the codings as they are, and
// keeps no row; once the lock is free, the next count keeps them.
func TestCodedSpansWhileAnotherWrites(t *testing.T) {
	s, path := newProject(t)
	ctx := context.Background()
	d := sampleDoc("a.txt", "H: Miten meni?\nV: Kela soitti kahdesti.")
	if err := s.ImportDocument(ctx, d, "aino"); err != nil {
		t.Fatal(err)
	}
	c := &coding.Code{NameFi: "Byrokratia"}
	if err := s.AddCode(ctx, c, "aino"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddCoding(ctx, &coding.Coding{Record: coding.Record{Coder: "aino"}, DocumentID: d.ID, CodeID: c.ID, Start: 18, End: 30}); err != nil {
		t.Fatal(err)
	}
	other, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	tx, err := other.BeginTx(ctx, nil) // BEGIN IMMEDIATE: the write lock
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.CodedSpans(ctx, []string{d.ID}, nil)
	if err != nil {
		t.Fatalf("a count while another writes: %v", err)
	}
	want := fromScratch(t, s, []string{d.ID})
	if !reflect.DeepEqual(got, want) || len(got[d.ID]) != 1 || got[d.ID][0].Words != (coding.Span{Start: 4, End: 6}) {
		t.Errorf("counted %+v, want %+v", got, want)
	}
	if kept := keptRows(t, s); len(kept) != 0 {
		t.Errorf("rows kept while another process held the lock: %q", kept)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CodedSpans(ctx, []string{d.ID}, nil); err != nil {
		t.Fatal(err)
	}
	if kept := keptRows(t, s); !slices.Equal(kept, []string{d.ID}) {
		t.Errorf("rows kept once the lock was free: %q", kept)
	}
	// The connection that waited at most rebuildWait has the project's
	// busy timeout again.
	conns := make([]*sql.Conn, 4)
	for i := range conns {
		if conns[i], err = s.DB().Conn(ctx); err != nil {
			t.Fatal(err)
		}
		defer conns[i].Close()
		var ms int
		if err := conns[i].QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&ms); err != nil || ms != busyTimeout() {
			t.Errorf("connection %d: busy timeout %d (%v), want %d", i, ms, err, busyTimeout())
		}
	}
}

// TestCodedSpansManyDocuments: a rebuild of many documents (one scan of
// every coding) gives what one of each document gives, and a document not
// in the project has none.
func TestCodedSpansManyDocuments(t *testing.T) {
	s, _ := newProject(t)
	ctx := context.Background()
	c := &coding.Code{NameFi: "Byrokratia"}
	if err := s.AddCode(ctx, c, "aino"); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var docs []string
	for i := range bulkRebuild + 3 {
		d := sampleDoc(fmt.Sprintf("d%02d.txt", i), fmt.Sprintf("H: Miten meni hakemuksen %d kanssa?\nV: Kela pyysi liitteitä, sitten odotettiin viikkoja.", i))
		if err := s.ImportDocument(ctx, d, "aino"); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d.ID)
		for range i % 4 {
			start := rng.IntN(80)
			if _, err := s.AddCoding(ctx, &coding.Coding{Record: coding.Record{Coder: "aino"}, DocumentID: d.ID, CodeID: c.ID,
				Start: start, End: start + 1 + rng.IntN(10)}); err != nil {
				t.Fatal(err)
			}
		}
	}
	bulk, err := s.CodedSpans(ctx, append(slices.Clone(docs), "nosuch"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if kept := keptRows(t, s); len(kept) != len(docs) {
		t.Errorf("%d rows kept, want %d (none for a document not in the project)", len(kept), len(docs))
	}
	if want := fromScratch(t, s, docs); !reflect.DeepEqual(sorted(bulk), sorted(want)) {
		t.Errorf("a bulk rebuild counted\n%+v\nwant\n%+v", bulk, want)
	}
	if _, err := s.DropCodedSpans(ctx); err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		one, err := s.CodedSpans(ctx, []string{d}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(one[d], bulk[d]) {
			t.Errorf("%s alone: %+v, in bulk %+v", d, one[d], bulk[d])
		}
	}
}

// TestCheckNamesStaleCodedSpans: avain check names kept rows that differ
// from the codings (written wrong), and DropCodedSpans clears them.
func TestCheckNamesStaleCodedSpans(t *testing.T) {
	s, docs, codes := spansProject(t)
	ctx := context.Background()
	if _, err := s.CodedSpans(ctx, docs, nil); err != nil {
		t.Fatal(err)
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) != 0 {
		t.Fatalf("a fresh project: %q, %v", problems, err)
	}
	var n names
	wrong := packCodings(nil, []rawCoding{{code: n.of([]byte(codes[0].ID)), coder: n.of([]byte("aino")),
		span: coding.Span{Start: 0, End: 2}}}, &n)
	// The trigger-free way a damaged or hand-edited file could hold it.
	if _, err := s.DB().Exec(`UPDATE coded_spans SET spans = ? WHERE document_id = ?`, wrong, docs[1]); err != nil {
		t.Fatal(err)
	}
	problems, err := s.Check(ctx)
	if err != nil || len(problems) != 1 || !slices.ContainsFunc(problems, func(p string) bool {
		return p == "the theme tables' kept counts differ from the codings in 1 of 2 documents (avain check --reindex drops them; the next count rebuilds them)"
	}) {
		t.Errorf("check: %q, %v", problems, err)
	}
	if n, err := s.DropCodedSpans(ctx); err != nil || n != 2 {
		t.Errorf("dropped %d, %v; want 2", n, err)
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) != 0 {
		t.Errorf("after the drop: %q, %v", problems, err)
	}
}

// FuzzUnpackCodings: any bytes either unpack or are ErrInvalid, never a
// panic; what unpacks holds codings whose names are in range.
func FuzzUnpackCodings(f *testing.F) {
	var n names
	f.Add(packCodings(nil, []rawCoding{
		{code: n.of([]byte("k1")), coder: n.of([]byte("aino")), span: coding.Span{Start: 3, End: 9}, words: coding.Span{Start: 1, End: 3}},
		{code: n.of([]byte("k2")), coder: n.of([]byte("ville")), span: coding.Span{Start: 5, End: 6}, words: coding.Span{Start: 2, End: 3}},
	}, &n))
	f.Add([]byte{packedFormat, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		var r packedRow
		if err := r.unpack(b); err != nil {
			return
		}
		for _, c := range r.codings {
			if c.code >= len(r.codes) || c.coder >= len(r.coders) || c.span.End < c.span.Start || c.words.End < c.words.Start {
				t.Errorf("a coding out of range or backwards: %+v", c)
			}
		}
	})
}

// triggers counts the triggers that keep coded_spans in step.
func triggers(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	if err := s.DB().QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'coded\_spans\_%' ESCAPE '\'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestBulkWritesWithoutTriggers: a bulk write (a merge, a .qdpx import)
// runs without the per-coding triggers and drops every kept row instead;
// the triggers are there again once it commits, and after a rollback the
// triggers and the rows are as they were.
func TestBulkWritesWithoutTriggers(t *testing.T) {
	s, docs, codes := spansProject(t)
	ctx := context.Background()
	if n := triggers(t, s); n != 5 {
		t.Fatalf("%d triggers, want 5", n)
	}
	keep := func() {
		t.Helper()
		if _, err := s.CodedSpans(ctx, docs, nil); err != nil {
			t.Fatal(err)
		}
	}
	keep()
	boom := errors.New("boom")
	err := s.tx(ctx, func(tx *sql.Tx) error {
		return withoutCodedSpansTriggers(ctx, tx, func() error { return boom })
	})
	if !errors.Is(err, boom) || triggers(t, s) != 5 || len(keptRows(t, s)) != 2 {
		t.Fatalf("rolled back: %v, %d triggers, rows of %q", err, triggers(t, s), keptRows(t, s))
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		return withoutCodedSpansTriggers(ctx, tx, func() error {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'coded\_spans\_%' ESCAPE '\'`).Scan(&n); err != nil || n != 0 {
				return fmt.Errorf("%d triggers during the bulk write (%v)", n, err)
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO codings(id, document_id, code_id, start, end, coder, created, updated)
				VALUES ('bulk-1', ?, ?, 0, 2, 'aino', 0, 0)`, docs[1], codes[0].ID)
			return err
		})
	})
	if err != nil || triggers(t, s) != 5 || len(keptRows(t, s)) != 0 {
		t.Fatalf("committed: %v, %d triggers, rows of %q", err, triggers(t, s), keptRows(t, s))
	}
	keep()
	got, err := s.CodedSpans(ctx, docs, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := fromScratch(t, s, docs); !reflect.DeepEqual(sorted(got), sorted(want)) || len(got[docs[1]]) != 3 {
		t.Errorf("after the bulk write: %+v, want %+v", got, want)
	}
	// The triggers made again work: a coding added drops its row.
	if _, err := s.AddCoding(ctx, &coding.Coding{Record: coding.Record{Coder: "aino"}, DocumentID: docs[0], CodeID: codes[0].ID, Start: 0, End: 1}); err != nil {
		t.Fatal(err)
	}
	if kept := keptRows(t, s); len(kept) != 1 || kept[0] != docs[1] {
		t.Errorf("after a coding added to the first document, rows of %q", kept)
	}
}
