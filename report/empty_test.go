package report

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toituavain/avain/codebooks"
	"github.com/toituavain/avain/project"
)

// TestNoCodings: a project with documents and no codings makes a report
// that says so plainly, in the themes, the agreement and the quotations,
// and warns of no quoted text.
func TestNoCodings(t *testing.T) {
	ctx := context.Background()
	p, _, err := project.CreateWithCodebook(ctx, filepath.Join(t.TempDir(), "bare.avain"), codebooks.Default, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if _, err := p.ImportDemo(ctx, "test"); err != nil {
		t.Fatal(err)
	}
	r, err := Build(ctx, p, Options{Project: "bare", Quotes: 3, Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	html := write(t, r)
	if r.Codings != 0 || r.Quotations != 0 {
		t.Errorf("the report counts %d codings, %d quotations", r.Codings, r.Quotations)
	}
	for _, want := range []string{english.NoCodings, english.OnlyOne, english.NoQuotes} {
		if !strings.Contains(html, escaped(want)) {
			t.Errorf("the report does not say %q", want)
		}
	}
	if strings.Contains(html, english.Quoted) || strings.Contains(html, "<svg") {
		t.Errorf("a report of no codings warns of quoted text or draws a chart")
	}
	cb, err := p.Codebook(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if r, err = Build(ctx, p, Options{Project: "bare", Quotes: 3, Lang: "en", Codes: []string{cb.Codes()[0].ID}}); err != nil {
		t.Fatal(err)
	} else if html = write(t, r); !strings.Contains(html, escaped(english.NoneSelected)) {
		t.Errorf("the report of a code without codings does not say the selection holds none")
	}
}
