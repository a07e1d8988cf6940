package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/toituavain/avain/codebooks"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
)

// demo makes the demo project as `avain demo` does: the fictional
// interviews, coded by the two fictional coders aino and ville.
func demo(t *testing.T) *project.Project {
	t.Helper()
	ctx := context.Background()
	p, _, err := project.CreateWithCodebook(ctx, filepath.Join(t.TempDir(), "demo.avain"), codebooks.Default, "testaaja")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	if _, err := p.ImportDemo(ctx, "testaaja"); err != nil {
		t.Fatal(err)
	}
	if _, err := p.CodeDemoExamples(ctx); err != nil {
		t.Fatal(err)
	}
	return p
}

// demoFreq is the demo's theme table by kind.
func demoFreq(t *testing.T, p *project.Project) coding.FreqTable {
	t.Helper()
	ft, _, err := Frequencies(context.Background(), p, Options{By: []string{"kind"}})
	if err != nil {
		t.Fatal(err)
	}
	return ft
}

// freqRow returns the demo table's row of the code named name.
func freqRow(t *testing.T, ft coding.FreqTable, name string) coding.FreqRow {
	t.Helper()
	for _, r := range ft.Rows {
		if r.CodeID != "" && r.Path[len(r.Path)-1] == name {
			return r
		}
	}
	t.Fatalf("no row %s", name)
	return coding.FreqRow{}
}

// write writes tables in format and returns the text.
func write(t *testing.T, format string, about *About, tables ...Table) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteAbout(&b, format, about, tables...); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// readCSV parses delimited text.
func readCSV(t *testing.T, text string, sep rune) [][]string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(text))
	r.Comma, r.FieldsPerRecord = sep, -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("does not parse: %v\n%s", err, text)
	}
	return recs
}

// dropNotes checks that a people table's records end with a blank one
// and its notes, a record each, and returns the records before them.
func dropNotes(t *testing.T, recs [][]string, notes []string) [][]string {
	t.Helper()
	if len(recs) < len(notes)+1 {
		t.Fatalf("%d records, want a blank one and the %d notes at the end", len(recs), len(notes))
	}
	at := len(recs) - len(notes)
	if strings.Join(recs[at-1], "") != "" {
		t.Errorf("record %d is %q, want a blank one before the notes", at-1, recs[at-1])
	}
	for i, n := range notes {
		if recs[at+i][0] != n || strings.Join(recs[at+i][1:], "") != "" {
			t.Errorf("record %d is %q, want the note %q", at+i, recs[at+i], n)
		}
	}
	return recs[:at-1]
}

var uuidLike = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-`)

// The people layout of a theme table in CSV and TSV: two header rows
// (each group with its n over the measures), code names indented two
// spaces a level with themes led by ▸, shares as percentages with the
// language's decimal mark, no ids; Finnish by default, English with en.
func TestFreqPeopleDelimited(t *testing.T) {
	p := demo(t)
	ft := demoFreq(t, p)
	theme, code, deep := freqRow(t, ft, "Byrokratialoukut"), freqRow(t, ft, "Toistuvat liitepyynnöt"), freqRow(t, ft, "Puhelinasiointi")
	for _, c := range []struct {
		lang, format                        string
		all, client, code, total, share, sh string
		measures                            []string
	}{
		{"fi", "csv", "kaikki (n = 10)", "laji = asiakas (n = 6)", "Koodi", "Yhteensä", "dokumentit %", ",",
			[]string{"koodaukset", "kohdat", "dokumentit", "dokumentit %", "sanat"}},
		{"en", "tsv", "all (n = 10)", "kind = client (n = 6)", "Code", "Total", "documents %", ".",
			[]string{"codings", "passages", "documents", "documents %", "words"}},
	} {
		t.Run(c.lang+" "+c.format, func(t *testing.T) {
			table := FreqTable(ft, View{Layout: LayoutPeople, Lang: c.lang})
			text := write(t, c.format, nil, table)
			if uuidLike.MatchString(text) {
				t.Errorf("an id in the people layout:\n%s", text)
			}
			sep := ','
			if c.format == "tsv" {
				sep = '\t'
			}
			recs := dropNotes(t, readCSV(t, text, sep), table.Notes)
			if recs[0][0] != "" || recs[0][1] != c.all || recs[0][2] != "" || recs[0][6] != c.client {
				t.Errorf("group row %q", recs[0])
			}
			if recs[1][0] != c.code || strings.Join(recs[1][1:6], "|") != strings.Join(c.measures, "|") {
				t.Errorf("measure row %q", recs[1])
			}
			if len(recs) != 2+len(ft.Rows) || recs[len(recs)-1][0] != c.total {
				t.Errorf("%d rows, the last %q", len(recs), recs[len(recs)-1])
			}
			names := map[string][]string{}
			for _, r := range recs[2:] {
				names[r[0]] = r
			}
			th, ok := names["▸ Byrokratialoukut"]
			if !ok || th[1] != itoa(theme.Cells[0].Codings) || th[6] != itoa(theme.Cells[1].Codings) {
				t.Errorf("theme row %q, want %d codings and %d of clients", th, theme.Cells[0].Codings, theme.Cells[1].Codings)
			}
			pct := strings.Replace(Cell{Kind: Percent, Num: theme.Cells[0].Share}.String(), ".", c.sh, 1)
			if th[4] != pct {
				t.Errorf("theme's share %q, want %q", th[4], pct)
			}
			if r, ok := names["  Toistuvat liitepyynnöt"]; !ok || r[1] != itoa(code.Cells[0].Codings) {
				t.Errorf("a code of the theme: %q", r)
			}
			if _, ok := names["  ▸ Asiointikanavat"]; !ok {
				t.Errorf("a theme one level down is not marked: %q", recs)
			}
			if r, ok := names["    Puhelinasiointi"]; !ok || r[3] != itoa(deep.Cells[0].Documents) {
				t.Errorf("a code two levels down: %q", r)
			}
		})
	}
}

func itoa(n int) string { return N(n).String() }

// The people layout in Markdown: the groups as the header over the
// measures in italics, themes bold, codes indented, what the numbers
// count above, how the table was made below.
func TestFreqPeopleMarkdown(t *testing.T) {
	p := demo(t)
	ft := demoFreq(t, p)
	about := &About{Project: "demo.avain", Coders: []string{"aino"}, Filters: []string{"--by kind"}, Version: "dev"}
	text := write(t, "md", about, FreqTable(ft, View{Layout: LayoutPeople}))
	lines := strings.Split(text, "\n")
	has := func(prefix string) bool {
		for _, l := range lines {
			if strings.HasPrefix(l, prefix) {
				return true
			}
		}
		return false
	}
	for _, want := range append(coding.CountsAbout("fi"),
		"| Koodi | kaikki (n = 10) |  |  |  |  | laji = asiakas (n = 6) |",
		"|  | *koodaukset* | *kohdat* | *dokumentit* | *dokumentit %* | *sanat* | *koodaukset* |",
		"| **Byrokratialoukut** | "+itoa(freqRow(t, ft, "Byrokratialoukut").Cells[0].Codings)+" |",
		"| &nbsp;&nbsp;Toistuvat liitepyynnöt | ",
		"| &nbsp;&nbsp;**Asiointikanavat** | ",
		"| &nbsp;&nbsp;&nbsp;&nbsp;Puhelinasiointi | ",
		"| Yhteensä | ",
		"Projekti: demo.avain", "Koodaajat: aino", "Valinnat: --by kind", "avain, versio dev") {
		if !has(want) {
			t.Errorf("no line starting %q in\n%s", want, text)
		}
	}
	if uuidLike.MatchString(text) {
		t.Error("an id in the people layout")
	}
	en := write(t, "md", nil, FreqTable(ft, View{Layout: LayoutPeople, Lang: "en"}))
	for _, want := range []string{"| Code | all (n = 10) |", "|  | *codings* | *passages* |", "| Total | ", coding.CountsAbout("en")[1]} {
		if !strings.Contains(en, want) {
			t.Errorf("English table lacks %q:\n%s", want, en)
		}
	}
}

// The people layout of co-occurrence: a band per top-level theme over
// its codes' columns, rows indented; the data layout a row per pair.
func TestCooccurLayouts(t *testing.T) {
	p := demo(t)
	ctx := context.Background()
	table, err := Cooccurrence(ctx, p, Options{Codes: []string{"Asiointi ja palvelupolku"}}, View{Layout: LayoutPeople, Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, write(t, "csv", nil, table), ',')
	if recs[0][1] != "Dealings and service flow" || recs[1][0] != "Code" || recs[1][1] != "Dealings and service flow" {
		t.Errorf("header rows %q", recs[:2])
	}
	if recs[2][0] != "▸ Dealings and service flow" {
		t.Errorf("first row %q", recs[2])
	}
	var deep []string
	for _, r := range recs {
		if r[0] == "    Phone" { // Puhelinasiointi
			deep = r
		}
	}
	m, _, err := CooccurrenceMatrix(ctx, p, Options{Codes: []string{"Asiointi ja palvelupolku"}})
	if err != nil {
		t.Fatal(err)
	}
	if deep == nil || len(deep) != 1+len(m.Codes) || strings.Join(deep[1:], ",") == strings.Repeat("0,", len(m.Codes)-1)+"0" {
		t.Errorf("Phone row %q", deep)
	}
	data, err := Cooccurrence(ctx, p, Options{Codes: []string{"Asiointi ja palvelupolku"}}, View{Layout: LayoutData})
	if err != nil {
		t.Fatal(err)
	}
	if len(data.Rows) != len(m.Codes)*len(m.Codes) || data.Header[0] != "code_id_a" || !uuidLike.MatchString(data.Rows[0][0].Text) {
		t.Errorf("data layout: %d rows, header %q, first %v", len(data.Rows), data.Header, data.Rows[0])
	}
}

// agreementResult compares the demo's two coders.
func agreementResult(t *testing.T, p *project.Project) *AgreementResult {
	t.Helper()
	res, err := Agreement(context.Background(), p, AgreementOptions{A: "aino", B: "ville"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) < 3 {
		t.Fatalf("only %d codes compared", len(res.Rows))
	}
	return res
}

// The agreement for people: codes indented and themes marked, the counts
// and coefficients under two bands, the pooled row last, labels in the
// language; as data, a row per code × measure with ids.
func TestAgreementLayouts(t *testing.T) {
	p := demo(t)
	res := agreementResult(t, p)
	at := AgreementTable(res, "aino", "ville", UnitTurn, View{Layout: LayoutPeople})
	fi := dropNotes(t, readCSV(t, write(t, "csv", nil, at), ','), at.Notes)
	if strings.Join(fi[0], "|") != "|Yksiköt|||||Yhtäpitävyys||" {
		t.Errorf("bands %q", fi[0])
	}
	if strings.Join(fi[1], "|") != "Koodi|yksiköt|molemmat|vain aino|vain ville|ei kumpikaan|yhtäpitävyys %|kappa|alfa" {
		t.Errorf("header %q", fi[1])
	}
	last := fi[len(fi)-1]
	if last[0] != "Kaikki koodit" || last[1] != itoa(res.Overall.Units()) || !strings.Contains(last[7], ",") {
		t.Errorf("pooled row %q (kappa with a decimal comma)", last)
	}
	indented, headings, i := 0, 0, 0
	for _, r := range fi[2 : len(fi)-1] {
		if r[1] == "" { // a theme heading its compared codes
			if !strings.Contains(r[0], "▸ ") {
				t.Errorf("heading %q is not a theme", r[0])
			}
			headings++
			continue
		}
		x := res.Rows[i]
		i++
		want := strings.Repeat("  ", len(x.Path)-1)
		if x.Parent {
			want += "▸ "
		}
		if want += x.Path[len(x.Path)-1]; r[0] != want || r[1] != itoa(x.Units()) {
			t.Errorf("%v shown as %q", x.Path, r[:2])
		}
		if len(x.Path) > 1 {
			indented++
		}
	}
	if i != len(res.Rows) || headings == 0 {
		t.Errorf("%d of %d codes shown, %d headings", i, len(res.Rows), headings)
	}
	if indented == 0 {
		t.Error("no code below a theme was compared: the indentation was not checked")
	}
	en := write(t, "md", nil, AgreementTable(res, "aino", "ville", UnitTurn, View{Layout: LayoutPeople, Lang: "en"}), DisagreementTable(res, View{Layout: LayoutPeople, Lang: "en"}))
	for _, want := range []string{"| Code | Units |", "| *units* | *both* | *only aino* | *only ville* |", "| All codes |", "### Disagreements", "| Document | turn | speaker |"} {
		if !strings.Contains(en, want) {
			t.Errorf("English agreement lacks %q:\n%s", want, en)
		}
	}
	data := AgreementTable(res, "aino", "ville", UnitTurn, View{Layout: LayoutData})
	if len(data.Rows) != 8*(len(res.Rows)+1) || data.Rows[0][0].Text != res.Rows[0].CodeID {
		t.Errorf("data layout: %d rows for %d codes", len(data.Rows), len(res.Rows))
	}
	for _, r := range data.Rows {
		if r[0].Text == res.Rows[0].CodeID && r[8].Text == "kappa" && r[9].Num != res.Rows[0].Kappa() && !(r[9].String() == "" && res.Rows[0].Kappa() != res.Rows[0].Kappa()) {
			t.Errorf("kappa %v, want %v", r[9].Num, res.Rows[0].Kappa())
		}
	}
}
