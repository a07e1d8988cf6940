package coding

import "math"

// Agreement of two coders on whether a code applies, unit by unit (a
// speaker turn, or a character). The counts are a 2×2 table; the measures
// follow from it.
type Agreement struct {
	Both    int // units both coders coded
	OnlyA   int // units only the first coder coded
	OnlyB   int // units only the second coder coded
	Neither int // units neither coded
}

// Units is the number of units compared.
func (a Agreement) Units() int { return a.Both + a.OnlyA + a.OnlyB + a.Neither }

// Add sums two tables (for an overall figure pooled over codes).
func (a Agreement) Add(b Agreement) Agreement {
	return Agreement{a.Both + b.Both, a.OnlyA + b.OnlyA, a.OnlyB + b.OnlyB, a.Neither + b.Neither}
}

// Percent is the share of units on which the coders agree, 0–1 (NaN
// without units).
func (a Agreement) Percent() float64 {
	n := a.Units()
	if n == 0 {
		return math.NaN()
	}
	return float64(a.Both+a.Neither) / float64(n)
}

// Kappa is Cohen's kappa: (po − pe) / (1 − pe), where po is the observed
// agreement and pe the agreement expected from each coder's own rate of
// coding. NaN when pe is 1 (both coders coded every unit, or none).
func (a Agreement) Kappa() float64 {
	n := float64(a.Units())
	if n == 0 {
		return math.NaN()
	}
	po := float64(a.Both+a.Neither) / n
	pa := float64(a.Both+a.OnlyA) / n // the first coder's rate of "coded"
	pb := float64(a.Both+a.OnlyB) / n
	pe := pa*pb + (1-pa)*(1-pb)
	if pe == 1 {
		return math.NaN()
	}
	return (po - pe) / (1 - pe)
}

// Alpha is Krippendorff's alpha for nominal data, two coders and no
// missing values: 1 − (n − 1) · D / (n₀ · n₁), with n = 2 · units values,
// D the units the coders disagree on, and n₀, n₁ how many values are
// "not coded" and "coded". NaN when every value is the same.
func (a Agreement) Alpha() float64 {
	n := 2 * float64(a.Units())
	n1 := float64(2*a.Both + a.OnlyA + a.OnlyB)
	n0 := n - n1
	if n0 == 0 || n1 == 0 {
		return math.NaN()
	}
	return 1 - (n-1)*float64(a.OnlyA+a.OnlyB)/(n0*n1)
}

// SpanAgreement compares, over a text of length total code points, the
// characters two coders coded (each coder's spans, overlapping or not):
// NVivo's unit of agreement.
func SpanAgreement(a, b []Span, total int) Agreement {
	ma, mb := MergeSpans(a), MergeSpans(b)
	la, lb := spanLen(ma), spanLen(mb)
	both := 0
	i, j := 0, 0
	for i < len(ma) && j < len(mb) {
		lo, hi := max(ma[i].Start, mb[j].Start), min(ma[i].End, mb[j].End)
		if hi > lo {
			both += hi - lo
		}
		if ma[i].End < mb[j].End {
			i++
		} else {
			j++
		}
	}
	return Agreement{Both: both, OnlyA: la - both, OnlyB: lb - both, Neither: total - la - lb + both}
}

func spanLen(ss []Span) int {
	n := 0
	for _, s := range ss {
		n += s.End - s.Start
	}
	return n
}

// TurnDiff is a turn where one coder applied a code and the other did not.
type TurnDiff struct {
	Turn int  // index into the turns compared
	ByA  bool // coder A applied it (else coder B)
}

// TurnAgreement compares two coders' spans of one code over the turns of
// a document, a turn being the unit: a coder applied the code in a turn
// when one of the coder's spans overlaps it. It returns the 2×2 table and
// the turns where only one coder applied it.
func TurnAgreement(turns []Turn, a, b []Span) (Agreement, []TurnDiff) {
	var t Agreement
	var differ []TurnDiff
	for i, tn := range turns {
		u := Span{Start: tn.Start, End: tn.End}
		ina, inb := overlapsAny(a, u), overlapsAny(b, u)
		switch {
		case ina && inb:
			t.Both++
		case ina:
			t.OnlyA++
		case inb:
			t.OnlyB++
		default:
			t.Neither++
		}
		if ina != inb {
			differ = append(differ, TurnDiff{Turn: i, ByA: ina})
		}
	}
	return t, differ
}

func overlapsAny(spans []Span, u Span) bool {
	for _, s := range spans {
		if s.Overlaps(u) {
			return true
		}
	}
	return false
}
