package refiqda

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/toituavain/avain/coding"
)

const extText = "Sarah: Hei, mitä kuuluu?\nGillian: Hyvää, kiitos.\nSarah: Hienoa."

// extArchive is a one-source .qdpx with the avain/ entries given (a
// name -> its bytes; a nil value an entry that declares a size over
// avain's limit).
func extArchive(t *testing.T, entries map[string][]byte) []byte {
	t.Helper()
	qde := `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="x" origin="avain">
<Users><User guid="` + UserGUID("aino") + `" name="aino"/></Users>
<CodeBook><Codes><Code guid="0199a000-0000-7000-8000-000000000001" name="Arki" isCodable="true"/></Codes></CodeBook>
<Sources><TextSource guid="0199a000-0000-7000-8000-0000000000d1" name="example.vtt" plainTextPath="internal://0199a000-0000-7000-8000-0000000000d1.txt">
<Description>Äänitys oli huono.</Description>
</TextSource></Sources>
</Project>`
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	put := func(name string, data []byte) {
		if data == nil {
			w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Store, UncompressedSize64: 1 << 40, CompressedSize64: 2})
			if err != nil {
				t.Fatal(err)
			}
			w.Write([]byte("{}"))
			return
		}
		w, _ := zw.Create(name)
		w.Write(data)
	}
	put("project.qde", []byte(qde))
	put("sources/0199a000-0000-7000-8000-0000000000d1.txt", []byte(extText))
	for name, data := range entries {
		put(name, data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func mustJSON(t *testing.T, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestReadAvainExtension: avain's own entries give a source its format
// and turns (speakers, times) when they are of its text, and the codes
// and Description memos their makers and times; an entry that does not
// fit is reported and the source read as any other tool's.
func TestReadAvainExtension(t *testing.T) {
	then := time.Date(2024, 3, 1, 9, 30, 0, 0, time.UTC)
	good := ExtSource{Hash: coding.ContentHash(extText), Format: "vtt", Turns: []ExtTurn{
		{Speaker: "Sarah", Start: 7, End: 24, TimeMs: 1000, TimeEndMs: 4000, HasTime: true},
		{Speaker: "Gillian", Start: 34, End: 48, TimeMs: 4000, TimeEndMs: 6500, HasTime: true},
		{Speaker: "Sarah", Start: 56, End: 63, TimeMs: 7000, HasTime: true},
	}}
	proj := ExtProject{Version: 1, Codes: map[string]ExtCode{"0199a000-0000-7000-8000-000000000001": {ExtRecord: ExtRecord{Coder: "ville", Created: then, Updated: then}}},
		Memos: map[string]ExtRecord{"0199a000-0000-7000-8000-0000000000d1": {Coder: "ville", Created: then, Updated: then}}}
	const src = "avain/sources/0199a000-0000-7000-8000-0000000000d1.json"
	t.Run("used", func(t *testing.T) {
		p, err := readQDPX(t, extArchive(t, map[string][]byte{src: mustJSON(t, good), "avain/project.json": mustJSON(t, proj)}))
		if err != nil {
			t.Fatal(err)
		}
		s := p.Sources[0]
		if s.Format != "vtt" || len(s.Turns) != 3 || s.Turns[1].Speaker != "Gillian" || s.Turns[1].Time != 4*time.Second ||
			s.Turns[1].TimeEnd != 6500*time.Millisecond || !s.Turns[2].HasTime || s.Turns[2].N != 3 {
			t.Errorf("format %q, turns %+v", s.Format, s.Turns)
		}
		if c := p.Codes[0]; c.Coder != "ville" || !c.Created.Equal(then) {
			t.Errorf("code record %+v", c.Record)
		}
		if st := p.MemoStamps[s.GUID]; p.Users[st.User] != "ville" || !st.Created.Equal(then) {
			t.Errorf("document memo stamp %+v", st)
		}
		if len(p.Changed)+len(s.Changed) != 0 {
			t.Errorf("changed %q %q", p.Changed, s.Changed)
		}
	})
	other := good
	other.Hash = coding.ContentHash("toinen teksti")
	overlap := good
	overlap.Turns = append([]ExtTurn{}, good.Turns...)
	overlap.Turns[1].Start = 20
	long := good
	long.Turns = []ExtTurn{{Speaker: strings.Repeat("x", 300), Start: 0, End: 5}}
	for name, tc := range map[string]struct {
		entries map[string][]byte
		want    string
	}{
		"another text": {map[string][]byte{src: mustJSON(t, other)}, "its avain/ entry is of another text"},
		"overlapping":  {map[string][]byte{src: mustJSON(t, overlap)}, "turn 2 [20,48) is outside the text [0,63) or out of order"},
		"long speaker": {map[string][]byte{src: mustJSON(t, long)}, "turn 1 has a speaker that is not a short line"},
		"not json":     {map[string][]byte{src: []byte("{turns")}, src + ": invalid character"},
		"too large":    {map[string][]byte{src: nil}, src + " is over avain's limit of 80,000,000 bytes for an entry of its own in a .qdpx"},
		"bad project":  {map[string][]byte{"avain/project.json": []byte(`{"version": 9}`)}, "avain/project.json is version 9, avain reads version 1; not used"},
	} {
		t.Run(name, func(t *testing.T) {
			p, err := readQDPX(t, extArchive(t, tc.entries))
			if err != nil {
				t.Fatal(err)
			}
			s := p.Sources[0]
			changed := append(append([]string{}, p.Changed...), s.Changed...)
			if len(changed) != 1 || !strings.Contains(changed[0], tc.want) || strings.Contains(changed[0], "\n") {
				t.Errorf("changed %q, want one line with %q", changed, tc.want)
			}
			if s.Format != "" || s.Turns != nil {
				t.Errorf("format %q, turns %v from a bad entry", s.Format, s.Turns)
			}
		})
	}
}
