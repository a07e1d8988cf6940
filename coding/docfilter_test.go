package coding

import (
	"reflect"
	"testing"
)

func TestDocFilter(t *testing.T) {
	docs := []DocSummary{
		{Name: "asiakas_01_kuopio.txt", Kind: KindClient, Lang: "fi", Attrs: map[string]string{"region": "Kuopio", "model": "yhteinen palvelupiste"}},
		{Name: "ammattilainen_07_kuopio.txt", Kind: KindProfessional, Lang: "fi", Attrs: map[string]string{"region": "Kuopio", "Role": "sosiaaliohjaaja"}},
		{Name: "asiakas_02_joensuu.txt", Kind: KindClient, Lang: "fi", Attrs: map[string]string{"region": "Joensuu"}},
		{Name: "client_06_vantaa_en.txt", Kind: KindClient, Lang: "en", Attrs: map[string]string{"region": "Vantaa", "model": "sähköinen viestintä"}},
	}
	tests := []struct {
		filter string
		want   []int // indices into docs
	}{
		{"", []int{0, 1, 2, 3}},
		{"region:Kuopio", []int{0, 1}},
		{"REGION:kuopio", []int{0, 1}},
		{"region=Kuopio", []int{0, 1}},
		{"kind:client region:Kuopio", []int{0}},
		{"region:Kuopio kind:client", []int{0}},
		{"kind:professional", []int{1}},
		{"lang:en", []int{3}},
		{"role:sosiaali", []int{1}}, // the attribute's name in any case, the value anywhere in it
		{"model:", []int{0, 3}},     // has the attribute
		{`model:"yhteinen palvelupiste"`, []int{0}},
		{"model:yhteinen palvelupiste", []int{0}}, // two terms, both found
		{"shoe_size:42", nil},
		{"kuopio", []int{0, 1}}, // free text: names and values
		{"Joensuu", []int{2}},
		{"client", []int{0, 2, 3}}, // the kind, and a name
		{"asiakas kuopio", []int{0}},
		{"region", nil}, // free text does not match attribute names
		{"name:vantaa", []int{3}},
	}
	for _, tt := range tests {
		t.Run(tt.filter, func(t *testing.T) {
			f := ParseDocFilter(tt.filter)
			var got []int
			for i, d := range docs {
				if f.Match(d) {
					got = append(got, i)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("%q matches %v, want %v (parsed %+v)", tt.filter, got, tt.want, f)
			}
		})
	}
	if got := ParseDocFilter("region:x shoe_size:42 kind:y").Unknown(docs); !reflect.DeepEqual(got, []string{"shoe_size"}) {
		t.Errorf("unknown keys %v", got)
	}
}
