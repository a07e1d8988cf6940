package transcript

import (
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/toituavain/avain/coding"
)

// The limits this package reads within: coding's, as variables that tests
// lower so as not to write 80 MB files.
var (
	maxChars = coding.MaxDocumentChars // characters of one document's text
	maxBytes = coding.MaxDocumentBytes // bytes of one file read
	// maxPartBytes bounds what the XML part of a .docx or .odt unpacks to:
	// WordprocessingML spends some ten bytes of markup on a character of text.
	maxPartBytes int64 = 256 << 20
)

// maxDepth is the deepest nesting of XML elements read from a .docx or
// .odt: real documents nest some twenty deep (a list in a table in a frame).
const maxDepth = 256

// tooLarge returns an ErrTooLarge whose message is the formatted text.
func tooLarge(format string, args ...any) error {
	return errorf(coding.ErrTooLarge, format, args...)
}

// overChars is the error of a text over maxChars.
func overChars() error {
	return tooLarge("the document is over avain's limit of %s characters", thousands(maxChars))
}

// checkChars refuses a text over maxChars characters.
func checkChars(text string) error {
	if len(text) <= maxChars { // a character takes a byte at least
		return nil
	}
	n := 0
	for range text {
		if n++; n > maxChars {
			return overChars()
		}
	}
	return nil
}

// readLimited reads a file of at most maxBytes bytes: one whose size says
// it is larger is refused before it is read, and reading stops one byte past
// the limit for one that grows or is not a regular file.
func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fileError(err)
	}
	defer f.Close()
	size := int64(0)
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		size = fi.Size()
	}
	if size > int64(maxBytes) {
		return nil, overBytes(size)
	}
	data := make([]byte, 0, size+512)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := f.Read(data[len(data):min(cap(data), maxBytes+1)])
		data = data[:len(data)+n]
		if len(data) > maxBytes {
			return nil, overBytes(-1)
		}
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, fileError(err)
		}
	}
}

// overBytes is the error of a file over maxBytes (size -1: unknown).
func overBytes(size int64) error {
	limit := fmt.Sprintf("avain's limit of %s for one document (%s characters)", megabytes(int64(maxBytes)), thousands(maxChars))
	if size < 0 {
		return tooLarge("the file is over %s", limit)
	}
	return tooLarge("the file is %s, over %s", megabytes(size), limit)
}

// megabytes writes n bytes in MB (10⁶ bytes), as "80 MB" or "80.1 MB".
func megabytes(n int64) string {
	if n%1_000_000 == 0 {
		return fmt.Sprintf("%d MB", n/1_000_000)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

// thousands writes n with commas between groups of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
