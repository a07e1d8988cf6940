package export

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestQuotationGroupsNamed: with --by, the CSV/TSV table has a column of
// the group each quotation was picked for, and Markdown heads each group
// as freq names it ("laji = asiakas (n = 6)"); the citations and the
// selection lines name attributes and values in the report's language.
func TestQuotationGroupsNamed(t *testing.T) {
	p := coded(t, nil)
	r, err := Quotations(context.Background(), p, QuoteOptions{Options: Options{By: []string{"kind"}}, PerCode: 1, Pick: "kind=client,kind=professional"})
	if err != nil {
		t.Fatal(err)
	}
	tb := QuotesTable(r, "fi")
	if len(tb.Header) < 3 || tb.Header[2] != "ryhmä" {
		t.Fatalf("header %q: no group column after the code", tb.Header)
	}
	seen := map[string]bool{}
	for _, row := range tb.Rows {
		seen[row[2].Text] = true
		if !strings.Contains(row[7].Text, "laji: ") {
			t.Errorf("attributes cell %q does not name laji", row[7].Text)
		}
	}
	if !seen["laji = asiakas (n = 6)"] || !seen["laji = ammattilainen (n = 4)"] || len(seen) != 2 {
		t.Errorf("groups in the table: %v", seen)
	}
	var md bytes.Buffer
	if err := WriteQuotesMarkdown(&md, r, "fi"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"**laji = asiakas (n = 6)**", "- ryhmitelty: laji\n", "- lähteessä mainitaan: laji\n",
		`vain dokumentit, joissa laji = asiakas\|ammattilainen`, ", laji: asiakas · "} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("the Markdown lacks %q", want)
		}
	}
}
