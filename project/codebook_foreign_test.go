package project

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toituavain/avain/codebooks"
)

// A .qdc whose code Description another tool added to (it is no longer
// avain's fold of the entry) does not replace the definition parts of
// the code here; the difference is printed as a conflict.
func TestImportCodebookKeepsDefinitionAgainstAForeignDescription(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	p, _, err := CreateWithCodebook(ctx, filepath.Join(dir, "p.avain"), codebooks.Default, "aino")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	qdc := filepath.Join(dir, "k.qdc")
	if err := p.ExportCodebook(ctx, qdc, "fi", "aino"); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(qdc)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	end := strings.Index(s, "</Description>")
	s = s[:end] + "&#xA;&#xA;Lisätty toisessa työkalussa." + s[end:]
	if err := os.WriteFile(qdc, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
	cb, _ := p.Codebook(ctx)
	first := *cb.Codes()[0]
	res, err := p.ImportCodebook(ctx, qdc, "eero")
	if err != nil {
		t.Fatal(err)
	}
	cb, _ = p.Codebook(ctx)
	now := cb.Code(first.ID)
	if now.ShortDef != first.ShortDef || now.Definition != first.Definition || now.WhenToUse != first.WhenToUse ||
		now.WhenNotUse != first.WhenNotUse || now.Example != first.Example {
		t.Errorf("definition parts changed:\n%+v\nwas\n%+v", now, first)
	}
	var said bool
	for _, c := range res.Conflicts {
		said = said || strings.Contains(c.String(), "definition of")
	}
	if !said {
		t.Errorf("no conflict names the definition: %v", res.Conflicts)
	}
}
