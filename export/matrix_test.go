package export

import (
	"context"
	"slices"
	"testing"

	"github.com/toituavain/avain/coding"
)

// TestThemeCooccurrence checks the themes' matrix of a randomly coded
// demo project against a count made here turn by turn: a pair of themes
// co-occurs in a turn when a coding of each one's subtree overlaps it.
func TestThemeCooccurrence(t *testing.T) {
	ctx := context.Background()
	p := coded(t, nil)
	m, cb, err := ThemeCooccurrence(ctx, p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var themes []string
	themeOf := map[string]string{}
	for _, c := range cb.Codes() {
		if c.ParentID == "" {
			themes = append(themes, c.ID)
			for _, id := range cb.Subtree(c.ID) {
				themeOf[id] = c.ID
			}
		}
	}
	if len(m.Codes) != len(themes) || len(themes) < 3 {
		t.Fatalf("matrix of %d codes, want the %d themes", len(m.Codes), len(themes))
	}
	index := map[string]int{}
	for i, id := range themes {
		if m.Codes[i] != id {
			t.Fatalf("code %d is %s, want the theme %s (codebook order)", i, m.Codes[i], id)
		}
		index[id] = i
	}
	codings, err := p.Codings(ctx, coding.CodingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	want := make([][]int, len(themes))
	for i := range want {
		want[i] = make([]int, len(themes))
	}
	codingsOverall := make([]int, len(themes))
	err = p.EachDocument(ctx, func(d *coding.Document) error {
		for _, tn := range d.Turns {
			in := map[int]bool{}
			for _, c := range codings {
				if c.DocumentID == d.ID && c.Span().Overlaps(coding.Span{Start: tn.Start, End: tn.End}) {
					in[index[themeOf[c.CodeID]]] = true
				}
			}
			for a := range in {
				for b := range in {
					want[a][b]++
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	offDiagonal := 0
	for i := range want {
		for j := range want {
			if m.Counts[i][j] != want[i][j] {
				t.Errorf("%s × %s: %d turns, want %d", cb.PathString(themes[i], "en"), cb.PathString(themes[j], "en"), m.Counts[i][j], want[i][j])
			}
			if i != j {
				offDiagonal += want[i][j]
			}
		}
	}
	if offDiagonal == 0 {
		t.Fatal("no two themes share a turn: the test shows nothing")
	}

	// Unit overlap: the diagonal is each theme's codings.
	for _, c := range codings {
		codingsOverall[index[themeOf[c.CodeID]]]++
	}
	m, _, err = ThemeCooccurrence(ctx, p, Options{Unit: coding.UnitOverlap})
	if err != nil {
		t.Fatal(err)
	}
	for i := range themes {
		if m.Counts[i][i] != codingsOverall[i] {
			t.Errorf("overlap diagonal of %s: %d, want its %d codings", cb.PathString(themes[i], "en"), m.Counts[i][i], codingsOverall[i])
		}
	}
	if _, _, err := ThemeCooccurrence(ctx, p, Options{Unit: "char"}); err == nil {
		t.Error("unit char: no error")
	}
}

// TestThemeCooccurrenceOfOneTheme checks that a selection of one theme
// gives the matrix of its child codes, each with its subtree.
func TestThemeCooccurrenceOfOneTheme(t *testing.T) {
	ctx := context.Background()
	p := coded(t, nil)
	cb, err := p.Codebook(ctx)
	if err != nil {
		t.Fatal(err)
	}
	theme := cb.Children("")[0]
	m, _, err := ThemeCooccurrence(ctx, p, Options{Codes: []string{theme.ID}})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, c := range cb.Children(theme.ID) {
		want = append(want, c.ID)
	}
	if len(want) < 2 || !slices.Equal(m.Codes, want) {
		t.Errorf("codes %v, want %s's child codes %v", m.Codes, theme.NameEn, want)
	}
}

// TestCodeMatrixCountsThemesAsTheChart checks that the code × code
// matrix (export cooccur, chart --level codes) counts a theme with its
// subtree, as the themes' matrix (chart cooccur) does: each theme's row
// holds the same numbers in both, for both units.
func TestCodeMatrixCountsThemesAsTheChart(t *testing.T) {
	ctx := context.Background()
	p := coded(t, nil)
	for _, unit := range []string{coding.UnitTurn, coding.UnitOverlap} {
		t.Run(unit, func(t *testing.T) {
			tm, _, err := ThemeCooccurrence(ctx, p, Options{Unit: unit})
			if err != nil {
				t.Fatal(err)
			}
			cm, cb, err := CooccurrenceMatrix(ctx, p, Options{Unit: unit})
			if err != nil {
				t.Fatal(err)
			}
			at := map[string]int{}
			for i, id := range cm.Codes {
				at[id] = i
			}
			nonzero := 0
			for i, a := range tm.Codes {
				for j, b := range tm.Codes {
					got := cm.Counts[at[a]][at[b]]
					if got != tm.Counts[i][j] {
						t.Errorf("%s × %s: table %d, chart %d", cb.PathString(a, "fi"), cb.PathString(b, "fi"), got, tm.Counts[i][j])
					}
					if got > 0 {
						nonzero++
					}
				}
			}
			if nonzero == 0 {
				t.Fatal("every theme count is 0")
			}
		})
	}
}
