// Package search is avain's full-text index of speaker turns: one bleve
// document per turn, so that every hit is a passage a researcher can code.
//
// The index is derived data. SQLite is the truth; the index records which
// analysis built it and which project content version it reflects, and
// OpenWith reports it stale when either differs, so that the caller rebuilds it.
//
// Several processes share an index: any number of readers (OpenWith with
// ReadOnly) and one writer at a time, each waiting a bounded time for the
// others before ErrBusy. The folder holds generations of the index (see
// generation.go): a rebuild writes a new one while readers read the old.
//
// Finnish turns are analysed with the analysis of package search/finnish
// (base forms, so that a search for "toimeentulotuki" finds
// "toimeentulotuen"), English turns with bleve's English analyzer. Queries
// mean what web and library search mean (every word required, OR, -word,
// field:value filters; see parseQuery), with bleve's query-string syntax
// inside each term; words without a field search both languages, each
// with its own analyzer. Hits carry code-point offsets into
// the document text, a snippet and the spans to highlight in it.
//
// It may import the standard library, bleve, avain's coding package and
// search/finnish; nothing else from avain.
package search
