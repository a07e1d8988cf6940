package export

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
	"github.com/toituavain/avain/store"
)

// generic hides a project's fast counting reads, leaving the Source
// methods every source has: Frequencies then takes its generic path.
type generic struct{ Source }

// TestFreqCountsAsTheGenericPath: the table counted from the codings'
// packed spans and word ranges is the one counted from the codings and
// documents one by one, whatever the split, coders and code selection;
// also after a first count kept the packed rows and the project changed:
// codings of a code merged into another in another copy (resolved to the
// code merged into), a deleted code's codings (left out) and a deleted
// document (left out).
func TestFreqCountsAsTheGenericPath(t *testing.T) {
	ctx := context.Background()
	p := coded(t, nil)
	if _, ok := Source(p).(codedTexts); !ok {
		t.Fatal("a project does not offer the fast reads")
	}
	// A first count keeps each document's codings packed; the changes
	// below must drop the rows they make stale.
	if _, _, err := Frequencies(ctx, p, Options{}); err != nil {
		t.Fatal(err)
	}
	cb, err := p.Codebook(ctx)
	if err != nil {
		t.Fatal(err)
	}
	leaves := []*coding.Code{}
	for _, c := range cb.Codes() {
		if len(cb.Children(c.ID)) == 0 {
			leaves = append(leaves, c)
		}
	}
	from, into, gone := leaves[0], leaves[1], leaves[2]
	if _, err := p.MergeCode(ctx, from.ID, into.ID, "test"); err != nil {
		t.Fatal(err)
	}
	// Codings made with the merged code in another copy, brought in by a
	// team merge: they keep its id.
	if _, err := p.DB().Exec(`UPDATE codings SET code_id = ? WHERE rowid IN
		(SELECT rowid FROM codings WHERE code_id = ? AND deleted = 0 LIMIT 5)`, from.ID, into.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := p.DeleteCode(ctx, gone.ID, "test", true); err != nil {
		t.Fatal(err)
	}
	if _, err := p.DB().Exec(`UPDATE documents SET deleted = 1 WHERE id = (SELECT document_id FROM codings
		WHERE deleted = 0 ORDER BY document_id LIMIT 1)`); err != nil {
		t.Fatal(err)
	}
	cb, err = p.Codebook(ctx)
	if err != nil {
		t.Fatal(err)
	}
	theme := cb.Codes()[0].ID
	for _, o := range []Options{
		{},
		{By: []string{"kind"}},
		{By: []string{"kind", "region"}, Lang: coding.LangEnglish},
		{Coders: []string{"aino"}},
		{Codes: []string{theme}, By: []string{"region"}},
	} {
		fast, fcb, err := Frequencies(ctx, p, o)
		if err != nil {
			t.Fatal(err)
		}
		slow, scb, err := Frequencies(ctx, generic{p}, o)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(fast, slow) || fcb.Len() != scb.Len() {
			t.Errorf("%+v: the fast path counts\n%+v\nthe generic path\n%+v", o, fast, slow)
		}
		total := fast.Rows[len(fast.Rows)-1].Cells[0]
		if total.Codings == 0 || total.Words == 0 {
			t.Errorf("%+v: nothing counted: %+v", o, total)
		}
	}
}

// TestFreqWordsRecordedOrFromText: documents whose word positions were
// recorded on import and documents without them (a project from before
// they were recorded) count the same words as the generic path, which
// reads every text.
func TestFreqWordsRecordedOrFromText(t *testing.T) {
	ctx := context.Background()
	p := coded(t, nil)
	var recorded int
	if err := p.DB().QueryRow(`SELECT count(*) FROM document_words`).Scan(&recorded); err != nil || recorded == 0 {
		t.Fatalf("%d documents with recorded words after import (%v)", recorded, err)
	}
	if _, err := p.DB().Exec(`DELETE FROM document_words WHERE rowid % 2 = 0`); err != nil {
		t.Fatal(err)
	}
	o := Options{By: []string{"kind", "region"}}
	fast, _, err := Frequencies(ctx, p, o)
	if err != nil {
		t.Fatal(err)
	}
	slow, _, err := Frequencies(ctx, generic{p}, o)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Errorf("half the words recorded: the fast path counts\n%+v\nthe generic path\n%+v", fast, slow)
	}
}

// TestFreqWordsAreThoseOfThePassages: every row's words are the words
// inside its passages, counted here from each passage's own text.
func TestFreqWordsAreThoseOfThePassages(t *testing.T) {
	ctx := context.Background()
	p := coded(t, nil)
	ft, cb, err := Frequencies(ctx, p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	cs, err := p.Codings(ctx, coding.CodingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{}
	for _, r := range ft.Rows {
		in := map[string]bool{}
		if r.CodeID == "" {
			for _, c := range cb.Codes() {
				in[c.ID] = true
			}
		} else {
			for _, id := range cb.Subtree(r.CodeID) {
				in[id] = true
			}
		}
		spans := map[string][]coding.Span{}
		for _, c := range cs {
			if in[c.CodeID] {
				spans[c.DocumentID] = append(spans[c.DocumentID], c.Span())
			}
		}
		want := 0
		for doc, ss := range spans {
			if _, ok := texts[doc]; !ok {
				if texts[doc], err = p.DocumentText(ctx, doc); err != nil {
					t.Fatal(err)
				}
			}
			for _, s := range coding.MergeSpans(ss) {
				want += coding.CountWords(coding.Slice(texts[doc], s.Start, s.End))
			}
		}
		if got := r.Cells[0].Words; got != want {
			t.Errorf("%v: %d words, the passages hold %d", r.Path, got, want)
		}
	}
	if ft.Rows[len(ft.Rows)-1].Cells[0].Words == 0 {
		t.Fatal("no words counted")
	}
}

// TestFreqAfterATeamMerge: the codings a team merge brings into a project
// whose counts were kept are counted: the merge drops the kept rows of
// the documents it codes.
func TestFreqAfterATeamMerge(t *testing.T) {
	ctx := context.Background()
	p := coded(t, nil)
	copyPath := filepath.Join(t.TempDir(), "ville.avain")
	if err := p.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(p.Path())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(copyPath, b, 0o600); err != nil {
		t.Fatal(err)
	}
	before, _, err := Frequencies(ctx, p, Options{}) // keeps the packed rows
	if err != nil {
		t.Fatal(err)
	}
	other, err := project.Open(ctx, copyPath)
	if err != nil {
		t.Fatal(err)
	}
	cb, err := other.Codebook(ctx)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := other.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range docs {
		c := &coding.Coding{Record: coding.Record{Coder: "ville"}, DocumentID: d.ID, CodeID: cb.Codes()[i%cb.Len()].ID, Start: 5, End: 40}
		if _, err := other.AddCoding(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	if err := other.Close(); err != nil {
		t.Fatal(err)
	}
	if _, _, err := p.Merge(ctx, []string{copyPath}, project.MergeOptions{NoBackup: true, MergeOptions: store.MergeOptions{Coder: "test"}}); err != nil {
		t.Fatal(err)
	}
	fast, _, err := Frequencies(ctx, p, Options{By: []string{"kind"}})
	if err != nil {
		t.Fatal(err)
	}
	slow, _, err := Frequencies(ctx, generic{p}, Options{By: []string{"kind"}})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Errorf("after the merge the fast path counts\n%+v\nthe generic path\n%+v", fast, slow)
	}
	total := func(t coding.FreqTable) int { return t.Rows[len(t.Rows)-1].Cells[0].Codings }
	if total(fast) != total(before)+len(docs) {
		t.Errorf("%d codings after the merge, want %d + %d", total(fast), total(before), len(docs))
	}
}
