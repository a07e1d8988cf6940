package coding

import "strings"

// attrNames are the built-in split attributes' names in Finnish and
// English; a user's attribute is named as stored.
var attrNames = map[string][2]string{
	"kind": {"laji", "kind"},
	"lang": {"kieli", "language"},
}

// attrValues are the built-in attributes' values in Finnish and English:
// a document's kind and its language.
var attrValues = map[string]map[string][2]string{
	"kind": {
		KindClient:       {"asiakas", "client"},
		KindProfessional: {"ammattilainen", "professional"},
		KindOther:        {"muu", "other"},
	},
	"lang": {
		LangFinnish: {"suomi", "Finnish"},
		LangEnglish: {"englanti", "English"},
	},
}

// pick returns the Finnish or the English word of a pair by lang (en:
// English, anything else Finnish, the default of the outputs).
func pick(words [2]string, lang string) string {
	if lang == LangEnglish {
		return words[1]
	}
	return words[0]
}

// AttrName names a split attribute for people in lang: kind and lang in
// the language's words ("laji", "kieli"), any other as stored.
func AttrName(key, lang string) string {
	if w, ok := attrNames[key]; ok {
		return pick(w, lang)
	}
	return key
}

// AttrValue names a value of a split attribute for people in lang: a
// kind or a language in the language's words ("asiakas", "suomi"), a
// missing value (NoValue) as "(ei arvoa)" or "(none)", any other value as
// stored.
func AttrValue(key, value, lang string) string {
	if value == NoValue {
		return pick([2]string{"(ei arvoa)", "(none)"}, lang)
	}
	if w, ok := attrValues[key][value]; ok {
		return pick(w, lang)
	}
	return value
}

// GroupLabel names a group of documents for people in lang: "kaikki" or
// "all" when it has no values, else each attribute with its value,
// "laji = asiakas / alue = Kuopio". A caller adds the size, " (n = 6)".
func GroupLabel(by []string, values []string, lang string) string {
	if len(values) == 0 {
		return pick([2]string{"kaikki", "all"}, lang)
	}
	parts := make([]string, len(values))
	for i, v := range values {
		parts[i] = v
		if i < len(by) {
			parts[i] = AttrName(by[i], lang) + " = " + AttrValue(by[i], v, lang)
		}
	}
	return strings.Join(parts, " / ")
}
