package store

import (
	"context"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

// TestImportForeignDescriptionKeepsDefinition: a code here keeps its
// definition parts when the file's description of it is another tool's
// text, and the difference is reported; a new code takes the text as
// its definition; a code here made a category by the file is reported.
func TestImportForeignDescriptionKeepsDefinition(t *testing.T) {
	ctx := context.Background()
	s, _ := newProject(t)
	here := &coding.Code{Record: coding.Record{ID: "00000000-0000-4000-8000-000000000001"}, NameFi: "Kela",
		ShortDef: "Kelan asiointi", Definition: "Kaikki Kelan kanssa asiointi.", Example: "Soitin Kelaan."}
	if err := s.AddCode(ctx, here, "aino"); err != nil {
		t.Fatal(err)
	}
	plain := &coding.Code{Record: coding.Record{ID: "00000000-0000-4000-8000-000000000002"}, NameFi: "Arki"}
	if err := s.AddCode(ctx, plain, "aino"); err != nil {
		t.Fatal(err)
	}
	fresh := "00000000-0000-4000-8000-000000000003"
	res, err := s.ImportProject(ctx, ProjectImport{Coder: "ulla", Source: "x.qdpx",
		Codes: []*coding.Code{
			{Record: coding.Record{ID: here.ID}, NameFi: "Kela", Definition: "Edited in NVivo."},
			{Record: coding.Record{ID: plain.ID}, NameFi: "Arki", NotCodable: true},
			{Record: coding.Record{ID: fresh}, NameFi: "Uusi", Definition: "Another tool's description."},
		},
		ForeignDefinitions: map[string]bool{here.ID: true, fresh: true}})
	if err != nil {
		t.Fatal(err)
	}
	cb, err := s.Codebook(ctx)
	if err != nil {
		t.Fatal(err)
	}
	k := cb.Code(here.ID)
	if k.ShortDef != here.ShortDef || k.Definition != here.Definition || k.Example != here.Example {
		t.Errorf("the definition here became %+v", k)
	}
	if d := cb.Code(fresh).Definition; d != "Another tool's description." {
		t.Errorf("new code's definition %q", d)
	}
	var lines []string
	for _, c := range res.Codes.Conflicts {
		lines = append(lines, c.String())
	}
	got := strings.Join(lines, "\n")
	if !strings.Contains(got, `definition of "Kela": differs in the file`) || !strings.Contains(got, "kept the project's") ||
		!strings.Contains(got, "code made a category Arki") || len(lines) != 2 {
		t.Errorf("report:\n%s", got)
	}
	if !cb.Code(plain.ID).NotCodable {
		t.Error("the file's category did not make one here")
	}
}
