package transcript

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/toituavain/avain/coding"
)

// thinkAloudRatio: when the paragraphs that would continue inline-labelled
// turns outnumber the labelled paragraphs by more than this factor, the
// labels are sparse interjections (a moderator in a think-aloud session) and
// each unlabelled paragraph becomes a turn of its own.
const thinkAloudRatio = 3

// maxTurnChars bounds a turn: a longer utterance (a text without line
// breaks, a monologue of ten thousand words) is cut into turns of the same
// speaker, so that a search hit stays a passage one can read and no turn
// costs the index more than a bounded amount of memory. The longest turn
// of a real interview is some 3,000 words, about 20,000 characters.
const maxTurnChars = 50_000

// line is one line of a text, by byte offsets, without its "\n".
type line struct {
	start, end int
	blank      bool
	para       bool // the first non-blank line of a paragraph
}

// span is a turn under construction, by byte offsets into the text.
type span struct {
	speaker    string
	start, end int // start < 0 until the turn has text
	labelled   bool
	block      bool // the label stood alone on its line
	time       time.Duration
	hasTime    bool
}

// splitTurns divides a normalised text into speaker turns by the rules in
// the package documentation.
func splitTurns(text string) []coding.Turn {
	lines := splitLines(text)
	labels := findLabels(text, lines)
	thinkAloud := sparseLabels(lines, labels)

	var spans []span
	var cur *span
	flush := func() {
		if cur != nil {
			if s, ok := trimSpan(text, *cur); ok {
				spans = append(spans, s)
			}
			cur = nil
		}
	}
	for i, ln := range lines {
		if ln.blank {
			continue
		}
		if lb, ok := labels[i]; ok {
			flush()
			cur = &span{speaker: lb.speaker, start: -1, labelled: true, block: lb.block, time: lb.time, hasTime: lb.hasTime}
			if !lb.block {
				cur.start, cur.end = ln.start+lb.content, ln.end
			}
			continue
		}
		if cur == nil || (ln.para && (!cur.labelled || (!cur.block && thinkAloud))) {
			flush()
			cur = &span{start: -1}
		}
		if cur.start < 0 {
			cur.start = ln.start
		}
		cur.end = ln.end
	}
	flush()
	return toTurns(text, cutLong(text, spans))
}

// splitLines cuts text at "\n" and marks blank lines and paragraph starts.
func splitLines(text string) []line {
	var lines []line
	prevBlank := true
	for start := 0; start <= len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		blank := strings.TrimSpace(text[start:end]) == ""
		lines = append(lines, line{start: start, end: end, blank: blank, para: !blank && prevBlank})
		prevBlank = blank
		start = end + 1
	}
	return lines
}

// findLabels returns the speaker labels of the text by line index. A name
// that is not a role counts only when it labels at least two lines: a
// header field such as "Päivämäärä: 12.3.2024" or "**Transcript ID:**" is
// no speaker.
func findLabels(text string, lines []line) map[int]label {
	found := map[int]label{}
	uses := map[string]int{}
	for i, ln := range lines {
		if ln.blank {
			continue
		}
		if lb, ok := parseLabel(text[ln.start:ln.end]); ok {
			found[i] = lb
			uses[lb.speaker]++
		}
	}
	for i, lb := range found {
		if !lb.role && uses[lb.speaker] < 2 {
			delete(found, i)
		}
	}
	return found
}

// sparseLabels reports whether the text is a think-aloud style transcript:
// the unlabelled paragraphs that follow inline labels outnumber the label
// lines more than thinkAloudRatio times.
func sparseLabels(lines []line, labels map[int]label) bool {
	labelled, unlabelled := 0, 0
	inline := false
	for i, ln := range lines {
		if lb, ok := labels[i]; ok {
			labelled++
			inline = !lb.block
			continue
		}
		if ln.para && inline {
			unlabelled++
		}
	}
	return unlabelled > thinkAloudRatio*labelled
}

// trimSpan trims white space from both ends of a span; ok is false when
// nothing is left.
func trimSpan(text string, s span) (span, bool) {
	if s.start < 0 || s.end <= s.start {
		return s, false
	}
	body := text[s.start:s.end]
	lead := len(body) - len(strings.TrimLeftFunc(body, unicode.IsSpace))
	body = strings.TrimSpace(body)
	if body == "" {
		return s, false
	}
	s.start += lead
	s.end = s.start + len(body)
	return s, true
}

// cutLong cuts the spans of over maxTurnChars characters into spans of the
// same speaker within it (the time stays with the first).
func cutLong(text string, spans []span) []span {
	var out []span // made only when a span is cut
	for i, s := range spans {
		if s.end-s.start <= maxTurnChars || nextCut(text, s.start, s.end) == s.end { // a character takes a byte at least
			if out != nil {
				out = append(out, s)
			}
			continue
		}
		if out == nil {
			out = append(make([]span, 0, len(spans)+len(spans)/8), spans[:i]...)
		}
		for {
			cut := nextCut(text, s.start, s.end)
			piece := s
			piece.end = cut
			if p, ok := trimSpan(text, piece); ok {
				out = append(out, p)
			}
			if cut == s.end {
				break
			}
			s.start, s.time, s.hasTime = cut, 0, false
		}
	}
	if out == nil {
		return spans
	}
	return out
}

// nextCut returns where the turn text[from:to] is cut so that its first
// part has at most maxTurnChars characters: to when it fits; else the end
// of the last sentence in the second half of those characters, or the
// last white space there, or the limit itself.
func nextCut(text string, from, to int) int {
	for from < to && isSpaceByte(text[from]) { // the spaces a cut left
		from++
	}
	end := from
	for n := 0; n < maxTurnChars && end < to; n++ {
		_, size := utf8.DecodeRuneInString(text[end:])
		end += size
	}
	if end >= to {
		return to
	}
	lo := from + (end-from)/2
	window := text[lo:end]
	for i := len(window) - 1; i > 0; i-- {
		if isSpaceByte(window[i]) && strings.IndexByte(".?!", window[i-1]) >= 0 {
			return lo + i
		}
	}
	if i := strings.LastIndexAny(window, " \t\n"); i > 0 {
		return lo + i
	}
	return end
}

func isSpaceByte(b byte) bool { return b == ' ' || b == '\t' || b == '\n' }

// toTurns numbers the spans and converts their byte offsets into
// code-point offsets.
func toTurns(text string, spans []span) []coding.Turn {
	turns := make([]coding.Turn, 0, len(spans))
	pos, runes := 0, 0
	at := func(b int) int { // spans are in order, so the count only moves forward
		runes += utf8.RuneCountInString(text[pos:b])
		pos = b
		return runes
	}
	for i, s := range spans {
		start := at(s.start)
		end := at(s.end)
		turns = append(turns, coding.Turn{N: i + 1, Speaker: s.speaker, Start: start, End: end, Time: s.time, HasTime: s.hasTime})
	}
	return turns
}

// Turns finds the speaker turns of a text already in Document.Text form,
// as a .txt file's would be found; for texts that come without their
// turns, such as the sources of a REFI-QDA project.
func Turns(text string) []coding.Turn { return splitTurns(text) }
