package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

// Categories (coding.Code.NotCodable): kept through every write and read
// of a code, and refused wherever a coding is made.

const (
	theme = "00000000-0000-0000-0000-0000000000a1" // Byrokratialoukut
	child = "00000000-0000-0000-0000-0000000000c1" // Liitepyynnöt
	other = "00000000-0000-0000-0000-0000000000c2" // Odottaminen
)

// makeCategory turns the code id into a category.
func makeCategory(t *testing.T, s *Store, id string, on bool) error {
	t.Helper()
	_, err := s.UpdateCode(context.Background(), id, "aino", "edit", func(c *coding.Code) error {
		c.NotCodable = on
		return nil
	})
	return err
}

func notCodable(t *testing.T, s *Store, id string) bool {
	t.Helper()
	cs, err := queryCodes(context.Background(), s.db, "id = ?", id)
	if err != nil || len(cs) != 1 {
		t.Fatalf("code %s: %v %v", id, cs, err)
	}
	return cs[0].NotCodable
}

func TestCategoryRoundTrip(t *testing.T) {
	s, _ := codedProject(t)
	ctx := context.Background()
	// Added as a category, read back as one.
	c := &coding.Code{NameFi: "Tunteet", NameEn: "Feelings", NotCodable: true}
	if err := s.AddCode(ctx, c, "aino"); err != nil {
		t.Fatal(err)
	}
	if !notCodable(t, s, c.ID) || notCodable(t, s, child) {
		t.Error("AddCode did not keep the category, or made one of another code")
	}
	// Edited into one and out again.
	if err := makeCategory(t, s, theme, true); err != nil {
		t.Fatal(err)
	}
	cb, _ := s.Codebook(ctx)
	if !cb.Code(theme).NotCodable {
		t.Error("the codebook does not show the edited category")
	}
	if err := makeCategory(t, s, theme, false); err != nil || notCodable(t, s, theme) {
		t.Errorf("made codable again: %v", err)
	}
	// Imported: a new code as a category; a file's category makes one of
	// a code here without codings; a file that does not say leaves it.
	res, err := s.ImportCodes(ctx, []*coding.Code{
		{Record: coding.Record{ID: "00000000-0000-0000-0000-0000000000d1"}, NameFi: "Arki", NotCodable: true},
		{Record: coding.Record{ID: theme}, NameFi: "Byrokratialoukut", NotCodable: true},
	}, "aino")
	// The code here made a category is reported.
	if err != nil || res.Added != 1 || res.Updated != 1 || len(res.Conflicts) != 1 || res.Conflicts[0].Kind != "code made a category" {
		t.Fatalf("import: %+v %v", res, err)
	}
	if !notCodable(t, s, "00000000-0000-0000-0000-0000000000d1") || !notCodable(t, s, theme) {
		t.Error("imported categories are codable")
	}
	res, err = s.ImportCodes(ctx, []*coding.Code{{Record: coding.Record{ID: theme}, NameFi: "Byrokratialoukut"}}, "aino")
	if err != nil || res.Unchanged != 1 || !notCodable(t, s, theme) {
		t.Errorf("a file silent about it undid the category: %+v %v", res, err)
	}
	// Deleted and restored, merged into and taken out: still a category.
	d, err := s.DeleteCodeRecorded(ctx, c.ID, "aino", false)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RestoreCode(ctx, d, "aino"); err != nil || !notCodable(t, s, c.ID) {
		t.Errorf("restore: %v", err)
	}
	m, err := s.MergeCodeRecorded(ctx, c.ID, "00000000-0000-0000-0000-0000000000d1", "aino")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.UnmergeCode(ctx, m, "aino"); err != nil || !notCodable(t, s, c.ID) {
		t.Errorf("unmerge: %v", err)
	}
}

func TestCategoryRefusesCodings(t *testing.T) {
	s, d := codedProject(t)
	ctx := context.Background()
	e := coding.Engine{Repo: s}
	// A coding of Odottaminen, to remove and bring back later.
	g, _, err := e.Apply(ctx, "a.txt", coding.Selection{Turn: 1}, other, "aino", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Remove(ctx, g.ID, "aino"); err != nil {
		t.Fatal(err)
	}
	if err := makeCategory(t, s, theme, true); err != nil {
		t.Fatal(err)
	}
	if err := makeCategory(t, s, other, true); err != nil {
		t.Fatal(err)
	}
	before := strings.Join(content(t, s.path), "\n")
	_, _, err = e.Apply(ctx, "a.txt", coding.Selection{Turn: 2}, "Byrokratialoukut", "aino", "memo")
	if !errors.Is(err, ErrCategory) || err.Error() != "code Byrokratialoukut is a category: it groups codes and takes no codings" {
		t.Errorf("coding a category: %v", err)
	}
	if _, err := e.Restore(ctx, g.ID, "aino"); !errors.Is(err, ErrCategory) || !strings.Contains(err.Error(), "Odottaminen") {
		t.Errorf("bringing back a coding of a category: %v", err)
	}
	if after := strings.Join(content(t, s.path), "\n"); after != before {
		t.Error("a refused coding changed the project")
	}
	// Its children stay codable; a code with codings cannot become a
	// category, nor be merged into one.
	if _, _, err := e.Apply(ctx, d.ID, coding.Selection{Turn: 2}, child, "aino", ""); err != nil {
		t.Fatalf("coding a category's child: %v", err)
	}
	if err := makeCategory(t, s, child, true); !errors.Is(err, ErrCodeInUse) || !strings.Contains(err.Error(), "Liitepyynnöt has 1 codings") {
		t.Errorf("a coded code made a category: %v", err)
	}
	if _, err := s.MergeCode(ctx, child, other, "aino"); !errors.Is(err, ErrCategory) {
		t.Errorf("a coded code merged into a category: %v", err)
	}
	// A file's category over a code with codings here is kept codable,
	// and said so.
	res, err := s.ImportCodes(ctx, []*coding.Code{{Record: coding.Record{ID: child}, ParentID: theme, NameFi: "Liitepyynnöt", NotCodable: true}}, "aino")
	if err != nil || len(res.Conflicts) != 1 || res.Conflicts[0].String() != "category with codings Liitepyynnöt: a category in the file, 1 codings here; kept codable" ||
		notCodable(t, s, child) {
		t.Errorf("import over a coded code: %+v %v", res, err)
	}
}

// TestCodedCategoriesAfterImport: a bulk write that brought codings of a
// category here (an import, which inserts codings directly) leaves it
// codable, and says so.
func TestCodedCategoriesAfterImport(t *testing.T) {
	s, d := codedProject(t)
	ctx := context.Background()
	if err := makeCategory(t, s, other, true); err != nil {
		t.Fatal(err)
	}
	var got []MergeConflict
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO codings(id, document_id, code_id, start, end, coder, created, updated)
			VALUES ('g1', ?, ?, 0, 5, 'ville', 1, 1), ('g2', ?, ?, 6, 9, 'ville', 1, 1)`, d.ID, other, d.ID, other); err != nil {
			return err
		}
		var err error
		got, err = codedCategoriesHere(ctx, tx, "in the file")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sameReport(t, "import", got, "category with codings Odottaminen: a category here, 2 codings in the file; kept codable")
	if notCodable(t, s, other) {
		t.Error("the coded category is still one")
	}
}
