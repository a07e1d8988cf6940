package report

import (
	"bytes"
	"context"
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"time"

	"github.com/toituavain/avain/codebooks"
	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/project"
)

var (
	demoOnce sync.Once
	demoDir  string
	demoErr  error
)

// demo opens the demo project (ten fictional interviews coded by two
// fictional coders), made once for the package's tests.
func demo(t *testing.T) *project.Project {
	t.Helper()
	ctx := context.Background()
	demoOnce.Do(func() {
		demoDir, demoErr = makeDemo(ctx)
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	p, err := project.Open(ctx, filepath.Join(demoDir, "demo.avain"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

func makeDemo(ctx context.Context) (string, error) {
	dir, err := os.MkdirTemp("", "report-demo-")
	if err != nil {
		return "", err
	}
	p, _, err := project.CreateWithCodebook(ctx, filepath.Join(dir, "demo.avain"), codebooks.Default, "test")
	if err != nil {
		return "", err
	}
	defer p.Close()
	if _, err := p.ImportDemo(ctx, "test"); err != nil {
		return "", err
	}
	_, err = p.CodeDemoExamples(ctx)
	return dir, err
}

// demoCopy opens a copy of the demo project that the test may change.
func demoCopy(t *testing.T) *project.Project {
	t.Helper()
	data, err := os.ReadFile(demo(t).Path())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "copy.avain")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	p, err := project.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

// render builds the report of p with o and writes it as HTML.
func render(t *testing.T, p *project.Project, o Options) string {
	t.Helper()
	if o.Made.IsZero() {
		o.Made = time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)
	}
	r, err := Build(context.Background(), p, o)
	if err != nil {
		t.Fatal(err)
	}
	return write(t, r)
}

// write writes r as HTML.
func write(t *testing.T, r *Report) string {
	t.Helper()
	var b bytes.Buffer
	if err := r.WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestMain(m *testing.M) {
	code := m.Run()
	if demoDir != "" {
		os.RemoveAll(demoDir)
	}
	os.Exit(code)
}

// TestLabelsFollowLang: the Finnish report is labelled in Finnish, the
// English one in English, each with its language on <html>, its measures'
// labels and sentences from coding.Measure, and its code names.
func TestLabelsFollowLang(t *testing.T) {
	p := demo(t)
	for _, tc := range []struct {
		lang             string
		want, not, chart []string
	}{
		{"fi", []string{`<html lang="fi">`, "Tutkimus lukuina", "Teemat", "Koodien yhteisesiintyminen", "Koodaajien yhtäpitävyys",
			"Lainaukset", "Mitä luvut laskevat", "Liite: koodikirja", "asiakas", "ammattilainen", "Laadittu", "1.12.2026", "ryhmittely: laji", "Koodaukset koodaajittain",
			coding.MeasurePassages.Label("fi"), coding.MeasurePassages.About("fi"), "Byrokratialoukut", "Määritelmä"},
			[]string{"The study in numbers", "Appendix", coding.MeasurePassages.About("en")},
			[]string{"asiakas", "ammattilainen", "laji"}},
		{"en", []string{`<html lang="en">`, "The study in numbers", "Themes", "Co-occurrence of codes", "Agreement between coders",
			"Quotations", "What the numbers count", "Appendix: the codebook", "client", "professional", "Made", "1 December 2026", "split by: kind", "Codings by coder",
			coding.MeasurePassages.Label("en"), coding.MeasurePassages.About("en"), "Bureaucracy traps", "Definition"},
			[]string{"Tutkimus lukuina", "Liite", coding.MeasurePassages.About("fi"), "Määritelmä"},
			[]string{"client", "professional", "kind"}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			html := render(t, p, Options{Project: "demo", By: []string{"kind"}, Lang: tc.lang, Quotes: 1})
			for _, w := range tc.want {
				if !strings.Contains(html, w) && !strings.Contains(html, escaped(w)) {
					t.Errorf("the %s report lacks %q", tc.lang, w)
				}
			}
			svg := html[strings.Index(html, "<svg"):strings.Index(html, "</svg>")]
			for _, w := range tc.chart {
				if !strings.Contains(svg, ">"+w+"</text>") {
					t.Errorf("the %s report's first chart does not name %q", tc.lang, w)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(html, escaped(w)) {
					t.Errorf("the %s report has %q", tc.lang, w)
				}
			}
		})
	}
}

// escaped is s as the page's HTML writes it.
func escaped(s string) string { return template.HTMLEscapeString(s) }
