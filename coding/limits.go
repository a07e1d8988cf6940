package coding

import "fmt"

// Limits that keep avain's memory and time bounded whatever the input. They
// lie far beyond any real interview or codebook, and each is checked where
// input is read, before anything is stored.
const (
	// MaxDocumentChars is the most characters (code points) one document may
	// hold: 20 million, some 3 million words, a hundred times the longest
	// real interview transcript. Readers count expansion (ODT spaces,
	// decompressed archive bytes) against it as they read.
	MaxDocumentChars = 20_000_000
	// MaxDocumentBytes bounds the encoded bytes read for one document:
	// four bytes a character at most in UTF-8, so a file over this cannot
	// hold a document within MaxDocumentChars.
	MaxDocumentBytes = 4 * MaxDocumentChars
	// MaxCodeDepth is the deepest a code may sit in the code tree (a
	// top-level code is at depth 1). Real codebooks use three or four.
	MaxCodeDepth = 16
)

// ErrTooLarge reports input over one of the limits above; it wraps
// ErrInvalid.
var ErrTooLarge = fmt.Errorf("%w: over avain's limit", ErrInvalid)
