package project

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/toituavain/avain/pseudo"
	"github.com/toituavain/avain/store"
	"github.com/toituavain/avain/voikko"
)

// MemoGuard checks the memos written into a project whose documents were
// pseudonymised: for identity codes, phone numbers, e-mails and IBANs, and
// for the names the project numbered, recognised by their keyed hashes
// (the names themselves are nowhere in the project).
type MemoGuard struct {
	Detector *pseudo.Detector
	closer   io.Closer
}

// NewMemoGuard returns the guard of the project s, or nil when no document
// of it was pseudonymised: memos of such a project are not checked. Close
// the guard when done.
func NewMemoGuard(ctx context.Context, s *store.Store) (*MemoGuard, error) {
	ok, err := s.Pseudonymized(ctx)
	if err != nil || !ok {
		return nil, err
	}
	g := &MemoGuard{Detector: &pseudo.Detector{}, closer: io.NopCloser(nil)}
	num, err := numbersOf(ctx, s, false)
	if err != nil {
		return nil, err
	}
	rows, err := s.Pseudonyms(ctx)
	if err != nil {
		return nil, err
	}
	if num == nil || len(rows) == 0 {
		return g, nil // the detectors alone: no name was numbered, or the key is gone
	}
	whole := map[string]int{} // kind NUL digest -> number
	parts := map[string]int{} // digest of a part -> number of its name
	for _, r := range rows {
		if k, n, ok := strings.Cut(r.Kind, "/"); ok {
			if v, err := strconv.Atoi(n); err == nil && k == string(pseudo.Person) {
				parts[r.Digest] = v
			}
			continue
		}
		whole[r.Kind+"\x00"+r.Digest] = r.N
	}
	g.Detector.Known = func(k pseudo.Kind, name string) (int, bool) {
		if n, ok := whole[string(k)+"\x00"+num.digest(string(k)+"\x00"+name)]; ok {
			return n, true
		}
		if k == pseudo.Person {
			n, ok := parts[num.digest("part\x00"+name)]
			return n, ok
		}
		return 0, false
	}
	if v, err := voikko.Open("fi"); err == nil {
		g.Detector.BaseForms, g.closer = v.BaseForms, v
	}
	return g, nil
}

// Find returns the personal data in a memo; a nil guard finds none.
func (g *MemoGuard) Find(text string) []pseudo.Finding {
	if g == nil || text == "" {
		return nil
	}
	return g.Detector.Find(text)
}

// Replace asks accept about each finding of the memo (where says which
// memo) and returns it with the accepted ones replaced by placeholders; a
// name gets the number it has in the documents.
func (g *MemoGuard) Replace(text, where string, accept pseudo.Accept) (string, []pseudo.Replacement, error) {
	if g == nil {
		return text, nil, nil
	}
	out, reps, err := pseudo.Short(text, where, g.Detector, accept, noNumbers{})
	if errors.Is(err, pseudo.ErrStopped) {
		return "", nil, ErrMemoStopped
	}
	return out, reps, err
}

// ErrMemoStopped is what Replace returns when the user stops: nothing is
// stored.
var ErrMemoStopped = errors.New("stopped by the user: the memo was not stored")

// Close releases Voikko.
func (g *MemoGuard) Close() error {
	if g == nil {
		return nil
	}
	return g.closer.Close()
}

// noNumbers is the numberer of memos: every name found in one has its
// number already.
type noNumbers struct{}

func (noNumbers) Number(k pseudo.Kind, key string) (int, error) {
	return 0, fmt.Errorf("no number for a %s in a memo", k)
}

// MemoFindings returns the personal data in a memo about to be written
// into the project, or nil when no document of it was pseudonymised.
func (p *Project) MemoFindings(ctx context.Context, text string) ([]pseudo.Finding, error) {
	if strings.TrimSpace(text) == "" {
		return nil, nil
	}
	g, err := NewMemoGuard(ctx, p.Store)
	if err != nil {
		return nil, err
	}
	defer g.Close()
	return g.Find(text), nil
}
