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
	extDir          = "avain/"
	extProjectEntry = extDir + "project.json"
	extSourceDir    = extDir + "sources/"
	// ExtVersion is the version of the extension avain writes.
	ExtVersion = 1
)

// extSourceEntry is the archive entry of a source's ExtSource.
func extSourceEntry(sourceGUID string) string { return extSourceDir + sourceGUID + ".json" }

// ExtProject is what avain keeps of the project beside project.qde.
type ExtProject struct {
	Version int `json:"version"`
	// Codes are who made each code and when (Code has no creatingUser or
	// dates in Project.xsd), and the exact fields its Description folds,
	// by code guid.
	Codes map[string]ExtCode `json:"codes,omitempty"`
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

// ExtCode is what avain keeps of a code: who made it and when, and the
// fields its Description folds (Entry; absent in files of avain before
// it was kept). A reader takes Entry only while the code's Description is
// still the fold of it: then every field comes back exactly, even one
// whose text looks like a label.
type ExtCode struct {
	ExtRecord
	Entry *ExtEntry `json:"entry,omitempty"`
}

// ExtEntry is a code's codebook entry, both its names and its shortcut.
type ExtEntry struct {
	NameFi     string `json:"name_fi,omitempty"`
	NameEn     string `json:"name_en,omitempty"`
	Shortcut   string `json:"shortcut,omitempty"`
	ShortDef   string `json:"short_def,omitempty"`
	Definition string `json:"definition,omitempty"`
	WhenToUse  string `json:"when_use,omitempty"`
	WhenNotUse string `json:"when_not,omitempty"`
	Example    string `json:"example,omitempty"`
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
