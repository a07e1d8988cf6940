package refiqda

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/toituavain/avain/coding"
)

// maxSpeakerChars bounds a speaker's name read from an avain/ entry: a
// name, not a text.
const maxSpeakerChars = 200

// maxTimeMs bounds a turn's time in the recording: a thousand hours.
const maxTimeMs = 1000 * 3600 * 1000

// oneLine puts an error's text on one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// readExtJSON decodes the avain/ entry f into v, within maxQDEBytes. A
// broken entry is an error naming it: the caller reports it and reads on
// as if the archive had none.
func readExtJSON(f *zip.File, v any) error {
	b, err := readEntry(f, maxQDEBytes, f.Name)
	if err != nil {
		return err
	}
	d := json.NewDecoder(bytes.NewReader(b))
	if err := d.Decode(v); err != nil {
		return fmt.Errorf("%s: %v", f.Name, err)
	}
	return nil
}

// readExtProject reads avain/project.json when the archive has one: nil
// when it has none, or when it cannot be used (reported in Changed).
func (rd *projectReader) readExtProject() *ExtProject {
	f, ok := rd.entries[extProjectEntry]
	if !ok {
		return nil
	}
	var x ExtProject
	if err := readExtJSON(f, &x); err != nil {
		rd.p.Changed = append(rd.p.Changed, oneLine(err.Error())+"; its code records and memo stamps not used")
		return nil
	}
	if x.Version < 1 || x.Version > ExtVersion {
		rd.p.Changed = append(rd.p.Changed, fmt.Sprintf("%s is version %d, avain reads version %d; not used", f.Name, x.Version, ExtVersion))
		return nil
	}
	return &x
}

// extStamp is an avain/project.json record as a Stamp: its coder named
// by the guid avain gives a coder, added to the project's users.
func (rd *projectReader) extStamp(r ExtRecord) Stamp {
	st := Stamp{Created: r.Created, Updated: r.Updated}
	if r.Coder != "" && utf8.RuneCountInString(r.Coder) <= maxSpeakerChars {
		st.User = UserGUID(r.Coder)
		if rd.p.Users[st.User] == "" {
			rd.p.Users[st.User] = r.Coder
		}
	}
	return st
}

// extMemoStamp stamps the memo on target from avain/project.json when it
// has a record for it; it reports whether it had.
func (rd *projectReader) extMemoStamp(target string) bool {
	if rd.ext == nil {
		return false
	}
	r, ok := rd.ext.Memos[target]
	if !ok {
		return false
	}
	rd.p.MemoStamps[target] = rd.extStamp(r)
	return true
}

// extCode gives a code read the record avain/project.json has of it.
func (rd *projectReader) extCode(c *coding.Code) {
	if rd.ext == nil {
		return
	}
	if r, ok := rd.ext.Codes[c.ID]; ok {
		st := rd.extStamp(r.ExtRecord)
		c.Coder, c.Created, c.Updated = rd.p.Users[st.User], st.Created, st.Updated
	}
}

// readExtSource reads the avain/sources entry of source s, when the
// archive has one; a broken one is reported in Changed.
func (rd *projectReader) readExtSource(s *Source) {
	f, ok := rd.entries[extSourceEntry(s.GUID)]
	if !ok {
		return
	}
	var x ExtSource
	if err := readExtJSON(f, &x); err != nil {
		rd.p.Changed = append(rd.p.Changed, fmt.Sprintf("source %q: %s; its turns found in its text", s.Name, oneLine(err.Error())))
		return
	}
	s.ext = &x
}

// useExt sets the source's Format and Turns from its avain/sources entry
// when the entry is of the text as loaded and its turns fit it; else the
// entry is reported in Changed and Format and Turns stay empty.
func (s *Source) useExt() {
	x := s.ext
	s.ext = nil
	if x == nil {
		return
	}
	if x.Hash != coding.ContentHash(s.Text) {
		s.Changed = append(s.Changed, fmt.Sprintf("source %q: its avain/ entry is of another text; its turns found in its text", s.Name))
		return
	}
	turns, err := extTurns(x.Turns, utf8.RuneCountInString(s.Text))
	if err != nil {
		s.Changed = append(s.Changed, fmt.Sprintf("source %q: its avain/ entry: %v; its turns found in its text", s.Name, err))
		return
	}
	if !validFormat(x.Format) {
		s.Changed = append(s.Changed, fmt.Sprintf("source %q: its avain/ entry names the format %.20q; its turns found in its text", s.Name, x.Format))
		return
	}
	s.Format, s.Turns = x.Format, turns
}

// validFormat reports whether f can be a document's format: a short
// lower-case word ("txt", "vtt", "docx").
func validFormat(f string) bool {
	if f == "" || len(f) > 16 {
		return f == ""
	}
	for _, r := range f {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// extTurns checks an entry's turns against a text of n code points: each
// inside it, in order, not overlapping, its speaker a short line.
func extTurns(in []ExtTurn, n int) ([]coding.Turn, error) {
	out := make([]coding.Turn, 0, len(in))
	prev := 0
	for i, t := range in {
		if t.Start < prev || t.End <= t.Start || t.End > n {
			return nil, fmt.Errorf("turn %d [%d,%d) is outside the text [0,%d) or out of order", i+1, t.Start, t.End, n)
		}
		if utf8.RuneCountInString(t.Speaker) > maxSpeakerChars || coding.ValidLine("speaker", t.Speaker) != nil {
			return nil, fmt.Errorf("turn %d has a speaker that is not a short line", i+1)
		}
		if t.TimeMs < 0 || t.TimeEndMs < 0 || t.TimeMs > maxTimeMs || t.TimeEndMs > maxTimeMs {
			return nil, fmt.Errorf("turn %d has a negative time", i+1)
		}
		out = append(out, coding.Turn{N: i + 1, Speaker: t.Speaker, Start: t.Start, End: t.End,
			Time: time.Duration(t.TimeMs) * time.Millisecond, TimeEnd: time.Duration(t.TimeEndMs) * time.Millisecond, HasTime: t.HasTime})
		prev = t.End
	}
	return out, nil
}
