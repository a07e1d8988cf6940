package project

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/toituavain/avain/coding"
)

// avain → .qdpx → avain gives back exactly what REFI-QDA's own layout
// cannot: a code whose definition parts hold lines that look like the
// labels of its Description, and memos with edge spaces and blank lines.
func TestQDPXRoundTripKeepsFieldsExactly(t *testing.T) {
	ctx := context.Background()
	a := richProject(t)
	cb, _ := a.Codebook(ctx)
	odd := &coding.Code{ParentID: cb.Codes()[0].ID, NameFi: "Käännekohdat 2", NameEn: "Turning points 2", Shortcut: "",
		ShortDef: "rivi1\n\nWhen to use: fake marker", Definition: "Määritelmä.\n\nShortcut: 9",
		Example: "Example: nested\nName (en): Fake"}
	if err := a.AddCode(ctx, odd, "ville"); err != nil {
		t.Fatal(err)
	}
	if err := a.SetMemo(ctx, coding.MemoProject, coding.ProjectMemoID, "  lead\n\n  ", "ville"); err != nil {
		t.Fatal(err)
	}
	d, err := a.Document(ctx, "ryhmahaastattelu.vtt")
	if err != nil {
		t.Fatal(err)
	}
	if err := a.SetMemo(ctx, coding.MemoDocument, d.ID, "välilyönti lopussa ", "aino"); err != nil {
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
	b.Now = func() time.Time { return time.Date(2031, 5, 6, 7, 8, 9, 0, time.UTC) }
	if _, err := b.ImportQDPX(ctx, file, "eero"); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(fullSnapshot(t, b), "\n")
	for _, l := range fullSnapshot(t, a) {
		if (strings.HasPrefix(l, "code "+odd.ID) || strings.HasPrefix(l, "memo on ")) && !strings.Contains(got, l) {
			t.Errorf("lost: %s", l)
		}
	}
}
