// Package project ties an avain project's parts together: the SQLite store
// (the truth) and the bleve search index beside it (derived data, rebuilt
// whenever it is missing, stale, unreadable or made with another analysis),
// and the workflows that touch both, such as importing transcript files.
//
// It is the one package that joins the store to the rest: it imports
// coding, store, search, transcript, refiqda, pseudo, codebooks, demo and
// voikko (the allowed imports of every package are in one table, checked
// by arch_test.go at the module root). cmd/avain and the TUI call it; the
// TUI and the exports never import store.
package project
