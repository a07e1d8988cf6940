package report

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/export"
)

// TestNumbersAreTheThemeTables: the study in numbers counts as the theme
// table does (its totals row), the coders' codings add up to the codings,
// and the themes table has every theme, the codes with codings, and says
// how many codes it leaves out.
func TestNumbersAreTheThemeTables(t *testing.T) {
	ctx := context.Background()
	p := demo(t)
	ft, cb, err := export.Frequencies(ctx, p, export.Options{By: []string{"kind"}})
	if err != nil {
		t.Fatal(err)
	}
	total := ft.Rows[len(ft.Rows)-1].Cells[0]
	r, err := Build(ctx, p, Options{Project: "demo", By: []string{"kind"}, Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	html := write(t, r)
	tiles := regexp.MustCompile(`<span class="big">([^<]*)</span><span class="what">([^<]*)</span>`).FindAllStringSubmatch(html, -1)
	got := map[string]string{}
	for _, m := range tiles {
		got[m[2]] = m[1]
	}
	want := map[string]string{"Documents": num(ft.Groups[0].Docs, "en"), "Coders": "2", "Codings": num(total.Codings, "en"),
		"Coded passages": num(total.Passages, "en"), "Coded documents": num(total.Documents, "en") + " / " + num(ft.Groups[0].Docs, "en") + " (100.0%)"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("tile %q = %q, want %q (all tiles: %q)", k, got[k], v, got)
		}
	}
	if r.Codings != total.Codings || r.Documents != ft.Groups[0].Docs {
		t.Errorf("Report counts %d codings of %d documents, the theme table %d of %d", r.Codings, r.Documents, total.Codings, ft.Groups[0].Docs)
	}
	sum := 0
	for _, c := range r.page.Numbers.Coders {
		var n int
		for _, d := range strings.ReplaceAll(c.N, ",", "") {
			n = 10*n + int(d-'0')
		}
		sum += n
	}
	if sum != total.Codings {
		t.Errorf("the coders' codings add up to %d, the codings are %d", sum, total.Codings)
	}
	rows := r.page.Themes.Rows
	names := map[string]bool{}
	for _, row := range rows {
		names[row.Name] = true
	}
	themes, coded := 0, 0
	for _, fr := range ft.Rows {
		if fr.CodeID == "" {
			continue
		}
		name := cb.Code(fr.CodeID).Name("en")
		switch {
		case fr.Depth == 0:
			themes++
			if !names[name] {
				t.Errorf("theme %q is missing from the table", name)
			}
		case fr.Cells[0].Codings > 0:
			coded++
			if !names[name] {
				t.Errorf("code %q (%d codings) is missing from the table", name, fr.Cells[0].Codings)
			}
		}
	}
	if len(rows) != themes+coded+1 || !rows[len(rows)-1].Total {
		t.Errorf("%d rows, want %d themes, %d coded codes and the totals", len(rows), themes, coded)
	}
	if left := len(ft.Rows) - 1 - themes - coded; left == 0 || !strings.Contains(html, num(left, "en")+" codes without codings are left out") {
		t.Errorf("the table does not say that it leaves %d codes out", left)
	}
	if n := strings.Count(html, `<th colspan="3" scope="colgroup" class="group">`); n != len(ft.Groups) {
		t.Errorf("%d group headers, want %d (all, client, professional)", n, len(ft.Groups))
	}
	for _, about := range coding.CountsAbout("en") {
		if !strings.Contains(html, escaped(about)) {
			t.Errorf("the report does not say %q", about)
		}
	}
}

// TestOneCoderNoQuotations: the codings of one coder give no agreement
// and say why: the selection has one coder, not the project (which has
// two); --quotes 0 leaves the quotations and the warning about
// quoted text out.
func TestOneCoderNoQuotations(t *testing.T) {
	p := demo(t)
	r, err := Build(context.Background(), p, Options{Project: "demo", Coders: []string{"aino"}, Quotes: 0, Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	html := write(t, r)
	if !strings.Contains(html, "No agreement computed: it needs two coders in the selection, and all the selection&#39;s codings are aino&#39;s.") ||
		strings.Contains(html, english.NoAgreement) || strings.Contains(html, english.AgreementIntro) {
		t.Errorf("the report of one selected coder does not say why there is no agreement")
	}
	if r.Quotations != 0 || strings.Contains(html, `id="quotations"`) || strings.Contains(html, english.Quoted) {
		t.Errorf("--quotes 0 still has quotations (%d)", r.Quotations)
	}
	if !strings.Contains(html, "coders: aino") || !strings.Contains(html, "quotations per code: 0") {
		t.Errorf("the report does not state its filters")
	}
	if n := strings.Count(html, "<svg"); n != 3 {
		t.Errorf("%d charts, want 3 (two of the themes and the heat map; no agreement)", n)
	}
}

// TestBadOptions: an unknown attribute or code fails, naming it.
func TestBadOptions(t *testing.T) {
	p := demo(t)
	for _, tc := range []struct {
		o    Options
		want string
	}{
		{Options{By: []string{"colour"}}, `"colour"`},
		{Options{Codes: []string{"No such code"}}, `"No such code"`},
		{Options{Quotes: -1}, "below 0"},
	} {
		if _, err := Build(context.Background(), p, tc.o); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Build(%+v) = %v, want an error naming %s", tc.o, err, tc.want)
		}
	}
}

// TestAgreementSaysWhichPairs: with three coders every pair is compared,
// with five the pairs of the four with the most codings, and the page says
// which; the agreement per code is that of the two with the most.
func TestAgreementSaysWhichPairs(t *testing.T) {
	ctx := context.Background()
	p := demoCopy(t)
	aino, err := p.Codings(ctx, coding.CodingFilter{Coder: "aino"})
	if err != nil {
		t.Fatal(err)
	}
	recode := func(coder string, n int) { // coder codes the first n of aino's codings again
		for _, c := range aino[:n] {
			cc := &coding.Coding{Record: coding.Record{Coder: coder}, DocumentID: c.DocumentID, CodeID: c.CodeID, Start: c.Start, End: c.End}
			if _, err := p.AddCoding(ctx, cc); err != nil {
				t.Fatal(err)
			}
		}
	}
	recode("eero", 30)
	html := render(t, p, Options{Project: "demo", Lang: "en"})
	pairs := regexp.MustCompile(`<tr><th scope="row">(\w+) – (\w+)</th>`).FindAllStringSubmatch(html, -1)
	if len(pairs) != 3 || !strings.Contains(html, english.AgreementOf) ||
		!strings.Contains(html, "Agreement per code: aino and ville, the coders with the most codings.") {
		t.Errorf("three coders: pairs %q, or the page does not say which", pairs)
	}
	recode("liisa", 20)
	recode("mikko", 10)
	html = render(t, p, Options{Project: "demo", Lang: "en"})
	pairs = regexp.MustCompile(`<tr><th scope="row">(\w+) – (\w+)</th>`).FindAllStringSubmatch(html, -1)
	for _, m := range pairs {
		if m[1] == "mikko" || m[2] == "mikko" {
			t.Errorf("the coder with the fewest codings is compared: %q", m[0])
		}
	}
	if len(pairs) != 6 || !strings.Contains(html, "The pairs of the 4 coders with the most codings.") {
		t.Errorf("five coders: %d pairs, or the page does not say which", len(pairs))
	}
}
