package search

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/toituavain/avain/coding"
)

// FuzzSearchQuery feeds arbitrary query strings to Search: it must never
// panic, and it either finds hits that are consistent or fails with a
// one-line error (ErrBadQuery for the user's mistakes).
func FuzzSearchQuery(f *testing.F) {
	for _, s := range []string{
		"kela", `"samoja liitteitä"`, "+kind:client +tuki", "-speaker:H kela", "toimeentulo*",
		"tuki~1", "region:Kuopio", "turn:>2", `name:"haastattelu 1"`, "/toimeentulo.*/", "decisions",
		`"unclosed`, "kind:", "+", "a:b:c", "tuki~3", "/[/", "日本語", "*", "?", `\"`, "x^2",
	} {
		f.Add(s)
	}
	ix := openCorpus(f)
	docs := map[string]*coding.Document{}
	for _, d := range corpus() {
		docs[d.ID] = d
	}
	f.Fuzz(func(t *testing.T, q string) {
		res, err := ix.Search(context.Background(), q, 5)
		if err != nil {
			if msg := err.Error(); msg == "" || strings.ContainsAny(msg, "\n\r") {
				t.Fatalf("Search(%q): error not one line: %q", q, msg)
			}
			if !errors.Is(err, ErrBadQuery) {
				t.Logf("Search(%q): %v", q, err)
			}
			return
		}
		if uint64(len(res.Hits)) > res.Total || len(res.Hits) > 5 {
			t.Fatalf("Search(%q): %d hits of %d", q, len(res.Hits), res.Total)
		}
		for _, h := range res.Hits {
			d := docs[h.DocID]
			if d == nil || h.Turn < 1 || h.Turn > len(d.Turns) {
				t.Fatalf("Search(%q): hit of unknown turn %s/%d", q, h.DocID, h.Turn)
			}
			turn := d.Turns[h.Turn-1]
			if h.Start < turn.Start || h.End > turn.End || h.Start > h.End {
				t.Fatalf("Search(%q): span [%d,%d) outside turn [%d,%d)", q, h.Start, h.End, turn.Start, turn.End)
			}
			n, at := utf8.RuneCountInString(h.Snippet), 0
			for _, m := range h.Marks {
				if m[0] < at || m[0] >= m[1] || m[1] > n {
					t.Fatalf("Search(%q): bad marks %v in %q", q, h.Marks, h.Snippet)
				}
				at = m[1]
			}
		}
	})
}
