package coding

// Measure is one of the numbers a theme table, a report, a chart or the
// themes view shows of a code: the one definition every output states.
//
// A code counts its subtree: its own codings and those of every code
// under it (a theme counts all its child codes). Of those codings,
// MeasureCodings counts each coder's coded segments, MeasurePassages the
// distinct spans (one document's overlapping or touching codings of any
// coder merged), MeasureDocuments the documents with one at least,
// MeasureShare those documents as a share of the group's documents, and
// MeasureWords the words inside the passages, each counted once.
type Measure int

// The measures, in the order the tables show them.
const (
	MeasureCodings Measure = iota
	MeasurePassages
	MeasureDocuments
	MeasureShare
	MeasureWords
)

// Measures lists every measure in the order the tables show them.
var Measures = []Measure{MeasureCodings, MeasurePassages, MeasureDocuments, MeasureShare, MeasureWords}

// measureText is a measure's words in one language: a column label, a
// brief phrase for narrow screens and a sentence saying what it counts.
type measureText struct{ label, brief, about string }

// measureTexts holds every measure's words, English then Finnish.
var measureTexts = map[string][]measureText{
	LangEnglish: {
		{"codings", "codings: coded segments, each coder's counted",
			"Codings: coded segments, each coder's counted (a passage two coders coded counts twice)."},
		{"passages", "passages: distinct coded spans, coders merged",
			"Passages: distinct coded spans; in one document, overlapping or touching codings of any coder are merged into one."},
		{"documents", "documents: documents with at least one coding",
			"Documents: documents with at least one coding."},
		{"documents %", "documents %: the share of the group's documents with a coding",
			"Documents %: the share of the group's documents (n) with at least one coding."},
		{"words", "words: words inside the passages, each counted once",
			"Words: words inside the passages, each counted once."},
	},
	LangFinnish: {
		{"koodaukset", "koodaukset: koodatut kohdat, kunkin koodaajan omat",
			"Koodaukset: koodatut tekstinkohdat, kunkin koodaajan omat erikseen (kahden koodaajan koodaama kohta lasketaan kahdesti)."},
		{"kohdat", "kohdat: erilliset koodatut jaksot, koodaajat yhdistettyinä",
			"Kohdat: erilliset koodatut tekstijaksot; saman dokumentin päällekkäiset tai toisiinsa rajautuvat koodaukset (kenen tahansa koodaajan) yhdistetään yhdeksi."},
		{"dokumentit", "dokumentit: dokumentit, joissa on koodaus",
			"Dokumentit: dokumentit, joissa on vähintään yksi koodaus."},
		{"dokumentit %", "dokumentit %: ryhmän dokumenteista osuus, jossa on koodaus",
			"Dokumentit %: se osuus ryhmän dokumenteista (n), joissa on vähintään yksi koodaus."},
		{"sanat", "sanat: kohtien sanat, kukin kerran",
			"Sanat: kohtien sisällä olevat sanat, kukin laskettuna kerran."},
	},
}

// subtreeAbout says, per language, that a code counts its child codes.
var subtreeAbout = map[string][2]string{ // brief, sentence
	LangEnglish: {"a theme counts its child codes",
		"Every code counts its own codings and those of its child codes (a theme its whole subtree)."},
	LangFinnish: {"teema laskee alakoodinsa",
		"Jokainen koodi laskee omien koodaustensa lisäksi alakoodiensa koodaukset (teema koko alipuunsa)."},
}

// text returns m's words in lang (Finnish unless lang is English).
func (m Measure) text(lang string) measureText {
	if lang != LangEnglish {
		lang = LangFinnish
	}
	return measureTexts[lang][m]
}

// Label is the measure's short column label in lang ("codings",
// "koodaukset"); Finnish unless lang is en.
func (m Measure) Label(lang string) string { return m.text(lang).label }

// Brief is the measure's label and what it counts in a few words, for a
// narrow screen ("codings: coded segments, each coder's counted").
func (m Measure) Brief(lang string) string { return m.text(lang).brief }

// About says in one sentence what the measure counts.
func (m Measure) About(lang string) string { return m.text(lang).about }

// String is the English label.
func (m Measure) String() string { return m.Label(LangEnglish) }

// SubtreeBrief says in a few words that a theme counts its child codes.
func SubtreeBrief(lang string) string {
	if lang != LangEnglish {
		lang = LangFinnish
	}
	return subtreeAbout[lang][0]
}

// CountsAbout returns the lines every output showing these numbers
// states: that a code counts its child codes too (a theme its whole
// subtree), then what each measure counts, in lang.
func CountsAbout(lang string) []string {
	if lang != LangEnglish {
		lang = LangFinnish
	}
	lines := []string{subtreeAbout[lang][1]}
	for _, m := range Measures {
		lines = append(lines, m.About(lang))
	}
	return lines
}
