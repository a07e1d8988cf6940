package store

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/toituavain/avain/coding"
)

// counts is how many live rows of each kind a project holds.
func counts(t *testing.T, s *Store) string {
	t.Helper()
	out := ""
	for _, table := range []string{"documents", "codes", "codings", "memos", "doc_attributes", "audit_log"} {
		var n int
		if err := s.DB().QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out += fmt.Sprintf("%s %d; ", table, n)
	}
	return out
}

// TestImportProjectAllOrNothing: a project import that fails at its third
// document leaves nothing of the codes, documents, codings and memos it
// wrote before; one that succeeds writes them all, finds a text already
// here, and does not make a coding twice.
func TestImportProjectAllOrNothing(t *testing.T) {
	ctx := context.Background()
	s, _ := newProject(t)
	here := sampleDoc("here.txt", "H: Miten hakemus eteni?\nV: Kelasta pyydettiin liitteitä.")
	if err := s.ImportDocument(ctx, here, "aino"); err != nil {
		t.Fatal(err)
	}
	before := counts(t, s)
	code := &coding.Code{Record: coding.Record{ID: "00000000-0000-4000-8000-000000000001"}, NameFi: "Kela", NameEn: "Kela"}
	imp := func(failAt int) ProjectImport {
		return ProjectImport{Coder: "eero", Source: "x.qdpx", Codes: []*coding.Code{code},
			CodeMemos: map[string]string{code.ID: "muistio"},
			Documents: func(add func(*DocumentImport) error) error {
				for i := range 4 {
					if i == failAt {
						return errors.New("the third source is broken")
					}
					d := sampleDoc(fmt.Sprintf("d%d.txt", i), fmt.Sprintf("H: Kysymys %d?\nV: Vastaus %d.", i, i))
					if i == 3 {
						d = sampleDoc("again.txt", here.Text)
					}
					c := func() *coding.Coding {
						return &coding.Coding{Record: coding.Record{Coder: "ville"}, CodeID: code.ID, Start: 3, End: 8, Memo: "m"}
					}
					if err := add(&DocumentImport{Doc: d, Memo: "asiakirja", Codings: []*coding.Coding{c(), c()}}); err != nil {
						return err
					}
				}
				return nil
			}}
	}
	if _, err := s.ImportProject(ctx, imp(2)); err == nil {
		t.Fatal("a failing import succeeded")
	}
	if got := counts(t, s); got != before {
		t.Errorf("a failed import left records:\nbefore %s\nafter  %s", before, got)
	}
	res, err := s.ImportProject(ctx, imp(-1))
	if err != nil {
		t.Fatal(err)
	}
	if res.Documents != 3 || len(res.Duplicates) != 1 || res.Codings != 4 || res.Codes.Added != 1 || res.Memos != 1+4+4 ||
		len(res.Coders) != 1 || res.Coders[0] != "ville" {
		t.Errorf("result: %+v", res)
	}
	again, err := s.ImportProject(ctx, imp(-1))
	if err != nil || again.Codings != 0 || again.Documents != 0 || again.Codes.Unchanged != 1 {
		t.Errorf("the same import again: %+v %v", again, err)
	}
}

// TestImportCodesKeepsWhatItDoesNotCarry: a code with the id of a code
// here but another name, another parent and empty fields keeps the
// project's names, place, shortcut, definition and example; the
// conflicts are reported; what the code here lacked is filled in; a
// shortcut another code holds is not taken.
func TestImportCodesKeepsWhatItDoesNotCarry(t *testing.T) {
	ctx := context.Background()
	s, _ := codedProject(t)
	const parent, child, other = "00000000-0000-0000-0000-0000000000a1", "00000000-0000-0000-0000-0000000000c1", "00000000-0000-0000-0000-0000000000c2"
	if _, err := s.UpdateCode(ctx, child, "aino", "define", func(c *coding.Code) error {
		c.Shortcut, c.Definition, c.Example = "l", "Samoja liitteitä pyydetään uudelleen.", "kolme kertaa"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateCode(ctx, other, "aino", "shortcut", func(c *coding.Code) error { c.Shortcut = "w"; return nil }); err != nil {
		t.Fatal(err)
	}
	in := []*coding.Code{
		{Record: coding.Record{ID: child}, NameFi: "Jotain muuta", WhenToUse: "Kun pyydetään liitteitä."},
		{Record: coding.Record{ID: parent}, NameFi: "Byrokratialoukut", Shortcut: "w"},
	}
	res, err := s.ImportCodes(ctx, in, "eero")
	if err != nil {
		t.Fatal(err)
	}
	cb, _ := s.Codebook(ctx)
	c := cb.Code(child)
	if c.NameFi != "Liitepyynnöt" || c.NameEn != "Attachment requests" || c.ParentID != parent || c.Shortcut != "l" ||
		c.Definition != "Samoja liitteitä pyydetään uudelleen." || c.Example != "kolme kertaa" || c.Color != "#e06666" {
		t.Errorf("the code here was changed: %+v", c)
	}
	if c.WhenToUse != "Kun pyydetään liitteitä." {
		t.Errorf("the field the code here lacked was not filled in: %q", c.WhenToUse)
	}
	if p := cb.Code(parent); p.Shortcut != "" {
		t.Errorf("the parent took the shortcut another code holds: %q", p.Shortcut)
	}
	kinds := map[string]int{}
	for _, k := range res.Conflicts {
		kinds[k.Kind]++
	}
	if kinds["code renamed"] != 1 || kinds["code moved"] != 1 || kinds["shortcut"] != 1 || len(res.Conflicts) != 3 {
		t.Errorf("conflicts: %v", res.Conflicts)
	}
	if res.Updated != 1 || res.Unchanged != 1 {
		t.Errorf("result: %+v", res)
	}
}
