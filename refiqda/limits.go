package refiqda

import (
	"fmt"
	"strings"

	"github.com/toituavain/avain/coding"
)

// maxQDEBytes bounds the project.qde read from an archive (or a bare
// .qde), and the notes read from the archive's files together: texts
// inline in the .qde are decoded with it, so it holds no more than one
// document of the largest size.
const maxQDEBytes = coding.MaxDocumentBytes

// TooLargeError is a source, or a project.qde, over avain's limits.
// errors.Is(err, coding.ErrTooLarge) is true for it.
type TooLargeError struct {
	What string // `source "NAME" (sources/GUID.txt)`, or "project.qde"
	// Bytes is set when the bytes are over the limit, else the characters
	// are: Chars of them.
	Bytes bool
	Chars int
}

func (e *TooLargeError) Error() string {
	switch e.What {
	case "project.qde":
		return fmt.Sprintf("project.qde is over avain's limit of %s bytes", thousands(maxQDEBytes))
	case "notes":
		return fmt.Sprintf("the notes in the archive's files are over avain's limit of %s bytes together", thousands(maxQDEBytes))
	}
	if strings.HasPrefix(e.What, extDir) {
		return fmt.Sprintf("%s is over avain's limit of %s bytes for an entry of its own in a .qdpx", e.What, thousands(maxQDEBytes))
	}
	held := "over " + thousands(coding.MaxDocumentBytes) + " bytes"
	if !e.Bytes {
		held = thousands(e.Chars)
	}
	return fmt.Sprintf("%s is over avain's limit of %s characters for one document (it holds %s)", e.What, thousands(coding.MaxDocumentChars), held)
}

// Unwrap makes errors.Is(err, coding.ErrTooLarge) true.
func (e *TooLargeError) Unwrap() error { return coding.ErrTooLarge }

// thousands writes n with commas: 20,000,000.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
