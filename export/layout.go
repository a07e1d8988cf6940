package export

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/toituavain/avain/coding"
)

// The layouts of a table.
const (
	// LayoutPeople is a table to read and paste: code names indented by
	// depth with themes marked, groups of documents as headers with their
	// size over the measures, no ids; labels in the view's language.
	LayoutPeople = "people"
	// LayoutData is a long table for R or pandas: ids, paths and depths,
	// one row per code × group × measure, stable English column names.
	LayoutData = "data"
)

// Layouts lists the layouts, the default first.
var Layouts = []string{LayoutPeople, LayoutData}

// View says how a table is laid out: for people or as data, and the
// language of its labels and code names (fi, the default, or en).
type View struct {
	Layout string
	Lang   string
}

// data reports whether the view is the data layout.
func (v View) data() bool { return v.Layout == LayoutData }

// en reports whether the view's labels are English.
func (v View) en() bool { return v.Lang == coding.LangEnglish }

// word returns fi or en by the view's language.
func (v View) word(fi, en string) string {
	if v.en() {
		return en
	}
	return fi
}

// Title names what a file of tables of what (freq, cooccur or
// agreement) holds, in the view's language.
func (v View) Title(what string) string {
	switch what {
	case "freq":
		return v.word("Teemataulukko: koodien frekvenssit", "Theme table: code frequencies")
	case "cooccur":
		return v.word("Koodien yhteisesiintyminen", "Co-occurrence of codes")
	case "agreement":
		return v.word("Koodaajien yhtäpitävyys", "Agreement of coders")
	case "segments":
		return v.word("Koodatut kohdat", "Coded segments")
	}
	return what
}

// groupBand names a group of documents for people: "kaikki (n = 10)" or
// "laji = asiakas (n = 6)"; with two attributes "laji = asiakas / alue =
// Kuopio (n = 2)" (coding.GroupLabel, in the view's language).
func (v View) groupBand(by []string, g coding.FreqGroup) string {
	return fmt.Sprintf("%s (n = %d)", coding.GroupLabel(by, g.Values, v.Lang), g.Docs)
}

// About says how the tables of a file were made, for the first sheet of
// an XLSX file and the lines under a Markdown table.
type About struct {
	Title   string    // what the file holds: "Teemataulukko"
	Project string    // the project file's name
	Made    time.Time // when
	Coders  []string  // the coders whose codings are counted; none: every coder
	Filters []string  // the choices that shaped the tables: "--by kind"
	Version string    // avain's version
	Counts  []string  // what each number counts (coding.CountsAbout)
	Lang    string    // the language of these lines
}

// made returns the lines that say how the tables were made: the project,
// the date, the coders, the filters and avain's version.
func (a *About) made() []string {
	v := View{Lang: a.Lang}
	coders := v.word("kaikki koodaajat", "every coder")
	if len(a.Coders) > 0 {
		coders = strings.Join(a.Coders, ", ")
	}
	filters := v.word("ei rajauksia", "none")
	if len(a.Filters) > 0 {
		filters = strings.Join(a.Filters, " ")
	}
	lines := []string{
		v.word("Projekti: ", "Project: ") + a.Project,
		v.word("Tehty: ", "Made: ") + a.Made.Format("2006-01-02 15:04"),
		v.word("Koodaajat: ", "Coders: ") + coders,
		v.word("Valinnat: ", "Options: ") + filters,
	}
	if a.Version != "" {
		lines = append(lines, v.word("avain, versio ", "avain, version ")+a.Version)
	}
	return lines
}

// Coders lists, sorted, the coders of the project's live codings: those
// an About sheet names when no --coder chose some.
func Coders(ctx context.Context, src Source) ([]string, error) {
	if l, ok := src.(interface {
		Coders(context.Context) ([]string, error)
	}); ok { // a store lists them without reading every coding
		return l.Coders(ctx)
	}
	cs, err := src.Codings(ctx, coding.CodingFilter{Bare: true})
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []string
	for _, c := range cs {
		if !seen[c.Coder] {
			seen[c.Coder] = true
			out = append(out, c.Coder)
		}
	}
	slices.Sort(out)
	return out, nil
}
