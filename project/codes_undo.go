package project

import "github.com/toituavain/avain/store"

// CodeMerge is what a recorded code merge changed, for UnmergeCode (the
// terminal UI keeps it to undo the merge; it may not import store).
type CodeMerge = store.CodeMerge

// CodeDeletion is what a recorded code deletion changed, for RestoreCode.
type CodeDeletion = store.CodeDeletion

// ErrChangedElsewhere: an undo found a record changed since the edit, and
// wrote nothing.
var ErrChangedElsewhere = store.ErrChangedElsewhere

// ErrCodeInUse: a code with codings or child codes is deleted only by force.
var ErrCodeInUse = store.ErrCodeInUse
