package chart

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/toituavain/avain/coding"
)

// words holds the chart's own words, English and Finnish.
var words = map[string]map[string]string{
	coding.LangEnglish: {
		"themes":         "Themes",
		"codes":          "Codes",
		"themeCodes":     "Codes of %s",
		"coder":          "Codings by %s only.",
		"coders":         "Codings by %s only.",
		"and":            " and ",
		"by":             "%s by %s",
		"all":            "all documents",
		"none":           "(none)",
		"uncoded":        "Codes with no codings left out: %d.",
		"direct":         "Codes with child codes and codings of their own left out: %d (their codings count in the themes chart).",
		"n":              "n = %d",
		"cooccur":        "Co-occurrence of codes",
		"cooccur.themes": "Co-occurrence of themes",
		"cooccur.of":     "Co-occurrence of the codes of %s",
		"agreementBy":    "Inter-coder agreement by code",
		"agreement":      "Agreement of %s and %s by code",
		"turn":           "a speaker turn",
		"char":           "a character",
		"co.turn":        "Each cell counts the turns that carry both codes; the grey diagonal, the turns with the code (it is not on the colour scale).",
		"co.overlap":     "Each cell counts the pairs of overlapping codings of the two codes; the grey diagonal, the code's codings (it is not on the colour scale).",
		"agree.note":     "Over the %d documents both coded; unit: %s. Cohen's kappa is – where undefined (a coder coded every unit or none).",
		"percent":        "agreement %",
		"kappa":          "Cohen's kappa",
		"undefined":      "–",
		"pct":            "%.0f%%",
	},
	coding.LangFinnish: {
		"themes":         "Teemat",
		"codes":          "Koodit",
		"themeCodes":     "Teeman %s koodit",
		"coder":          "Vain koodaajan %s koodaukset.",
		"coders":         "Vain koodaajien %s koodaukset.",
		"and":            " ja ",
		"by":             "%s ryhmittäin: %s",
		"all":            "kaikki dokumentit",
		"none":           "(ei arvoa)",
		"uncoded":        "Koodeja ilman koodauksia jätetty pois: %d.",
		"direct":         "Koodeja, joilla on alakoodeja ja myös omia koodauksia, jätetty pois: %d (niiden koodaukset lasketaan teemojen kaaviossa).",
		"n":              "n = %d",
		"cooccur":        "Koodien yhteisesiintyminen",
		"cooccur.themes": "Teemojen yhteisesiintyminen",
		"cooccur.of":     "Teeman %s koodien yhteisesiintyminen",
		"agreementBy":    "Koodaajien yhtäpitävyys koodeittain",
		"agreement":      "Koodaajien %s ja %s yhtäpitävyys koodeittain",
		"turn":           "puheenvuoro",
		"char":           "merkki",
		"co.turn":        "Kukin solu laskee puheenvuorot, joissa on kumpikin koodi; harmaa lävistäjä puheenvuorot, joissa on koodi (se ei ole väriasteikolla).",
		"co.overlap":     "Kukin solu laskee kahden koodin päällekkäiset koodausparit; harmaa lävistäjä koodin koodaukset (se ei ole väriasteikolla).",
		"agree.note":     "Niistä %d dokumentista, jotka molemmat koodasivat; yksikkö: %s. Cohenin kappa on –, kun se ei ole määritelty (koodaaja koodasi kaikki yksiköt tai ei yhtään).",
		"percent":        "yhtäpitävyys %",
		"kappa":          "Cohenin kappa",
		"undefined":      "–",
		"pct":            "%.0f %%",
	},
}

// codersNote says, after a note, whose codings alone a chart counts
// when o names coders: " Codings by aino and ville." ("" when none).
func codersNote(o Options) string {
	n := len(o.Coders)
	if n == 0 {
		return ""
	}
	names := o.Coders[0]
	if n > 1 {
		names = strings.Join(o.Coders[:n-1], ", ") + word(o.Lang, "and") + o.Coders[n-1]
	}
	key := "coder"
	if n > 1 {
		key = "coders"
	}
	return " " + word(o.Lang, key, names)
}

// word returns the word key in lang, formatted with a when a is given.
func word(lang, key string, a ...any) string {
	w := words[lang][key]
	if len(a) > 0 {
		return fmt.Sprintf(w, a...)
	}
	return w
}

// groupLabel names a group of documents of a split by the attributes by
// on the axis: its values in lang's words (asiakas, client), one a line,
// and its size.
func groupLabel(lang string, by []string, g coding.FreqGroup) string {
	if len(g.Values) == 0 {
		return word(lang, "all") + "\n" + word(lang, "n", g.Docs)
	}
	vals := make([]string, len(g.Values))
	for i, v := range g.Values {
		switch {
		case v == coding.NoValue:
			v = word(lang, "none")
		case i < len(by):
			v = coding.AttrValue(by[i], v, lang)
		}
		vals[i] = v
	}
	return strings.Join(vals, "\n") + "\n" + word(lang, "n", g.Docs)
}

// CodeLabels names the codes ids of cb in lang as a chart shows them:
// each by its own name, or by its path where two share a name.
func CodeLabels(cb *coding.Codebook, ids []string, lang string) []string {
	out := make([]string, len(ids))
	seen := map[string]int{}
	for i, id := range ids {
		if c := cb.Code(id); c != nil {
			out[i] = c.Name(lang)
		} else {
			out[i] = id
		}
		seen[out[i]]++
	}
	for i, id := range ids {
		if seen[out[i]] > 1 && cb.Code(id) != nil {
			out[i] = strings.Join(cb.Path(id, lang), " / ")
		}
	}
	return out
}

// localNumber writes the number s as lang does: with a decimal comma
// in Finnish.
func localNumber(lang, s string) string {
	if lang == coding.LangFinnish {
		return strings.ReplaceAll(s, ".", ",")
	}
	return s
}

// capitalized returns s with its first letter in upper case.
func capitalized(s string) string {
	r := []rune(s)
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}

// clip shortens s to n letters with an ellipsis.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// AgreementTitle is the title of an agreement chart of coders a and b,
// in lang.
func AgreementTitle(lang, a, b string) string { return word(lang, "agreement", a, b) }

// AgreementNote says, in lang, what an agreement chart compares: the
// documents both coders coded (docs of them) and the unit (turn or char).
func AgreementNote(lang string, docs int, unit string) string {
	u := word(lang, unit)
	if u == "" {
		u = unit
	}
	return word(lang, "agree.note", docs, u)
}

// CooccurrenceNote says, in lang, what a cell of a co-occurrence heat map
// counts in unit (turn or overlap), and that a theme counts its child
// codes (its subtree), as every output counts it.
func CooccurrenceNote(lang, unit string) string {
	note := word(lang, "co.turn")
	if unit == "overlap" {
		note = word(lang, "co.overlap")
	}
	return note + " " + capitalized(coding.SubtreeBrief(lang)) + "."
}
