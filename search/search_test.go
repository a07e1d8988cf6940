package search

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

func TestSearchFieldFilters(t *testing.T) {
	ix := openCorpus(t)
	h1 := []string{"Haastattelu 1/1", "Haastattelu 1/2", "Haastattelu 1/3", "Haastattelu 1/4"}
	i3 := []string{"Interview 3/1", "Interview 3/2"}
	tests := []struct {
		name, q string
		want    []string
	}{
		{"kind", "kind:client", append(slices.Clone(h1), i3...)},
		{"kind upper case", "kind:CLIENT", append(slices.Clone(h1), i3...)},
		{"attribute", "region:Kuopio", append(slices.Clone(h1), i3...)},
		{"attribute lower case", "region:kuopio", append(slices.Clone(h1), i3...)},
		{"attribute key case", "model:yhteispalvelu", h1},
		{"field name case", "Region:Oulu", []string{"Haastattelu 2/1", "Haastattelu 2/2"}},
		{"speaker", "speaker:V", []string{"Haastattelu 1/2", "Haastattelu 1/4", "Haastattelu 2/2"}},
		{"speaker lower case", "speaker:v", []string{"Haastattelu 1/2", "Haastattelu 1/4", "Haastattelu 2/2"}},
		{"lang", "lang:en", []string{"Interview 3/1", "Interview 3/2", "面接 4/1"}},
		{"doc by id", "doc:d2", []string{"Haastattelu 2/1", "Haastattelu 2/2"}},
		{"doc by name", `doc:"Haastattelu 2"`, []string{"Haastattelu 2/1", "Haastattelu 2/2"}},
		{"name phrase", `name:"haastattelu 2"`, []string{"Haastattelu 2/1", "Haastattelu 2/2"}},
		{"name wildcard", `name:interv*`, i3},
		{"turn", "turn:2", []string{"Haastattelu 1/2", "Haastattelu 2/2", "Interview 3/2"}},
		{"turn range", "turn:>3", []string{"Haastattelu 1/4"}},
		{"filter and text", "+kind:client +apua", []string{"Haastattelu 1/3", "Haastattelu 1/4"}},
		{"negated filter", "+kind:client -speaker:H", []string{"Haastattelu 1/2", "Haastattelu 1/4", "Interview 3/1", "Interview 3/2"}},
		{"text without a language", "kela -lang:en", []string{"Haastattelu 1/1", "Haastattelu 1/2", "Haastattelu 2/1", "Haastattelu 2/2"}},
		{"only negation", "-kind:client -kind:professional", []string{"面接 4/1"}},
		{"unknown field", "nosuchfield:x", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := hitIDs(t, ix, tt.q); !slices.Equal(got, tt.want) {
				t.Errorf("%s\n got %q\nwant %q", tt.q, got, tt.want)
			}
		})
	}
}

func TestSearchText(t *testing.T) {
	ix := openCorpus(t)
	allKela := []string{"Haastattelu 1/1", "Haastattelu 1/2", "Haastattelu 2/1", "Haastattelu 2/2", "Interview 3/2"}
	decision := []string{"Interview 3/1", "Interview 3/2", "面接 4/1"}
	tests := []struct {
		name, q string
		want    []string
	}{
		{"word in both languages", "kela", allKela},
		{"text field alias", "text:kela", allKela},
		{"Finnish field only", "fi:kela", allKela[:4]},
		{"English field only", "en:kela", allKela[4:]},
		{"Finnish base form finds inflected form", "Kela", allKela},
		{"phrase", `"samoja liitteitä"`, []string{"Haastattelu 1/2"}},
		{"phrase words not adjacent", `"kela liitteitä"`, nil},
		{"English phrase", `"same attachments"`, []string{"Interview 3/2"}},
		{"wildcard", "toimeentulo*", []string{"Haastattelu 1/2", "Haastattelu 2/2"}},
		{"wildcard upper case", "Toimeentulo*", []string{"Haastattelu 1/2", "Haastattelu 2/2"}},
		{"wildcard ?", "tiedonsiirt?", []string{"Haastattelu 1/4"}},
		{"regexp", "/toimeentulo.*/", []string{"Haastattelu 1/2", "Haastattelu 2/2"}},
		{"fuzzy", "tiedonsirto~1", []string{"Haastattelu 1/4"}},
		{"fuzzy without ä/ö", "yhteistyo~1", []string{"Haastattelu 2/1", "Haastattelu 2/2"}},
		{"English stemming", "decisions", decision},
		{"English stemming other way", "decision", decision},
		{"must and must not", "+kela -speaker:H", []string{"Haastattelu 1/2", "Haastattelu 2/2", "Interview 3/2"}},
		{"either word", "tiedonsiirto OR attachments", []string{"Haastattelu 1/4", "Interview 3/2"}},
		{"bare number is a word", "2017", nil},
		{"stop word alone", "the", []string{}},
		{"required stop word", "+the +decision", decision},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := hitIDs(t, ix, tt.q)
			if len(got) == 0 && len(tt.want) == 0 {
				return
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("%s\n got %q\nwant %q", tt.q, got, tt.want)
			}
		})
	}
}

func TestSearchOrder(t *testing.T) {
	ix := openCorpus(t)
	res, err := ix.Search(context.Background(), "kind:client", 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range res.Hits {
		got = append(got, fmt.Sprintf("%s/%d", h.DocName, h.Turn))
	}
	want := []string{"Haastattelu 1/1", "Haastattelu 1/2", "Haastattelu 1/3", "Haastattelu 1/4", "Interview 3/1", "Interview 3/2"}
	if !slices.Equal(got, want) {
		t.Errorf("equal scores: got %q, want by name then turn %q", got, want)
	}

	res, err = ix.Search(context.Background(), "kela", 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 2 || res.Total != 5 {
		t.Fatalf("limit 2: %d hits of %d, want 2 of 5", len(res.Hits), res.Total)
	}
	if res.Hits[0].Score < res.Hits[1].Score {
		t.Errorf("hits not by score: %v then %v", res.Hits[0].Score, res.Hits[1].Score)
	}
}

func TestSearchHitFields(t *testing.T) {
	ix := openCorpus(t)
	res, err := ix.Search(context.Background(), "+tiedonsiirto", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 {
		t.Fatalf("got %d hits, want 1", len(res.Hits))
	}
	h := res.Hits[0]
	want := Hit{DocID: "d1", DocName: "Haastattelu 1", Turn: 4, Speaker: "V", Kind: "client", Lang: "fi",
		Text: "Sain apua, mutta tiedonsiirto ei toiminut.", Snippet: "Sain apua, mutta tiedonsiirto ei toiminut.",
		Marks: [][2]int{{17, 29}}}
	h.Score, h.Start, h.End = 0, 0, 0
	if fmt.Sprint(h) != fmt.Sprint(want) {
		t.Errorf("hit\n got %+v\nwant %+v", h, want)
	}
}

// TestSearchOffsets checks that a hit's Start and End slice the document
// text to the matched word, and that Marks point at it in the snippet, with
// multi-byte letters before the match.
func TestSearchOffsets(t *testing.T) {
	ix := openCorpus(t)
	long := newDoc("d5", "Pitkä", coding.KindClient, coding.LangFinnish, nil,
		line{"V", strings.Repeat("Äiti sanoi että byrokratia on hänelle vaikeaa. ", 6) +
			"Lopulta tiedonsiirtoongelmat ratkesivat ja päätös saapui myöhään. " +
			strings.Repeat("Sen jälkeen elämä helpottui vähän kerrallaan. ", 6)})
	if err := ix.Add(long); err != nil {
		t.Fatal(err)
	}
	docs := map[string]*coding.Document{}
	for _, d := range append(corpus(), long) {
		docs[d.ID] = d
	}
	tests := []struct {
		q, doc string
		turn   int
		word   string
	}{
		{"myöhään", "d1", 2, "myöhään"},
		{"päätös", "d2", 2, "päätökset"},
		{`"samoja liitteitä"`, "d1", 2, "samoja"},
		{"sosiaalityöntekijä*", "d1", 3, "sosiaalityöntekijältä"},
		{"+decision +lang:en -name:interview*", "d4", 1, "decision"},
		{"saapui", "d5", 1, "saapui"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			res, err := ix.Search(context.Background(), tt.q, 10)
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(res.Hits, func(h Hit) bool { return h.DocID == tt.doc && h.Turn == tt.turn })
			if i < 0 {
				t.Fatalf("no hit for %s turn %d in %+v", tt.doc, tt.turn, res.Hits)
			}
			h := res.Hits[i]
			if got := coding.Slice(docs[tt.doc].Text, h.Start, h.End); got != tt.word {
				t.Errorf("document text [%d:%d] = %q, want %q", h.Start, h.End, got, tt.word)
			}
			if len(h.Marks) == 0 {
				t.Fatalf("no marks in snippet %q", h.Snippet)
			}
			if got := coding.Slice(h.Snippet, h.Marks[0][0], h.Marks[0][1]); got != tt.word {
				t.Errorf("snippet %q mark %v = %q, want %q", h.Snippet, h.Marks[0], got, tt.word)
			}
			if n := coding.RuneLen(h.Snippet); n > snippetLen+2 {
				t.Errorf("snippet has %d code points: %q", n, h.Snippet)
			}
		})
	}
}

func TestSearchLongTurnSnippet(t *testing.T) {
	ix := openCorpus(t)
	text := strings.Repeat("alkua ", 40) + "tiedonsiirto " + strings.Repeat("loppua ", 40) + "tiedonsiirto."
	if err := ix.Add(newDoc("d6", "Pitkä", coding.KindClient, coding.LangFinnish, nil, line{"V", text})); err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(context.Background(), "tiedonsiirto +doc:d6", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 {
		t.Fatalf("got %d hits, want 1", len(res.Hits))
	}
	h := res.Hits[0]
	if !strings.HasPrefix(h.Snippet, "…alkua") || !strings.HasSuffix(h.Snippet, "loppua…") {
		t.Errorf("snippet not cut at words with …: %q", h.Snippet)
	}
	if h.Text != text {
		t.Errorf("Text is not the whole turn")
	}
	if len(h.Marks) != 1 {
		t.Errorf("marks %v: want only the match inside the snippet", h.Marks)
	}
}

func TestSearchBadQuery(t *testing.T) {
	ix := openCorpus(t)
	for _, q := range []string{
		"", "   ", `"unclosed phrase`, `kela "`, "kind:", "+", "-", "region:>", "tuki~3",
		"/[/", ":kela", "a:b:c", `/\pL{30}/`, `/\pL*x\pL*/`, "/a\\b/",
	} {
		t.Run(q, func(t *testing.T) {
			_, err := ix.Search(context.Background(), q, 10)
			if !errors.Is(err, ErrBadQuery) {
				t.Fatalf("Search(%q) = %v, want ErrBadQuery", q, err)
			}
			if msg := err.Error(); strings.ContainsAny(msg, "\n\r") || msg == "" {
				t.Errorf("message not one line: %q", msg)
			}
		})
	}
}
