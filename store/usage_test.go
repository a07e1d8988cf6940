package store

import (
	"context"
	"testing"

	"github.com/toituavain/avain/coding"
)

// A theme counts its child codes' codings: the numbers agree with
// coding.CountCodes over the store's live codings (a deleted coding is
// not counted).
func TestCodeCountsCountSubtrees(t *testing.T) {
	ctx := context.Background()
	s, _ := newProject(t)
	doc := sampleDoc("d.txt", "Kela pyysi liitteitä uudestaan. Odotin viikkoja.")
	if err := s.ImportDocument(ctx, doc, "aino"); err != nil {
		t.Fatal(err)
	}
	theme := &coding.Code{NameFi: "Teema", Color: "#112233"}
	if err := s.AddCode(ctx, theme, "aino"); err != nil {
		t.Fatal(err)
	}
	child := &coding.Code{ParentID: theme.ID, NameFi: "Lapsi", Color: "#445566"}
	if err := s.AddCode(ctx, child, "aino"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []*coding.Coding{
		{Record: coding.Record{Coder: "aino"}, DocumentID: doc.ID, CodeID: child.ID, Start: 0, End: 10},
		{Record: coding.Record{Coder: "ville"}, DocumentID: doc.ID, CodeID: child.ID, Start: 0, End: 10},
		{Record: coding.Record{Coder: "aino"}, DocumentID: doc.ID, CodeID: theme.ID, Start: 32, End: 40},
	} {
		if _, err := s.AddCoding(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	counts, total, err := s.CodeCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := counts[theme.ID], (coding.CodeCounts{Codings: 3, Passages: 2, Documents: 1, Own: 1}); got != want {
		t.Errorf("theme: %+v, want %+v", got, want)
	}
	if got, want := counts[child.ID], (coding.CodeCounts{Codings: 2, Passages: 1, Documents: 1, Own: 2}); got != want {
		t.Errorf("child: %+v, want %+v", got, want)
	}
	if total.Codings != 3 || total.Passages != 2 || total.Documents != 1 {
		t.Errorf("totals %+v", total)
	}
}
