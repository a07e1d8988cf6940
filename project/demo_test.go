package project

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/toituavain/avain/codebooks"
	"github.com/toituavain/avain/coding"
)

func TestCodeDemoExamples(t *testing.T) {
	ctx := context.Background()
	p, _, err := CreateWithCodebook(ctx, filepath.Join(t.TempDir(), "d.avain"), codebooks.Default, "me")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if _, err := p.ImportDemo(ctx, "me"); err != nil {
		t.Fatal(err)
	}
	n, err := p.CodeDemoExamples(ctx)
	if err != nil {
		t.Fatal(err)
	}
	all, err := p.Codings(ctx, coding.CodingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 || len(all) != n {
		t.Fatalf("reported %d codings, the project holds %d", n, len(all))
	}
	// Each coding is a whole turn; the two coders share most passages and
	// each has some of their own, so agreement has something to measure.
	type key struct {
		doc, code string
		start     int
	}
	by := map[string]map[key]bool{}
	for _, c := range all {
		d, err := p.Document(ctx, c.DocumentID)
		if err != nil {
			t.Fatal(err)
		}
		whole := false
		for _, tn := range d.Turns {
			whole = whole || (tn.Start == c.Start && tn.End == c.End)
		}
		if !whole {
			t.Errorf("coding %s [%d,%d) in %s is not a whole turn", c.ID, c.Start, c.End, d.Name)
		}
		if by[c.Coder] == nil {
			by[c.Coder] = map[key]bool{}
		}
		by[c.Coder][key{c.DocumentID, c.CodeID, c.Start}] = true
	}
	if len(by) != len(DemoCoders) || by["aino"] == nil || by["ville"] == nil {
		t.Fatalf("coders %v, want %v", len(by), DemoCoders)
	}
	both, onlyA, onlyV := 0, 0, 0
	for k := range by["aino"] {
		if by["ville"][k] {
			both++
		} else {
			onlyA++
		}
	}
	for k := range by["ville"] {
		if !by["aino"][k] {
			onlyV++
		}
	}
	if both <= onlyA+onlyV || onlyA == 0 || onlyV == 0 {
		t.Errorf("shared %d, only aino %d, only ville %d: want mostly shared and some of each", both, onlyA, onlyV)
	}
	// Running it again adds nothing.
	if again, err := p.CodeDemoExamples(ctx); err != nil || again != 0 {
		t.Errorf("second run: %d, %v", again, err)
	}
}
