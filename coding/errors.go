package coding

import "errors"

// Error kinds shared by every layer; wrap them with context and test them
// with errors.Is.
var (
	// ErrNotFound: the named record does not exist (or is deleted).
	ErrNotFound = errors.New("not found")
	// ErrConflict: the change clashes with what is stored, e.g. a duplicate.
	ErrConflict = errors.New("conflict")
	// ErrInvalid: the input breaks a domain rule.
	ErrInvalid = errors.New("invalid")
	// ErrDuplicate: the same content is already stored.
	ErrDuplicate = errors.New("already imported")
)
