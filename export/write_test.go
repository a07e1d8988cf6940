package export

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
)

// errDiskFull stands for the error of a full disk.
var errDiskFull = errors.New("no space left on device")

// fullWriter takes room bytes, then fails as a full disk does: a short
// write with an error.
type fullWriter struct{ room int }

func (w *fullWriter) Write(p []byte) (int, error) {
	if len(p) <= w.room {
		w.room -= len(p)
		return len(p), nil
	}
	n := w.room
	w.room = 0
	return n, errDiskFull
}

// TestWriteReturnsWriteErrors: every format returns the error of a writer
// that runs out of room, wherever it runs out, never nil.
func TestWriteReturnsWriteErrors(t *testing.T) {
	tables := []Table{{Name: "Frequencies", Header: []string{"code", "codings", "share"}, Notes: []string{"a note"}},
		{Name: "Second", Header: []string{"a", "b"}}}
	for i := range 2000 {
		tables[0].Rows = append(tables[0].Rows, []Cell{T(fmt.Sprintf("code %d with a longer name", i)), N(i), P(float64(i) / 2000)})
		tables[1].Rows = append(tables[1].Rows, []Cell{T("x"), F(0.5)})
	}
	for _, f := range Formats {
		var whole bytes.Buffer
		if err := Write(&whole, f, tables...); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, room := range []int{0, 1, 100, whole.Len() / 2, whole.Len() - 1} {
			if err := Write(&fullWriter{room: room}, f, tables...); !errors.Is(err, errDiskFull) {
				t.Errorf("%s, room for %d of %d bytes: %v, want the write error", f, room, whole.Len(), err)
			}
		}
	}
}
