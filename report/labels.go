package report

import (
	"strings"

	"github.com/toituavain/avain/coding"
	"github.com/toituavain/avain/export"
)

// labels are the words of the page in one language.
type labels struct {
	Title, Made, Filters, NoFilters, Contents                string
	Numbers, Documents, Kind, Lang, Coders, CodingsBy        string
	Codings, Passages, CodedDocs, DocsCoded, Total, Coder    string
	Themes, ThemesIntro, Code, All, LeftOut, Charts          string
	Cooccur, CooccurIntro, CooccurCap                        string
	Agreement, AgreementIntro, Pair, DocsBoth, Units         string
	Percent, Kappa, Alpha, PerCode, NoAgreement, OnlyOne     string
	NoCommon, AgreementMain, AgreementOf, AgreementCut       string
	Quotes, QuotesIntro, About, AboutAgreement, AboutCooccur string
	Codebook, CodebookIntro, Definition, WhenToUse           string
	WhenNotUse, Example, Category, OtherName, Quoted         string
	FilterBy, FilterCoders, FilterCodes, FilterQuotes        string
	OneSelected, NoneSelected, NoCodings, NoQuotes           string
	AgreementUnits, AgreementOwn, CooccurDirect              string
}

var finnish = labels{
	Title: "Tutkimuksen raportti", Made: "Laadittu", Filters: "Rajaukset", NoFilters: "kaikki dokumentit, koodit ja koodaajat",
	Contents: "Sisältö",
	Numbers:  "Tutkimus lukuina", Documents: "Dokumentit", Kind: "laji", Lang: "kieli", Coders: "Koodaajat",
	CodingsBy: "Koodaukset koodaajittain", Codings: "Koodaukset", Passages: "Koodatut kohdat", CodedDocs: "Koodatut dokumentit",
	DocsCoded: "dokumenttia, joissa on koodaus", Total: "Yhteensä", Coder: "koodaaja",
	Themes:      "Teemat",
	ThemesIntro: "Teemat ja niiden koodit koodikirjan järjestyksessä, kaikki dokumentit ja ryhmät erikseen.",
	Code:        "Koodi", All: "kaikki", LeftOut: "Taulukosta on jätetty pois %d koodia, joilla ei ole koodauksia; koodikirjan liite luettelee kaikki koodit.",
	Charts:       "Teemat ryhmittäin",
	Cooccur:      "Koodien yhteisesiintyminen",
	CooccurIntro: "Kuinka monessa puheenvuorossa kaksi koodia esiintyy yhdessä (lävistäjällä: puheenvuorot, joissa koodi on).",
	CooccurCap:   "Mukana %d koodia, joilla on eniten koodattuja kohtia.",
	Agreement:    "Koodaajien yhtäpitävyys",
	AgreementIntro: "Kaksi koodaajaa verrattuna niissä dokumenteissa, jotka molemmat koodasivat; yksikkö on puheenvuoro: " +
		"koodaaja käytti koodia puheenvuorossa, kun jokin hänen koodauksistaan osuu siihen.",
	Pair: "Koodaajat", DocsBoth: "dokumentit", Units: "yksiköt", Percent: "yhtäpitävyys %", Kappa: "kappa", Alpha: "alfa",
	PerCode:     "Yhtäpitävyys koodeittain",
	NoAgreement: "Yhtäpitävyyttä ei laskettu: projektissa on vain yksi koodaaja.",
	OnlyOne:     "Yhtäpitävyyttä ei laskettu: projektissa ei ole koodauksia.",
	NoCommon:    "ei yhteisesti koodattuja dokumentteja", AgreementMain: "Koodikohtainen yhtäpitävyys: %s ja %s, koodaajat, joilla on eniten koodauksia.",
	AgreementOf:  "Kaikki koodaajaparit.",
	AgreementCut: "Parit niistä %d koodaajasta, joilla on eniten koodauksia.",
	Quotes:       "Lainaukset",
	QuotesIntro:  "Enintään %d lainausta koodia kohden.",
	About:        "Mitä luvut laskevat",
	AboutAgreement: "Yhtäpitävyys %: yksiköt, joista koodaajat olivat samaa mieltä (molemmat tai kumpikaan eivät koodanneet). " +
		"Kappa on Cohenin kappa ja alfa Krippendorffin alfa (nominaalinen); tyhjä, kun arvoa ei ole määritelty.",
	AboutCooccur:  "Yhteisesiintyminen:", // followed by export.CooccurNotes
	Codebook:      "Liite: koodikirja",
	CodebookIntro: "Koodikirjan koodit määritelmineen puun järjestyksessä.",
	Definition:    "Määritelmä", WhenToUse: "Milloin käytetään", WhenNotUse: "Milloin ei käytetä", Example: "Esimerkki",
	Category: "luokka (ei koodata suoraan)", OtherName: "englanniksi",
	Quoted:   "Tämä raportti sisältää lainauksia haastatteluista: säilytä se yhtä huolellisesti kuin projekti.",
	FilterBy: "ryhmittely", FilterCoders: "koodaajat", FilterCodes: "koodit", FilterQuotes: "lainauksia koodia kohden",
	OneSelected:    "Yhtäpitävyyttä ei laskettu: siihen tarvitaan valinnasta kaksi koodaajaa, mutta valinnan koodaukset ovat kaikki koodaajan %s.",
	NoneSelected:   "Yhtäpitävyyttä ei laskettu: valinnassa ei ole koodauksia.",
	NoCodings:      "Valinnassa ei ole koodauksia: taulukon luvut ovat nollia, eikä kaavioita, yhteisesiintymiä tai lainauksia ole.",
	NoQuotes:       "Valinnassa ei ole lainattavia koodauksia.",
	AgreementUnits: "Yksiköt ovat puheenvuoro × koodi -pareja: kukin molempien koodaama puheenvuoro kerran kutakin verrattua koodia kohden, koodit yhteensä.",
	CooccurDirect:  "Kartasta on jätetty pois %d alakoodillista koodia, joita on koodattu myös suoraan: niiden koodaukset ovat teemataulukossa, ja kartassa niiden alakoodit.",
	AgreementOwn:   "Yhtäpitävyydessä kukin koodi lasketaan omista koodauksistaan, ei alakoodeineen kuten teemataulukossa.",
}

var english = labels{
	Title: "Study report", Made: "Made", Filters: "Filters", NoFilters: "all documents, codes and coders",
	Contents: "Contents",
	Numbers:  "The study in numbers", Documents: "Documents", Kind: "kind", Lang: "language", Coders: "Coders",
	CodingsBy: "Codings by coder", Codings: "Codings", Passages: "Coded passages", CodedDocs: "Coded documents",
	DocsCoded: "documents with a coding", Total: "Total", Coder: "coder",
	Themes:      "Themes",
	ThemesIntro: "The themes and their codes in codebook order, for all documents and for each group.",
	Code:        "Code", All: "all", LeftOut: "%d codes without codings are left out of the table; the codebook appendix lists every code.",
	Charts:       "Themes by group",
	Cooccur:      "Co-occurrence of codes",
	CooccurIntro: "In how many speaker turns two codes occur together (on the diagonal: the turns with the code).",
	CooccurCap:   "The %d codes with the most coded passages.",
	Agreement:    "Agreement between coders",
	AgreementIntro: "Two coders compared over the documents both coded; the unit is a speaker turn: " +
		"a coder applied a code in a turn when one of their codings of it overlaps the turn.",
	Pair: "Coders", DocsBoth: "documents", Units: "units", Percent: "agreement %", Kappa: "kappa", Alpha: "alpha",
	PerCode:     "Agreement per code",
	NoAgreement: "No agreement computed: the project has one coder.",
	OnlyOne:     "No agreement computed: the project has no codings.",
	NoCommon:    "no document coded by both", AgreementMain: "Agreement per code: %s and %s, the coders with the most codings.",
	AgreementOf:  "Every pair of coders.",
	AgreementCut: "The pairs of the %d coders with the most codings.",
	Quotes:       "Quotations",
	QuotesIntro:  "At most %d quotations per code.",
	About:        "What the numbers count",
	AboutAgreement: "Agreement %: the units on which the coders agreed (both coded, or neither). " +
		"Kappa is Cohen's kappa and alpha Krippendorff's alpha (nominal); empty where undefined.",
	AboutCooccur:  "Co-occurrence:", // followed by export.CooccurNotes
	Codebook:      "Appendix: the codebook",
	CodebookIntro: "The codes of the codebook with their definitions, in tree order.",
	Definition:    "Definition", WhenToUse: "When to use", WhenNotUse: "When not to use", Example: "Example",
	Category: "category (not coded directly)", OtherName: "in Finnish",
	Quoted:   "This report holds quotations from the interviews: keep it as safe as the project.",
	FilterBy: "split by", FilterCoders: "coders", FilterCodes: "codes", FilterQuotes: "quotations per code",
	OneSelected:    "No agreement computed: it needs two coders in the selection, and all the selection's codings are %s's.",
	NoneSelected:   "No agreement computed: the selection holds no codings.",
	NoCodings:      "The selection holds no codings: the table's numbers are zeros, and there are no charts, co-occurrences or quotations.",
	NoQuotes:       "The selection holds no codings to quote.",
	AgreementUnits: "The units are turn × code pairs: each turn of the documents both coded, once for each code compared, the codes pooled.",
	CooccurDirect:  "Left out of the map: %d codes with child codes coded directly as well; their codings are in the themes table, and their child codes in the map.",
	AgreementOwn:   "In agreement each code counts its own codings, not with its child codes as in the theme table.",
}

// labelsFor returns the labels of lang: English for en, else Finnish.
func labelsFor(lang string) labels {
	l := finnish
	if lang == coding.LangEnglish {
		l = english
	}
	// What a cell counts is said once, in export, for the tables and the page.
	l.AboutCooccur += " " + strings.Join(export.CooccurNotes(coding.UnitTurn, lang), " ")
	l.AboutAgreement += " " + l.AgreementOwn + " " + l.AgreementUnits
	return l
}
