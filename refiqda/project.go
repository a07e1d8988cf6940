package refiqda

import (
	"io"
	"time"

	"github.com/google/uuid"
	"github.com/toituavain/avain/coding"
)

// Project is a REFI-QDA project (.qdpx) as avain reads and writes it:
// the tool-neutral content, positions in code points of avain's form of
// each text (line ends "\n", NFC).
type Project struct {
	Name   string
	Origin string            // the tool that wrote it
	Users  map[string]string // user guid -> name
	Codes  []*coding.Code    // parents before children, ids from guids
	Memos  map[string]string // code id -> memo
	// Memo is the project memo: the project's Description.
	Memo string
	// MemoStamps are the authors and times of memos, by the id of what
	// they are on (code id, source guid, coding guid); a memo without one
	// is stamped with the export time and no author.
	MemoStamps map[string]Stamp
	Sources    []*Source
	// Notes are project notes no source, code or coding refers to; avain
	// has no place for them and reports them.
	Notes []string
	// Skipped says, a line each, what of the file could not be read (a
	// source's own selections are in its Skipped and Changed).
	Skipped []string
	// Changed says, a line each, what of the file is kept other than it
	// has it (a set as a document attribute, a category kept codable, an
	// avain/ entry not used).
	Changed []string
	// Annotations counts the annotations (a Note on a span, a selection
	// with a memo and no coding) read as codings of AnnotationsCode.
	Annotations int
	// AnnotationsCode is the id of the code annotations are codings of.
	AnnotationsCode string
	// ForeignDescriptions are the codes (by id) whose Description is not
	// in the form avain folds a codebook entry into (another tool wrote or
	// changed it): all of it went into Definition, so it must not replace
	// the definition parts of a code here.
	ForeignDescriptions map[string]bool
	closer              io.Closer // the file the sources are read from
}

// Source is a text document with its attributes, memo and codings. A
// source of an opened project has its Text and Selections only once
// loaded (see Load).
type Source struct {
	GUID  string // canonical lowercase
	Name  string
	Text  string
	Attrs map[string]string // variable name -> value
	Memo  string
	Stamp Stamp // who made the document, and when
	// Format is the format the document was imported from (txt, vtt, ...)
	// and Turns its speaker turns in code points of Text, when avain
	// wrote the file (its avain/ entries); empty otherwise.
	Format     string
	Turns      []coding.Turn
	Selections []Selection
	// Entry is the archive entry its text is read from ("" when the text
	// is inline in the .qde, or the source was made in memory).
	Entry string
	// Skipped and Changed say, a line each, which of its selections Load
	// dropped (empty, or wholly outside the text) and which it cut to the
	// text (partly outside).
	Skipped, Changed []string

	load    func() (string, error) // the raw text
	raw     func() (string, error) // the same, kept until Load for the file's tally of units
	file    *fileUnits             // what the file's named selections say of units
	pending []pendingSelection     // the selections as written
	units   Units                  // how the writing tool counts positions
	ext     *ExtSource             // its avain/sources entry, when the archive has one
}

// Selection is a coded span of a source.
type Selection struct {
	GUID       string
	Start, End int // code points of Source.Text, end exclusive
	Codings    []Coding
}

// Coding applies a code to a selection.
type Coding struct {
	GUID     string
	CodeGUID string
	User     string // user guid
	Created  time.Time
	Updated  time.Time
	Memo     string
}

// Stamp is who made a record (a user guid) and when it was made and last
// changed.
type Stamp struct {
	User             string
	Created, Updated time.Time
}

// textVariable is the type avain gives every attribute.
const textVariable = "Text"

// derived makes a stable guid from a seed and a kind ("selection", "note").
func derived(kind, seed string) string {
	return uuid.NewSHA1(guidSpace, []byte(kind+":"+seed)).String()
}

// DerivedGUID is a stable guid for a thing of kind ("selection", "note")
// made from seed (an id), so a project exported twice has the same guids.
func DerivedGUID(kind, seed string) string { return derived(kind, seed) }

// UserGUID is the guid avain gives a coder: stable across exports.
func UserGUID(name string) string { return derived("user", name) }

// Close releases the file an opened project reads its sources from.
func (p *Project) Close() error {
	if p.closer == nil {
		return nil
	}
	err := p.closer.Close()
	p.closer = nil
	return err
}
