package transcript

import (
	"errors"
	"fmt"
)

// Error kinds of this package; test them with errors.Is. The messages of
// the errors returned say what went wrong in one line and wrap one of these.
var (
	// ErrBinary: the file holds binary data, not text.
	ErrBinary = errors.New("binary file, not a transcript")
	// ErrEmpty: the file has no text.
	ErrEmpty = errors.New("empty transcript")
	// ErrBrokenArchive: a .docx or .odt file is not a readable document.
	ErrBrokenArchive = errors.New("broken document archive")
	// ErrEncoding: the text is in no encoding this package reads.
	ErrEncoding = errors.New("undecodable text")
	// ErrFormat: the file's extension or format name is not supported.
	ErrFormat = errors.New("unsupported format")
	// ErrSyntax: a subtitle or CSV file breaks its format's syntax.
	ErrSyntax = errors.New("malformed file")
)

// kindError is an error with its own message that is one of the kinds above.
type kindError struct {
	kind error
	msg  string
}

func (e *kindError) Error() string { return e.msg }
func (e *kindError) Unwrap() error { return e.kind }

// errorf returns an error of the given kind whose message is the formatted text.
func errorf(kind error, format string, args ...any) error {
	return &kindError{kind: kind, msg: fmt.Sprintf(format, args...)}
}
