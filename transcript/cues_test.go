package transcript

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestCues(t *testing.T) {
	tests := []struct {
		name, format, in, text string
		turns                  []turnView
		times                  [][2]time.Duration
	}{
		{
			name:   "vtt voices, entities, header, notes, ids, settings, crlf",
			format: "vtt",
			in: "WEBVTT - Haastattelu\r\nKind: captions\r\n\r\nNOTE litteroitu automaattisesti\r\njatkuu\r\n\r\nSTYLE\r\n::cue { color: lime }\r\n\r\n" +
				"1\r\n00:00:01.000 --> 00:00:03.500 align:start position:10%\r\n<v Maija Mäkinen>Hei &amp; tervetuloa,\r\n<i>Pekka</i>.\r\n\r\n" +
				"00:00:03.500 --> 00:00:05.000\r\n<v.loud Maija Mäkinen>Aloitetaan &lt;nyt&gt;.</v>\r\n\r\n" +
				"00:00:05.000 --> 00:00:07.250\r\n<v Pekka Öhman><c.yellow>Joo</c> <00:00:06.000>kiitos.\r\n",
			text:  "Maija Mäkinen: Hei & tervetuloa, Pekka. Aloitetaan <nyt>.\n\nPekka Öhman: Joo kiitos.",
			turns: []turnView{{"Maija Mäkinen", "Hei & tervetuloa, Pekka. Aloitetaan <nyt>."}, {"Pekka Öhman", "Joo kiitos."}},
			times: [][2]time.Duration{{time.Second, 5 * time.Second}, {5 * time.Second, 7250 * time.Millisecond}},
		},
		{
			name:   "vtt two voices in one cue, no voice at start",
			format: "vtt",
			in:     "WEBVTT\n\n00:01.000 --> 00:02.000\nJohdanto.\n\n00:02.000 --> 00:04.000\n<v H>Mitä kuuluu?</v> <v V>Hyvää.</v>\n",
			text:   "Johdanto.\n\nH: Mitä kuuluu?\n\nV: Hyvää.",
			turns:  []turnView{{"", "Johdanto."}, {"H", "Mitä kuuluu?"}, {"V", "Hyvää."}},
			times:  [][2]time.Duration{{time.Second, 2 * time.Second}, {2 * time.Second, 4 * time.Second}, {2 * time.Second, 4 * time.Second}},
		},
		{
			name:   "srt name prefixes only where the speaker changes",
			format: "srt",
			in: "1\n00:00:00,179 --> 00:00:02,399\nMaija: Kun haet\ntoimeentulotukea,\n\n2\n00:00:02,400 --> 00:00:04,799\nkannattaa <i>ensin</i>\nsoittaa Kelaan.\n\n" +
				"3\n00:00:04,801 --> 00:00:07,980\nPekka: Niin {\\an8}kannattaa.\n\n4\n00:00:08,000 --> 00:00:09,000\nMaija: Ja kuntaan.\n\n5\n00:00:09,000 --> 00:00:10,000\nPekka: Totta.\n",
			text: "Maija: Kun haet toimeentulotukea, kannattaa ensin soittaa Kelaan.\n\nPekka: Niin kannattaa.\n\nMaija: Ja kuntaan.\n\nPekka: Totta.",
			turns: []turnView{{"Maija", "Kun haet toimeentulotukea, kannattaa ensin soittaa Kelaan."}, {"Pekka", "Niin kannattaa."},
				{"Maija", "Ja kuntaan."}, {"Pekka", "Totta."}},
			times: [][2]time.Duration{{179 * time.Millisecond, 4799 * time.Millisecond}, {4801 * time.Millisecond, 7980 * time.Millisecond},
				{8 * time.Second, 9 * time.Second}, {9 * time.Second, 10 * time.Second}},
		},
		{
			name:   "srt sentence with a colon is no speaker",
			format: "srt",
			in:     "1\n00:00:01,000 --> 00:00:02,000\nV: Hän sanoi: ei.\n\n2\n00:00:02,000 --> 00:00:03,000\nSitten hän sanoi: kyllä.\n\n3\n00:00:03,000 --> 00:00:04,000\nHuom: kesken.\n",
			text:   "V: Hän sanoi: ei. Sitten hän sanoi: kyllä. Huom: kesken.",
			turns:  []turnView{{"V", "Hän sanoi: ei. Sitten hän sanoi: kyllä. Huom: kesken."}},
			times:  [][2]time.Duration{{time.Second, 4 * time.Second}},
		},
		{
			name:   "srt label alone names the next cue",
			format: "srt",
			in:     "1\n00:00:01,000 --> 00:00:02,000\nH:\n\n2\n00:00:02,000 --> 00:00:03,000\nAloitetaan.\n",
			text:   "H: Aloitetaan.",
			turns:  []turnView{{"H", "Aloitetaan."}},
			times:  [][2]time.Duration{{time.Second, 3 * time.Second}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := mustParse(t, tt.format, []byte(tt.in))
			if doc.Text != tt.text {
				t.Errorf("Text = %q\nwant   %q", doc.Text, tt.text)
			}
			if got := turnViews(doc); !reflect.DeepEqual(got, tt.turns) {
				t.Errorf("turns = %q, want %q", got, tt.turns)
			}
			for i, tn := range doc.Turns {
				if i < len(tt.times) && (!tn.HasTime || tn.Time != tt.times[i][0] || tn.TimeEnd != tt.times[i][1]) {
					t.Errorf("turn %d time %v–%v (%v), want %v–%v", tn.N, tn.Time, tn.TimeEnd, tn.HasTime, tt.times[i][0], tt.times[i][1])
				}
			}
		})
	}
}

func TestCueErrors(t *testing.T) {
	tests := []struct {
		name, format, in string
		kind             error
		msg              string
	}{
		{"header only", "vtt", "WEBVTT\n\nNOTE vain kommentti\n", ErrEmpty, "no subtitle text"},
		{"cues without text", "srt", "1\n00:00:01,000 --> 00:00:02,000\n<i></i>\n", ErrEmpty, "no subtitle text"},
		{"bad timing", "srt", "1\n00:00:01,000 --> 00:00:02,000\nJoo.\n\n2\n00:00:xx --> 00:00:03,000\nEi.\n", ErrSyntax, "line 6: bad cue timing"},
		{"binary", "vtt", "WEBVTT\x00\x00\x00", ErrBinary, "NUL"},
		{"empty", "srt", "", ErrEmpty, "empty file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("x."+tt.format, tt.format, []byte(tt.in))
			if !errors.Is(err, tt.kind) {
				t.Fatalf("err = %v, want %v", err, tt.kind)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %q, want %q", err, tt.msg)
			}
		})
	}
}
