package refiqda

import (
	"archive/zip"
	"io"
)

// readLimited reads at most limit bytes of r; more is a *TooLargeError
// about what.
func readLimited(r io.Reader, limit int, what string) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return nil, err
	}
	if len(b) > limit {
		return nil, &TooLargeError{What: what, Bytes: true}
	}
	return b, nil
}

// readEntry reads an archive entry through readLimited.
func readEntry(f *zip.File, limit int, what string) ([]byte, error) {
	if f.UncompressedSize64 > uint64(limit) {
		return nil, &TooLargeError{What: what, Bytes: true}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, &FormatError{Msg: f.Name + ": " + err.Error()}
	}
	defer rc.Close()
	b, err := readLimited(rc, limit, what)
	if err != nil {
		if _, ok := err.(*TooLargeError); ok {
			return nil, err
		}
		return nil, &FormatError{Msg: f.Name + ": " + err.Error()}
	}
	return b, nil
}
