package refiqda

import "time"

// The avain extension of a .qdpx: what REFI-QDA has no place for, kept in
// the archive under avain/ so that avain → .qdpx → avain loses nothing.
// Other tools read project.qde and the files it names, and pass these
// entries by; a file without them reads as any other tool's.
//
//	avain/project.json             ExtProject
//	avain/sources/<guid>.json      ExtSource, one per text source with turns
const (
	extProjectEntry = "avain/project.json"
	extSourceDir    = "avain/sources/"
	// ExtVersion is the version of the extension avain writes.
	ExtVersion = 1
)

// extSourceEntry is the archive entry of a source's ExtSource.
func extSourceEntry(sourceGUID string) string { return extSourceDir + sourceGUID + ".json" }

// ExtProject is what avain keeps of the project beside project.qde.
type ExtProject struct {
	Version int `json:"version"`
	// Codes are who made each code and when, by code guid (Code has no
	// creatingUser or dates in Project.xsd).
	Codes map[string]ExtRecord `json:"codes,omitempty"`
	// Memos are the authors and times of the memos written as a
	// Description (which has none), by the id of what they are on: a
	// source guid, a coding guid, or "project" for the project memo.
	Memos map[string]ExtRecord `json:"memos,omitempty"`
}

// ExtRecord is who made a record (a coder's name) and when.
type ExtRecord struct {
	Coder   string    `json:"coder,omitempty"`
	Created time.Time `json:"created,omitzero"`
	Updated time.Time `json:"updated,omitzero"`
}

// ExtSource is what avain keeps of a text source beside project.qde: the
// format it was imported from and its speaker turns, in code points of
// the source's text. Hash is coding.ContentHash of that text: a reader
// uses the turns only when the text it read has the same hash.
type ExtSource struct {
	Hash   string    `json:"hash"`
	Format string    `json:"format,omitempty"`
	Turns  []ExtTurn `json:"turns,omitempty"`
}

// ExtTurn is one speaker turn: [Start, End) in code points, and its
// times in the recording in milliseconds when HasTime.
type ExtTurn struct {
	Speaker   string `json:"speaker,omitempty"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	TimeMs    int64  `json:"time_ms,omitempty"`
	TimeEndMs int64  `json:"time_end_ms,omitempty"`
	HasTime   bool   `json:"has_time,omitempty"`
}
