package transcript

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Limits of a general speaker name such as "Maija Mäkinen" or "Yu-shan Tseng".
const (
	maxNameRunes = 40
	maxNameWords = 4
	// maxUncasedRunes bounds a name in a script without letter case (CJK):
	// such a name cannot be told from a sentence by its capitals.
	maxUncasedRunes = 8
)

// roleNames are speaker labels that are labels wherever they occur (compared
// in lower case, after a trailing number such as the 2 of "Vastaaja 2").
// Single capital letters (H, V, I, R, Q, A, M …) with an optional number
// are roles too.
var roleNames = map[string]bool{
	"haastattelija": true, "haastateltava": true, "vastaaja": true,
	"moderaattori": true, "osallistuja": true, "puhuja": true, "kysyjä": true,
	"interviewer": true, "interviewee": true, "respondent": true,
	"moderator": true, "participant": true, "speaker": true,
	"assistant": true, "user": true, "ai": true,
	"問": true, "答": true,
}

// nameParticles may start a word of a name without a capital letter.
var nameParticles = map[string]bool{
	"af": true, "al": true, "bin": true, "da": true, "de": true, "del": true,
	"der": true, "di": true, "du": true, "la": true, "le": true, "van": true,
	"von": true, "y": true,
}

// label is a speaker label found at the start of a line.
type label struct {
	speaker string
	role    bool // a role word or bracketed id: a label wherever it occurs
	block   bool // nothing follows the label on its line
	content int  // byte offset in the line where the utterance starts
	time    time.Duration
	hasTime bool
}

// parseLabel recognises a speaker label at the start of line: optional
// indentation and timestamp, then `Name:`, `Name：`, `### Name:`,
// `**Name:**`, `**Name**:` or `[id1]`, then an optional timestamp.
func parseLabel(line string) (label, bool) {
	var lb label
	i := skipBlanks(line, 0)
	if d, j, ok := parseStamp(line, i); ok {
		lb.time, lb.hasTime = d, true
		i = skipBlanks(line, j)
	}
	i = skipHeading(line, i)
	if i < len(line) && line[i] == '[' {
		id, j, ok := bracketID(line, i)
		if !ok {
			return label{}, false
		}
		lb.speaker, lb.role, i = id, true, j
	} else {
		name, j, ok := labelName(line, i)
		if !ok {
			return label{}, false
		}
		speaker, role, ok := speakerName(name)
		if !ok {
			return label{}, false
		}
		lb.speaker, lb.role, i = speaker, role, j
	}
	i = skipBlanks(line, i)
	if !lb.hasTime {
		if d, j, ok := parseStamp(line, i); ok {
			lb.time, lb.hasTime = d, true
			i = skipBlanks(line, j)
		}
	}
	lb.content = i
	lb.block = strings.TrimSpace(line[i:]) == ""
	return lb, true
}

// skipHeading skips a markdown heading marker ("### ") at line[i:].
func skipHeading(line string, i int) int {
	j := i
	for j < len(line) && line[j] == '#' {
		j++
	}
	if j == i || j-i > 6 || j >= len(line) || (line[j] != ' ' && line[j] != '\t') {
		return i
	}
	return skipBlanks(line, j)
}

// labelName finds `Name:` (or `Name：`, `**Name:**`, `**Name**:`) at
// line[i:] and returns the raw name and the offset just past the label.
// An ASCII colon must be followed by white space or the end of the line.
func labelName(line string, i int) (string, int, bool) {
	bold := ""
	if strings.HasPrefix(line[i:], "**") || strings.HasPrefix(line[i:], "__") {
		bold, i = line[i:i+2], i+2
	}
	start := i
	for i < len(line) {
		if i-start > 4*maxNameRunes {
			return "", 0, false
		}
		if bold != "" && strings.HasPrefix(line[i:], bold) {
			break
		}
		if line[i] == ':' || strings.HasPrefix(line[i:], "：") {
			break
		}
		i++
	}
	name := line[start:i]
	if bold != "" && strings.HasPrefix(line[i:], bold) { // **Name**:
		i += len(bold)
		bold = ""
	}
	wide := strings.HasPrefix(line[i:], "：")
	switch {
	case wide:
		i += len("：")
	case i < len(line) && line[i] == ':':
		i++
	default:
		return "", 0, false
	}
	if bold != "" { // **Name:**
		if !strings.HasPrefix(line[i:], bold) {
			return "", 0, false
		}
		i += len(bold)
	}
	if !wide && i < len(line) && line[i] != ' ' && line[i] != '\t' {
		return "", 0, false
	}
	return name, i, true
}

// speakerName checks that name looks like a speaker's name or role rather
// than the start of a sentence: one to four words of at most 40 characters,
// each word capitalised (or a particle such as "van", or a final number),
// and returns it with single spaces. role reports a role label.
func speakerName(name string) (speaker string, role, ok bool) {
	words := strings.Fields(name)
	if len(words) == 0 || len(words) > maxNameWords || utf8.RuneCountInString(name) > maxNameRunes {
		return "", false, false
	}
	for k, w := range words {
		if !nameWord(w, k, len(words)) {
			return "", false, false
		}
	}
	first, _ := utf8.DecodeRuneInString(words[0])
	if uncased(first) && (len(words) > 1 || utf8.RuneCountInString(words[0]) > maxUncasedRunes) {
		return "", false, false
	}
	speaker = strings.Join(words, " ")
	return speaker, isRole(words), true
}

// nameWord reports whether w can be word k of an n-word name.
func nameWord(w string, k, n int) bool {
	if k > 0 && nameParticles[w] {
		return true
	}
	if k > 0 && k == n-1 && allDigits(w) {
		return true
	}
	r, size := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) && !unicode.IsTitle(r) && !uncased(r) {
		return false
	}
	for _, r := range w[size:] {
		if !unicode.IsLetter(r) && !unicode.IsMark(r) && !unicode.IsDigit(r) && !strings.ContainsRune("-'’.", r) {
			return false
		}
	}
	return true
}

// uncased reports whether r is a letter of a script without letter case.
func uncased(r rune) bool {
	return unicode.IsLetter(r) && !unicode.IsUpper(r) && !unicode.IsLower(r) && !unicode.IsTitle(r)
}

// isRole reports whether the words of a name are a role label: a capital
// letter with an optional number (H, V2), or one of roleNames with an
// optional number (Haastattelija 1, H1).
func isRole(words []string) bool {
	if len(words) == 2 && allDigits(words[1]) {
		words = words[:1]
	}
	if len(words) != 1 {
		return false
	}
	w := strings.TrimRightFunc(words[0], func(r rune) bool { return r >= '0' && r <= '9' })
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r) || roleNames[w]
	}
	return roleNames[strings.ToLower(w)]
}

// bracketID parses a QualCoder-style speaker id such as "[id1]", "[ID2]" or
// "[P3]" (one to four ASCII letters, then one to four digits) at line[i:],
// with an optional colon, followed by white space or the line end.
// Notation such as "[naurahtaa]" has no digits and is not an id.
func bracketID(line string, i int) (string, int, bool) {
	j := i + 1
	letters, digits := 0, 0
	for j < len(line) && isASCIILetter(line[j]) {
		j, letters = j+1, letters+1
	}
	for j < len(line) && line[j] >= '0' && line[j] <= '9' {
		j, digits = j+1, digits+1
	}
	if letters < 1 || letters > 4 || digits < 1 || digits > 4 || j >= len(line) || line[j] != ']' {
		return "", 0, false
	}
	id := line[i+1 : j]
	j++
	if j < len(line) && line[j] == ':' {
		j++
	}
	if j < len(line) && line[j] != ' ' && line[j] != '\t' {
		return "", 0, false
	}
	return id, j, true
}

// parseStamp parses a timestamp such as "[00:12:34]", "(00:12:34)",
// "00:12:34" or "[12:34]" at s[i:]. It must be followed by white space or
// the end of s.
func parseStamp(s string, i int) (time.Duration, int, bool) {
	closer := byte(0)
	j := i
	if j < len(s) && (s[j] == '[' || s[j] == '(') {
		closer = ']'
		if s[j] == '(' {
			closer = ')'
		}
		j++
	}
	d, j, ok := parseClock(s, j)
	if !ok {
		return 0, 0, false
	}
	if closer != 0 {
		if j >= len(s) || s[j] != closer {
			return 0, 0, false
		}
		j++
	}
	if j < len(s) && s[j] != ' ' && s[j] != '\t' {
		return 0, 0, false
	}
	return d, j, true
}

// parseClock parses "h:mm:ss", "mm:ss" or either with a fraction of a
// second after "." or "," at s[i:] and returns the end offset.
func parseClock(s string, i int) (time.Duration, int, bool) {
	var fields []int
	for {
		n, j := digitsAt(s, i, 3)
		if j == i {
			return 0, 0, false
		}
		if len(fields) > 0 && (j-i != 2 || n > 59) {
			return 0, 0, false
		}
		fields = append(fields, n)
		i = j
		if len(fields) == 3 || i >= len(s) || s[i] != ':' {
			break
		}
		i++
	}
	if len(fields) < 2 {
		return 0, 0, false
	}
	var frac time.Duration
	if i+1 < len(s) && (s[i] == '.' || s[i] == ',') && s[i+1] >= '0' && s[i+1] <= '9' {
		n, j := digitsAt(s, i+1, 3)
		scale := time.Second
		for k := i + 1; k < j; k++ {
			scale /= 10
		}
		frac, i = time.Duration(n)*scale, j
	}
	var d time.Duration
	for _, f := range fields {
		d = d*60 + time.Duration(f)
	}
	return d*time.Second + frac, i, true
}

// digitsAt reads up to max decimal digits at s[i:].
func digitsAt(s string, i, max int) (int, int) {
	n, j := 0, i
	for j < len(s) && j-i < max && s[j] >= '0' && s[j] <= '9' {
		n = n*10 + int(s[j]-'0')
		j++
	}
	return n, j
}

func skipBlanks(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

func isASCIILetter(b byte) bool { return b|0x20 >= 'a' && b|0x20 <= 'z' }

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
