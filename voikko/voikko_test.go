package voikko

import (
	"errors"
	"os"
	"slices"
	"sync"
	"testing"
)

// openFinnish opens Voikko for a test: it fails in CI (env CI set) when
// Voikko is missing, and skips elsewhere.
func openFinnish(t *testing.T) *Voikko {
	t.Helper()
	v, err := Open("fi")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("Voikko is required in CI: %v", err)
		}
		t.Skipf("Voikko not available (%v): install libvoikko1 and voikko-fi to run this test", err)
	}
	t.Cleanup(func() { v.Close() })
	return v
}

func TestBaseForms(t *testing.T) {
	v := openFinnish(t)
	tests := []struct {
		word string
		want string
	}{
		{"toimeentulotuen", "toimeentulotuki"},
		{"Virtaselle", "virtanen"},
		{"päätöksen", "päätös"},
		{"byrokratian", "byrokratia"},
		{"loukussa", "loukku"},
		{"Kelan", "kela"},
		{"2017", "2017"},
	}
	for _, tc := range tests {
		t.Run(tc.word, func(t *testing.T) {
			if got := v.BaseForms(tc.word); !slices.Contains(got, tc.want) {
				t.Errorf("BaseForms(%q) = %v, want it to contain %q", tc.word, got, tc.want)
			}
		})
	}
	if got := v.BaseForms("xyzzyqw"); len(got) != 0 {
		t.Errorf("unknown word: got %v", got)
	}
	if got := v.Analyze("Virtaselle"); len(got) == 0 || got[0].BaseForm != "Virtanen" || got[0].Class != "sukunimi" {
		t.Errorf("Analyze(Virtaselle) = %+v", got)
	}
}

func TestCompoundParts(t *testing.T) {
	v := openFinnish(t)
	tests := []struct {
		word string
		want []string
	}{
		{"byrokratialoukussa", []string{"byrokratia", "loukku"}},
		{"toimeentulotuen", []string{"toimeentulo", "tuki"}},
		{"asiakastietojen", []string{"asiakas", "tieto"}},
		{"päätöksen", nil},
		// derived parts are found by their own form, not their source word
		{"kirjastonhoitajan", []string{"kirjasto", "hoitaja"}},
		{"valvontakamera", []string{"valvonta", "kamera"}},
		{"asiantuntija", []string{"asia", "tuntija"}},
		// a derived first part, inflected in the word, by its base form
		{"opettajankoulutus", []string{"opettaja", "koulutus"}},
		// a part with no base form still makes the word a compound
		{"yhteistyö", []string{"työ"}},
		{"yhteistyömallin", []string{"työ", "malli"}},
		{"matka-ajan", []string{"matka", "aika"}},
	}
	for _, tc := range tests {
		t.Run(tc.word, func(t *testing.T) {
			if got := v.CompoundParts(tc.word); !slices.Equal(got, tc.want) {
				t.Errorf("CompoundParts(%q) = %v, want %v", tc.word, got, tc.want)
			}
		})
	}
}

func TestParticipleVerbs(t *testing.T) {
	v := openFinnish(t)
	tests := []struct {
		word string
		want []string
	}{
		{"annettu", []string{"antaa"}},
		{"tulleen", []string{"tulla"}},
		{"hyväksytyt", []string{"hyväksyä"}},
		{"liitetty", []string{"liittää"}},
		{"myyty", []string{"myydä"}},
		{"sijaitsevan", []string{"sijaita"}},
		{"käytettävä", []string{"käyttää"}},
		{"tekemiä", []string{"tehdä"}},
		{"päätöksen", nil},
		{"antaa", nil},
		{"xyzzyqw", nil},
	}
	for _, tc := range tests {
		t.Run(tc.word, func(t *testing.T) {
			if got := v.ParticipleVerbs(tc.word); !slices.Equal(got, tc.want) {
				t.Errorf("ParticipleVerbs(%q) = %v, want %v", tc.word, got, tc.want)
			}
		})
	}
}

func TestParseWordBases(t *testing.T) {
	tests := []struct {
		in   string
		want []Part
	}{
		{"+kirjaston(kirjasto)+hoita(hoitaa)+ja(+ja)", []Part{
			{Surface: "kirjaston", Base: "kirjasto"},
			{Surface: "hoitaja", Base: "hoitaa", Derived: true}}},
		{"+yhteis+työ(työ)", []Part{{Surface: "yhteis"}, {Surface: "työ", Base: "työ"}}},
		{"+kuorma(kuorma)+-+auto(auto)", []Part{
			{Surface: "kuorma", Base: "kuorma"}, {Surface: "auto", Base: "auto"}}},
		{"+anne(antaa)+t+tu(+tu)", []Part{{Surface: "annettu", Base: "antaa", Derived: true}}},
		{"+toimeentulo(toimeen=tulo)+tuki(tuki)", []Part{
			{Surface: "toimeentulo", Base: "toimeentulo"}, {Surface: "tuki", Base: "tuki"}}},
		{"+1960+-+luku(luku)", []Part{{Surface: "1960"}, {Surface: "luku", Base: "luku"}}},
		{"", nil},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := ParseWordBases(tc.in); !slices.Equal(got, tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestDisabledByEnv(t *testing.T) {
	t.Setenv(EnvDisable, "1")
	if _, err := Open("fi"); !errors.Is(err, ErrUnavailable) {
		t.Fatalf("Open with %s=1: err %v, want ErrUnavailable", EnvDisable, err)
	}
}

func TestConcurrentAnalyze(t *testing.T) {
	v := openFinnish(t)
	words := []string{"toimeentulotuen", "päätöksen", "hakemuksen", "liitteitä", "Kelalle", "tiedonsiirrossa"}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				w := words[(g+i)%len(words)]
				if len(v.BaseForms(w)) == 0 {
					t.Errorf("no base form for %q", w)
					return
				}
			}
		})
	}
	wg.Wait()
}
