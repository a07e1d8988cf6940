package project

import (
	"bufio"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/pseudo"
	"github.com/toituavain/avain/store"
	"github.com/toituavain/avain/voikko"
)

// Pseudonymizer replaces personal data in transcripts before they are
// stored (ImportOptions.Pseudo), so the original text never reaches the
// project file, its WAL or the index.
type Pseudonymizer struct {
	Detector *pseudo.Detector
	Accept   pseudo.Accept // asks about each finding; nil accepts all
	KeyFile  string        // when set, each placeholder and its original are appended here (mode 0600)
	Counts   pseudo.Counts // what was replaced in the documents imported, by kind

	num *numberer
}

// NewDetector returns a detector for the names and places of the list
// files (one per line; "#" starts a comment), using Voikko's base forms
// for inflected names when Voikko is installed. Close the returned
// closer when done.
func NewDetector(namesFile, placesFile string) (*pseudo.Detector, io.Closer, error) {
	d := &pseudo.Detector{}
	var err error
	if d.Names, err = readList(namesFile); err != nil {
		return nil, nil, err
	}
	if d.Places, err = readList(placesFile); err != nil {
		return nil, nil, err
	}
	var closer io.Closer = io.NopCloser(nil)
	if len(d.Names)+len(d.Places) > 0 {
		if v, err := voikko.Open("fi"); err == nil {
			d.BaseForms, closer = v.BaseForms, v
		}
	}
	return d, closer, nil
}

// readList reads a list of names, one per line, skipping blank lines and
// comments.
func readList(path string) ([]string, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, unwrap(err))
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.ContainsAny(line, "[]") {
			return nil, fmt.Errorf("%s:%d: a name cannot contain [ or ]", path, n)
		}
		out = append(out, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}

func unwrap(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// numberer numbers placeholders through the project's pseudonyms table,
// which holds each name only as an HMAC keyed with a secret kept outside
// the project, in the user's configuration directory. Each part of a
// person's name (pseudo.NameParts) is kept too, as its own HMAC under the
// kind "HENKILÖ/n" of the whole name's number n, so a memo that names the
// person by one part is recognised and given the same number.
type numberer struct {
	s      *store.Store
	secret []byte
	seen   map[string]int
}

// digest is the keyed hash of s.
func (n *numberer) digest(s string) string {
	mac := hmac.New(sha256.New, n.secret)
	mac.Write([]byte(s))
	return hex.EncodeToString(mac.Sum(nil))
}

// partKind is the kind under which the parts of name number n are kept.
func partKind(kind pseudo.Kind, n int) string { return string(kind) + "/" + strconv.Itoa(n) }

func (n *numberer) Number(kind pseudo.Kind, key string) (int, error) {
	ctx := context.Background()
	digest := n.digest(string(kind) + "\x00" + strings.ToLower(key))
	if v, ok := n.seen[digest]; ok {
		return v, nil
	}
	v, err := n.s.Pseudonym(ctx, string(kind), digest)
	if err != nil {
		return 0, err
	}
	if kind == pseudo.Person {
		for _, part := range pseudo.NameParts(key) {
			if _, err := n.s.Pseudonym(ctx, partKind(kind, v), n.digest("part\x00"+part)); err != nil {
				return 0, err
			}
		}
	}
	n.seen[digest] = v
	return v, nil
}

// PseudonymKeyPath is where the secret that keys the project's pseudonym
// hashes is kept: $XDG_CONFIG_HOME/avain/pseudonym-keys/PROJECT-ID (0600).
func PseudonymKeyPath(projectID string) (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("finding the configuration directory for the pseudonym key: %w", err)
	}
	return filepath.Join(dir, "avain", "pseudonym-keys", projectID), nil
}

// numbers returns the project's placeholder numberer, making its secret on
// first use.
func (p *Project) numbers(ctx context.Context) (*numberer, error) {
	return numbersOf(ctx, p.Store, true)
}

// numbersOf returns the numberer of the project s, or, when its secret is
// missing and create is false, nil. A secret left empty (a full disk when
// it was written) is made anew when no name was numbered with it.
func numbersOf(ctx context.Context, s *store.Store, create bool) (*numberer, error) {
	id, err := s.ProjectID(ctx)
	if err != nil {
		return nil, err
	}
	path, err := PseudonymKeyPath(id)
	if err != nil {
		return nil, err
	}
	secret, err := os.ReadFile(path)
	if err == nil && len(secret) == 0 && create {
		rows, rerr := s.Pseudonyms(ctx)
		if rerr != nil {
			return nil, rerr
		}
		if len(rows) == 0 {
			err = os.ErrNotExist
		}
	}
	if errors.Is(err, os.ErrNotExist) {
		if !create {
			return nil, nil
		}
		secret = make([]byte, 32)
		if _, err := rand.Read(secret); err != nil {
			return nil, err
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Dir(path), unwrap(err))
		}
		_ = os.Chmod(filepath.Dir(path), 0o700)
		if err := WritePrivateFile(path, secret); err != nil {
			return nil, err
		}
	} else if err != nil {
		return nil, fmt.Errorf("%s: %w", path, unwrap(err))
	}
	if len(secret) < 16 {
		return nil, fmt.Errorf("%s: the pseudonym key is too short (damaged?)", path)
	}
	return &numberer{s: s, secret: secret, seen: map[string]int{}}, nil
}

// pseudonymize replaces the personal data of doc, which is not stored yet.
func (p *Project) pseudonymize(ctx context.Context, doc *coding.Document, ps *Pseudonymizer) ([]pseudo.Replacement, error) {
	if ps.num == nil {
		n, err := p.numbers(ctx)
		if err != nil {
			return nil, err
		}
		ps.num = n
	}
	accept := ps.Accept
	if accept == nil {
		accept = func(pseudo.Finding, string, string) (bool, error) { return true, nil }
	}
	return pseudo.Document(doc, ps.Detector, accept, ps.num)
}

// keeper returns keep, which appends a document's replacements to the key
// file inside the transaction that imports it (so that a key file that
// cannot be written, a full disk, stops the import: no document is stored
// whose originals were lost), and undo, which takes the appended rows back
// when that transaction did not commit. keep is nil without a key file.
func (ps *Pseudonymizer) keeper(reps []pseudo.Replacement) (keep func(*coding.Document) error, undo func()) {
	undo = func() {}
	if ps.KeyFile == "" || len(reps) == 0 {
		return nil, undo
	}
	var size int64 = -1 // the file did not exist
	appended := false
	keep = func(doc *coding.Document) error {
		if st, err := os.Lstat(ps.KeyFile); err == nil {
			size = st.Size()
		}
		if err := AppendKeys(ps.KeyFile, doc, reps); err != nil {
			return &keyFileError{err}
		}
		appended = true
		return nil
	}
	undo = func() {
		switch {
		case !appended:
		case size < 0:
			os.Remove(ps.KeyFile)
		default:
			os.Truncate(ps.KeyFile, size)
		}
	}
	return keep, undo
}

// keyFileError is a key file that could not be written.
type keyFileError struct{ err error }

func (e *keyFileError) Error() string { return e.err.Error() }
func (e *keyFileError) Unwrap() error { return e.err }

// count adds a pseudonymised document's replacements to the counts.
func (ps *Pseudonymizer) count(reps []pseudo.Replacement) {
	if ps.Counts == nil {
		ps.Counts = pseudo.Counts{}
	}
	ps.Counts.Add(pseudo.Count(reps))
}

// keyHeader is the first row of a key file.
var keyHeader = []string{"document_id", "document", "where", "start", "end", "placeholder", "kind", "original"}

// CheckKeyFile refuses a key file path that must not be appended to: a
// symbolic link (the originals would go wherever it points), anything but
// a regular file (a folder, a device, a FIFO), an avain project or its
// WAL or shared memory, or another SQLite database. A path not there yet
// is fine: it is created. Call it before anything is imported.
func CheckKeyFile(path string) error {
	if path == "" {
		return nil
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if base, ok := strings.CutSuffix(path, suffix); ok && database(base) != "" {
			return fmt.Errorf("%s: the key file belongs to the database %s", path, base)
		}
	}
	st, err := os.Lstat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("%s: %w", path, unwrap(err))
	}
	switch {
	case st.Mode()&os.ModeSymlink != 0:
		return fmt.Errorf("%s: the key file is a symbolic link; give the file itself, or a new path", path)
	case !st.Mode().IsRegular():
		return fmt.Errorf("%s: the key file is not a regular file (%s)", path, kindOfFile(st.Mode()))
	}
	if what := database(path); what != "" {
		return fmt.Errorf("%s: the key file is %s, not a key file", path, what)
	}
	return nil
}

// kindOfFile names what a file that is not regular is.
func kindOfFile(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeDevice != 0, m&os.ModeCharDevice != 0:
		return "a device"
	case m&os.ModeSocket != 0:
		return "a socket"
	}
	return m.Type().String()
}

// database says what the file at path is when it starts with SQLite's
// header: "an avain project" (application_id store.ApplicationID) or "a
// SQLite database"; "" when it is neither.
func database(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	head := make([]byte, 72)
	n, _ := io.ReadFull(f, head)
	if n < 16 || string(head[:16]) != "SQLite format 3\x00" {
		return ""
	}
	if n == 72 && binary.BigEndian.Uint32(head[68:72]) == store.ApplicationID {
		return "an avain project"
	}
	return "a SQLite database"
}

// AppendKeys appends the placeholders of doc and their originals to the
// key file at path (a CSV made mode 0600, whatever the umask), with the
// placeholders' code-point positions in the pseudonymised text. A key file
// CheckKeyFile refuses is refused here too, and a write that fails (a full
// disk) leaves the file as it was.
func AppendKeys(path string, doc *coding.Document, reps []pseudo.Replacement) error {
	if err := CheckKeyFile(path); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("%s: %w", path, unwrap(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if lst, err := os.Lstat(path); err != nil || !st.Mode().IsRegular() || !os.SameFile(st, lst) {
		return fmt.Errorf("%s: the key file is not a regular file", path) // replaced since it was checked
	}
	if err := f.Chmod(0o600); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	fail := func(err error) error {
		_ = f.Truncate(st.Size()) // no half row is left behind
		return fmt.Errorf("%s: %w", path, unwrap(err))
	}
	w := csv.NewWriter(f)
	if st.Size() == 0 {
		w.Write(keyHeader)
	}
	for _, r := range reps {
		start, end := "", ""
		if r.Where == "text" {
			start, end = strconv.Itoa(r.NewStart), strconv.Itoa(r.NewEnd)
		}
		w.Write([]string{doc.ID, doc.Name, r.Where, start, end, r.Placeholder, string(r.Kind), r.Text})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, unwrap(err))
	}
	return nil
}

// PseudonymizeDocument replaces the personal data of a document already
// imported that has no codings yet, and rebuilds the index so the old
// text leaves it too. It returns what was replaced.
func (p *Project) PseudonymizeDocument(ctx context.Context, ref string, ps *Pseudonymizer, coder string) (*coding.Document, []pseudo.Replacement, error) {
	doc, err := p.Store.Document(ctx, ref)
	if err != nil {
		return nil, nil, err
	}
	if n, err := p.Store.CodingsOf(ctx, doc.ID); err != nil {
		return nil, nil, err
	} else if n > 0 {
		return nil, nil, fmt.Errorf("%s has %d codings: only a document not yet coded can be pseudonymised (its positions move)", doc.Name, n)
	}
	reps, err := p.pseudonymize(ctx, doc, ps)
	if err != nil {
		return nil, nil, err
	}
	if len(reps) == 0 {
		return doc, nil, nil
	}
	keep, undo := ps.keeper(reps)
	if err := p.Store.ReplaceText(ctx, doc, coder, pseudo.Count(reps).String(), keep); err != nil {
		undo()
		var kerr *keyFileError
		if errors.As(err, &kerr) {
			return nil, nil, fmt.Errorf("%s was left as it was: its placeholders could not be written to the key file: %w", doc.Name, kerr.err)
		}
		return nil, nil, err
	}
	ps.count(reps)
	if err := p.Store.Checkpoint(ctx); err != nil {
		return doc, reps, err
	}
	if IndexExists(p.path) {
		if err := p.Reindex(ctx); err != nil {
			return doc, reps, err
		}
	}
	return doc, reps, nil
}

// IndexExists reports whether the project at path has an index on disk.
func IndexExists(path string) bool {
	_, err := os.Stat(IndexDir(path))
	return err == nil
}
