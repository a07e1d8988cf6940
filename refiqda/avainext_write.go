package refiqda

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"sort"
)

// texts are the archive entries of the sources' texts,
// sources/<guid>.txt, by guid.
func (pw *projectWriter) texts() []archiveEntry {
	var out []archiveEntry
	for _, s := range pw.sortedSources() {
		out = append(out, archiveEntry{name: "sources/" + s.GUID + ".txt", write: writeString(s.Text)})
	}
	return out
}

// extEntries are the entries of avain's extension, after everything
// other tools read: avain/project.json, then avain/sources/<guid>.json
// for each source whose format or turns are known, by guid. Each source's
// entry is made from its turns as it is written, not held beforehand.
func (pw *projectWriter) extEntries() []archiveEntry {
	ext := pw.ext
	out := []archiveEntry{{name: extProjectEntry, write: func(w io.Writer) error { return writeJSON(w, ext, "  ") }}}
	for _, s := range pw.sortedSources() {
		if s.Format == "" && len(s.Turns) == 0 {
			continue
		}
		out = append(out, archiveEntry{name: extSourceEntry(s.GUID), write: func(w io.Writer) error {
			return writeJSON(w, extSource(s), "")
		}})
	}
	return out
}

// sortedSources are the project's sources by guid.
func (pw *projectWriter) sortedSources() []*Source {
	ss := append([]*Source(nil), pw.p.Sources...)
	sort.SliceStable(ss, func(i, j int) bool { return ss[i].GUID < ss[j].GUID })
	return ss
}

// extSource is what the extension keeps of s: its text's hash, format and
// turns, times in milliseconds.
func extSource(s *Source) ExtSource {
	es := ExtSource{Hash: contentHash(s.Text), Format: s.Format, Turns: make([]ExtTurn, len(s.Turns))}
	for i, t := range s.Turns {
		es.Turns[i] = ExtTurn{Speaker: t.Speaker, Start: t.Start, End: t.End,
			TimeMs: t.Time.Milliseconds(), TimeEndMs: t.TimeEnd.Milliseconds(), HasTime: t.HasTime}
	}
	return es
}

// contentHash is coding.ContentHash(text), hashed through a small buffer
// instead of a copy of the whole text.
func contentHash(text string) string {
	h := sha256.New()
	writeChunks(h, text) // a hash takes every write
	return hex.EncodeToString(h.Sum(nil))
}

// writeJSON writes v as JSON, "<" and "&" as they are, indented by indent
// ("" for none: a source's turns are many, and read by avain alone).
func writeJSON(w io.Writer, v any, indent string) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if indent != "" {
		enc.SetIndent("", indent)
	}
	return enc.Encode(v)
}
