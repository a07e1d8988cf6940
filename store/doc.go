// Package store keeps an avain project in one SQLite file: the migrations
// that shape it, opening and creating it safely, transactions, and the
// queries behind every command. It implements persistence for the domain
// in package coding and may import coding, the SQLite driver
// (modernc.org/sqlite, pure Go) and the standard library.
//
// SQLite is the truth; the search index beside the project is derived from
// it. Every write is one transaction that is committed before a command
// reports it done.
package store
