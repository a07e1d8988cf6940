package search

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/search/finnish"
)

// requireVoikko skips a test that needs Voikko's analysis when it is
// missing, and fails it under CI.
func requireVoikko(t *testing.T) {
	t.Helper()
	if finnish.UsesVoikko() {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatal("Voikko is not installed (CI must have it)")
	}
	t.Skip("Voikko is not installed")
}

// TestAmbiguousFormRanksBelow indexes pairs of turns that differ in one
// word: one holds a form that can only be the word searched (sillan:
// silta), the other a form Voikko also reads as another word (silloin:
// silloin or silta). Each pair is indexed as the same number of terms
// (näin: näin, nähdä adds one as silloin does), so that the length of the
// turn does not decide. The ambiguous turn comes first in the document, so
// that with equal scores it would rank first; it must rank second, and
// every way of searching the word must still find both, marking the word.
func TestAmbiguousFormRanksBelow(t *testing.T) {
	requireVoikko(t)
	doc := newDoc("d1", "Haastattelu", coding.KindClient, coding.LangFinnish, nil,
		line{"H", "Silloin joki tulvi yli."},
		line{"V", "Näin sillan joki tulvi."},
		line{"H", "Luin kirjaa illalla."},
		line{"V", "Luin kirjan eilen illalla."},
		line{"H", "Mitä muuta?"})
	ix, _, err := openIndex(t.TempDir()+"/ix", "v1")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.Rebuild(context.Background(), yieldAll([]*coding.Document{doc}), nil); err != nil {
		t.Fatal(err)
	}
	search := func(q string) []Hit {
		t.Helper()
		res, err := ix.Search(context.Background(), q, 10)
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		return res.Hits
	}
	for _, c := range []struct{ q, ambiguous, plain string }{
		{"silta", "Silloin", "sillan"},
		{"kirja", "kirjaa", "kirjan"},
	} {
		hits := search(c.q)
		var got []string
		for _, h := range hits {
			got = append(got, fmt.Sprintf("turn %d %.4f %s", h.Turn, h.Score, marked(h)))
		}
		if len(hits) != 2 || marked(hits[0]) != c.plain || marked(hits[1]) != c.ambiguous {
			t.Errorf("%s: hits %q, want the turn with %s, then the one with %s", c.q, got, c.plain, c.ambiguous)
		} else if hits[0].Score <= hits[1].Score {
			t.Errorf("%s: hits %q: the ambiguous turn scores as high", c.q, got)
		}
	}
	for _, q := range []string{"silta*", "/silt.*/", "sillta~1", "sillan", `"silta joki"`, "silloin", "text:silta", "fi:silta"} {
		hits := search(q)
		if q == "silloin" {
			if len(hits) != 1 || marked(hits[0]) != "Silloin" {
				t.Errorf("%s: %d hits, want the turn with Silloin", q, len(hits))
			}
			continue
		}
		if len(hits) != 2 {
			t.Errorf("%s: %d hits, want both turns of silta", q, len(hits))
		}
		for _, h := range hits {
			if m := marked(h); m != "Silloin" && m != "sillan" {
				t.Errorf("%s: turn %d marks %q", q, h.Turn, m)
			}
		}
	}
}

// marked returns the first word a hit's snippet marks.
func marked(h Hit) string {
	if len(h.Marks) == 0 {
		return ""
	}
	r := []rune(h.Snippet)
	return string(r[h.Marks[0][0]:h.Marks[0][1]])
}
