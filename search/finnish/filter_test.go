package finnish

import (
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// fakeLemmas is a lemmatizer for filter tests that need no Voikko.
type fakeLemmas map[string][]string // word -> base forms, then "+" and parts

func (f fakeLemmas) BaseForms(w string) []string {
	var out []string
	for _, s := range f[w] {
		if !strings.HasPrefix(s, "+") {
			out = append(out, s)
		}
	}
	return out
}

func (f fakeLemmas) CompoundParts(w string) []string {
	var out []string
	for _, s := range f[w] {
		if strings.HasPrefix(s, "+") {
			out = append(out, s[1:])
		}
	}
	return out
}

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
			[][3]any{{"uusi", 1, 0}, {"~uus", 1, 0}, {"toimeentulotuki", 2, 5}, {"toimeentulo", 2, 5}, {"tuki", 2, 5}}},
		{"query side adds no parts", false, []string{"toimeentulotuen"},
			[][3]any{{"toimeentulotuki", 1, 0}}},
		{"every reading kept", true, []string{"tuen"},
			[][3]any{{"tukea", 1, 0}, {"tuki", 1, 0}}},
		{"numbers kept", true, []string{"2017", "12"},
			[][3]any{{"2017", 1, 0}, {"12", 2, 5}}},
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
