package report

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

// TestHeatMapSaysWhichParentsAreLeftOut: a theme coded directly (its own
// codings, not only its codes') is not a cell of the co-occurrence heat
// map, and the caption says how many such codes are left out and why.
func TestHeatMapSaysWhichParentsAreLeftOut(t *testing.T) {
	ctx := context.Background()
	p := demoCopy(t)
	cb, err := p.Codebook(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := p.Codings(ctx, coding.CodingFilter{Coder: "aino"})
	if err != nil {
		t.Fatal(err)
	}
	page := render(t, p, Options{Project: "demo", Lang: "en"})
	if strings.Contains(page, "coded directly") {
		t.Fatalf("no code with child codes is coded directly in the demo, yet the page says one is")
	}
	coded := map[string]bool{}
	for _, c := range cs[:40] { // the first theme of a coding: coded directly
		theme := c.CodeID
		for cb.Code(theme).ParentID != "" {
			theme = cb.Code(theme).ParentID
		}
		cc := &coding.Coding{Record: coding.Record{Coder: "aino"}, DocumentID: c.DocumentID, CodeID: theme, Start: c.Start, End: c.End}
		if _, err := p.AddCoding(ctx, cc); err == nil {
			coded[theme] = true
		}
	}
	if len(coded) == 0 {
		t.Fatal("no theme could be coded directly")
	}
	page = render(t, p, Options{Project: "demo", Lang: "en"})
	heat := page[strings.Index(page, `<section id="cooccurrence">`):]
	heat = heat[:strings.Index(heat, "<figure")]
	if want := fmt.Sprintf("%d codes with child codes", len(coded)); !strings.Contains(heat, want) || !strings.Contains(heat, "coded directly") {
		t.Errorf("the heat map's caption does not say that codes coded directly are left out:\n%s", heat)
	}
}
