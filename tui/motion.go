package tui

import (
	"sort"
	"unicode"

	"github.com/toituavain/avain/coding"
)

// text is a document as the reader moves through it: its code points and
// its turns. Every position is a code-point offset into the text; the
// caret only rests inside a turn, never in the labels between turns.
type text struct {
	r     []rune
	turns []coding.Turn // in order, not overlapping
}

// isWord reports whether c belongs to a word: letters, digits, and the
// hyphen and apostrophes inside Finnish compounds and names.
func isWord(c rune) bool {
	return unicode.IsLetter(c) || unicode.IsDigit(c) || unicode.IsMark(c)
}

// joiner reports whether c joins two word parts ("sosiaali-ja", "vaa'an").
func joiner(c rune) bool { return c == '-' || c == '\'' || c == '’' || c == '‐' }

// wordAt reports whether p is inside a word, counting a joiner between
// two word characters as part of the word.
func (t text) wordAt(p, lo, hi int) bool {
	if p < lo || p >= hi {
		return false
	}
	if isWord(t.r[p]) {
		return true
	}
	return joiner(t.r[p]) && p > lo && p+1 < hi && isWord(t.r[p-1]) && isWord(t.r[p+1])
}

// turnIndex returns the index of the turn holding p, or of the first turn
// after p when p lies between turns, or the last turn.
func (t text) turnIndex(p int) int {
	i := sort.Search(len(t.turns), func(i int) bool { return t.turns[i].End > p })
	return min(i, len(t.turns)-1)
}

// snap moves p into a turn: to the start of the turn it precedes, or to
// the end of the last turn.
func (t text) snap(p int) int {
	if len(t.turns) == 0 {
		return 0
	}
	i := t.turnIndex(p)
	tn := t.turns[i]
	if p < tn.Start {
		return tn.Start
	}
	return min(p, max(tn.Start, tn.End-1))
}

// wordStart reports whether p starts a word inside turn tn.
func (t text) wordStart(p int, tn coding.Turn) bool {
	return t.wordAt(p, tn.Start, tn.End) && (p == tn.Start || !t.wordAt(p-1, tn.Start, tn.End))
}

// next returns the first position after p, across turns, where is holds;
// p itself when there is none.
func (t text) next(p int, is func(q int, tn coding.Turn) bool) int {
	for i := t.turnIndex(p); i < len(t.turns); i++ {
		tn := t.turns[i]
		for q := max(p+1, tn.Start); q < tn.End; q++ {
			if is(q, tn) {
				return q
			}
		}
	}
	return p
}

// prev returns the last position before p, across turns, where is holds;
// p itself when there is none.
func (t text) prev(p int, is func(q int, tn coding.Turn) bool) int {
	for i := t.turnIndex(p); i >= 0; i-- {
		tn := t.turns[i]
		for q := min(p-1, tn.End-1); q >= tn.Start; q-- {
			if is(q, tn) {
				return q
			}
		}
	}
	return p
}

// nextWord returns the start of the next word after p.
func (t text) nextWord(p int) int { return t.next(p, t.wordStart) }

// prevWord returns the start of the word before p (or of the word p is
// inside).
func (t text) prevWord(p int) int { return t.prev(p, t.wordStart) }

// wordEnd returns the end of the word that holds p, or p+1 when p is not
// in a word (a selection always covers at least the caret's character).
func (t text) wordEnd(p int) int {
	tn := t.turns[t.turnIndex(p)]
	if !t.wordAt(p, tn.Start, tn.End) {
		return min(p+1, max(tn.End, p))
	}
	for p < tn.End && t.wordAt(p, tn.Start, tn.End) {
		p++
	}
	return p
}

// selectFrom returns where a selection begun at p starts: the start of
// the word under p, or when p is on white space or punctuation the start
// of the next word in its turn (of the word before when none follows).
func (t text) selectFrom(p int) int {
	if len(t.turns) == 0 {
		return p
	}
	tn := t.turns[t.turnIndex(p)]
	if t.wordAt(p, tn.Start, tn.End) {
		return t.prevWord(p + 1)
	}
	if n := t.nextWord(p); n > p && n < tn.End {
		return n
	}
	if b := t.prevWord(p); b < p && b >= tn.Start {
		return b
	}
	return p
}

// trimSpan moves start forward and end back over white space, keeping at
// least one character: a coded span never starts or ends with a space.
func (t text) trimSpan(start, end int) coding.Span {
	for start < end-1 && unicode.IsSpace(t.r[start]) {
		start++
	}
	return coding.Span{Start: start, End: trimSpaceEnd(t.r, start, end)}
}

// terminal reports whether c ends a sentence.
func terminal(c rune) bool { return c == '.' || c == '!' || c == '?' || c == '…' }

// closer reports whether c may follow a sentence's terminal mark.
func closer(c rune) bool {
	return c == '"' || c == '\'' || c == ')' || c == ']' || c == '»' || c == '”' || c == '’'
}

// sentenceStart reports whether p starts a sentence inside turn tn: the
// first visible character of the turn or of a line, or one that is not
// lower case and follows a terminal mark (and closing quotes) and white
// space ("haku… en tiedä" goes on; "haku. Kela" starts anew).
func (t text) sentenceStart(p int, tn coding.Turn) bool {
	if p < tn.Start || p >= tn.End || unicode.IsSpace(t.r[p]) {
		return false
	}
	q := p - 1
	if q < tn.Start || t.r[q] == '\n' {
		return true
	}
	if !unicode.IsSpace(t.r[q]) {
		return false
	}
	for q >= tn.Start && unicode.IsSpace(t.r[q]) {
		if t.r[q] == '\n' {
			return true
		}
		q--
	}
	for q >= tn.Start && closer(t.r[q]) {
		q--
	}
	return q < tn.Start || terminal(t.r[q]) && !unicode.IsLower(t.r[p])
}

// nextSentence returns the start of the next sentence after p.
func (t text) nextSentence(p int) int { return t.next(p, t.sentenceStart) }

// prevSentence returns the start of the sentence before p (or of the one
// p is inside, when p is not at its start).
func (t text) prevSentence(p int) int { return t.prev(p, t.sentenceStart) }

// sentenceEnd returns the end of the sentence that holds p: just past its
// terminal mark and closing quotes, or the end of the line or turn.
func (t text) sentenceEnd(p int) int {
	tn := t.turns[t.turnIndex(p)]
	for q := p; q < tn.End; q++ {
		if t.r[q] == '\n' {
			return trimSpaceEnd(t.r, tn.Start, q)
		}
		if terminal(t.r[q]) && (q+1 == tn.End || !terminal(t.r[q+1])) {
			e := q + 1
			for e < tn.End && closer(t.r[e]) {
				e++
			}
			if e == tn.End || unicode.IsSpace(t.r[e]) && !t.continues(e, tn.End) {
				return e
			}
		}
	}
	return trimSpaceEnd(t.r, tn.Start, tn.End)
}

// continues reports whether the text after the white space at p goes on
// in lower case, so the mark before p did not end the sentence.
func (t text) continues(p, end int) bool {
	for p < end && unicode.IsSpace(t.r[p]) {
		if t.r[p] == '\n' {
			return false
		}
		p++
	}
	return p < end && unicode.IsLower(t.r[p])
}

// trimSpaceEnd moves end back over white space, not below start+1.
func trimSpaceEnd(r []rune, start, end int) int {
	for end > start+1 && unicode.IsSpace(r[end-1]) {
		end--
	}
	return end
}
