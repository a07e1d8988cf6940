package store

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// A file is identified as an avain project from its bytes alone, before
// SQLite opens it: SQLite would otherwise switch another program's
// database to WAL, or leave -wal and -shm files beside it, before avain
// could see it is not a project.

// sqliteMagic opens every SQLite database file.
const sqliteMagic = "SQLite format 3\x00"

// headerSize is the length of a SQLite database header; the application
// id is the big-endian 32-bit number at offset 68.
const (
	headerSize  = 100
	appIDOffset = 68
)

// identify reads path without changing it and returns nil if it is an
// avain project, or an ErrNotProject error naming the file and the reason.
// The header is read from the file, or, for a project whose first page is
// still only in its WAL (avain was stopped before its first checkpoint),
// from the newest committed copy of that page in the -wal file.
func identify(path string) error {
	// Stat before opening: opening a FIFO would wait for a writer.
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPathErr(err))
	}
	if !st.Mode().IsRegular() {
		what := "not a regular file"
		if st.IsDir() {
			what = "a directory"
		}
		return fmt.Errorf("%s: %w: it is %s", path, ErrNotProject, what)
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPathErr(err))
	}
	defer f.Close()
	hdr := make([]byte, headerSize)
	n, err := io.ReadFull(f, hdr)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return fmt.Errorf("%s: %w", path, unwrapPathErr(err))
	}
	hdr = hdr[:n]
	if isProjectHeader(hdr) {
		return nil
	}
	if n > 0 && (n < len(sqliteMagic) || string(hdr[:len(sqliteMagic)]) != sqliteMagic) {
		return fmt.Errorf("%s: %w: it is not a SQLite database", path, ErrNotProject)
	}
	if page1, err := walPage1(path + "-wal"); err == nil && isProjectHeader(page1) {
		return nil
	}
	if n == 0 {
		return fmt.Errorf("%s: %w: it is empty", path, ErrNotProject)
	}
	if n < headerSize {
		return fmt.Errorf("%s: %w: it is a damaged or truncated SQLite file", path, ErrNotProject)
	}
	return fmt.Errorf("%s: %w: it is another program's SQLite database, left as it was", path, ErrNotProject)
}

// isProjectHeader reports whether b is a SQLite header carrying avain's
// application id.
func isProjectHeader(b []byte) bool {
	return len(b) >= headerSize && string(b[:len(sqliteMagic)]) == sqliteMagic &&
		binary.BigEndian.Uint32(b[appIDOffset:]) == ApplicationID
}

// walPage1 returns the start of the newest committed copy of page 1 in
// the WAL file at path (see https://sqlite.org/fileformat2.html#walformat):
// frames count only while their salts match the header and their running
// checksum holds, and a page counts only once a commit frame follows it.
func walPage1(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<16)
	var hdr [32]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, err
	}
	magic := binary.BigEndian.Uint32(hdr[0:])
	if magic&^1 != 0x377f0682 {
		return nil, errors.New("not a WAL file")
	}
	var order binary.ByteOrder = binary.LittleEndian
	if magic&1 == 1 {
		order = binary.BigEndian
	}
	pageSize := int(binary.BigEndian.Uint32(hdr[8:]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize > 65536 || pageSize&(pageSize-1) != 0 {
		return nil, errors.New("bad WAL page size")
	}
	s0, s1 := walChecksum(order, 0, 0, hdr[:24])
	if s0 != binary.BigEndian.Uint32(hdr[24:]) || s1 != binary.BigEndian.Uint32(hdr[28:]) {
		return nil, errors.New("bad WAL header checksum")
	}
	frame := make([]byte, 24+pageSize)
	var pending, committed []byte
	for {
		if _, err := io.ReadFull(r, frame); err != nil {
			break // the end, or a frame cut short: not committed
		}
		if string(frame[8:16]) != string(hdr[16:24]) {
			break // a frame of an earlier generation of the WAL
		}
		s0, s1 = walChecksum(order, s0, s1, frame[:8])
		s0, s1 = walChecksum(order, s0, s1, frame[24:])
		if s0 != binary.BigEndian.Uint32(frame[16:]) || s1 != binary.BigEndian.Uint32(frame[20:]) {
			break
		}
		if binary.BigEndian.Uint32(frame[0:]) == 1 {
			pending = append(pending[:0], frame[24:24+headerSize]...)
		}
		if binary.BigEndian.Uint32(frame[4:]) != 0 && pending != nil { // a commit frame
			committed = append(committed[:0], pending...)
		}
	}
	if committed == nil {
		return nil, errors.New("no committed first page in the WAL")
	}
	return committed, nil
}

// walChecksum continues the WAL's running checksum over b (a multiple of
// 8 bytes), reading 32-bit words in the given byte order.
func walChecksum(order binary.ByteOrder, s0, s1 uint32, b []byte) (uint32, uint32) {
	for i := 0; i+8 <= len(b); i += 8 {
		s0 += order.Uint32(b[i:]) + s1
		s1 += order.Uint32(b[i+4:]) + s0
	}
	return s0, s1
}
