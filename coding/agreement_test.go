package coding

import (
	"math"
	"slices"
	"sort"
	"strings"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 0.0005 }

// alphaNominal is Krippendorff's alpha for nominal values in general: any
// number of coders, values "" for missing. units[u][c] is coder c's value
// for unit u. Units with fewer than two values are not pairable and are
// left out. NaN when fewer than two values remain or all are the same.
// It is the tests' oracle: checked against Krippendorff's published
// examples, it checks the binary Agreement.Alpha on any table.
func alphaNominal(units [][]string) float64 {
	// The coincidence matrix: o[c][k] sums, over units, the ordered pairs
	// of values (c, k) from different coders, each weighted 1/(m_u − 1).
	o := map[[2]string]float64{}
	nc := map[string]float64{}
	n := 0.0
	for _, u := range units {
		var vals []string
		for _, v := range u {
			if v != "" {
				vals = append(vals, v)
			}
		}
		m := len(vals)
		if m < 2 {
			continue
		}
		for i, a := range vals {
			for j, b := range vals {
				if i != j {
					o[[2]string{a, b}] += 1 / float64(m-1)
				}
			}
		}
		for _, v := range vals {
			nc[v]++
		}
		n += float64(m)
	}
	if n < 2 || len(nc) < 2 {
		return math.NaN()
	}
	disagree := 0.0
	for pair, v := range o {
		if pair[0] != pair[1] {
			disagree += v
		}
	}
	var values []string
	for v := range nc {
		values = append(values, v)
	}
	sort.Strings(values)
	expected := 0.0
	for _, c := range values {
		for _, k := range values {
			if c != k {
				expected += nc[c] * nc[k]
			}
		}
	}
	return 1 - (n-1)*disagree/expected
}

// Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability.
// Annenberg School for Communication, University of Pennsylvania,
// Departmental Papers (ASC) 43. Example A: binary data, two observers, no
// missing data, ten units; alpha = 0.095.
func TestAlphaKrippendorffExampleA(t *testing.T) {
	obsA := []int{0, 1, 0, 0, 0, 0, 0, 0, 1, 0}
	obsB := []int{1, 1, 1, 0, 0, 1, 0, 0, 0, 0}
	var a Agreement
	var units [][]string
	for i := range obsA {
		switch {
		case obsA[i] == 1 && obsB[i] == 1:
			a.Both++
		case obsA[i] == 1:
			a.OnlyA++
		case obsB[i] == 1:
			a.OnlyB++
		default:
			a.Neither++
		}
		units = append(units, []string{string(rune('0' + obsA[i])), string(rune('0' + obsB[i]))})
	}
	if got := a.Alpha(); !near(got, 0.095) {
		t.Errorf("alpha = %.4f, want 0.095 (Krippendorff 2011, example A)", got)
	}
	if got := alphaNominal(units); !near(got, 0.095) {
		t.Errorf("general alpha = %.4f, want 0.095", got)
	}
	// By hand on the same table: po = 6/10; the coders code 2/10 and 4/10
	// of the units, so pe = .2·.4 + .8·.6 = .56; kappa = .04/.44.
	if got := a.Kappa(); !near(got, 0.04/0.44) {
		t.Errorf("kappa = %.4f, want %.4f", got, 0.04/0.44)
	}
	if got := a.Percent(); got != 0.6 {
		t.Errorf("percent = %v, want 0.6", got)
	}
}

// Krippendorff (2011), example C: nominal data, four observers, twelve
// units, missing values; alpha = 0.743.
func TestAlphaKrippendorffExampleC(t *testing.T) {
	rows := []string{ // observers A–D, units 1–12; "." is missing
		"1 2 3 3 2 1 4 1 2 . . .",
		"1 2 3 3 2 2 4 1 2 5 . 3",
		". 3 3 3 2 3 4 2 2 5 1 .",
		"1 2 3 3 2 4 4 1 2 5 1 .",
	}
	units := make([][]string, 12)
	for _, r := range rows {
		for u, v := range strings.Fields(r) {
			if v == "." {
				v = ""
			}
			units[u] = append(units[u], v)
		}
	}
	if got := alphaNominal(units); !near(got, 0.743) {
		t.Errorf("alpha = %.4f, want 0.743 (Krippendorff 2011, example C)", got)
	}
}

// Cohen's kappa on the example of Wikipedia's "Cohen's kappa" article
// ("Simple example": 50 grant proposals, both yes 20, only A yes 5, only B
// yes 10, both no 15): po = 0.7, pe = 0.5, kappa = 0.4.
func TestKappaWorkedExample(t *testing.T) {
	a := Agreement{Both: 20, OnlyA: 5, OnlyB: 10, Neither: 15}
	if got := a.Kappa(); !near(got, 0.4) {
		t.Errorf("kappa = %.4f, want 0.4", got)
	}
	if got := a.Percent(); !near(got, 0.7) {
		t.Errorf("percent = %.4f, want 0.7", got)
	}
	// The binary alpha agrees with the general one on any table.
	var units [][]string
	for range a.Both {
		units = append(units, []string{"y", "y"})
	}
	for range a.OnlyA {
		units = append(units, []string{"y", "n"})
	}
	for range a.OnlyB {
		units = append(units, []string{"n", "y"})
	}
	for range a.Neither {
		units = append(units, []string{"n", "n"})
	}
	if x, y := a.Alpha(), alphaNominal(units); !near(x, y) {
		t.Errorf("binary alpha %.4f, general %.4f", x, y)
	}
}

func TestAgreementUndefinedAndSpans(t *testing.T) {
	all := Agreement{Both: 5}
	if !math.IsNaN(all.Kappa()) || !math.IsNaN(all.Alpha()) || all.Percent() != 1 {
		t.Errorf("both coded everything: kappa %v alpha %v percent %v", all.Kappa(), all.Alpha(), all.Percent())
	}
	if !math.IsNaN((Agreement{}).Percent()) {
		t.Error("no units: percent should be undefined")
	}
	// Text of 100 characters: A coded [0,10) and [20,30) (20 characters),
	// B coded [5,25) and [25,26) (touching: [5,26), 21 characters). Both:
	// [5,10) + [20,26) = 11; only A 20-11 = 9; only B 21-11 = 10; neither
	// 100-11-9-10 = 70.
	got := SpanAgreement([]Span{{0, 10}, {20, 30}}, []Span{{5, 25}, {25, 26}}, 100)
	want := Agreement{Both: 11, OnlyA: 9, OnlyB: 10, Neither: 70}
	if got != want {
		t.Errorf("spans: %+v, want %+v", got, want)
	}
}

func TestTurnAgreement(t *testing.T) {
	// Five turns of ten code points. A codes turns 1 and 3 (a span that
	// ends where turn 4 starts touches only turn 3); B codes 3 and 5.
	var turns []Turn
	for i := range 5 {
		turns = append(turns, Turn{N: i + 1, Start: 10 * i, End: 10*i + 10})
	}
	a := []Span{{2, 4}, {25, 30}}
	b := []Span{{20, 21}, {49, 50}}
	got, differ := TurnAgreement(turns, a, b)
	if want := (Agreement{Both: 1, OnlyA: 1, OnlyB: 1, Neither: 2}); got != want {
		t.Errorf("table %+v, want %+v", got, want)
	}
	if want := []TurnDiff{{Turn: 0, ByA: true}, {Turn: 4, ByA: false}}; !slices.Equal(differ, want) {
		t.Errorf("differ %+v, want %+v", differ, want)
	}
}
