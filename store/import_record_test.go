package store

import (
	"context"
	"testing"
	"time"

	"github.com/toituavain/avain/coding"
)

// TestImportProjectKeepsDocumentRecordAndProjectMemo: an imported
// document keeps who made it and when, as its file says (the importing
// coder and now only where it says nothing); the file's project memo is
// set beside a different one here, and never twice.
func TestImportProjectKeepsDocumentRecordAndProjectMemo(t *testing.T) {
	ctx := context.Background()
	s, _ := newProject(t)
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	s.Now = func() time.Time { return now }
	made, changed := time.Date(2025, 5, 1, 9, 0, 0, 0, time.UTC), time.Date(2025, 5, 4, 9, 0, 0, 0, time.UTC)
	if err := s.SetMemo(ctx, coding.MemoProject, coding.ProjectMemoID, "Oma muistio.", "aino"); err != nil {
		t.Fatal(err)
	}
	imp := ProjectImport{Coder: "eero", Source: "x.qdpx", ProjectMemo: "Hankkeen kuvaus.",
		Documents: func(add func(*DocumentImport) error) error {
			d := sampleDoc("a.txt", "H: Kysymys?\nV: Vastaus.")
			d.Record = coding.Record{Coder: "maija", Created: made, Updated: changed}
			if err := add(&DocumentImport{Doc: d}); err != nil {
				return err
			}
			return add(&DocumentImport{Doc: sampleDoc("b.txt", "H: Toinen?\nV: Niin.")})
		}}
	for range 2 {
		if _, err := s.ImportProject(ctx, imp); err != nil {
			t.Fatal(err)
		}
	}
	for name, want := range map[string]coding.Record{"a.txt": {Coder: "maija", Created: made, Updated: changed}, "b.txt": {Coder: "eero", Created: now, Updated: now}} {
		d, err := s.Document(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		if d.Coder != want.Coder || !d.Created.Equal(want.Created) || !d.Updated.Equal(want.Updated) {
			t.Errorf("%s: %+v, want %+v", name, d.Record, want)
		}
	}
	// The file's project memo, undated, counts as written now: the newer,
	// it is the project memo, the one here under it; once only.
	if m, _ := s.Memo(ctx, coding.MemoProject, coding.ProjectMemoID); m != "Hankkeen kuvaus." {
		t.Errorf("project memo %q", m)
	}
	var n int
	if err := s.DB().QueryRow("SELECT count(*) FROM memos WHERE target = 'project' AND deleted = 0").Scan(&n); err != nil || n != 2 {
		t.Errorf("%d project memos (%v), want 2", n, err)
	}
}
