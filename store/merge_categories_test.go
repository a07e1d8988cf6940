package store

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/toituavain/avain/coding"
)

// A category (not_codable) in a team merge: a code field like its colour,
// whose version wins with the record; and a category that ends up with
// codings from another copy is kept codable, and said so.

func TestCodedCategories(t *testing.T) {
	for _, tc := range []struct {
		name  string
		rows  []lrow
		codes string // the categories after the rule, in id order
		rep   []string
	}{
		{"a category without codings stays one", []lrow{code("a", "", "A", "not_codable", 1), code("b", "a", "B"),
			rec("codings", "g", "code_id", "b")}, "a", nil},
		{"a category coded in another copy becomes codable", []lrow{code("a", "", "A", "not_codable", 1),
			rec("codings", "g", "code_id", "a"), rec("codings", "h", "code_id", "a")}, "",
			[]string{"category with codings A: made a category in one copy, 2 codings in another; kept codable"}},
		{"deleted codings do not count", []lrow{code("a", "", "A", "not_codable", 1), rec("codings", "g", "code_id", "a", "deleted", 1)}, "a", nil},
		{"codings of a code merged into it count", []lrow{code("a", "", "A", "not_codable", 1), code("m", "", "M", "deleted", 1, "merged_into", "a"),
			rec("codings", "g", "code_id", "m")}, "",
			[]string{"category with codings A: made a category in one copy, 1 codings in another; kept codable"}},
		{"a deleted category is left alone", []lrow{code("a", "", "A", "not_codable", 1, "deleted", 1), rec("codings", "g", "code_id", "a")}, "a", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := literal(tc.rows...)
			rep := codedCategories(st)
			ct := tableNamed("codes")
			got := ""
			for _, id := range sortedIDs(st["codes"]) {
				if ct.num(st["codes"][id], "not_codable") != 0 {
					got += id
				}
			}
			if got != tc.codes {
				t.Errorf("categories %q, want %q", got, tc.codes)
			}
			sameReport(t, "categories", rep, tc.rep...)
		})
	}
}

func TestWinsCarriesCategory(t *testing.T) {
	newer, older := code("k", "", "K", "not_codable", 1, "updated", 5), code("k", "", "K", "updated", 3)
	if tb := tableNamed("codes"); !tb.wins(newer.row, older.row) || tb.wins(older.row, newer.row) {
		t.Error("the newer category does not win")
	}
	if c, ok := editConflict(tableNamed("codes"), older.row, newer.row, newer.row); ok {
		t.Errorf("a category made in one copy is a conflict: %v", c)
	}
}

func TestMergeCategories(t *testing.T) {
	ctx := context.Background()
	c := &clock{}
	dir := t.TempDir()
	base := baseProject(t, dir, c, rand.New(rand.NewPCG(11, 12)))
	target, a, b := filepath.Join(dir, "target.avain"), filepath.Join(dir, "a.avain"), filepath.Join(dir, "b.avain")
	cp(t, base, target)
	cp(t, base, a)
	cp(t, base, b)
	// In copy a, two codes become categories; in copy b, one of them is
	// coded.
	s := openAt(t, a, c)
	for _, id := range []string{"t0", "t1c0"} {
		if err := makeCategory(t, s, id, true); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	s = openAt(t, b, c)
	var doc *coding.Document
	s.EachDocument(ctx, func(d *coding.Document) error { doc = d; return nil })
	if _, _, err := (coding.Engine{Repo: s}).Apply(ctx, doc.ID, coding.Selection{Turn: 1}, "t1c0", "ville", ""); err != nil {
		t.Fatal(err)
	}
	s.Close()
	rep := mergeInto(t, target, c, MergeOptions{}, a, b)
	sameReport(t, "merge", rep.Repairs, "category with codings Koodi 1.0: made a category in one copy, 1 codings in another; kept codable")
	s = openAt(t, target, c)
	defer s.Close()
	if !notCodable(t, s, "t0") || notCodable(t, s, "t1c0") {
		t.Errorf("after the merge: t0 a category %v (want true), t1c0 %v (want false)", notCodable(t, s, "t0"), notCodable(t, s, "t1c0"))
	}
	if _, _, err := (coding.Engine{Repo: s}).Apply(ctx, doc.ID, coding.Selection{Turn: 1}, "t0", "lead", ""); err == nil {
		t.Error("the merged category took a coding")
	}
}
