package transcript

import (
	"html"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/toituavain/avain/coding"
	"golang.org/x/text/unicode/norm"
)

// cue is one timed subtitle block.
type cue struct {
	start, end time.Duration
	payload    []string // the text lines, markup and all
}

// segment is the part of a cue spoken by one voice.
type segment struct {
	start, end time.Duration
	speaker    string
	text       string // plain text on one line
}

// parseCues parses normalised WebVTT or SubRip text into the document text
// ("Speaker: words\n\n" per turn) and its turns.
func parseCues(text string) (string, []coding.Turn, error) {
	cues, err := readCues(text)
	if err != nil {
		return "", nil, err
	}
	var segs []segment
	for _, c := range cues {
		segs = append(segs, voiceSegments(c)...)
	}
	nameSpeakers(segs)
	out, turns := joinSegments(segs)
	if len(turns) == 0 {
		return "", nil, errorf(ErrEmpty, "no subtitle text")
	}
	return out, turns, nil
}

// readCues splits the text into blank-line separated blocks and reads the
// cues among them, skipping the WEBVTT header, NOTE, STYLE and REGION
// blocks and cue ids. A block without a timing line continues the cue
// before it.
func readCues(text string) ([]cue, error) {
	var cues []cue
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); {
		if strings.TrimSpace(lines[i]) == "" {
			i++
			continue
		}
		first := i
		for i < len(lines) && strings.TrimSpace(lines[i]) != "" {
			i++
		}
		block := lines[first:i]
		head := strings.TrimSpace(block[0])
		if (first == 0 && strings.HasPrefix(head, "WEBVTT")) || isVTTMeta(head) {
			continue
		}
		t := -1
		for k := 0; k < len(block) && k < 2; k++ {
			if strings.Contains(block[k], "-->") {
				t = k
				break
			}
		}
		if t < 0 {
			if len(cues) > 0 {
				last := &cues[len(cues)-1]
				last.payload = append(last.payload, block...)
			}
			continue
		}
		start, end, ok := cueTiming(block[t])
		if !ok {
			return nil, errorf(ErrSyntax, "line %d: bad cue timing %q", first+t+1, clip(strings.TrimSpace(block[t]), 60))
		}
		cues = append(cues, cue{start: start, end: end, payload: block[t+1:]})
	}
	return cues, nil
}

// isVTTMeta reports whether a block starting with head is a WebVTT comment,
// style or region block.
func isVTTMeta(head string) bool {
	for _, kw := range []string{"NOTE", "STYLE", "REGION"} {
		if head == kw || strings.HasPrefix(head, kw+" ") || strings.HasPrefix(head, kw+"\t") {
			return true
		}
	}
	return false
}

// cueTiming parses "00:00:01.000 --> 00:00:02.500 align:start" (WebVTT) or
// "00:00:01,000 --> 00:00:02,500" (SubRip); cue settings are ignored.
func cueTiming(s string) (time.Duration, time.Duration, bool) {
	left, right, _ := strings.Cut(s, "-->")
	left = strings.TrimSpace(left)
	fields := strings.Fields(right)
	if len(fields) == 0 {
		return 0, 0, false
	}
	start, ok1 := clockToken(left)
	end, ok2 := clockToken(fields[0])
	return start, end, ok1 && ok2
}

// clockToken parses a whole token as a clock time.
func clockToken(s string) (time.Duration, bool) {
	d, n, ok := parseClock(s, 0)
	return d, ok && n == len(s)
}

// voiceSegments strips the markup of a cue's text and cuts it where a
// WebVTT voice tag (<v Name>) starts a new voice.
func voiceSegments(c cue) []segment {
	var segs []segment
	cur := segment{start: c.start, end: c.end}
	var b strings.Builder
	push := func() {
		cur.text = cleanCueText(b.String())
		if cur.text != "" {
			segs = append(segs, cur)
		}
		b.Reset()
	}
	s := strings.Join(c.payload, "\n")
	for i := 0; i < len(s); {
		switch {
		case s[i] == '<':
			j := strings.IndexByte(s[i:], '>')
			if j < 0 {
				b.WriteString(s[i:])
				i = len(s)
				continue
			}
			if name, ok := voiceName(s[i+1 : i+j]); ok {
				push()
				cur.speaker = name
			}
			i += j + 1
		case strings.HasPrefix(s[i:], `{\`): // SubRip positioning such as {\an8}
			j := strings.IndexByte(s[i:], '}')
			if j < 0 {
				b.WriteString(s[i:])
				i = len(s)
				continue
			}
			i += j + 1
		default:
			b.WriteByte(s[i])
			i++
		}
	}
	push()
	return segs
}

// voiceName returns the name of a voice tag body such as "v Sarah" or
// "v.loud Sarah".
func voiceName(tag string) (string, bool) {
	if len(tag) < 2 || tag[0] != 'v' || (tag[1] != ' ' && tag[1] != '.' && tag[1] != '\t') {
		return "", false
	}
	_, name, _ := strings.Cut(strings.Replace(tag, "\t", " ", 1), " ")
	name = cleanCueText(name)
	// A voice that could not be a speaker's name (a control character,
	// say) is no voice: its text stays with the speaker before it.
	return name, name != "" && coding.ValidLine("speaker", name) == nil
}

// cleanCueText decodes HTML entities, folds white space to single spaces
// and puts the text in NFC.
func cleanCueText(s string) string {
	s = html.UnescapeString(s)
	return norm.NFC.String(strings.Join(strings.Fields(s), " "))
}

// nameSpeakers takes a `Name:` prefix at the start of a segment without a
// voice for its speaker, by the rules of line labels (a name that is not a
// role must be used at least twice), and removes the prefix from the text.
func nameSpeakers(segs []segment) {
	type prefix struct {
		speaker string
		rest    int
		role    bool
	}
	found := map[int]prefix{}
	uses := map[string]int{}
	for k, sg := range segs {
		if sg.speaker != "" {
			continue
		}
		name, j, ok := labelName(sg.text, 0)
		if !ok {
			continue
		}
		if speaker, role, ok := speakerName(name); ok {
			found[k] = prefix{speaker, j, role}
			uses[speaker]++
		}
	}
	for k, p := range found {
		if !p.role && uses[p.speaker] < 2 {
			continue
		}
		segs[k].text = strings.TrimSpace(segs[k].text[p.rest:])
		segs[k].speaker = p.speaker
	}
}

// joinSegments joins consecutive segments of one speaker into a turn (a
// segment without a speaker continues the one before) and writes the text
// as "Speaker: words\n\n" per turn.
func joinSegments(segs []segment) (string, []coding.Turn) {
	var b strings.Builder
	var turns []coding.Turn
	runes := 0
	write := func(s string) {
		b.WriteString(s)
		runes += utf8.RuneCountInString(s)
	}
	speaker := ""
	var labelAt *segment // a label alone, which starts the next turn
	for _, sg := range segs {
		if sg.speaker == "" {
			sg.speaker = speaker
		}
		speaker = sg.speaker
		if sg.text == "" {
			if labelAt == nil || labelAt.speaker != sg.speaker {
				labelAt = &sg
			}
			continue
		}
		start := sg.start
		if labelAt != nil && labelAt.speaker == sg.speaker {
			start = labelAt.start
		}
		labelAt = nil
		// A segment longer than a turn may be is cut (a cue of a whole
		// recording); a turn ends before it would grow over the bound.
		for text := sg.text; text != ""; start = sg.start {
			cut := nextCut(text, 0, len(text))
			piece := strings.TrimSpace(text[:cut])
			text = strings.TrimLeft(text[cut:], " ")
			size := utf8.RuneCountInString(piece)
			if n := len(turns); n > 0 && turns[n-1].Speaker == sg.speaker && runes-turns[n-1].Start+1+size <= maxTurnChars {
				write(" ")
				write(piece)
				turns[n-1].End, turns[n-1].TimeEnd = runes, sg.end
				continue
			}
			if len(turns) > 0 {
				write("\n\n")
			}
			if sg.speaker != "" {
				write(sg.speaker + ": ")
			}
			from := runes
			write(piece)
			turns = append(turns, coding.Turn{N: len(turns) + 1, Speaker: sg.speaker, Start: from, End: runes, Time: start, TimeEnd: sg.end, HasTime: true})
		}
	}
	return b.String(), turns
}

// clip shortens s to at most n bytes for an error message.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
