package coding

import "testing"

func TestAttrLabels(t *testing.T) {
	cases := []struct{ name, got, want string }{
		{"kind fi", AttrName("kind", "fi"), "laji"},
		{"kind en", AttrName("kind", "en"), "kind"},
		{"lang fi", AttrName("lang", ""), "kieli"},
		{"user attr", AttrName("alue", "fi"), "alue"},
		{"client fi", AttrValue("kind", KindClient, "fi"), "asiakas"},
		{"professional en", AttrValue("kind", KindProfessional, "en"), "professional"},
		{"finnish fi", AttrValue("lang", LangFinnish, "fi"), "suomi"},
		{"user value", AttrValue("alue", "client", "fi"), "client"},
		{"none fi", AttrValue("alue", NoValue, "fi"), "(ei arvoa)"},
		{"all fi", GroupLabel([]string{"kind"}, nil, "fi"), "kaikki"},
		{"two fi", GroupLabel([]string{"kind", "alue"}, []string{KindClient, "Kuopio"}, "fi"), "laji = asiakas / alue = Kuopio"},
		{"one en", GroupLabel([]string{"kind"}, []string{KindOther}, "en"), "kind = other"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.got != c.want {
				t.Errorf("got %q, want %q", c.got, c.want)
			}
		})
	}
}
