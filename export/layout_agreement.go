package export

import (
	"fmt"
	"strings"

	"github.com/toituavain/avain/coding"
)

// agreementNotes say what an agreement table compares and counts.
func agreementNotes(r *AgreementResult, a, b, unit string, v View) []string {
	unitName := v.word(map[string]string{UnitTurn: "puheenvuoro", UnitChar: "merkki"}[unit], unit)
	if unitName == "" {
		unitName = unit
	}
	return []string{
		fmt.Sprintf(v.word("Koodaajat %s ja %s niissä %d dokumentissa, jotka kumpikin koodasi; yksikkö: %s.",
			"Coders %s and %s over the %d documents both coded; unit: %s."), a, b, len(r.Documents), unitName),
		v.word("Kappa on Cohenin kappa, alfa Krippendorffin alfa (nominaali). Tyhjä, kun arvoa ei ole määritelty (koodaaja koodasi joka yksikön tai ei yhtään).",
			"Kappa is Cohen's kappa; alpha is Krippendorff's alpha (nominal). Empty where undefined (a coder coded every unit or none)."),
		v.word("Kukin koodi lasketaan omista koodauksistaan; viimeinen rivi yhdistää kaikkien koodien yksiköt.",
			"Each code counts its own codings; the last row pools every code's units."),
	}
}

// AgreementTable lays the agreement of coders a and b out in the view's
// layout. For people: a row per code (indented by depth, themes marked,
// a theme compared only through its codes as a heading without numbers)
// and the pooled row; the units both, only one or neither coder coded,
// percent agreement, kappa and alpha under two bands; a chart of kappa
// per code. As data: a row per code × measure (units, both, only_a,
// only_b, neither, percent, kappa, alpha), with the coders and the unit.
func AgreementTable(r *AgreementResult, a, b, unit string, v View) Table {
	notes := agreementNotes(r, a, b, unit, v)
	if v.data() {
		return agreementData(r, a, b, unit, notes)
	}
	out := Table{Name: v.word("Yhtäpitävyys", "Agreement"), People: true, Lang: v.Lang, Notes: notes,
		Header: []string{v.word("Koodi", "Code"), v.word("yksiköt", "units"), v.word("molemmat", "both"),
			v.word("vain ", "only ") + a, v.word("vain ", "only ") + b, v.word("ei kumpikaan", "neither"),
			v.word("yhtäpitävyys %", "agreement %"), "kappa", v.word("alfa", "alpha")},
		Bands: []Band{{Span: 1}, {Label: v.word("Yksiköt", "Units"), Span: 5}, {Label: v.word("Yhtäpitävyys", "Agreement"), Span: 3}}}
	chart := &Chart{Title: v.word("Cohenin kappa koodeittain", "Cohen's kappa by code"), Cols: []int{7},
		Series: []string{v.word("Cohenin kappa", "Cohen's kappa")}}
	row := func(name Cell, g coding.Agreement) []Cell {
		return []Cell{name, N(g.Units()), N(g.Both), N(g.OnlyA), N(g.OnlyB), N(g.Neither), P(g.Percent()), F(g.Kappa()), F(g.Alpha())}
	}
	var shown []string // the path of the last row
	for _, x := range r.Rows {
		// A theme no coder applied itself heads its codes, without numbers.
		for depth, name := range x.Path[:len(x.Path)-1] {
			if depth < len(shown) && shown[depth] == name {
				continue
			}
			shown = append(shown[:depth:depth], name) // never into a row's own path
			heading := []Cell{C(name, depth, true)}
			for range len(out.Header) - 1 {
				heading = append(heading, T(""))
			}
			out.Rows = append(out.Rows, heading)
		}
		shown = x.Path
		chart.Rows = append(chart.Rows, len(out.Rows))
		out.Rows = append(out.Rows, row(C(x.Path[len(x.Path)-1], len(x.Path)-1, x.Parent), x.Agreement))
	}
	out.Rows = append(out.Rows, row(C(v.word("Kaikki koodit", "All codes"), 0, false), r.Overall))
	if len(chart.Rows) > 0 {
		out.Chart = chart
	}
	return out
}

// agreementData is the agreement in the data layout.
func agreementData(r *AgreementResult, a, b, unit string, notes []string) Table {
	out := Table{Name: "agreement", Notes: notes, Header: []string{"code_id", "code_path", "depth", "is_theme",
		"coder_a", "coder_b", "unit", "documents", "measure", "value"}}
	add := func(head []Cell, g coding.Agreement) {
		for _, m := range []struct {
			name string
			v    Cell
		}{{"units", N(g.Units())}, {"both", N(g.Both)}, {"only_a", N(g.OnlyA)}, {"only_b", N(g.OnlyB)},
			{"neither", N(g.Neither)}, {"percent", R(g.Percent())}, {"kappa", R(g.Kappa())}, {"alpha", R(g.Alpha())}} {
			out.Rows = append(out.Rows, append(head[:len(head):len(head)], T(a), T(b), T(unit), N(len(r.Documents)), T(m.name), m.v))
		}
	}
	for _, x := range r.Rows {
		add([]Cell{T(x.CodeID), T(strings.Join(x.Path, "/")), N(len(x.Path) - 1), T(boolText(x.Parent))}, x.Agreement)
	}
	add([]Cell{T(""), T("(all codes)"), N(0), T("true")}, r.Overall)
	return out
}

// DisagreementTable lists the disagreements, a row per turn and code:
// for people with labels in the view's language, as data with the
// document, turn, speaker, code_path, coded_by and text.
func DisagreementTable(r *AgreementResult, v View) Table {
	t := Table{Name: "disagreements", Header: []string{"document", "turn", "speaker", "code_path", "coded_by", "text"}}
	if !v.data() {
		t = Table{Name: v.word("Erimielisyydet", "Disagreements"), People: true, Lang: v.Lang,
			Header: []string{v.word("Dokumentti", "Document"), v.word("vuoro", "turn"), v.word("puhuja", "speaker"),
				v.word("koodi", "code"), v.word("koodannut", "coded by"), v.word("teksti", "text")}}
	}
	for _, d := range r.Disagreements {
		t.Rows = append(t.Rows, []Cell{T(d.Doc), N(d.Turn), T(d.Speaker), T(d.Code), T(d.Coder), T(d.Text)})
	}
	return t
}
