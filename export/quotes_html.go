package export

import (
	"io"
)

// QuotesCSS is the style sheet of a quotation report in HTML, to be put
// in a <style> element of the page that holds WriteQuotesHTMLFragment's
// section. Its rules are scoped to section.quotes.
const QuotesCSS = `section.quotes { font-family: "DejaVu Sans", sans-serif; }
`

// WriteQuotesHTMLFragment writes the report as one <section
// class="quotes"> (no <html> or <head>) with its labels in lang (fi or
// en), for a page that has QuotesCSS in its style.
func WriteQuotesHTMLFragment(w io.Writer, r *QuoteReport, lang string) error {
	_, err := io.WriteString(w, `<section class="quotes"></section>`+"\n")
	return err
}
