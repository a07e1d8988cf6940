// Package project ties an avain project's parts together: the SQLite store
// (the truth) and the bleve search index beside it (derived data, rebuilt
// whenever it is missing, stale, unreadable or made with another analysis),
// and the workflows that touch both, such as importing transcript files.
//
// It may import coding, store, search, transcript and the standard library;
// cmd/avain and the TUI call it.
package project
