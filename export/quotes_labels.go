package export

import (
	"fmt"
	"strings"

	"github.com/toituavain/avain/coding"
)

// quoteLabels are the words of a quotation report in one language.
type quoteLabels struct {
	title, turn, coder, coders, memo                       string
	theme, code, quotation, document, speaker, turnOrTime  string
	attributes, about, item, value, shown, all             string
	pick, perCode, cite, by, codes, codersSel, lang, total string
	pickFirst, pickLongest, pickShortest, onlyDocs, none   string
	noQuotes, project, truncated, group                    string
	attrLang                                               string // the language the attributes are named in
}

var quoteLabelsFi = quoteLabels{
	title: "Sitaatit", turn: "puheenvuoro", coder: "koodaaja", coders: "koodaajat", memo: "muistio",
	theme: "teema", code: "koodi", quotation: "sitaatti", document: "dokumentti", speaker: "puhuja",
	turnOrTime: "puheenvuoro tai aika", attributes: "attribuutit", about: "Tietoja", item: "valinta", value: "arvo",
	shown: "%d / %d sitaattia", all: "%d sitaattia", pick: "valittu", perCode: "enintään koodia kohden",
	cite: "lähteessä mainitaan", by: "ryhmitelty", codes: "koodit", codersSel: "koodaajat", lang: "kieli",
	total: "sitaatteja yhteensä", pickFirst: "ensimmäiset dokumenttien järjestyksessä",
	pickLongest: "pisimmät ensin", pickShortest: "lyhyimmät ensin", onlyDocs: "vain dokumentit, joissa",
	none: "kaikki", noQuotes: "Valinnalla ei löytynyt sitaatteja.", project: "projekti",
	truncated: "Excelin solu mahtuu 32 767 merkkiä; pidemmät sitaatit on katkaistu (…).",
	group:     "ryhmä", attrLang: coding.LangFinnish,
}

var quoteLabelsEn = quoteLabels{
	title: "Quotations", turn: "turn", coder: "coder", coders: "coders", memo: "memo",
	theme: "theme", code: "code", quotation: "quotation", document: "document", speaker: "speaker",
	turnOrTime: "turn or time", attributes: "attributes", about: "About", item: "selection", value: "value",
	shown: "%d of %d quotations", all: "%d quotations", pick: "picked", perCode: "at most per code",
	cite: "citations name", by: "grouped by", codes: "codes", codersSel: "coders", lang: "language",
	total: "quotations in all", pickFirst: "the first in document order",
	pickLongest: "the longest first", pickShortest: "the shortest first", onlyDocs: "only documents with",
	none: "all", noQuotes: "The selection has no quotations.", project: "project",
	truncated: "An Excel cell holds 32,767 characters; longer quotations are cut (…).",
	group:     "group", attrLang: coding.LangEnglish,
}

// labelsFor returns the labels in lang (Finnish unless en).
func labelsFor(lang string) quoteLabels {
	if lang == coding.LangEnglish {
		return quoteLabelsEn
	}
	return quoteLabelsFi
}

// count says how many quotations a code shows, and of how many when fewer.
func (l quoteLabels) count(c QuoteCode) string {
	if len(c.Quotes) < c.Total {
		return fmt.Sprintf(l.shown, len(c.Quotes), c.Total)
	}
	return fmt.Sprintf(l.all, c.Total)
}

// citation is a quotation's source: document, speaker, turn or time and
// the cited attributes ("asiakas_01.txt, H, puheenvuoro 4, kind: client").
func (l quoteLabels) citation(q Quote) string {
	parts := []string{q.Document}
	if q.Speaker != "" {
		parts = append(parts, q.Speaker)
	}
	if where := l.where(q); where != "" {
		parts = append(parts, where)
	}
	for _, a := range q.Attrs {
		parts = append(parts, l.attr(a))
	}
	return strings.Join(parts, ", ")
}

// attr names a cited attribute and its value as every output does
// (coding.AttrName, coding.AttrValue): "laji: asiakas".
func (l quoteLabels) attr(a [2]string) string {
	return coding.AttrName(a[0], l.attrLang) + ": " + coding.AttrValue(a[0], a[1], l.attrLang)
}

// attrNames names attributes as every output does ("laji, alue").
func (l quoteLabels) attrNames(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = coding.AttrName(n, l.attrLang)
	}
	return out
}

// where is the turn's start time in a timed transcript, else its number.
func (l quoteLabels) where(q Quote) string {
	switch {
	case q.Time != "":
		return q.Time
	case q.Turn > 0:
		return fmt.Sprintf("%s %d", l.turn, q.Turn)
	}
	return ""
}

// codersLine names the coders of a quotation ("koodaajat: aino, ville").
func (l quoteLabels) codersLine(q Quote) string {
	label := l.coders
	if len(q.Coders) == 1 {
		label = l.coder
	}
	return label + ": " + strings.Join(q.Coders, ", ")
}

// selection describes what the report holds, as label, value rows.
func (l quoteLabels) selection(r *QuoteReport) [][2]string {
	orText := func(v []string) string {
		if len(v) == 0 {
			return l.none
		}
		return strings.Join(v, ", ")
	}
	p, _ := parsePick(r.Pick)
	how := map[string]string{PickFirst: l.pickFirst, PickLongest: l.pickLongest, PickShortest: l.pickShortest}[p.order]
	if len(p.names) > 0 {
		var vs []string
		for _, n := range p.names {
			var words []string
			for _, v := range p.values[n] {
				words = append(words, coding.AttrValue(n, v, l.attrLang))
			}
			vs = append(vs, coding.AttrName(n, l.attrLang)+" = "+strings.Join(words, "|"))
		}
		how += "; " + l.onlyDocs + " " + strings.Join(vs, ", ")
	}
	per := l.none
	if r.PerCode > 0 {
		per = fmt.Sprint(r.PerCode)
	}
	shown, total := 0, 0
	for _, t := range r.Themes {
		for _, c := range t.Codes {
			shown, total = shown+len(c.Quotes), total+c.Total
		}
	}
	rows := [][2]string{}
	if r.Project != "" {
		rows = append(rows, [2]string{l.project, r.Project})
	}
	rows = append(rows,
		[2]string{l.codes, orText(r.Codes)},
		[2]string{l.codersSel, orText(r.Coders)},
		[2]string{l.pick, how},
		[2]string{l.perCode, per})
	if len(r.By) > 0 {
		rows = append(rows, [2]string{l.by, strings.Join(l.attrNames(r.By), ", ")})
	}
	return append(rows,
		[2]string{l.cite, orText(l.attrNames(r.Cite))},
		[2]string{l.total, fmt.Sprintf(l.shown, shown, total)})
}
