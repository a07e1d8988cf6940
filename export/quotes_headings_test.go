package export

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

// TestQuoteHeadingsNeverSkip: a code under a subtheme with no quotations
// of its own is headed ## theme, ### subtheme, #### code (in HTML h2, h3,
// h4), and a second code under the same subtheme does not repeat it.
func TestQuoteHeadingsNeverSkip(t *testing.T) {
	q := Quote{Text: "Soitin kolme kertaa.", Document: "a.txt", Turn: 2, Coders: []string{"aino"}}
	r := &QuoteReport{Lang: "fi", Themes: []QuoteTheme{{
		Code: QuoteCodeInfo{ID: "t", Name: "Asiointi", Path: []string{"Asiointi"}},
		Codes: []QuoteCode{
			{Code: QuoteCodeInfo{ID: "c1", Name: "Puhelin", Path: []string{"Asiointi", "Kanavat", "Puhelin"}, Depth: 2}, Total: 1, Quotes: []Quote{q}},
			{Code: QuoteCodeInfo{ID: "c2", Name: "Chat", Path: []string{"Asiointi", "Kanavat", "Chat"}, Depth: 2}, Total: 1, Quotes: []Quote{q}},
			{Code: QuoteCodeInfo{ID: "c3", Name: "Jonot", Path: []string{"Asiointi", "Jonot"}, Depth: 1}, Total: 1, Quotes: []Quote{q}},
		},
	}}}
	var md bytes.Buffer
	if err := WriteQuotesMarkdown(&md, r, "fi"); err != nil {
		t.Fatal(err)
	}
	var heads []string
	for _, l := range strings.Split(md.String(), "\n") {
		if strings.HasPrefix(l, "#") {
			heads = append(heads, l)
		}
	}
	want := "# Sitaatit|## Asiointi|### Kanavat|#### Puhelin|#### Chat|### Jonot"
	if got := strings.Join(heads, "|"); got != want {
		t.Errorf("Markdown headings\n %s\nwant\n %s", got, want)
	}
	var h bytes.Buffer
	if err := WriteQuotesHTMLFragment(&h, r, "fi"); err != nil {
		t.Fatal(err)
	}
	var tags []string
	for _, m := range regexp.MustCompile(`<h(\d)[^>]*>(?:<span[^>]*></span>)?([^<]*)`).FindAllStringSubmatch(h.String(), -1) {
		tags = append(tags, "h"+m[1]+" "+m[2])
	}
	if got := strings.Join(tags, "|"); got != "h2 Asiointi|h3 Kanavat|h4 Puhelin|h4 Chat|h3 Jonot" {
		t.Errorf("HTML headings %s", got)
	}
}
