package transcript

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

// wantTooLarge fails t unless err is a one-line ErrTooLarge naming path and
// saying the limit.
func wantTooLarge(t *testing.T, err error, path, limit string) {
	t.Helper()
	if !errors.Is(err, coding.ErrTooLarge) {
		t.Fatalf("err = %v, want coding.ErrTooLarge", err)
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, path+": ") || strings.Contains(msg, "\n") || !strings.Contains(msg, limit) {
		t.Errorf("err = %q, want one line starting %q and naming the limit %q", msg, path+": ", limit)
	}
}

// TestFileOverByteLimitRefused: a file larger than MaxDocumentBytes is
// refused by its size, before it is read (the file here is sparse, so the
// test writes nothing).
func TestFileOverByteLimitRefused(t *testing.T) {
	p := filepath.Join(t.TempDir(), "valtava.txt")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(coding.MaxDocumentBytes + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, _, err = Read(p)
	wantTooLarge(t, err, p, "80 MB")
}

// TestTextOverCharLimitRefused: a text of MaxDocumentChars+1 characters (at
// its real size, 20 MB) is refused.
func TestTextOverCharLimitRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: a 20 MB text; run without -short")
	}
	over := filepath.Join(t.TempDir(), "yli.txt")
	if err := os.WriteFile(over, []byte(strings.Repeat("sana ", coding.MaxDocumentChars/5)+"x"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, err := Read(over)
	wantTooLarge(t, err, over, "20,000,000 characters")
}

// TestArchiveExpansionRefused: what an archive expands to counts against
// the limit as it is read: ODT spaces (text:s text:c), tabs, and the
// nesting of XML elements.
func TestArchiveExpansionRefused(t *testing.T) {
	spaces := coding.MaxDocumentChars/1000 + 1 // 20,001 text:s of 1,000: 460 KB of XML
	tests := []struct {
		name, file string
		data       func(t *testing.T) []byte
		limit      string
	}{
		{"odt spaces", "tilat.odt", func(t *testing.T) []byte {
			return odtOf(t, "<text:p>a"+strings.Repeat(`<text:s text:c="1000"/>`, spaces)+"b</text:p>")
		}, "20,000,000 characters"},
		{"odt spaces across paragraphs", "kappaleet.odt", func(t *testing.T) []byte {
			return odtOf(t, strings.Repeat(`<text:p>a<text:s text:c="1000"/>b</text:p>`, spaces))
		}, "20,000,000 characters"},
		{"odt one count past the limit", "yksi.odt", func(t *testing.T) []byte {
			return odtOf(t, `<text:p>a<text:s text:c="25000000"/>b</text:p>`)
		}, "20,000,000 characters"},
		{"odt a count past any integer", "iso.odt", func(t *testing.T) []byte {
			return odtOf(t, `<text:p>a<text:s text:c="99999999999999999999999"/>b</text:p>`)
		}, "20,000,000 characters"},
		{"odt nesting", "sisakkain.odt", func(t *testing.T) []byte {
			return odtOf(t, "<text:p>"+strings.Repeat("<text:span>", 300)+"a"+strings.Repeat("</text:span>", 300)+"</text:p>")
		}, "256 levels"},
		{"docx nested paragraphs", "sisakkain.docx", func(t *testing.T) []byte {
			return docxOf(t, strings.Repeat("<w:p><w:r><w:t>x</w:t></w:r>", 300)+strings.Repeat("</w:p>", 300))
		}, "256 levels"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeTemp(t, tt.file, tt.data(t))
			_, _, err := Read(p)
			wantTooLarge(t, err, p, tt.limit)
		})
	}
	t.Run("a count within the limit is kept", func(t *testing.T) {
		doc := mustParse(t, "odt", odtOf(t, `<text:p>H: a<text:s text:c="5000"/>b</text:p>`))
		if want := "H: a" + strings.Repeat(" ", 5000) + "b"; doc.Text != want {
			t.Errorf("text holds %d characters, want %d", len(doc.Text), len(want))
		}
	})
	t.Run("nesting within the limit", func(t *testing.T) {
		doc := mustParse(t, "odt", odtOf(t, "<text:p>"+strings.Repeat("<text:span>", 200)+"H: hei"+strings.Repeat("</text:span>", 200)+"</text:p>"))
		if doc.Text != "H: hei" {
			t.Errorf("text = %q", doc.Text)
		}
	})
}

// TestLimitsOfEveryFormat: each format refuses a document over the
// character limit (lowered here) and reads one at it.
func TestLimitsOfEveryFormat(t *testing.T) {
	defer func(c int) { maxChars = c }(maxChars)
	maxChars = 1000
	long := strings.Repeat("sana ", 250) // 1,250 characters
	tests := []struct {
		format   string
		data, at []byte // over the limit, and at it
	}{
		{"txt", []byte("H: " + long), []byte("H: " + long[:997])},
		{"md", []byte("### H:\n\n" + long), []byte("### H:\n\n" + long[:992])},
		{"vtt", []byte("WEBVTT\n\n00:00.000 --> 00:01.000\n<v Anna>" + long + "\n"),
			[]byte("WEBVTT\n\n00:00.000 --> 00:01.000\n<v Anna>" + long[:994] + "\n")},
		{"srt", []byte("1\n00:00:00,000 --> 00:00:01,000\nAnna: " + long + "\n"),
			[]byte("1\n00:00:00,000 --> 00:00:01,000\nAnna: " + long[:994] + "\n")},
		{"docx", docxOf(t, "<w:p><w:r><w:t>"+long+"</w:t></w:r></w:p>"), docxOf(t, "<w:p><w:r><w:t>"+long[:1000]+"</w:t></w:r></w:p>")},
		{"odt", odtOf(t, "<text:p>"+long+"</text:p>"), odtOf(t, "<text:p>"+long[:1000]+"</text:p>")},
		{"odt tabs", odtOf(t, "<text:p>a"+strings.Repeat("<text:tab/>", 1000)+"</text:p>"),
			odtOf(t, "<text:p>"+strings.Repeat("<text:tab/>", 999)+"a</text:p>")},
		{"odt spaces", odtOf(t, `<text:p>a<text:s text:c="1000"/></text:p>`),
			odtOf(t, `<text:p>a<text:s text:c="998"/>b</text:p>`)},
		{"utf-16", utf16Bytes("H: "+long, true), utf16Bytes("H: "+long[:997], true)},
		{"windows-1252", []byte("H: p\xe4iv\xe4\xe4 " + long), []byte("H: p\xe4iv\xe4\xe4 " + long[:990])},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			format := strings.Fields(tt.format)[0]
			if format == "utf-16" || format == "windows-1252" {
				format = "txt"
			}
			p := writeTemp(t, "pitka."+format, tt.data)
			_, _, err := Read(p)
			wantTooLarge(t, err, p, "1,000 characters")
			doc := mustParse(t, format, tt.at)
			if n := coding.RuneLen(doc.Text); n > maxChars || n < maxChars-10 {
				t.Errorf("a document of %d characters, want about %d", n, maxChars)
			}
		})
	}
}

// TestZipEntryOverLimitRefused: the unpacked bytes of the XML part are
// counted as they are read.
func TestZipEntryOverLimitRefused(t *testing.T) {
	defer func(n int64) { maxPartBytes = n }(maxPartBytes)
	maxPartBytes = 4096
	p := writeTemp(t, "paisuva.docx", docxOf(t, strings.Repeat("<w:p/>", 1000)))
	_, _, err := Read(p)
	wantTooLarge(t, err, p, "unpacks to more than")
	if !strings.Contains(err.Error(), "word/document.xml") {
		t.Errorf("err = %v, want the part named", err)
	}
}

// TestLongTurnsAreCut: a paragraph over maxTurnChars (a text without line
// breaks) becomes several turns of the same speaker, each within the bound,
// covering the whole utterance in order, cut between sentences or words.
func TestLongTurnsAreCut(t *testing.T) {
	var b strings.Builder
	b.WriteString("Haastattelija: Kerro.\n\nV: ")
	for i := 0; b.Len() < 3*maxTurnChars; i++ {
		fmt.Fprintf(&b, "Lause numero %d kertoo asiasta. ", i)
	}
	b.WriteString("\n\nHaastattelija: Kiitos.")
	for _, format := range []string{"txt", "vtt"} {
		t.Run(format, func(t *testing.T) {
			data := []byte(b.String())
			if format == "vtt" {
				data = vttOf(b.String())
			}
			doc := mustParse(t, format, data)
			long := 0
			var said strings.Builder
			for _, tn := range doc.Turns {
				text := doc.TurnText(tn)
				if n := coding.RuneLen(text); n > maxTurnChars {
					t.Fatalf("turn %d has %d characters, over %d", tn.N, n, maxTurnChars)
				}
				if tn.Speaker == "V" {
					long++
					if !strings.HasSuffix(text, ".") {
						t.Errorf("turn %d is not cut after a sentence: …%q", tn.N, text[max(0, len(text)-20):])
					}
					said.WriteString(text + " ")
				}
			}
			if long < 3 {
				t.Errorf("the long turn became %d turns, want at least 3", long)
			}
			first, last := doc.Turns[0], doc.Turns[len(doc.Turns)-1]
			if first.Speaker != "Haastattelija" || last.Speaker != "Haastattelija" || doc.TurnText(last) != "Kiitos." {
				t.Errorf("first and last turns = %+v %+v", first, last)
			}
			if want := strings.Join(strings.Fields(strings.SplitN(b.String(), "V: ", 2)[1]), " "); !strings.HasPrefix(want, strings.TrimSpace(said.String())) {
				t.Errorf("the cut turns do not hold the utterance in order")
			}
		})
	}
	t.Run("no white space", func(t *testing.T) {
		doc := mustParse(t, "txt", []byte(strings.Repeat("ä", 2*maxTurnChars+10)))
		if len(doc.Turns) != 3 || coding.RuneLen(doc.TurnText(doc.Turns[0])) != maxTurnChars {
			t.Errorf("turns = %+v", doc.Turns)
		}
	})
}

// vttOf turns "Speaker: words" paragraphs into WebVTT cues, one cue a
// sentence.
func vttOf(text string) []byte {
	var b strings.Builder
	b.WriteString("WEBVTT\n\n")
	s := 0
	for _, para := range strings.Split(text, "\n\n") {
		speaker, words, _ := strings.Cut(para, ": ")
		for _, sentence := range strings.SplitAfter(words, ". ") {
			if strings.TrimSpace(sentence) == "" {
				continue
			}
			fmt.Fprintf(&b, "%02d:%02d:%02d.000 --> %02d:%02d:%02d.500\n<v %s>%s\n\n", s/3600, s/60%60, s%60, s/3600, s/60%60, s%60, speaker, sentence)
			s++
		}
	}
	return []byte(b.String())
}
