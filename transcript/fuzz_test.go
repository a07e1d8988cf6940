package transcript

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// checkFuzzed fails t when Parse returned a document that breaks an
// invariant; errors are fine, panics are not.
func checkFuzzed(t *testing.T, format string, data []byte) {
	doc, err := Parse("fuzz."+format, format, data)
	if err != nil {
		if doc != nil {
			t.Fatalf("both a document and an error: %v", err)
		}
		return
	}
	if p := docProblem(doc); p != "" {
		t.Fatalf("%s: %s\ntext %q\nturns %+v", format, p, doc.Text, doc.Turns)
	}
	if !utf8.ValidString(doc.Text) {
		t.Fatalf("text is not valid UTF-8")
	}
}

// FuzzParse feeds text and Markdown files to Parse.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"H: Miten menee?\nV: Hyvin.\n\nJatkoa.",
		"### Yu-shan Tseng:\nHello.\n\n> (laughter)\n\n### Audrey Tang:\nHi.",
		"### 問：\n有關？\n\n### 呂家華：\n對。",
		"[00:12:34] H: Aloitetaan.\nV: [12:34] Joo (.) [naurahtaa] xxx.",
		"**M:** Mitä?\n\n**Maija Mäkinen:** Ei mitään.\n\n**Maija Mäkinen**: Joo.",
		"[id1] hello\n\n[id2] hi\n\n[nimi poistettu] hei",
		"\tMODERATOR: Start.\n\n\tThinking aloud.\n\n\tMore.\n\n\tAnd more.\n\n\tEnd.",
		"Hyv\xe4\xe4 p\xe4iv\xe4\xe4\r\nV: \x93joo\x94\r",
		"\xEF\xBB\xBFV: Pa\u0308iva\u0308a\u0308\r\n",
		"\xFF\xFEH\x00:\x00 \x00\xE4\x00",
		"H:\nV:\n \n\t",
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, md bool) {
		format := "txt"
		if md {
			format = "md"
		}
		checkFuzzed(t, format, data)
	})
}

// FuzzSubtitles feeds WebVTT and SubRip files to Parse.
func FuzzSubtitles(f *testing.F) {
	for _, s := range []string{
		"WEBVTT\r\n\r\nNOTE x\r\n\r\n1\r\n00:00:00.000 --> 00:00:02.760 align:start\r\n<v Sarah>Q&amp;A <i>one</i>\r\n\r\n00:02.760 --> 00:03.000\r\n<v.loud Gillian>Hi</v> <v Sarah>two\r\n",
		"1\n00:00:00,179 --> 00:00:02,399\nTravis: When you\nfirst\n\n2\n00:00:02,400 --> 00:00:04,799\nalmost {\\an8}done\n\nstray\n\n3\n00:00:05,000 --> 00:00:06,000\nTravis:\n",
		"WEBVTT\n\n00:01.000 --> 00:02.000\n<v Maija Mäkinen>Hei &lt;3 <00:01.500>joo</v>\n",
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, srt bool) {
		format := "vtt"
		if srt {
			format = "srt"
		}
		checkFuzzed(t, format, data)
	})
}

// FuzzArchive feeds the document XML of .docx and .odt files to Parse.
func FuzzArchive(f *testing.F) {
	f.Add(fixtureDOCX, false)
	f.Add(fixtureODT, true)
	f.Add(`<w:p><w:r><w:t>H:</w:t><w:tab/><w:br/><w:t>x</w:t></w:r><w:p><w:r><w:t>V: y</w:t></w:r></w:p></w:p>`, false)
	f.Add(`<text:p>V:<text:s text:c="99999"/>a<text:line-break/><text:p>H: b</text:p> c</text:p>`, true)
	f.Fuzz(func(t *testing.T, body string, odt bool) {
		if odt {
			checkFuzzed(t, "odt", odtOf(t, body))
		} else {
			checkFuzzed(t, "docx", docxOf(t, body))
		}
	})
}

// FuzzMeta checks that the CSV sidecar parser never panics and refuses
// bad input with a one-line error naming the file; what it accepts has a
// row per file with attribute keys.
func FuzzMeta(f *testing.F) {
	f.Add([]byte("file,kind,region\nh1.txt,client,Kuopio\nh2.txt,professional,\"Pohjois-Savo, itä\"\n"))
	f.Add([]byte("\ufefffile;kind\r\nh1.txt;client\r\n"))
	f.Add([]byte("kind\nclient\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := ParseMeta("meta.csv", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "meta.csv") || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error %q: want one line naming the file", err)
			}
			return
		}
		for file, attrs := range rows {
			if file == "" {
				t.Fatalf("a row without a file: %v", attrs)
			}
			for k := range attrs {
				if k == "" || k == "file" {
					t.Fatalf("attribute key %q", k)
				}
			}
		}
	})
}
