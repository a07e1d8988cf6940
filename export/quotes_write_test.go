package export

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"
)

// awkward is a report whose texts hold what Markdown and HTML would read
// as markup, line breaks and decomposable letters.
func awkward() *QuoteReport {
	q := func(text string, coders ...string) Quote {
		return Quote{Text: text, Document: "asiakas_01 <a>.vtt", Speaker: "V", Turn: 4, Time: "00:01:02",
			Attrs: [][2]string{{"kind", "client"}}, Coders: coders, Memos: []string{"aino: tärkeä *huom* <b>"}}
	}
	return &QuoteReport{Project: "tutkimus.avain", Lang: "fi", Cite: []string{"kind"}, PerCode: 2, Themes: []QuoteTheme{
		{Code: QuoteCodeInfo{ID: "t1", Name: "Byrokratia & <loukut>", Path: []string{"Byrokratia & <loukut>"}, Color: "#aa3300", Definition: "Järjestelmän *ansat*."},
			Codes: []QuoteCode{
				{Code: QuoteCodeInfo{ID: "c1", Name: "Liitteet", Path: []string{"Byrokratia & <loukut>", "Liitteet"}, Depth: 1, Color: `red"><script>`},
					Total: 5, Quotes: []Quote{
						q("- Mä lähetin *kaikki* liitteet [taas] uudestaan.\n1. kerta\n\nH: <b>Ja?</b> & # sitten", "aino", "ville"),
						q("Äiti sanoi: \"älä välitä\" _oikeasti_ \\ ö", "aino"),
					}},
			}},
	}}
}

// quoteTexts are the texts of the report's quotations in order.
func quoteTexts(r *QuoteReport) []string {
	var out []string
	for _, th := range r.Themes {
		for _, c := range th.Codes {
			for _, q := range c.Quotes {
				out = append(out, q.Text)
			}
		}
	}
	return out
}

// TestQuotesMarkdownReadsBack reads the Markdown back: headings for the
// theme and the code, the count, each quotation's lines in a block quote
// that unescape to its exact text, the citation line under it.
func TestQuotesMarkdownReadsBack(t *testing.T) {
	r := awkward()
	var b bytes.Buffer
	if err := WriteQuotesMarkdown(&b, r, "fi"); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(b.String(), "\n")
	unescape := func(s string) string {
		var o strings.Builder
		for i := 0; i < len(s); i++ {
			if s[i] == '\\' && i+1 < len(s) {
				i++
			}
			o.WriteByte(s[i])
		}
		return o.String()
	}
	var quotes []string
	var cur []string
	inQuote := false
	for i, l := range lines {
		switch {
		case l == ">": // a paragraph break between two lines of the text
		case strings.HasPrefix(l, "> "):
			cur = append(cur, unescape(l[2:]))
			inQuote = true
		case inQuote:
			quotes = append(quotes, strings.Join(cur, "\n"))
			cur, inQuote = nil, false
			if l != "" || !strings.HasPrefix(lines[i+1], "— ") {
				t.Errorf("no citation line under the quotation: %q %q", l, lines[i+1])
			}
		}
	}
	want := quoteTexts(r)
	// the text's own empty line is a paragraph break like the others
	want[0] = strings.ReplaceAll(want[0], "\n\n", "\n")
	if strings.Join(quotes, "\x00") != strings.Join(want, "\x00") {
		t.Errorf("quotations read back:\n%q\nwant\n%q", quotes, want)
	}
	for _, w := range []string{
		"# Sitaatit: tutkimus.avain", "## Byrokratia \\& \\<loukut\\>", "### Liitteet", "*2 / 5 sitaattia*",
		"> \\- Mä lähetin", "> 1\\. kerta",
		"— asiakas_01 \\<a\\>.vtt, V, 00:01:02, laji: asiakas · koodaajat: aino, ville",
		"— asiakas_01 \\<a\\>.vtt, V, 00:01:02, laji: asiakas · koodaaja: aino",
		"*muistio* aino: tärkeä \\*huom\\* \\<b\\>",
	} {
		if !strings.Contains("\n"+b.String(), "\n"+w) {
			t.Errorf("the Markdown lacks the line %q:\n%s", w, b.String())
		}
	}
}

// TestQuotesHTMLParses parses the HTML page: one document, nothing
// fetched, every text escaped (the quotations read back exactly from
// their blockquotes), the colour that is not one left out, and the
// fragment a <section> alone.
func TestQuotesHTMLParses(t *testing.T) {
	r := awkward()
	var b bytes.Buffer
	if err := WriteQuotesHTML(&b, r, "en"); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var quotes, captions, h2, h3 []string
	var walk func(n *html.Node)
	text := func(n *html.Node) string {
		var s strings.Builder
		var f func(*html.Node)
		f = func(n *html.Node) {
			if n.Type == html.TextNode {
				s.WriteString(n.Data)
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				f(c)
			}
		}
		f(n)
		return s.String()
	}
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "link", "img", "iframe":
				t.Errorf("the page has a <%s>", n.Data)
			case "blockquote":
				quotes = append(quotes, text(n))
			case "figcaption":
				captions = append(captions, text(n))
			case "h2":
				h2 = append(h2, text(n))
			case "h3":
				h3 = append(h3, text(n))
			}
			for _, a := range n.Attr {
				if a.Key == "src" || a.Key == "href" {
					t.Errorf("<%s %s=%q>: the page must fetch nothing", n.Data, a.Key, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if strings.Join(quotes, "\x00") != strings.Join(quoteTexts(r), "\x00") {
		t.Errorf("blockquotes %q, want %q", quotes, quoteTexts(r))
	}
	if len(h2) != 1 || h2[0] != "Byrokratia & <loukut>" || len(h3) != 1 || h3[0] != "Liitteet" {
		t.Errorf("headings %q %q", h2, h3)
	}
	if len(captions) != 2 || captions[0] != "— asiakas_01 <a>.vtt, V, 00:01:02, kind: client · coders: aino, ville" {
		t.Errorf("captions %q", captions)
	}
	page := b.String()
	for _, w := range []string{`<html lang="en">`, "<style>", "2 of 5 quotations", "section.quotes", "@media print", `background:#aa3300`} {
		if !strings.Contains(page, w) {
			t.Errorf("the page lacks %q", w)
		}
	}
	if strings.Contains(page, "<script>") || strings.Contains(page, `red"`) {
		t.Error("a code's colour was written unescaped")
	}
	var frag bytes.Buffer
	if err := WriteQuotesHTMLFragment(&frag, r, "fi"); err != nil {
		t.Fatal(err)
	}
	f := strings.TrimSpace(frag.String())
	if !strings.HasPrefix(f, `<section class="quotes">`) || !strings.HasSuffix(f, "</section>") || strings.Contains(f, "<html") ||
		strings.Contains(f, "<head") || !strings.Contains(f, "2 / 5 sitaattia") {
		t.Errorf("fragment:\n%s", f)
	}
}

// TestQuotesXLSXReadsBack opens the workbook: the quotation sheet's
// header, a bold theme row, a code row with its count, quotation rows
// with every column, wrapped text and set widths; the About sheet saying
// what was selected.
func TestQuotesXLSXReadsBack(t *testing.T) {
	r := awkward()
	var b bytes.Buffer
	if err := WriteQuotesXLSX(&b, r, "en"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "About" || got[1] != "Quotations" || f.GetActiveSheetIndex() != 0 {
		t.Fatalf("sheets %v, active %d: want the About sheet first and open, as in freq's", got, f.GetActiveSheetIndex())
	}
	rows, err := f.GetRows("Quotations")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"theme", "code", "quotation", "document", "speaker", "turn or time", "attributes", "coders", "memo"},
		{"Byrokratia & <loukut>"},
		{"Byrokratia & <loukut>", "Liitteet", "2 of 5 quotations"},
		{"Byrokratia & <loukut>", "Liitteet", quoteTexts(r)[0], "asiakas_01 <a>.vtt", "V", "00:01:02", "kind: client", "aino, ville", "aino: tärkeä *huom* <b>"},
		{"Byrokratia & <loukut>", "Liitteet", quoteTexts(r)[1], "asiakas_01 <a>.vtt", "V", "00:01:02", "kind: client", "aino", "aino: tärkeä *huom* <b>"},
	}
	if len(rows) != len(want) {
		t.Fatalf("rows %q", rows)
	}
	for i := range want {
		if strings.Join(rows[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d: %q, want %q", i+1, rows[i], want[i])
		}
	}
	style := func(cell string) *excelize.Style {
		id, err := f.GetCellStyle("Quotations", cell)
		if err != nil {
			t.Fatal(err)
		}
		s, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if s := style("A2"); s.Font == nil || !s.Font.Bold {
		t.Error("the theme row is not bold")
	}
	if s := style("C4"); s.Alignment == nil || !s.Alignment.WrapText {
		t.Error("a quotation is not wrapped")
	}
	if w, _ := f.GetColWidth("Quotations", "C"); w < 50 {
		t.Errorf("the quotation column is %v wide", w)
	}
	about, err := f.GetRows("About")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range about {
		if len(r) == 2 {
			got[r[0]] = r[1]
		}
	}
	if got["project"] != "tutkimus.avain" || got["at most per code"] != "2" || got["picked"] != "the first in document order" ||
		got["citations name"] != "kind" || got["quotations in all"] != "2 of 5 quotations" || got["coders"] != "all" {
		t.Errorf("About: %q", about)
	}
}

// TestQuotesXLSXCutsLongCells checks that a quotation longer than an
// Excel cell holds is cut, not refused, and the About sheet says so.
func TestQuotesXLSXCutsLongCells(t *testing.T) {
	r := awkward()
	long := strings.Repeat("ä", maxCellChars+10)
	r.Themes[0].Codes[0].Quotes[0].Text = long
	var b bytes.Buffer
	if err := WriteQuotesXLSX(&b, r, "fi"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	v, _ := f.GetCellValue("Sitaatit", "C4")
	if rs := []rune(v); len(rs) != maxCellChars || rs[len(rs)-1] != '…' {
		t.Errorf("cell of %d characters", len(rs))
	}
	about, _ := f.GetRows("Tietoja")
	if !strings.Contains(strings.Join(about[len(about)-1], " "), "32 767") {
		t.Errorf("About does not say the cell was cut: %q", about)
	}
}

// TestQuotationsLanguage checks the report's names and labels follow
// the language: English code names and labels with en.
func TestQuotationsLanguage(t *testing.T) {
	p := coded(t, nil)
	ctx := context.Background()
	cb, _ := p.Codebook(ctx)
	for _, lang := range []string{"fi", "en"} {
		r, err := Quotations(ctx, p, QuoteOptions{Options: Options{Lang: lang}, PerCode: 1})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := WriteQuotesMarkdown(&b, r, lang); err != nil {
			t.Fatal(err)
		}
		th := r.Themes[0].Code
		label, other := "sitaattia", "quotations"
		if lang == "en" {
			label, other = other, label
		}
		if th.Name != cb.Code(th.ID).Name(lang) || !strings.Contains(b.String(), "## "+mdInline(th.Name)+"\n") ||
			!strings.Contains(b.String(), label) || strings.Contains(b.String(), other) {
			t.Errorf("%s: theme %q, Markdown:\n%.600s", lang, th.Name, b.String())
		}
	}
}
