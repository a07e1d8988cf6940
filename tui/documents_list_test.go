package tui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/toituavain/avain/codebooks"
	"github.com/toituavain/avain/project"
	"github.com/toituavain/avain/search"
)

// countsDemo writes the demo project (the fictional interviews with their
// attributes, coded by aino and ville) in t.TempDir().
func countsDemo(t *testing.T) *project.Project {
	t.Helper()
	ctx := context.Background()
	p, _, err := project.CreateWithCodebook(ctx, filepath.Join(t.TempDir(), "demo.avain"), codebooks.Default, "testaaja")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	if _, err := p.ImportDemo(ctx, "testaaja"); err != nil {
		t.Fatal(err)
	}
	if _, err := p.CodeDemoExamples(ctx); err != nil {
		t.Fatal(err)
	}
	return p
}

// demoDocuments returns the workspace at w×h on the demo project's
// documents list, counted.
func demoDocuments(t *testing.T, p *project.Project, w, h int) Model {
	t.Helper()
	m := New(p, "demo", "testaaja")
	m, _ = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	return listDocuments(t, m, p)
}

// shownNames lists the names of the documents the list shows.
func shownNames(m Model) []string {
	var out []string
	for _, i := range m.docs.shown {
		out = append(out, m.docs.docs[i].Name)
	}
	return out
}

// At every width the names stay whole while the other columns give way;
// attributes are shown with their keys.
func TestDocumentsNarrow(t *testing.T) {
	// The demo codes its examples by searching, so its counts in the
	// goldens are those of Voikko's analysis.
	if !strings.HasPrefix(search.AnalysisID(), "voikko") {
		if os.Getenv("CI") != "" {
			t.Fatalf("Voikko is required in CI (analysis %s)", search.AnalysisID())
		}
		t.Skipf("the goldens hold the demo's counts under Voikko's analysis, not %s: install libvoikko1 and voikko-fi", search.AnalysisID())
	}
	p := countsDemo(t)
	for _, w := range []int{40, 60, 80, 120} {
		m := demoDocuments(t, p, w, 16)
		v := ansi.Strip(m.View().Content)
		for _, d := range m.docs.docs {
			if !strings.Contains(v, d.Name) {
				t.Errorf("%d columns: the name %s is cut:\n%s", w, d.Name, v)
			}
		}
		if w >= 80 && !strings.Contains(v, "age_group=") {
			t.Errorf("%d columns: attributes without their keys:\n%s", w, v)
		}
		assertFits(t, m, w, 16)
		if w == 40 || w == 80 || w == 120 {
			golden(t, "documents_demo_"+strconv.Itoa(w)+"x16", m)
		}
	}
}

// The filter takes key:value terms, all required, and free text.
func TestDocumentsFilterTerms(t *testing.T) {
	p := countsDemo(t)
	tests := []struct {
		filter string
		want   []string
		note   string // the list says this when nothing is shown
	}{
		{"region:Kuopio", []string{"ammattilainen_07_kuopio.txt", "asiakas_01_kuopio.txt"}, ""},
		{"kind:client region:Kuopio", []string{"asiakas_01_kuopio.txt"}, ""},
		{"KIND:professional REGION:kuopio", []string{"ammattilainen_07_kuopio.txt"}, ""},
		{"joensuu", []string{"ammattilainen_08_joensuu.txt", "asiakas_02_joensuu.txt"}, ""},
		{"kind:client region:Joensuu", []string{"asiakas_02_joensuu.txt"}, ""},
		{`model:"yhteinen palvelupiste" kind:client`, []string{"asiakas_01_kuopio.txt"}, ""},
		{"region:Oulu", nil, "No document matches the filter."},
		{"shoe_size:42", nil, "No document has the attribute shoe_size"},
	}
	for _, tt := range tests {
		t.Run(tt.filter, func(t *testing.T) {
			m := demoDocuments(t, p, 100, 20)
			m = do(t, m, "f")
			m = typeText(t, m, tt.filter)
			m = do(t, m, "enter")
			got := shownNames(m)
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("%q shows %v, want %v", tt.filter, got, tt.want)
			}
			v := ansi.Strip(m.View().Content)
			if tt.note != "" && !strings.Contains(v, tt.note) {
				t.Errorf("%q: the list does not say %q:\n%s", tt.filter, tt.note, v)
			}
		})
	}
}
