package export

import (
	"context"
	"slices"
	"testing"
)

// TestAgreementCodeKeepsTheDocuments checks that --code compares the
// same documents as the whole table (those both coders coded at all),
// so that a code's agreement is the same with the filter and without.
func TestAgreementCodeKeepsTheDocuments(t *testing.T) {
	ctx := context.Background()
	p := demo(t)
	full, err := Agreement(ctx, p, AgreementOptions{A: "aino", B: "ville"})
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, row := range full.Rows {
		if row.Parent {
			continue
		}
		one, err := Agreement(ctx, p, AgreementOptions{A: "aino", B: "ville", Codes: []string{row.CodeID}})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(one.Documents, full.Documents) {
			t.Errorf("--code %s compares %q, the whole table %q", row.CodeID, one.Documents, full.Documents)
		}
		if len(one.Rows) != 1 || one.Rows[0].Agreement != row.Agreement {
			t.Errorf("--code %s: %+v, the whole table %+v", row.CodeID, one.Rows, row.Agreement)
		}
		checked++
	}
	one, err := Agreement(ctx, p, AgreementOptions{A: "aino", B: "ville", Codes: []string{full.Rows[0].CodeID}, Docs: full.Documents[:1]})
	if err != nil || !slices.Equal(one.Documents, full.Documents[:1]) {
		t.Errorf("--code with --doc %s compares %v (%v)", full.Documents[0], one.Documents, err)
	}
	if checked == 0 || len(full.Documents) == 0 {
		t.Fatal("no code compared")
	}
}
