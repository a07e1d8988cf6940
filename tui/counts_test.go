package tui

import (
	"bytes"
	"context"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/export"
)

// lineWith returns the first line of the view holding s.
func lineWith(t *testing.T, m Model, s string) string {
	t.Helper()
	for _, l := range strings.Split(ansi.Strip(m.View().Content), "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	t.Fatalf("no line holds %q:\n%s", s, ansi.Strip(m.View().Content))
	return ""
}

// lastNumbers returns the last n fields of line as numbers.
func lastNumbers(t *testing.T, line string, n int) []int {
	t.Helper()
	f := strings.Fields(line)
	if len(f) < n {
		t.Fatalf("%q has no %d numbers", line, n)
	}
	out := make([]int, n)
	for i, s := range f[len(f)-n:] {
		v, err := strconv.Atoi(strings.TrimSuffix(s, "%"))
		if err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		out[i] = v
	}
	return out
}

// One theme of the demo project shows the same codings, passages and
// documents in the freq export, the codebook view and the themes view,
// each labelled; a theme counts its child codes.
func TestThemeNumbersAgree(t *testing.T) {
	p := countsDemo(t)
	ctx := context.Background()
	cb, err := p.Codebook(ctx)
	if err != nil {
		t.Fatal(err)
	}
	const name = "Byrokratialoukut"
	theme, err := cb.Resolve(name)
	if err != nil {
		t.Fatal(err)
	}
	// The definition, by hand: every live coding of the theme's subtree.
	sub, err := p.Codings(ctx, coding.CodingFilter{CodeIDs: cb.Subtree(theme.ID)})
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]bool{}
	for _, c := range sub {
		docs[c.DocumentID] = true
	}

	// freq, as avain export writes it (CSV).
	ft, _, err := export.Frequencies(ctx, p, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := export.Write(&b, "csv", export.FreqTable(ft, export.View{Layout: export.LayoutPeople, Lang: coding.LangEnglish})); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if recs[0][1] != "all (n = 10)" {
		t.Errorf("freq's group header is %q, want %q", recs[0][1], "all (n = 10)")
	}
	for i, label := range []string{"codings", "passages", "documents"} {
		if head := recs[1]; head[1+i] != label {
			t.Errorf("freq column %d is %q, want %q", 1+i, head[1+i], label)
		}
	}
	var freq []int
	for _, r := range recs[2:] {
		if r[0] == "▸ "+name { // a theme at the top
			for _, s := range r[1:4] {
				n, _ := strconv.Atoi(s)
				freq = append(freq, n)
			}
		}
	}
	if len(freq) != 3 {
		t.Fatalf("freq has no row %s", name)
	}
	t.Logf("%s: %d codings, %d passages, %d documents", name, freq[0], freq[1], freq[2])
	if freq[0] != len(sub) || freq[2] != len(docs) {
		t.Errorf("freq: %d codings in %d documents, the theme's subtree has %d in %d", freq[0], freq[2], len(sub), len(docs))
	}
	if freq[1] >= freq[0] || freq[1] == 0 {
		t.Errorf("freq: %d passages of %d codings: two coders' codings of one passage should merge", freq[1], freq[0])
	}

	// The codebook view: its columns, and the details.
	m := demoDocuments(t, p, 120, 40)
	m = do(t, m, "B")
	if h := lineWith(t, m, "Passages"); !strings.Contains(h, "Codings") || !strings.Contains(h, "Docs") {
		t.Errorf("codebook header %q", h)
	}
	if got := lastNumbers(t, lineWith(t, m, name), 3); got[0] != freq[0] || got[1] != freq[1] || got[2] != freq[2] {
		t.Errorf("codebook view %v, freq %v", got, freq)
	}
	if v := ansi.Strip(m.View().Content); !strings.Contains(v, coding.AboutSubtree) {
		t.Errorf("the codebook view does not say %q:\n%s", coding.AboutSubtree, v)
	}
	m = do(t, m, "d")
	want := strconv.Itoa(freq[0]) + " codings, " + strconv.Itoa(freq[1]) + " passages in " + strconv.Itoa(freq[2]) + " documents"
	if l := lineWith(t, m, "Counted"); !strings.Contains(l, want) {
		t.Errorf("details %q, want %q", l, want)
	}

	// The themes view, measure by measure, each named in the title.
	m = do(t, m, "esc", "T")
	for i, about := range []string{coding.AboutCodings, coding.AboutPassages, coding.AboutDocuments} {
		if i > 0 {
			m = do(t, m, "m")
		}
		if title := lineWith(t, m, "Themes"); !strings.Contains(title, about) {
			t.Errorf("themes title %q lacks %q", title, about)
		}
		if got := lastNumbers(t, lineWith(t, m, name), 1)[0]; got != freq[i] {
			t.Errorf("themes view, %s: %d, freq %d", about, got, freq[i])
		}
	}
}
