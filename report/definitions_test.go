package report

import (
	"strings"
	"testing"

	"github.com/toituavain/avain/coding"
)

// TestAgreementSaysWhatItCounts: the page says, in its definitions and
// under the agreement tables, that agreement counts each code's own
// codings (not its subtree, unlike the theme table) and that the pooled
// units are turn × code pairs; its definition of what a code counts does
// not point the reader to "the report" inside the report.
func TestAgreementSaysWhatItCounts(t *testing.T) {
	p := demo(t)
	for _, c := range []struct {
		lang              string
		own, units, about string
	}{
		{coding.LangFinnish, "Yhtäpitävyydessä kukin koodi lasketaan omista koodauksistaan", "puheenvuoro × koodi", "Yhtäpitävyys %"},
		{coding.LangEnglish, "In agreement each code counts its own codings", "turn × code", "Agreement %"},
	} {
		page := render(t, p, Options{Project: "demo", Lang: c.lang})
		about := page[strings.Index(page, `<section id="counts">`):]
		about = about[:strings.Index(about, "</section>")]
		agreement := page[strings.Index(page, `<section id="agreement">`):]
		agreement = agreement[:strings.Index(agreement, "</section>")]
		for where, s := range map[string]string{"definitions": about, "agreement section": agreement} {
			if !strings.Contains(s, escaped(c.own)) || !strings.Contains(s, escaped(c.units)) {
				t.Errorf("%s: the %s do not say %q and %q:\n%s", c.lang, where, c.own, c.units, s)
			}
		}
		// under each table: after the pairs' table, and after the per-code table
		pairs := agreement[strings.Index(agreement, "</table>"):]
		if !strings.Contains(pairs, escaped(c.units)) {
			t.Errorf("%s: nothing under the pairs' table says the units are %q", c.lang, c.units)
		}
		perCode := agreement[strings.LastIndex(agreement, "</table>"):]
		if !strings.Contains(perCode, escaped(c.own)) {
			t.Errorf("%s: nothing under the per-code table says %q", c.lang, c.own)
		}
		for _, inside := range []string{"ja raportissa", "and the report"} {
			if strings.Contains(page, inside) {
				t.Errorf("%s: the report's own definitions refer to %q", c.lang, inside)
			}
		}
	}
}
