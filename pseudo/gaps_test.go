package pseudo

import (
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

// The gaps of issue 15: forms of personal data the detectors missed.
func TestFindGaps(t *testing.T) {
	tests := []struct {
		names []string
		text  string
		want  []string
	}{
		{nil, "Soita 358 40 123 4567 tai 358401234567.", []string{"PUHELIN:358 40 123 4567", "PUHELIN:358401234567"}},
		{nil, "Tili fi21 1234 5600 0007 85 ja Fi2112345600000785.", []string{"IBAN:fi21 1234 5600 0007 85", "IBAN:Fi2112345600000785"}},
		{nil, "Tunnus 131052 - 308T, 131052 -308T, 131052– 308T ja 131052 - 308U.",
			[]string{"HETU:131052 - 308T", "HETU:131052 -308T", "HETU:131052– 308T"}},
		{[]string{"Virtanen"}, "Virtanen-Koski ja Virtanen-Koskelle.", []string{"HENKILÖ:Virtanen-Koski", "HENKILÖ:Virtanen-Koskelle"}},
		{[]string{"Virtanen-Koski"}, "Virtanen-Koski ja Virtanen-Koskelle.", []string{"HENKILÖ:Virtanen-Koski", "HENKILÖ:Virtanen-Koskelle"}},
		{[]string{"Matti Virtanen-Koski"}, "Matti Virtanen-Koski, Virtanen-Koskelle.", []string{"HENKILÖ:Matti Virtanen-Koski", "HENKILÖ:Virtanen-Koskelle"}},
		// Precision: ordinary numbers, dates and sums stay.
		{nil, "Vuonna 358 oli 3580 asukasta, 358 euroa, 35812345 ja 358 1 2, 12.10.2020 kello 10.15, 0,5 pistettä.", nil},
		{nil, "Koodi ab12 cdef ghij klmn ei ole tili, eikä 131052 - 308.", nil},
	}
	for _, tt := range tests {
		d := &Detector{Names: tt.names}
		got := kinds(d.Find(tt.text))
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%v %q:\n got %q\nwant %q", tt.names, tt.text, got, tt.want)
		}
	}
}

// Each part of a listed name is found alone, in its inflected forms, with
// the whole name's number.
func TestNameParts(t *testing.T) {
	d := &Detector{Names: []string{"Matti Virtanen", "Anna-Liisa Korhonen", "Ulla af Forselles"}}
	text := "Matti Virtanen tuli. Virtasen perhe, Virtaselle soitettiin, Matille ja Matin. Korhoselta, Anna-Liisalle. Forsellesille, af."
	got := kinds(d.Find(text))
	want := []string{"HENKILÖ:Matti Virtanen", "HENKILÖ:Virtasen", "HENKILÖ:Virtaselle", "HENKILÖ:Matille", "HENKILÖ:Matin",
		"HENKILÖ:Korhoselta", "HENKILÖ:Anna-Liisalle", "HENKILÖ:Forsellesille"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	out, _, err := Apply(text, d.Find(text), counter{})
	if err != nil {
		t.Fatal(err)
	}
	if w := "[HENKILÖ-1] tuli. [HENKILÖ-1] perhe, [HENKILÖ-1] soitettiin, [HENKILÖ-1] ja [HENKILÖ-1]. [HENKILÖ-2], [HENKILÖ-2]. [HENKILÖ-3], af."; out != w {
		t.Errorf("placeholders:\n%s\nwant\n%s", out, w)
	}
	// A part listed itself keeps its own number; a part of two names is
	// numbered as itself.
	d = &Detector{Names: []string{"Matti Virtanen", "Liisa Virtanen", "Matti"}}
	fs := d.Find("Virtaselle ja Matille.")
	if len(fs) != 2 || fs[0].Key != "virtanen" || fs[1].Key != "Matti" {
		t.Errorf("keys: %+v", fs)
	}
	// Words that only start like a name stay.
	if got := kinds(d.Find("Matkalla virtasi vettä, mattoja.")); len(got) != 0 {
		t.Errorf("ordinary words: %q", got)
	}
}

// A document's attributes go through the same detection as its text, with
// the same numbers.
func TestDocumentAttributes(t *testing.T) {
	doc := &coding.Document{Name: "haastattelu.txt", Text: "Matti Virtanen kertoi.", Attrs: map[string]string{
		"interviewee": "Matti Virtanen", "phone": "040 123 4567", "contact": "matti.virtanen@example.fi", "age": "45"}}
	d := &Detector{Names: []string{"Matti Virtanen"}}
	var where []string
	accept := func(f Finding, w, ctx string) (bool, error) { where = append(where, w); return true, nil }
	reps, err := Document(doc, d, accept, counter{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"interviewee": "[HENKILÖ-1]", "phone": "[PUHELIN]", "contact": "[SÄHKÖPOSTI]", "age": "45"}
	for k, v := range want {
		if doc.Attrs[k] != v {
			t.Errorf("%s = %q, want %q", k, doc.Attrs[k], v)
		}
	}
	if strings.Join(where, ",") != "text,attribute contact,attribute interviewee,attribute phone" || len(reps) != 4 {
		t.Errorf("asked where %q, %d replacements", where, len(reps))
	}
}

// Known recognises names by their base forms, without a list.
func TestKnown(t *testing.T) {
	known := map[string]int{"matti virtanen": 1, "virtanen": 1, "kuopio": 2, "turku": 3}
	d := &Detector{Known: func(k Kind, name string) (int, bool) {
		n, ok := known[name]
		if k == Place && (name == "kuopio" || name == "turku") || k == Person && ok && name != "kuopio" && name != "turku" {
			return n, ok
		}
		return 0, false
	}}
	text := "Matti Virtanen ja Virtaselle, Virtasen-Kosken, Kuopiossa, Turussa; virtaus, Matti."
	got := kinds(d.Find(text))
	want := []string{"HENKILÖ:Matti Virtanen", "HENKILÖ:Virtaselle", "HENKILÖ:Virtasen-Kosken", "PAIKKA:Kuopiossa", "PAIKKA:Turussa"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	out, _, err := Apply(text, d.Find(text), nil)
	if err != nil {
		t.Fatal(err)
	}
	if w := "[HENKILÖ-1] ja [HENKILÖ-1], [HENKILÖ-1], [PAIKKA-2], [PAIKKA-3]; virtaus, Matti."; out != w {
		t.Errorf("got  %s\nwant %s", out, w)
	}
}

// FuzzKnown: recognising names by lookup finds ordered, non-overlapping
// spans of the text whatever it is.
func FuzzKnown(f *testing.F) {
	f.Add("Matti Virtanen ja Virtaselle, Virtasen-Kosken, Kuopiossa, Turussa; virtaus.")
	f.Add("ääö-- -a Å\u0301 x-y-")
	d := &Detector{Known: func(k Kind, name string) (int, bool) {
		return 1, k == Person && (name == "virtanen" || name == "matti virtanen") || k == Place && name == "turku"
	}}
	f.Fuzz(func(t *testing.T, s string) {
		at := 0
		for _, x := range d.Find(s) {
			if x.Start < at || x.End <= x.Start || coding.Slice(s, x.Start, x.End) != x.Text {
				t.Fatalf("bad finding %+v in %q", x, s)
			}
			at = x.End
		}
	})
}
