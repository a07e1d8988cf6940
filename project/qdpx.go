package project

import (
	"fmt"

	"github.com/toituavain/avain/store"
)

// QDPXReport says what an exchange with a REFI-QDA project carried.
type QDPXReport struct {
	Documents, Codes, Codings, Memos, Users int
	Duplicates                              []string // documents already in the project, by name
	Skipped                                 []string // what could not be carried, a line each
	// Changed says, a line each, what was carried other than the file
	// has it (a selection partly outside its text, cut to the text).
	Changed []string
	// Conflicts are the file's codes that would have renamed, moved or
	// taken the shortcut of a code here, and how each was resolved.
	Conflicts []store.MergeConflict
}

// Summary is the report's counts on one line: "10 documents, 71 codes,
// 412 codings by 2 coders, 0 memos".
func (r QDPXReport) Summary() string {
	n := func(k int, one, many string) string {
		if k == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%d %s", k, many)
	}
	return n(r.Documents, "document", "documents") + ", " + n(r.Codes, "code", "codes") + ", " +
		n(r.Codings, "coding", "codings") + " by " + n(r.Users, "coder", "coders") + ", " + n(r.Memos, "memo", "memos")
}
