package report

import (
	_ "embed"
	"html/template"
	"io"
	"strconv"
	"strings"

	"github.com/toituavain/avain/export"
)

// page is everything the report's template shows.
type page struct {
	Lang        string
	L           labels
	Project     string
	Made        string
	Filters     []string
	Numbers     numbers
	Themes      themes
	ThemeCharts []template.HTML
	Cooccur     *heatmap
	Agreement   *agreementPart
	Quotes      template.HTML // the quotation report's section, "" when left out or empty
	QuotesIntro string        // how many quotations, or that there are none; "" when left out
	Empty       string        // that the selection holds no codings, "" when it holds some
	Codebook    []codeEntry
	About       []string
	CSS         template.CSS
}

var (
	//go:embed report.css
	css string
	//go:embed report.html.tmpl
	pageSource string
	pageTmpl   = template.Must(template.New("report").Funcs(template.FuncMap{
		"indent": func(depth int) template.CSS { return template.CSS("padding-left:" + strconv.Itoa(4+18*depth) + "px") },
		"swatch": func(color string) template.CSS {
			if !isColor(color) {
				color = "#888888"
			}
			return template.CSS("background:" + color)
		},
		"groupStart": func(i int) bool { return i%len(shown) == 0 },
	}).Parse(pageSource))
)

// WriteHTML writes the report as one HTML page: UTF-8, its style sheet
// and charts inline, no script and no outside address.
func (r *Report) WriteHTML(w io.Writer) error {
	p := r.page
	p.CSS = template.CSS(css + "\n" + export.QuotesCSS)
	return pageTmpl.Execute(w, p)
}

// isColor reports whether s is a colour #rrggbb, safe to put in a style.
func isColor(s string) bool {
	if len(s) != 7 || s[0] != '#' {
		return false
	}
	for _, c := range s[1:] {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return false
		}
	}
	return true
}
