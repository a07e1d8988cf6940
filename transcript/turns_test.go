package transcript

import (
	"reflect"
	"testing"
	"time"
)

func TestSplitTurns(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []turnView
	}{
		{
			name: "inline labels on consecutive lines",
			text: "H: Miten asiointi Kelan kanssa sujui?\nV: No (.) ihan hyvin [naurahtaa].\nH: Entä kunnan kanssa?",
			want: []turnView{{"H", "Miten asiointi Kelan kanssa sujui?"}, {"V", "No (.) ihan hyvin [naurahtaa]."}, {"H", "Entä kunnan kanssa?"}},
		},
		{
			name: "inline turn continues over lines and paragraphs",
			text: "H: Kerro toimeentulotuesta.\n\nV: Hain sitä Kelasta.\nSitten tuli päätös.\n\nSe oli kielteinen, xxx en muista miksi.\n\nH: Valititko?",
			want: []turnView{
				{"H", "Kerro toimeentulotuesta."},
				{"V", "Hain sitä Kelasta.\nSitten tuli päätös.\n\nSe oli kielteinen, xxx en muista miksi."},
				{"H", "Valititko?"},
			},
		},
		{
			name: "block labels run over paragraphs",
			text: "# Haastattelu 3\n\n### Maija Mäkinen:\nEnsimmäinen kappale.\n\n> (naurua)\n\nToinen kappale.\n\n### Pekka Öhman:\nVastaus.\n\n### Maija Mäkinen:\nKiitos.\n\n### Pekka Öhman:\nKiitos itsellesi.",
			want: []turnView{
				{"", "# Haastattelu 3"},
				{"Maija Mäkinen", "Ensimmäinen kappale.\n\n> (naurua)\n\nToinen kappale."},
				{"Pekka Öhman", "Vastaus."},
				{"Maija Mäkinen", "Kiitos."},
				{"Pekka Öhman", "Kiitos itsellesi."},
			},
		},
		{
			name: "full-width colon headings",
			text: "### 問：\n有關平臺？\n\n### 呂家華：\n對我來說。\n\n### 問：\n所以？\n\n### 呂家華：\n我覺得是。",
			want: []turnView{{"問", "有關平臺？"}, {"呂家華", "對我來說。"}, {"問", "所以？"}, {"呂家華", "我覺得是。"}},
		},
		{
			name: "bold labels",
			text: "**M:** Mitä Kela vastasi?\n\n**Åsa Lindqvist:** Ei mitään.\n\n**M:** Entä sitten?\n\n**Åsa Lindqvist:** Soitin uudestaan.",
			want: []turnView{{"M", "Mitä Kela vastasi?"}, {"Åsa Lindqvist", "Ei mitään."}, {"M", "Entä sitten?"}, {"Åsa Lindqvist", "Soitin uudestaan."}},
		},
		{
			name: "bracketed ids and notation",
			text: "[id1] hello, I like the course.\n\n[naurahtaa] and so on.\n\n[id2] I am struggling.",
			want: []turnView{{"id1", "hello, I like the course.\n\n[naurahtaa] and so on."}, {"id2", "I am struggling."}},
		},
		{
			name: "no labels: one turn per paragraph",
			text: "Ensimmäinen kappale,\njoka jatkuu.\n\nToinen kappale.\n\n\n   Kolmas.",
			want: []turnView{{"", "Ensimmäinen kappale,\njoka jatkuu."}, {"", "Toinen kappale."}, {"", "Kolmas."}},
		},
		{
			name: "colon in a sentence is no label",
			text: "V: Hän sanoi minulle:\nSitten hän sanoi: en tiedä.\nMinulla oli kolme asiaa: vuokra, sähkö ja ruoka.\n\nH: Ymmärrän.",
			want: []turnView{{"V", "Hän sanoi minulle:\nSitten hän sanoi: en tiedä.\nMinulla oli kolme asiaa: vuokra, sähkö ja ruoka."}, {"H", "Ymmärrän."}},
		},
		{
			name: "a name used once is a header field, not a speaker",
			text: "Päivämäärä: 12.3.2024\nPaikka: Kelan toimisto\n\nMaija: Hei.\n\nPekka: Moi.\n\nMaija: Aloitetaan.\n\nPekka: Joo.",
			want: []turnView{
				{"", "Päivämäärä: 12.3.2024\nPaikka: Kelan toimisto"},
				{"Maija", "Hei."}, {"Pekka", "Moi."}, {"Maija", "Aloitetaan."}, {"Pekka", "Joo."},
			},
		},
		{
			name: "text before the first label",
			text: "# Dialog 7\n\n**Transcript ID:** work_1\n\n---\n\nAssistant: Hello!\n\nUser: Hi.\n\nAI: Great.\n\nMore from the AI.",
			want: []turnView{
				{"", "# Dialog 7"}, {"", "**Transcript ID:** work_1"}, {"", "---"},
				{"Assistant", "Hello!"}, {"User", "Hi."}, {"AI", "Great.\n\nMore from the AI."},
			},
		},
		{
			name: "think-aloud: sparse inline labels",
			text: "1 Lue ohje.\n\n\tNo niin, luen tätä.\n\n\tMODERATOR: Voisitko aloittaa tehtävästä 1?\n\n\tJoo.\n\n\t(Osallistuja lukee tekstiä)\n\n\tTämä on selkeä.\n\n1.a Oliko tieto riittävä?\n\n\tOli.",
			want: []turnView{
				{"", "1 Lue ohje."}, {"", "No niin, luen tätä."},
				{"MODERATOR", "Voisitko aloittaa tehtävästä 1?"},
				{"", "Joo."}, {"", "(Osallistuja lukee tekstiä)"}, {"", "Tämä on selkeä."},
				{"", "1.a Oliko tieto riittävä?"}, {"", "Oli."},
			},
		},
		{
			name: "label without words is dropped",
			text: "H:\nV: Joo.\nH:   \n\nV: Ei.",
			want: []turnView{{"V", "Joo."}, {"V", "Ei."}},
		},
		{
			name: "timestamps are not in the span",
			text: "[00:00:05] H: Aloitetaan.\nV: [00:00:09] Joo.\n(00:01:00) H: Kerro.",
			want: []turnView{{"H", "Aloitetaan."}, {"V", "Joo."}, {"H", "Kerro."}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := mustParse(t, "md", []byte(tt.text))
			if got := turnViews(doc); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("turns:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestSplitTurnsOffsetsAndTimes(t *testing.T) {
	doc := mustParse(t, "txt", []byte("Ääni ö: x\n\n[00:12:34] Hä: Öljyä.\n\nHä: [01:02] Äh.\n\nHä: ei"))
	want := []struct {
		n, start, end int
		speaker       string
		time          time.Duration
		hasTime       bool
	}{
		{1, 0, 9, "", 0, false},
		{2, 26, 32, "Hä", 12*time.Minute + 34*time.Second, true},
		{3, 46, 49, "Hä", time.Minute + 2*time.Second, true},
		{4, 55, 57, "Hä", 0, false},
	}
	if len(doc.Turns) != len(want) {
		t.Fatalf("got %d turns, want %d: %+v", len(doc.Turns), len(want), doc.Turns)
	}
	for i, w := range want {
		tn := doc.Turns[i]
		if tn.N != w.n || tn.Start != w.start || tn.End != w.end || tn.Speaker != w.speaker || tn.Time != w.time || tn.HasTime != w.hasTime {
			t.Errorf("turn %d = %+v, want %+v", i+1, tn, w)
		}
	}
}
