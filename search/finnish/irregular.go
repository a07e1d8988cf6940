package finnish

import (
	"slices"
	"strings"
)

// irregularForms lists, per base form, the inflected forms of Finnish
// closed-class words (pronouns, the verbs olla and ei) and the commonest
// irregular verbs, whose stems no suffix rule can join. The fallback
// analysis indexes these forms as their base form.
var irregularForms = map[string]string{
	"minä":  "minun minua minut minussa minusta minuun minulla minulta minulle minuna minusta",
	"sinä":  "sinun sinua sinut sinussa sinusta sinuun sinulla sinulta sinulle sinuna",
	"hän":   "hänen häntä hänet hänessä hänestä häneen hänellä häneltä hänelle",
	"me":    "meidän meitä meidät meissä meistä meihin meillä meiltä meille",
	"te":    "teidän teitä teidät teissä teistä teihin teillä teiltä teille",
	"he":    "heidän heitä heidät heissä heistä heihin heillä heiltä heille",
	"se":    "sen sitä siinä siitä siihen sillä siltä sille sinä",
	"ne":    "niiden niitä niissä niistä niihin niillä niiltä niille ninä niiksi",
	"tämä":  "tämän tätä tässä tästä tähän tällä tältä tälle tänä täksi",
	"nämä":  "näiden näitä näissä näistä näihin näillä näiltä näille näinä näiksi",
	"tuo":   "tuon tuota tuossa tuosta tuohon tuolla tuolta tuolle tuona",
	"nuo":   "noiden noita noissa noista noihin noilla noilta noille noina",
	"joka":  "jonka jota jossa josta johon jolla jolta jolle jona joiden joita joissa joista joihin joilla joilta joille jotka",
	"mikä":  "minkä mitä missä mistä mihin millä miltä mille minä miksi mitkä",
	"kuka":  "kenen ketä kenessä kenestä keneen kenellä keneltä kenelle kenet ketkä",
	"jokin": "jonkin jotakin jossakin jostakin johonkin jollakin joltakin jollekin jonnekin jotkin",
	"olla":  "olen olet on olemme olette ovat oli olin olit olimme olitte olivat olisi olisin olisit olisimme olisitte olisivat ollut olleet ollaan oltiin olkaa olisiko onko onhan oliko ovatko",
	"ei":    "en et emme ette eivät eikä enkä etkä eivätkä ellei",
	"tehdä": "teen teet tekee teemme teette tekevät tein teit teki teimme teitte tekivät tehty tehtiin tehdään tekemään tekemässä tekeminen tekemän tehnyt tehneet",
	"nähdä": "näen näet näkee näemme näette näkevät näin näit näki näkivät nähty nähtiin nähdään näkemään nähnyt nähneet näe",
	"saada": "saan saat saa saamme saatte saavat sain sait sai saimme saitte saivat saisi saisin saisit saatu saatiin saadaan saamaan saanut saaneet",
	"käydä": "käyn käyt käy käymme käytte käyvät kävin kävit kävi kävimme kävitte kävivät käyty käytiin käydään käymään käynyt käyneet",
	"viedä": "vien viet vie viemme viette vievät vein veit vei veimme veitte veivät viety vietiin viedään viemään vienyt vieneet",
	"tuoda": "tuon tuot tuo tuomme tuotte tuovat toin toit toi toimme toitte toivat tuotu tuotiin tuodaan tuomaan tuonut tuoneet",
	"voida": "voin voit voi voimme voitte voivat voisi voisin voitiin voidaan voinut voineet",
	"hyvä":  "parempi parempaa paremmin paras parhaiten",
	"yksi":  "yhden yhtä yhdessä yhdestä yhteen yhdellä yhdeltä yhdelle",
	"kaksi": "kahden kahta kahdessa kahdesta kahteen kahdella kahdelta kahdelle",
}

// particles are the commonest Finnish words that do not inflect:
// conjunctions, particles and postpositions. Each is its own base form, kept apart from
// the stems of inflected words it would otherwise meet (ja and jako, kun
// and kunta, että and etu). siksi is the adverb (therefore) far more often
// than the translative of se.
const particles = "ja ja sekä että kun kuin kuten mutta tai vai jos jotta koska kunnes " +
	"vaan eli sillä myös jo vielä nyt niin vain ehkä siis kyllä jopa yhä enää aina " +
	"kuitenkin kuitenkaan myöskään " +
	"siksi sitten siten " +
	"kanssa jälkeen mukaan kautta vuoksi takia kohti sijaan lisäksi asti saakka"

// inflectingBases are the base forms of irregularForms whose other
// inflected forms are regular: a word whose stem is theirs is indexed as
// they are ("hyvän": hyvä).
var inflectingBases = []string{"hyvä", "yksi", "kaksi"}

// irregular maps a form in irregularForms, or a particle, to its base
// form.
var irregular = buildIrregular(irregularForms, particles)

// irregularStems maps the stem of an inflecting base form to the base form.
var irregularStems = buildIrregularStems(inflectingBases)

// buildIrregularStems maps each base's stemKey to the base; a stem two
// bases share maps to neither.
func buildIrregularStems(bases []string) map[string]string {
	m := make(map[string]string, len(bases))
	seen := make(map[string]int, len(bases))
	for _, b := range bases {
		k := stemKey(b)
		m[k] = b
		seen[k]++
	}
	for k, n := range seen {
		if n > 1 {
			delete(m, k)
		}
	}
	return m
}

// buildIrregular maps each form of forms to its base form, by a rule that
// does not depend on the order of the table: a base form and a particle
// not listed as a form map to themselves,
// and a form listed under two base forms ("tuon": tuo, tuoda) maps to
// neither and is left to the stemmer.
func buildIrregular(forms map[string]string, particles string) map[string]string {
	owners := make(map[string][]string)
	for base, list := range forms {
		for _, f := range strings.Fields(list) {
			if !slices.Contains(owners[f], base) {
				owners[f] = append(owners[f], base)
			}
		}
	}
	m := make(map[string]string, len(owners)+len(forms))
	for base := range forms {
		m[base] = base
	}
	for _, p := range strings.Fields(particles) {
		if _, listed := owners[p]; !listed {
			m[p] = p
		}
	}
	for f, bases := range owners {
		if _, isBase := forms[f]; !isBase && len(bases) == 1 {
			m[f] = bases[0]
		}
	}
	return m
}
