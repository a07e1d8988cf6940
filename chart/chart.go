package chart

import (
	"errors"
	"io"

	"github.com/toituavain/avain/coding"
)

// Options say how a chart is drawn.
type Options struct {
	Format  string  // svg, png or pdf
	Width   float64 // points; 0 = the default
	Height  float64 // points; 0 = the default
	Lang    string  // fi (default) or en: the language of labels
	Measure string  // what a bar counts: codings (default), passages, documents, share or words
	Level   string  // "themes" (top-level codes) or "codes" (every code); "" = codes
	Title   string  // "" = a title saying what is counted
}

// FreqBars draws a theme table t as grouped bars: one group of bars per
// group of documents (the overall group alone when t is not split), one
// bar per code or theme in its codebook colour.
func FreqBars(w io.Writer, t coding.FreqTable, cb *coding.Codebook, o Options) error {
	return errors.New("chart: not yet drawn")
}

// Matrix is a square code × code matrix of counts, Labels naming its rows
// and columns in order.
type Matrix struct {
	Labels []string
	Counts [][]int
}

// Heatmap draws m as a heat map, darker for higher counts, each cell
// labelled with its count.
func Heatmap(w io.Writer, m Matrix, o Options) error {
	return errors.New("chart: not yet drawn")
}

// AgreementBar is one code's agreement of two coders: its label, its
// colour ("#rrggbb", "" for a palette colour), Cohen's kappa and the
// percent agreement (0–100).
type AgreementBar struct {
	Label          string
	Color          string
	Kappa, Percent float64
}

// AgreementBars draws the agreement per code: kappa and percent agreement
// side by side for each code.
func AgreementBars(w io.Writer, bars []AgreementBar, o Options) error {
	return errors.New("chart: not yet drawn")
}
