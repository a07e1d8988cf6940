// Package report writes the report of a study as one self-contained HTML
// page for a funder, a steering group or a paper's supplement: the study
// in numbers, the themes table with bar charts by group, the co-occurrence
// heat map, the coders' agreement, quotations per code, what every number
// counts and the codebook as an appendix, with Finnish or English labels.
//
// The page needs no network: its style sheet and its charts (SVG) are
// inline, it names no outside address, and it prints on paper through its
// print style sheet. The numbers come from package export's public API
// (Frequencies, Cooccurrence, Agreement, Quotations) and the charts from
// package chart; report imports only coding, export and chart from the
// module, and writes to an io.Writer: the command writes the file.
package report
