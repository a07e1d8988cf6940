package project

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/toituavain/avain/store"
)

// Every file avain writes for the user (exports, codebooks, the pseudonym
// key) goes through WriteOutput, which refuses a path that would destroy a
// project before anything is written, writes a pipe or a device in place,
// and replaces a regular file only once the new one is whole on disk.

// projectSuffixes name the files SQLite keeps beside a project.
var projectSuffixes = []string{"-wal", "-shm", "-journal"}

// CheckOutput returns an error, naming path, when writing to path would
// destroy a project or cannot be done: path is the project at projectPath
// (when it is not ""), its -wal, -shm or -journal file, something inside
// its index folder, or any avain project or part of one; or path is a
// folder, a socket, a block device or a symbolic link to nothing. Symbolic
// links and .. are followed, so another name for a project is refused too.
// It reads no more than a file's first 100 bytes and writes nothing.
func CheckOutput(path, projectPath string) error {
	_, _, err := resolveOutput(path, projectPath)
	return err
}

// IsStream reports whether path (after symbolic links) is a pipe or a
// character device: a target written in place as a stream, whatever its
// name.
func IsStream(path string) bool {
	info, err := os.Stat(path)
	return err == nil && isStream(info.Mode())
}

func isStream(m fs.FileMode) bool {
	return m&fs.ModeNamedPipe != 0 || m&fs.ModeCharDevice != 0
}

// WriteOutput writes what write streams out to path, an output of the
// project at projectPath ("" for none), after CheckOutput. A pipe or a
// character device is written in place and never replaced or chmodded. A
// regular file (through any symbolic links: the link stays, the file it
// names is replaced) is written to a temporary file beside it, made 0600
// whatever the umask, synced and renamed over it, so that on any error,
// a full disk among them, the file there is left as it was and the error
// names path.
func WriteOutput(path, projectPath string, write func(io.Writer) error) error {
	return WriteRecorded(path, projectPath, write, nil)
}

// WriteRecorded is WriteOutput that also records the output (an audit
// entry in the project) once it is whole, before it replaces the file
// there: when record fails (a full disk under the project, say), the old
// file is left as it was and the error returned. A pipe or a device cannot
// be taken back, so there record follows the writing.
func WriteRecorded(path, projectPath string, write func(io.Writer) error, record func() error) error {
	target, info, err := resolveOutput(path, projectPath)
	if err != nil {
		return err
	}
	if info != nil && isStream(info.Mode()) {
		if err := writeStream(path, target, write); err != nil {
			return err
		}
		return recorded(record)
	}
	return writeReplacing(path, target, write, record)
}

// Export writes an output of this project to path as WriteRecorded does,
// recording it in the project's audit trail (action "export", with target
// and detail) before it replaces a file: never over the project or its
// index, mode 0600, and on any error the file there is left as it was.
func (p *Project) Export(ctx context.Context, path, coder, target, detail string, write func(io.Writer) error) error {
	return WriteRecorded(path, p.path, write, func() error {
		return p.Log(ctx, coder, "export", target, detail)
	})
}

// recorded runs record, when there is one.
func recorded(record func() error) error {
	if record == nil {
		return nil
	}
	return record()
}

// WritePrivateFile writes data to path as WriteOutput does, for no
// particular project.
func WritePrivateFile(path string, data []byte) error {
	return WriteOutput(path, "", func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeReplacing writes a regular file: a temporary file renamed over
// target only once it is complete.
func writeReplacing(path, target string, write func(io.Writer) error, record func() error) error {
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		return writeError(path, err)
	}
	closed := false
	defer func() {
		if !closed {
			tmp.Close()
		}
		os.Remove(tmp.Name()) // gone after the rename: harmless
	}()
	if err := tmp.Chmod(0o600); err != nil {
		return writeError(path, err)
	}
	bw := bufio.NewWriterSize(tmp, 256<<10)
	if err := write(bw); err != nil {
		return writeError(path, err)
	}
	if err := bw.Flush(); err != nil {
		return writeError(path, err)
	}
	if err := tmp.Sync(); err != nil {
		return writeError(path, err)
	}
	closed = true
	if err := tmp.Close(); err != nil {
		return writeError(path, err)
	}
	if err := recorded(record); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return writeError(path, err)
	}
	return nil
}

// writeStream writes a pipe or a device in place.
func writeStream(path, target string, write func(io.Writer) error) error {
	f, err := os.OpenFile(target, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("%s: %w", path, unwrap(err))
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, unwrap(err))
	}
	return nil
}

// writeError is a failed write of the regular file path, on one line.
func writeError(path string, err error) error {
	err = unwrap(err)
	hint := ""
	if errors.Is(err, syscall.EFBIG) { // ENOSPC says "no space left on device" itself
		hint = " (is the disk full?)"
	}
	return fmt.Errorf("%s: not written: %w%s; a file already there is unchanged", path, err, hint)
}

// resolveOutput checks path (see CheckOutput) and returns the file it
// names, symbolic links and .. resolved, with its FileInfo (nil when it
// does not exist yet).
func resolveOutput(path, projectPath string) (string, fs.FileInfo, error) {
	if path == "" {
		return "", nil, errors.New("no output file named")
	}
	target, info, stream, err := locateOutput(path)
	if err != nil {
		return "", nil, err
	}
	if stream {
		return path, info, nil
	}
	if info != nil {
		switch m := info.Mode(); {
		case m.IsDir():
			return "", nil, refusal(path, "is a folder; name a file")
		case m.IsRegular(), isStream(m):
		default:
			return "", nil, refusal(path, "is not a regular file, a pipe or a character device; avain writes none of these")
		}
	}
	if projectPath != "" {
		if err := notOfProject(path, target, info, projectPath); err != nil {
			return "", nil, err
		}
	}
	if err := notOfAnyProject(path, target, info); err != nil {
		return "", nil, err
	}
	return target, info, nil
}

// refusal is the error that refuses path as an output, for the reason
// format and a say.
func refusal(path, format string, a ...any) error {
	return fmt.Errorf("%s: %s", path, fmt.Sprintf(format, a...))
}

// locateOutput finds the file path names: its absolute name with symbolic
// links and .. resolved, and its FileInfo (nil when it does not exist
// yet). stream is set for a link the system follows though it names no
// file (/dev/stdout or /dev/fd/N naming a pipe): path is then written as
// it is, and info is the pipe's.
func locateOutput(path string) (target string, info fs.FileInfo, stream bool, err error) {
	target, err = filepath.EvalSymlinks(path)
	switch {
	case err == nil:
		if info, err = os.Lstat(target); err != nil {
			return "", nil, false, fmt.Errorf("%s: %w", path, unwrap(err))
		}
	case errors.Is(err, fs.ErrNotExist):
		if li, lerr := os.Lstat(path); lerr == nil && li.Mode()&fs.ModeSymlink != 0 {
			if si, serr := os.Stat(path); serr == nil && isStream(si.Mode()) {
				return path, si, true, nil
			}
			return "", nil, false, refusal(path, "a symbolic link to a file that does not exist; name the file itself")
		}
		// The folder as it is on disk: its name is not cleaned first, so
		// that a link followed by .. leads where the system would go.
		dir, base := ".", path
		if i := strings.LastIndexAny(path, string(filepath.Separator)+"/"); i >= 0 {
			dir, base = path[:i+1], path[i+1:]
		}
		if base == "" || base == "." || base == ".." {
			return "", nil, false, refusal(path, "not a file name")
		}
		rdir, derr := filepath.EvalSymlinks(dir)
		if derr != nil {
			return "", nil, false, fmt.Errorf("%s: %w", path, unwrap(derr))
		}
		target = filepath.Join(rdir, base)
	default:
		return "", nil, false, fmt.Errorf("%s: %w", path, unwrap(err))
	}
	if abs, err := filepath.Abs(target); err == nil {
		target = abs
	}
	return target, info, false, nil
}

// notOfProject refuses target when it is the project at projectPath, by
// any name, one of its -wal, -shm or -journal files, or inside its index
// folder.
func notOfProject(path, target string, info fs.FileInfo, projectPath string) error {
	proj := projectPath
	if r, err := filepath.EvalSymlinks(projectPath); err == nil {
		proj = r
	}
	if abs, err := filepath.Abs(proj); err == nil {
		proj = abs
	}
	if target == proj {
		return refusal(path, "is the project itself; writing it would destroy the project: choose another file")
	}
	if pi, err := os.Stat(proj); err == nil && info != nil && os.SameFile(info, pi) {
		return refusal(path, "is another name for the project %s; writing it would destroy the project: choose another file", projectPath)
	}
	for _, s := range projectSuffixes {
		if target == proj+s {
			return refusal(path, "is the project's %s file; writing it would damage the project: choose another file", s)
		}
	}
	if within(target, IndexDir(proj)) {
		return refusal(path, "is inside the project's index folder %s: choose a file outside it", IndexDir(projectPath))
	}
	return nil
}

// notOfAnyProject refuses target when it is an avain project, a file
// beside one that belongs to it, or inside an avain project's index
// folder.
func notOfAnyProject(path, target string, info fs.FileInfo) error {
	if info != nil && info.Mode().IsRegular() && isProjectFile(target) {
		return refusal(path, "is an avain project; writing it would destroy the project: choose another file")
	}
	for _, s := range projectSuffixes {
		if p, ok := strings.CutSuffix(target, s); ok && isProjectFile(p) {
			return refusal(path, "is the %s file of the avain project %s; writing it would damage the project: choose another file", s, filepath.Base(p))
		}
	}
	for d := filepath.Dir(target); ; d = filepath.Dir(d) {
		if p, ok := strings.CutSuffix(d, ".index"); ok && isProjectFile(p) {
			return refusal(path, "is inside the index folder of the avain project %s: choose a file outside it", filepath.Base(p))
		}
		if d == filepath.Dir(d) {
			return nil
		}
	}
}

// within reports whether path is dir or inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// sqliteMagic begins every SQLite database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// isProjectFile reports whether path is a regular file with the header of
// an avain project: SQLite's, and avain's application id at offset 68. It
// reads the header as plain bytes and never opens the file as a database.
func isProjectFile(path string) bool {
	info, err := os.Stat(path)
	if err != nil || !info.Mode().IsRegular() || info.Size() < 100 {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var h [100]byte
	if _, err := io.ReadFull(f, h[:]); err != nil {
		return false
	}
	return bytes.Equal(h[:len(sqliteMagic)], sqliteMagic) && binary.BigEndian.Uint32(h[68:72]) == store.ApplicationID
}
