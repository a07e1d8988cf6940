package coding

import "time"

// The shapes below are what the store hands to its readers (the UI, the
// exports, the command): plain values of the domain, so those readers
// depend on coding and project, never on SQL.

// DocSummary is one row of the document list.
type DocSummary struct {
	ID      string            `json:"id"`
	Name    string            `json:"name"`
	Kind    string            `json:"kind"`
	Lang    string            `json:"lang"`
	Format  string            `json:"format"`
	Attrs   map[string]string `json:"attrs"`
	Words   int               `json:"words"`
	Turns   int               `json:"turns"`
	Codings int               `json:"codings"`
	// CodedTurns counts the turns that some live coding covers part of.
	CodedTurns int       `json:"coded_turns"`
	Coder      string    `json:"coder"`
	Created    time.Time `json:"created"`
}

// CodingFilter narrows Codings; empty fields match everything.
type CodingFilter struct {
	DocumentID string
	CodeIDs    []string // any of these codes
	Coder      string
	// Bare leaves out what counting does not need, for speed over
	// 100,000s of codings: the codings come in no order, without ids,
	// times or memos.
	Bare bool
}

// CodeCounts are a code's numbers: its codings, passages and documents,
// as CountCodes counts them (the code and its child codes together), and
// Own, its codings with the code itself.
type CodeCounts struct{ Codings, Passages, Documents, Own int }

// ChangeMark names the state of the project as far as a reader of it
// cares: it differs whenever anyone, in any process, imports, codes,
// uncodes, writes a memo, edits the codebook, merges or pseudonymises.
// Two marks are compared with ==. Reading positions do not change it.
type ChangeMark struct {
	// Content is the content version: documents (their text and turns).
	Content string
	// Audit counts the entries of the append-only audit log, which every
	// change above writes in its own transaction.
	Audit int64
}
