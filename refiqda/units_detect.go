package refiqda

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/toituavain/avain/coding"
	"golang.org/x/text/unicode/norm"
)

// Many tools write the selected text in PlainTextSelection@name
// (QualCoder the whole text, ATLAS.ti its first hundred characters and
// "…"). When a source's selections have names, the positions are checked
// against them under each way of counting (Units), and the way under
// which the most names agree is used for the source (a tie goes to the
// way UnitsOf(origin) guesses): QualCoder's export with "MAXQDA line
// endings" writes "\r\n" texts with positions counted on "\n" texts,
// which is CodePointsCRLFAsOne, whatever its origin says. A source
// without named selections takes the way the file's named selections
// agree with most (see units_file.go).

// String names a way of counting, for reports.
func (u Units) String() string {
	switch u {
	case UTF16:
		return "UTF-16 units"
	case CodePointsCRLFAsOne:
		return "code points with CRLF as one"
	}
	return "code points"
}

// nameMatches reports whether a selection's name is its text as tools
// write it. Both are compared in NFC with each run of white space made
// one space and the ends trimmed; the name agrees when it is then the
// text, or the text's start cut with "…" or "..." after it, or the
// text's start of at least minNamePrefix characters (a tool that cuts
// without saying so). A shorter prefix, a name inside the text, or a
// name with other characters does not agree: a shifted span rarely
// starts with the same 20 characters.
func nameMatches(name, text string) bool {
	nm, tx := squash(name), squash(text)
	if nm == "" {
		return false
	}
	if nm == tx {
		return true
	}
	for _, cut := range []string{"…", "..."} {
		if c, ok := strings.CutSuffix(nm, cut); ok {
			c = strings.TrimSpace(c)
			return c != "" && strings.HasPrefix(tx, c)
		}
	}
	return utf8.RuneCountInString(nm) >= minNamePrefix && strings.HasPrefix(tx, nm)
}

// minNamePrefix is the shortest name that agrees as a prefix of the
// selected text without an ellipsis.
const minNamePrefix = 20

// squash is s in NFC with its white space runs made one space, trimmed.
func squash(s string) string {
	return strings.Join(strings.FieldsFunc(norm.NFC.String(s), unicode.IsSpace), " ")
}

// agreement counts the named selections of sels, and those whose name
// agrees with the text n gives their positions.
func agreement(n normalized, sels []pendingSelection) (agree, named int, wrong []int) {
	for i, ps := range sels {
		if strings.TrimSpace(ps.x.Name) == "" || ps.x.EndPosition <= ps.x.StartPosition {
			continue
		}
		named++
		if nameMatches(ps.x.Name, coding.Slice(n.text, n.pos(ps.x.StartPosition), n.pos(ps.x.EndPosition))) {
			agree++
		} else {
			wrong = append(wrong, i)
		}
	}
	return agree, named, wrong
}

// chooseUnits puts raw in avain's form counting positions the way its
// selections' names agree with best, and reports (a line each in
// changed) a way other than s.units, and the named selections that agree
// under none. Only one other form of the text is held at a time.
func (s *Source) chooseUnits(raw string) (normalized, []string) {
	if !hasNames(s.pending) {
		return s.unnamedUnits(raw)
	}
	if f := s.file; f != nil && f.needed && !f.decided {
		f.count(s, raw)
	}
	n := normalize(raw, s.units)
	agree, named, wrong := agreement(n, s.pending)
	if named == 0 || agree == named {
		return n, nil
	}
	best, bestAgree := s.units, agree
	for _, u := range []Units{CodePoints, UTF16, CodePointsCRLFAsOne} {
		if u == s.units {
			continue
		}
		m := normalize(raw, u)
		if a, _, w := agreement(m, s.pending); a > bestAgree {
			n, best, bestAgree, wrong = m, u, a, w
		}
	}
	if bestAgree == 0 {
		return n, []string{fmt.Sprintf("source %q: none of its %d selections' names is its text under any way of counting; positions read as %s",
			s.Name, named, best)}
	}
	var changed []string
	if best != s.units {
		changed = append(changed, fmt.Sprintf("source %q: positions read as %s, not %s: so %d of its %d selections' names are their text",
			s.Name, best, s.units, bestAgree, named))
	}
	for k, i := range wrong {
		if k == maxListed {
			changed = append(changed, fmt.Sprintf("source %q: and %d more selections whose names are not their text", s.Name, len(wrong)-k))
			break
		}
		x := s.pending[i].x
		changed = append(changed, fmt.Sprintf("source %q: selection %s [%d,%d) is named %.60q but covers %.60q: its name is not its text; kept there",
			s.Name, codeID(x.GUID), x.StartPosition, x.EndPosition, squash(x.Name), squash(coding.Slice(n.text, n.pos(x.StartPosition), n.pos(x.EndPosition)))))
	}
	return n, changed
}
