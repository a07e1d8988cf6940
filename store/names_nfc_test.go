package store

import (
	"context"
	"testing"

	"github.com/toituavain/avain/coding"
	"golang.org/x/text/unicode/norm"
)

// TestNamesFoundComposedOrNot: a document or code name is found whether
// typed composed (NFC) or decomposed (NFD), whichever way it is stored.
func TestNamesFoundComposedOrNot(t *testing.T) {
	ctx := context.Background()
	s, _ := newProject(t)
	const name = "Äänitys öisin.txt"
	nfd := sampleDoc(norm.NFD.String(name), "H: Kysymys?\nV: Vastaus.") // as an older import kept ATLAS.ti's name
	nfc := sampleDoc("Käyttäjä.txt", "H: Toinen?\nV: Niin.")
	for _, d := range []*coding.Document{nfd, nfc} {
		if err := s.ImportDocument(ctx, d, "aino"); err != nil {
			t.Fatal(err)
		}
	}
	for ref, want := range map[string]string{name: nfd.ID, norm.NFD.String(name): nfd.ID,
		"Käyttäjä.txt": nfc.ID, norm.NFD.String("Käyttäjä.txt"): nfc.ID} {
		d, err := s.Document(ctx, ref)
		if err != nil || d.ID != want {
			t.Errorf("%+q: %v", ref, err)
		}
	}
	cb, err := coding.NewCodebook([]*coding.Code{{Record: coding.Record{ID: "k1"}, NameFi: norm.NFD.String("Päätökset")},
		{Record: coding.Record{ID: "k2"}, NameFi: "Yö", NameEn: "Night"}})
	if err != nil {
		t.Fatal(err)
	}
	for ref, want := range map[string]string{"Päätökset": "k1", "päätökset": "k1", norm.NFD.String("Yö"): "k2"} {
		if c, err := cb.Resolve(ref); err != nil || c.ID != want {
			t.Errorf("code %+q: %v", ref, err)
		}
	}
}
