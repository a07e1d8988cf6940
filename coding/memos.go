package coding

// MemoProject names the project itself as a memo's target; its target id
// is ProjectMemoID.
const MemoProject MemoTarget = "project"

// ProjectMemoID is the target id of the project memo: there is one project.
const ProjectMemoID = "project"

// MemoEntry is one live memo in the list of memos: what it is written on,
// by whom and when. Superseded marks an older memo on a target that has a
// newer one (two copies each wrote one, and a team merge kept both): the
// project reads the newer, the older is listed so that it is not lost.
type MemoEntry struct {
	Record
	Target     MemoTarget
	TargetID   string
	Text       string
	Superseded bool

	// Where the target is: the document of a document or coding memo, and
	// a coding memo's code and span.
	DocumentID string
	CodeID     string
	Start, End int
}
