package refiqda

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/toituavain/avain/coding"
)

// A source without named selections cannot show how its positions are
// counted. It takes the way under which the most named selections of the
// whole file agree (a tie goes to UnitsOf(origin)), else UnitsOf(origin):
// QualCoder's "MAXQDA line endings" export counts every text of the file
// the same way, whatever its origin says.

// fileUnits is what the file's named selections say of how its
// positions are counted, shared by its sources.
type fileUnits struct {
	guess   Units // UnitsOf(origin)
	sources []*Source
	// needed is set when some source has selections and no names: only
	// then is the tally made.
	needed  bool
	tally   [3]int // named selections that agree, by Units
	named   int    // named selections counted
	counted map[*Source]bool
	decided bool
	best    Units
}

// allUnits are the ways of counting, in the order a tie among others
// than the guess is broken.
var allUnits = []Units{CodePoints, UTF16, CodePointsCRLFAsOne}

// sameUnderAll reports whether every way of counting gives raw the same
// positions: it has no "\r\n" and no character outside UTF-16's one unit.
func sameUnderAll(raw string) bool {
	if strings.Contains(raw, "\r\n") {
		return false
	}
	for _, r := range raw {
		if r > 0xFFFF {
			return false
		}
	}
	return true
}

// count adds to the tally how many of s's named selections agree with
// raw under each way of counting, once per source.
func (f *fileUnits) count(s *Source, raw string) {
	if f.counted[s] {
		return
	}
	f.counted[s] = true
	var agree [3]int
	named := 0
	if sameUnderAll(raw) {
		a, n, _ := agreement(normalize(raw, CodePoints), s.pending)
		agree, named = [3]int{a, a, a}, n
	} else {
		for _, u := range allUnits {
			agree[u], named, _ = agreement(normalize(raw, u), s.pending)
		}
	}
	for u := range agree {
		f.tally[u] += agree[u]
	}
	f.named += named
}

// decide is the way of counting of the sources without named selections,
// and how many of the file's named selections agree under it: the
// sources not loaded yet are read for it one at a time.
func (f *fileUnits) decide() (Units, int) {
	if !f.decided {
		f.decided = true
		for _, s := range f.sources {
			if f.counted[s] || s.raw == nil || !hasNames(s.pending) {
				continue
			}
			raw, err := s.raw()
			if err != nil || utf8.RuneCountInString(raw) > coding.MaxDocumentChars {
				continue // its own Load reports it
			}
			f.count(s, raw)
		}
		f.best = f.guess
		for _, u := range allUnits {
			if f.tally[u] > f.tally[f.best] {
				f.best = u
			}
		}
	}
	return f.best, f.tally[f.best]
}

// hasNames reports whether a selection of sels has a name to check.
func hasNames(sels []pendingSelection) bool {
	for _, ps := range sels {
		if strings.TrimSpace(ps.x.Name) != "" && ps.x.EndPosition > ps.x.StartPosition {
			return true
		}
	}
	return false
}

// unnamedUnits puts raw in avain's form for a source without named
// selections, counted as the file's named selections agree; a way other
// than the origin's is said in the line returned.
func (s *Source) unnamedUnits(raw string) (normalized, []string) {
	if s.file == nil || len(s.pending) == 0 || sameUnderAll(raw) {
		return normalize(raw, s.units), nil
	}
	u, agree := s.file.decide()
	if u == s.units {
		return normalize(raw, s.units), nil
	}
	return normalize(raw, u), []string{fmt.Sprintf("source %q: positions read as %s, not %s: it has no named selections, and %d of the file's %d named selections agree so",
		s.Name, u, s.units, agree, s.file.named)}
}

// needUnits sets needed when a source has selections and none named.
func (f *fileUnits) needUnits() {
	for _, s := range f.sources {
		if len(s.pending) > 0 && !hasNames(s.pending) {
			f.needed = true
			return
		}
	}
}
