package pseudo

import (
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

// Examples of the Digital and Population Data Services Agency (DVV): the
// classic 131052-308T and the test codes published with the century signs
// added in 2023.
var dvvHetus = []string{"131052-308T", "010594Y9021", "020594X903P", "020594X902N", "030594W903B", "030694W9024",
	"040594V9030", "050594U903M", "050594U902L", "010516B903X", "010516B902W", "020516C903K", "020516C902J",
	"030516D9037", "030516D9026", "010501E9032", "020502E902X", "020503F9037", "020504A902E", "020504B904H"}

// TestFindHetuChecksIt: the detector finds a henkilötunnus only with a
// real date, a century sign and the right check character.
func TestFindHetuChecksIt(t *testing.T) {
	found := func(h string) bool {
		for _, f := range (&Detector{}).Find("Henkilötunnus " + h + " on lomakkeessa.") {
			if f.Kind == Hetu && f.Text == h {
				return true
			}
		}
		return false
	}
	for _, h := range append(dvvHetus, "131052+308T") { // + is the 1800s: born 1852
		if !found(h) {
			t.Errorf("%s: not found", h)
		}
	}
	for _, h := range []string{
		"131052-308U", // wrong check character
		"131052-309T", // another individual number, the same check
		"311152-308T", // 31 November
		"290201A123B", // 29 February 2001
		"131052G308T", // no such century sign
		"1310523308T",
		"13105-2308T",
	} {
		if found(h) {
			t.Errorf("%s: taken as valid", h)
		}
	}
}

func TestValidIBAN(t *testing.T) {
	for _, s := range []string{"FI2112345600000785", "FI21 1234 5600 0007 85", "DE89370400440532013000", "GB82WEST12345698765432"} {
		if !ValidIBAN(s) {
			t.Errorf("%s: not valid", s)
		}
	}
	for _, s := range []string{"FI2112345600000786", "FI211234560000078", "XX00 0000 0000 0000 00"} {
		if ValidIBAN(s) {
			t.Errorf("%s: taken as valid", s)
		}
	}
}

// kinds returns the findings as "KIND:text".
func kinds(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, string(f.Kind)+":"+f.Text)
	}
	return out
}

func TestFind(t *testing.T) {
	d := &Detector{Names: []string{"Virtanen", "Anna-Liisa Korhonen", "Tuomas"}, Places: []string{"Kuopio", "Helsinki", "Turku", "Lahti"}}
	tests := []struct {
		text string
		want []string
	}{
		{"Hetu 131052-308T ja väärä 131052-308U.", []string{"HETU:131052-308T"}},
		{"Uudet merkit: 010594Y9021, 020516C903K.", []string{"HETU:010594Y9021", "HETU:020516C903K"}},
		{"Numero 1310523089 ei ole mitään.", nil},
		{"Soita 040 123 4567 tai 040-1234567 tai +358 40 123 4567 tai (09) 310 1234.",
			[]string{"PUHELIN:040 123 4567", "PUHELIN:040-1234567", "PUHELIN:+358 40 123 4567", "PUHELIN:(09) 310 1234"}},
		{"Vuonna 2017 sain 0,5 pistettä kello 09:30.", nil},
		{"Laita postia: matti.meikäläinen@esimerkki.fi!", []string{"SÄHKÖPOSTI:matti.meikäläinen@esimerkki.fi"}},
		{"Tili FI21 1234 5600 0007 85 KELA ja FI21 1234 5600 0007 86.", []string{"IBAN:FI21 1234 5600 0007 85"}},
		{"Virtanen, Virtasen, Virtaselle ja Virtasta.", []string{"HENKILÖ:Virtanen", "HENKILÖ:Virtasen", "HENKILÖ:Virtaselle", "HENKILÖ:Virtasta"}},
		{"Kuopio, Kuopiossa, Kuopioon, Kuopiostakin.", []string{"PAIKKA:Kuopio", "PAIKKA:Kuopiossa", "PAIKKA:Kuopioon", "PAIKKA:Kuopiostakin"}},
		{"Helsingissä, Turussa, Lahdessa ja Lahteen.", []string{"PAIKKA:Helsingissä", "PAIKKA:Turussa", "PAIKKA:Lahdessa", "PAIKKA:Lahteen"}},
		{"Anna-Liisa Korhoselle soitettiin.", []string{"HENKILÖ:Anna-Liisa Korhoselle"}},
		{"Tuomas, Tuomakselle, Tuomasta.", []string{"HENKILÖ:Tuomas", "HENKILÖ:Tuomakselle", "HENKILÖ:Tuomasta"}},
		{"Virtuaalinen kuoppa ja turkulainen lahtelainen.", nil},
	}
	for _, tt := range tests {
		got := kinds(d.Find(tt.text))
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%q:\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

func TestFindWithBaseForms(t *testing.T) {
	// A lemmatiser that knows a form the table of endings does not.
	d := &Detector{Names: []string{"Niemi"}, BaseForms: func(w string) []string {
		if w == "niemeltä" {
			return []string{"Niemi"}
		}
		return nil
	}}
	if got := kinds(d.Find("Kysyin Niemeltä.")); strings.Join(got, "|") != "HENKILÖ:Niemeltä" {
		t.Errorf("got %q", got)
	}
}

// counter numbers keys in the order they come, per kind.
type counter map[Kind]map[string]int

func (c counter) Number(k Kind, key string) (int, error) {
	if c[k] == nil {
		c[k] = map[string]int{}
	}
	if n, ok := c[k][key]; ok {
		return n, nil
	}
	c[k][key] = len(c[k]) + 1
	return c[k][key], nil
}

func TestDocument(t *testing.T) {
	text := "Haastattelu Kuopiossa.\nVirtanen: Hetuni on 131052-308T ja puhelin 040 123 4567.\nH: Kiitos, Virtanen. Soitan Virtaselle Kuopioon."
	doc := &coding.Document{Name: "virtanen_kuopio.txt", Text: text, Hash: coding.ContentHash(text)}
	doc.Turns = []coding.Turn{
		{N: 1, Start: 23, End: 23 + len([]rune("Virtanen: Hetuni on 131052-308T ja puhelin 040 123 4567.")), Speaker: "Virtanen"},
	}
	doc.Turns = append(doc.Turns, coding.Turn{N: 2, Start: doc.Turns[0].End + 1, End: len([]rune(text)), Speaker: "H"})
	d := &Detector{Names: []string{"Virtanen"}, Places: []string{"Kuopio"}}
	var asked []string
	accept := func(f Finding, where, ctx string) (bool, error) {
		asked = append(asked, where+" "+ctx)
		return f.Text != "Kiitos", nil
	}
	reps, err := Document(doc, d, accept, counter{})
	if err != nil {
		t.Fatal(err)
	}
	want := "Haastattelu [PAIKKA-1].\n[HENKILÖ-1]: Hetuni on [HETU] ja puhelin [PUHELIN].\nH: Kiitos, [HENKILÖ-1]. Soitan [HENKILÖ-1] [PAIKKA-1]."
	if doc.Text != want {
		t.Errorf("text:\n%s\nwant\n%s", doc.Text, want)
	}
	if doc.Hash != "" {
		t.Error("the old hash is kept")
	}
	for _, tn := range doc.Turns {
		got := coding.Slice(doc.Text, tn.Start, tn.End)
		if tn.N == 1 && got != "[HENKILÖ-1]: Hetuni on [HETU] ja puhelin [PUHELIN]." ||
			tn.N == 2 && got != "H: Kiitos, [HENKILÖ-1]. Soitan [HENKILÖ-1] [PAIKKA-1]." {
			t.Errorf("turn %d: %q", tn.N, got)
		}
	}
	if doc.Turns[0].Speaker != "[HENKILÖ-1]" || doc.Turns[1].Speaker != "H" {
		t.Errorf("speakers %q, %q", doc.Turns[0].Speaker, doc.Turns[1].Speaker)
	}
	if doc.Name != "[HENKILÖ-1]_[PAIKKA-1].txt" {
		t.Errorf("name %q", doc.Name)
	}
	if c := Count(reps).String(); c != "HETU 1, PUHELIN 1, HENKILÖ 5, PAIKKA 3" {
		t.Errorf("counts %s", c)
	}
	for _, r := range reps {
		if r.Where == "text" && coding.Slice(doc.Text, r.NewStart, r.NewEnd) != r.Placeholder {
			t.Errorf("%s at %d–%d: %q", r.Placeholder, r.NewStart, r.NewEnd, coding.Slice(doc.Text, r.NewStart, r.NewEnd))
		}
	}
	if len(asked) == 0 || !strings.Contains(asked[0], "Haastattelu »Kuopiossa«.") {
		t.Errorf("asked %q", asked)
	}
}

func FuzzFind(f *testing.F) {
	f.Add("Virtaselle 131052-308T +358 40 123 4567 a@b.fi FI21 1234 5600 0007 85 Kuopioon")
	f.Add("010594Y9021\n\n(09) 310 1234")
	d := &Detector{Names: []string{"Virtanen", "Anna-Liisa"}, Places: []string{"Kuopio"}}
	f.Fuzz(func(t *testing.T, s string) {
		fs := d.Find(s)
		n := len([]rune(s))
		at := 0
		for _, x := range fs {
			if x.Start < at || x.End <= x.Start || x.End > n || coding.Slice(s, x.Start, x.End) != x.Text {
				t.Fatalf("bad finding %+v in %q", x, s)
			}
			at = x.End
		}
		out, reps, err := Apply(s, fs, counter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range reps {
			if coding.Slice(out, r.NewStart, r.NewEnd) != r.Placeholder {
				t.Fatalf("placeholder %q not at %d–%d of %q", r.Placeholder, r.NewStart, r.NewEnd, out)
			}
		}
	})
}
