// Package chart draws a project's numbers as pictures for a paper or a
// report: theme frequencies as grouped bars in the codes' own colours,
// code co-occurrence as a heat map, and the agreement of two coders per
// code. Each chart is written as SVG (embeddable inline in HTML), PNG or
// PDF, with fonts that carry Finnish letters (ä, ö, å).
//
// It draws with gonum.org/v1/plot (pure Go, no cgo) and imports only
// coding from the module: the numbers come from package export.
package chart
