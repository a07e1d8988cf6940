package transcript

import (
	"testing"
	"time"
)

func TestParseLabel(t *testing.T) {
	tests := []struct {
		line    string
		speaker string
		role    bool
		block   bool
		rest    string // the line from the utterance on
		time    time.Duration
		hasTime bool
	}{
		{line: "H: Miten asiointi Kelan kanssa sujui?", speaker: "H", role: true, rest: "Miten asiointi Kelan kanssa sujui?"},
		{line: "V: No (.) ihan hyvin.", speaker: "V", role: true, rest: "No (.) ihan hyvin."},
		{line: "H1: Entä sitten?", speaker: "H1", role: true, rest: "Entä sitten?"},
		{line: "H2:", speaker: "H2", role: true, block: true},
		{line: "I: Could you tell me more?", speaker: "I", role: true, rest: "Could you tell me more?"},
		{line: "R: Yes.", speaker: "R", role: true, rest: "Yes."},
		{line: "Q: Why?", speaker: "Q", role: true, rest: "Why?"},
		{line: "A: Because.", speaker: "A", role: true, rest: "Because."},
		{line: "Interviewer: Welcome.", speaker: "Interviewer", role: true, rest: "Welcome."},
		{line: "Haastattelija: Kerro itsestäsi.", speaker: "Haastattelija", role: true, rest: "Kerro itsestäsi."},
		{line: "Vastaaja 2: Joo.", speaker: "Vastaaja 2", role: true, rest: "Joo."},
		{line: "\tMODERATOR: Could you please start in task 1?", speaker: "MODERATOR", role: true, rest: "Could you please start in task 1?"},
		{line: "Maija Mäkinen: Sosiaalityöntekijä soitti.", speaker: "Maija Mäkinen", rest: "Sosiaalityöntekijä soitti."},
		{line: "Pekka Öhman-Lindqvist: Niin.", speaker: "Pekka Öhman-Lindqvist", rest: "Niin."},
		{line: "Ludwig van Beethoven: Ja.", speaker: "Ludwig van Beethoven", rest: "Ja."},
		{line: "Åsa: Hej.", speaker: "Åsa", rest: "Hej."},
		{line: "### Yu-shan Tseng:", speaker: "Yu-shan Tseng", block: true},
		{line: "### Audrey Tang:  ", speaker: "Audrey Tang", block: true},
		{line: "### 問：", speaker: "問", role: true, block: true},
		{line: "### 呂家華：", speaker: "呂家華", block: true},
		{line: "問：有關平臺", speaker: "問", role: true, rest: "有關平臺"},
		{line: "**M:** Mitä Kela vastasi?", speaker: "M", role: true, rest: "Mitä Kela vastasi?"},
		{line: "**Maija Mäkinen:** Ei mitään.", speaker: "Maija Mäkinen", rest: "Ei mitään."},
		{line: "**Maija**: Ei mitään.", speaker: "Maija", rest: "Ei mitään."},
		{line: "__V:__ Joo.", speaker: "V", role: true, rest: "Joo."},
		{line: "[id1] hello, I like the course.", speaker: "id1", role: true, rest: "hello, I like the course."},
		{line: "[ID2]: I am struggling.", speaker: "ID2", role: true, rest: "I am struggling."},
		{line: "[P3] Joo.", speaker: "P3", role: true, rest: "Joo."},
		{line: "[00:12:34] H: Aloitetaan.", speaker: "H", role: true, rest: "Aloitetaan.", time: 12*time.Minute + 34*time.Second, hasTime: true},
		{line: "(00:12:34) V: Joo.", speaker: "V", role: true, rest: "Joo.", time: 12*time.Minute + 34*time.Second, hasTime: true},
		{line: "01:02:03 V: Joo.", speaker: "V", role: true, rest: "Joo.", time: time.Hour + 2*time.Minute + 3*time.Second, hasTime: true},
		{line: "H: [12:34] Jatketaan.", speaker: "H", role: true, rest: "Jatketaan.", time: 12*time.Minute + 34*time.Second, hasTime: true},
		{line: "V: (00:00:05.5) Joo.", speaker: "V", role: true, rest: "Joo.", time: 5500 * time.Millisecond, hasTime: true},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			lb, ok := parseLabel(tt.line)
			if !ok {
				t.Fatalf("not a label")
			}
			if lb.speaker != tt.speaker || lb.role != tt.role || lb.block != tt.block {
				t.Errorf("got speaker %q role %v block %v, want %q %v %v", lb.speaker, lb.role, lb.block, tt.speaker, tt.role, tt.block)
			}
			if got := tt.line[lb.content:]; got != tt.rest && !tt.block {
				t.Errorf("rest = %q, want %q", got, tt.rest)
			}
			if lb.time != tt.time || lb.hasTime != tt.hasTime {
				t.Errorf("time = %v %v, want %v %v", lb.time, lb.hasTime, tt.time, tt.hasTime)
			}
		})
	}
}

func TestParseLabelRejects(t *testing.T) {
	for _, line := range []string{
		"Sitten hän sanoi: en tiedä.",
		"Minulla oli kolme asiaa: vuokra, sähkö ja ruoka.",
		"Kela sanoi: hakemus puuttuu.",
		"Then she said: no.",
		"The Kela Office In Tampere Said: no.", // five words
		"Kysymys 1 ja 2: mitä?",
		"[naurahtaa] joo",
		"[nimi poistettu] soitti",
		"[00:12:34] joo", // a timestamp without a label
		"(.) no niin",
		"xxx sitten",
		"Kello oli 12:30 kun tulin.",
		"12:30: aloitettiin",
		"https://kela.fi/toimeentulotuki",
		"Ks:tä en tiedä",
		"V:llä oli",
		"hän: joo",
		"**Huom: tämä ei ole otsikko",
		"### Tausta",
		"這是一個很長的句子不是名字：對",
		"",
	} {
		if lb, ok := parseLabel(line); ok {
			t.Errorf("%q taken for a label of %q", line, lb.speaker)
		}
	}
}

func TestParseClock(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"00:00:02.760", 2760 * time.Millisecond, true},
		{"00:00:02,399", 2399 * time.Millisecond, true},
		{"01:02:03", time.Hour + 2*time.Minute + 3*time.Second, true},
		{"12:34", 12*time.Minute + 34*time.Second, true},
		{"100:00:00.000", 100 * time.Hour, true},
		{"12:60", 0, false},
		{"12", 0, false},
		{"1:2", 0, false},
	}
	for _, tt := range tests {
		d, n, ok := parseClock(tt.in, 0)
		if ok && n != len(tt.in) {
			ok = false
		}
		if ok != tt.ok || d != tt.want {
			t.Errorf("parseClock(%q) = %v %v, want %v %v", tt.in, d, ok, tt.want, tt.ok)
		}
	}
}
