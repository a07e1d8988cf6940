package finnish

import (
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// fakeLemmas is a lemmatizer for filter tests that need no Voikko.
// Each word maps to its base forms, then "+part" compound parts and "*verb"
// verbs of a participle.
type fakeLemmas map[string][]string

func (f fakeLemmas) marked(w, mark string) []string {
	var out []string
	for _, s := range f[w] {
		switch {
		case mark == "" && !strings.HasPrefix(s, "+") && !strings.HasPrefix(s, "*"):
			out = append(out, s)
		case mark != "" && strings.HasPrefix(s, mark):
			out = append(out, s[1:])
		}
	}
	return out
}

func (f fakeLemmas) BaseForms(w string) []string       { return f.marked(w, "") }
func (f fakeLemmas) CompoundParts(w string) []string   { return f.marked(w, "+") }
func (f fakeLemmas) ParticipleVerbs(w string) []string { return f.marked(w, "*") }

func tokens(words ...string) analysis.TokenStream {
	var ts analysis.TokenStream
	start := 0
	for i, w := range words {
		ts = append(ts, &analysis.Token{Term: []byte(w), Start: start, End: start + len(w), Position: i + 1, Type: analysis.AlphaNumeric})
		start += len(w) + 1
	}
	return ts
}

// render writes a stream as "term@position[start:end]" items.
func render(ts analysis.TokenStream) string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(string(t.Term))
		b.WriteString("@")
		b.WriteString(strings.Repeat("|", t.Position))
		b.WriteString("[")
		b.WriteString(strings.Repeat(".", t.Start))
		b.WriteString(":")
		b.WriteString(strings.Repeat(".", t.End-t.Start))
		b.WriteString("]")
	}
	return b.String()
}

func TestVoikkoTokenFilter(t *testing.T) {
	lem := fakeLemmas{
		"toimeentulotuen": {"toimeentulotuki", "+toimeentulo", "+tuki"},
		"tuen":            {"tukea", "tuki"},
		"päätöksen":       {"päätös"},
		"2017":            {"2017"},
		"annetun":         {"annettu", "*antaa"},
		"annettu":         {"annettu", "*antaa"},
		"tunne":           {"tuntea", "tunne"},
		"kirjaa":          {"kirja", "kirjata"},
		"auto":            {"auto"},
		"autolla":         {"auto"},
		"kuorma":          {"kuorma"},
		"kuorma-autolla":  {"kuorma-auto", "+kuorma", "+auto"},
		"xannettu":        {"xannettu", "xantaa", "*antaa", "+osa"},
	}
	tests := []struct {
		name  string
		parts bool
		in    []string
		want  [][3]any // term, position, start
	}{
		{"base form replaces the token", true, []string{"päätöksen"},
			[][3]any{{"päätös", 1, 0}}},
		{"compound parts at the same position and offsets", true, []string{"uusi", "toimeentulotuen"},
			[][3]any{{"uusi", 1, 0}, {"~uut", 1, 0}, {"~uusi", 1, 0}, {"toimeentulotuki", 2, 5}, {"toimeentulo", 2, 5}, {"tuki", 2, 5}}},
		{"query side adds no parts, and searches the base form also as a reading of an ambiguous word", false, []string{"toimeentulotuen"},
			[][3]any{{"toimeentulotuki", 1, 0}, {"≈toimeentulotuki", 1, 0}}},
		{"every reading kept, marked when they are several", true, []string{"tuen"},
			[][3]any{{"≈tukea", 1, 0}, {"≈tuki", 1, 0}}},
		{"an ambiguous word's participle's verb and compound parts are marked too", true, []string{"xannettu"},
			[][3]any{{"≈xannettu", 1, 0}, {"≈xantaa", 1, 0}, {"≈antaa", 1, 0}, {"≈osa", 1, 0}}},
		{"numbers kept", true, []string{"2017", "12"},
			[][3]any{{"2017", 1, 0}, {"12", 2, 5}}},
		{"a participle is indexed with its verb", true, []string{"annetun"},
			[][3]any{{"annettu", 1, 0}, {"antaa", 1, 0}}},
		{"a participle searched is the participle", false, []string{"annettu"},
			[][3]any{{"annettu", 1, 0}, {"≈annettu", 1, 0}}},
		{"an unknown word gets its key even when it is the key", true, []string{"arsenal", "arsenalin"},
			[][3]any{{"arsenal", 1, 0}, {"~arsenal", 1, 0}, {"arsenalin", 2, 8}, {"~arsenal", 2, 8},
				{"~arsenalin", 2, 8}, {"~arsenali", 2, 8}}},
		{"an unknown word searched also searches its key, and itself as a reading of another word", false, []string{"arsenal"},
			[][3]any{{"arsenal", 1, 0}, {"~arsenal", 1, 0}, {"≈arsenal", 1, 0}}},
		{"a base form searched is that base form only", false, []string{"tunne"},
			[][3]any{{"tunne", 1, 0}, {"≈tunne", 1, 0}}},
		{"a base form indexed keeps every reading", true, []string{"tunne"},
			[][3]any{{"≈tuntea", 1, 0}, {"≈tunne", 1, 0}}},
		{"an inflected form searched keeps every reading", false, []string{"kirjaa"},
			[][3]any{{"kirja", 1, 0}, {"≈kirja", 1, 0}, {"kirjata", 1, 0}, {"≈kirjata", 1, 0}}},
		{"a hyphenated compound searched is the compound", false, []string{"kuorma-autolla"},
			[][3]any{{"kuorma-auto", 1, 0}, {"≈kuorma-auto", 1, 0}}},
		{"a hyphenated compound indexed adds its parts", true, []string{"kuorma-autolla"},
			[][3]any{{"kuorma-auto", 1, 0}, {"kuorma", 1, 0}, {"auto", 1, 0}}},
		{"an unknown hyphenated word takes its last part's base form", false, []string{"xyz-autolla"},
			[][3]any{{"xyz-auto", 1, 0}, {"≈xyz-auto", 1, 0}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := tokens(tc.in...)
			ends := map[int]int{}
			for _, tok := range in {
				ends[tok.Start] = tok.End
			}
			out := NewVoikkoTokenFilter(lem, tc.parts).Filter(in)
			if len(out) != len(tc.want) {
				t.Fatalf("got %s, want %v", render(out), tc.want)
			}
			for i, w := range tc.want {
				got := out[i]
				if string(got.Term) != w[0] || got.Position != w[1] || got.Start != w[2] || got.End != ends[got.Start] {
					t.Errorf("token %d: got %q pos %d [%d:%d], want %v", i, got.Term, got.Position, got.Start, got.End, w)
				}
			}
		})
	}
}

func TestFallbackKeyJoinsForms(t *testing.T) {
	tests := []struct{ base, inflected string }{
		{"toimeentulotuki", "toimeentulotuen"},
		{"päätös", "päätöksen"},
		{"byrokratia", "byrokratian"},
		{"loukku", "loukussa"},
		{"byrokratialoukku", "byrokratialoukkuja"},
		{"hakemus", "hakemuksen"},
		{"liite", "liitteet"},
		{"etuus", "etuudet"},
		{"asiakas", "asiakkaan"},
		{"ihminen", "ihmisen"},
		{"tieto", "tiedon"},
		{"kunta", "kunnan"},
		{"olla", "ovat"},
	}
	for _, tc := range tests {
		t.Run(tc.inflected, func(t *testing.T) {
			if b, i := fallbackKey(tc.base), fallbackKey(tc.inflected); b != i {
				t.Errorf("fallbackKey(%q) = %q, fallbackKey(%q) = %q", tc.base, b, tc.inflected, i)
			}
		})
	}
	for _, w := range []string{"2017", "a1", "x"} {
		if got := fallbackKey(w); got != w {
			t.Errorf("fallbackKey(%q) = %q, want it unchanged", w, got)
		}
	}
}

func TestVoikkoAnalyzerKeepsOffsets(t *testing.T) {
	requireVoikko(t)
	cache := registry.NewCache()
	a, err := cache.AnalyzerNamed(VoikkoAnalyzer)
	if err != nil {
		t.Fatal(err)
	}
	text := "Virtaselle tuli päätös: toimeentulotuen 2017 byrokratialoukussa."
	byStart := map[int][]string{}
	for _, tok := range a.Analyze([]byte(text)) {
		byStart[tok.Start] = append(byStart[tok.Start], string(tok.Term))
		if w := strings.ToLower(text[tok.Start:tok.End]); strings.ContainsAny(w, " .:") {
			t.Errorf("offsets [%d:%d] of %q do not cover one word: %q", tok.Start, tok.End, tok.Term, w)
		}
	}
	want := map[string]string{
		"Virtaselle":         "virtanen",
		"toimeentulotuen":    "toimeentulotuki toimeentulo tuki",
		"byrokratialoukussa": "byrokratialoukku byrokratia loukku",
		"2017":               "2017",
	}
	for word, terms := range want {
		got := strings.Join(byStart[strings.Index(text, word)], " ")
		if got != terms {
			t.Errorf("%s: got terms %q, want %q", word, got, terms)
		}
	}
}
