// Package coding is avain's domain: documents and their speaker turns,
// codes, codings and memos, and the rules that keep them consistent.
//
// It is pure: it imports only the standard library, knows nothing of SQL,
// bleve or the terminal, and names what it needs from storage as small
// interfaces and error values. Positions are 0-based Unicode code-point
// offsets into a document's NFC text, end exclusive (the REFI-QDA
// convention).
package coding
