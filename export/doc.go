// Package export turns a project's codings into the tables researchers
// take out of it: coded frequencies split by document attributes (theme
// tables), code co-occurrence, coded segments for quotations and the
// agreement of two coders; and writes them as CSV, TSV, Markdown, JSON or
// XLSX.
//
// The arithmetic lives in package coding; this package reads what it
// needs through Source (which *project.Project satisfies) and lays the
// results out. It imports only coding, excelize (for XLSX) and the
// standard library: never the store.
package export
