package gen

import (
	"math/rand/v2"
	"strings"
)

// chain is a word-bigram model: for each word, the words seen after it
// (repeated as often as seen, so a uniform pick follows their frequency).
type chain struct {
	next   map[string][]string
	starts []string // words that begin a sentence
}

func newChain() *chain { return &chain{next: map[string][]string{}} }

// learn adds one turn's words.
func (c *chain) learn(words []string) {
	prev := ""
	for _, w := range words {
		if prev == "" || endsSentence(prev) {
			c.starts = append(c.starts, w)
		}
		if prev != "" {
			c.next[prev] = append(c.next[prev], w)
		}
		prev = w
	}
}

func endsSentence(w string) bool {
	return strings.HasSuffix(w, ".") || strings.HasSuffix(w, "?") || strings.HasSuffix(w, "!")
}

// turn returns about size words of text ending a sentence, and how many
// words it has. compounds mixes in Finnish compound nouns.
func (c *chain) turn(rng *rand.Rand, size int, compounds bool) (string, int) {
	var sb strings.Builder
	n := 0
	w := pick(rng, c.starts)
	for {
		if n > 0 {
			sb.WriteByte(' ')
		}
		if compounds && rng.IntN(8) == 0 && !endsSentence(w) && len([]rune(w)) > 3 {
			sb.WriteString(compound(rng, w))
		} else {
			sb.WriteString(w)
		}
		n++
		if n >= size && endsSentence(w) || n >= size+40 {
			break
		}
		nexts := c.next[w]
		if len(nexts) == 0 || endsSentence(w) && rng.IntN(3) == 0 {
			w = pick(rng, c.starts)
			continue
		}
		w = pick(rng, nexts)
	}
	text := sb.String()
	if !endsSentence(text) {
		text += "."
	}
	return text, n
}

// compound returns a compound noun in an inflected form, keeping the
// punctuation that follows the word it stands in for.
func compound(rng *rand.Rand, instead string) string {
	tail := strings.TrimRightFunc(instead, func(r rune) bool { return strings.ContainsRune(",;:", r) })
	punct := instead[len(tail):]
	h := heads[rng.IntN(len(heads))]
	forms := strings.Fields(h)
	word := pick(rng, modifiers) + forms[rng.IntN(len(forms))]
	if rng.IntN(3) == 0 {
		word = pick(rng, modifiers) + word
	}
	return word + punct
}

// modifiers are first parts of compounds, as Finnish writes them.
var modifiers = strings.Fields(`asiakas asumis asunto etuus hakemus henkilö hyvinvointi
	kela kunta lapsi lapsiperhe liite maksu mielenterveys neuvonta nuoriso omais
	palvelu perhe perus päihde päätös sosiaali talous terveys tieto toimeentulo
	turva työ työllisyys velka vero vuokra yhteis yhteistyö ohjaus kuntoutus`)

// heads are head nouns of compounds, each with inflected forms
// (nominative, genitive, partitive, inessive, elative, illative, adessive,
// ablative, allative, plural forms) in the order Finnish grammars list them.
var heads = []string{
	"tuki tuen tukea tuessa tuesta tukeen tuella tuelta tuelle tuet tukia tukien tuista",
	"palvelu palvelun palvelua palvelussa palvelusta palveluun palvelulla palvelulta palvelulle palvelut palveluja palveluiden palveluissa",
	"hakemus hakemuksen hakemusta hakemuksessa hakemuksesta hakemukseen hakemuksella hakemukselle hakemukset hakemuksia hakemuksista",
	"päätös päätöksen päätöstä päätöksessä päätöksestä päätökseen päätöksellä päätökselle päätökset päätöksiä päätöksistä",
	"suunnitelma suunnitelman suunnitelmaa suunnitelmassa suunnitelmasta suunnitelmaan suunnitelmalla suunnitelmat suunnitelmia",
	"työntekijä työntekijän työntekijää työntekijällä työntekijältä työntekijälle työntekijät työntekijöitä työntekijöiden",
	"ohjaaja ohjaajan ohjaajaa ohjaajalla ohjaajalta ohjaajalle ohjaajat ohjaajia ohjaajien",
	"asiointi asioinnin asiointia asioinnissa asioinnista asiointiin asioinnilla",
	"siirto siirron siirtoa siirrossa siirrosta siirtoon siirrolla siirrot siirtoja",
	"järjestelmä järjestelmän järjestelmää järjestelmässä järjestelmästä järjestelmään järjestelmät järjestelmiä",
	"lomake lomakkeen lomaketta lomakkeessa lomakkeesta lomakkeeseen lomakkeella lomakkeet lomakkeita",
	"selvitys selvityksen selvitystä selvityksessä selvityksestä selvitykseen selvitykset selvityksiä",
	"kulu kulun kulua kulut kuluja kuluista kuluihin",
	"lasku laskun laskua laskussa laskusta laskuun laskut laskuja laskuista",
	"neuvonta neuvonnan neuvontaa neuvonnassa neuvonnasta neuvontaan neuvonnalla",
	"sopimus sopimuksen sopimusta sopimuksessa sopimuksesta sopimukseen sopimukset sopimuksia",
	"piste pisteen pistettä pisteessä pisteestä pisteeseen pisteet pisteitä",
	"loukku loukun loukkua loukussa loukusta loukkuun loukut loukkuja",
	"malli mallin mallia mallissa mallista malliin mallit malleja",
	"tilanne tilanteen tilannetta tilanteessa tilanteesta tilanteeseen tilanteet tilanteita",
	"asiakirja asiakirjan asiakirjaa asiakirjassa asiakirjasta asiakirjat asiakirjoja",
	"velvoite velvoitteen velvoitetta velvoitteet velvoitteita",
	"oikeus oikeuden oikeutta oikeudessa oikeudesta oikeuteen oikeudet oikeuksia",
	"yhteys yhteyden yhteyttä yhteydessä yhteydestä yhteyteen yhteydet yhteyksiä",
	"kokous kokouksen kokousta kokouksessa kokouksesta kokoukseen kokoukset kokouksia",
	"ilmoitus ilmoituksen ilmoitusta ilmoituksessa ilmoituksesta ilmoitukset ilmoituksia",
	"verkosto verkoston verkostoa verkostossa verkostosta verkostoon verkostot",
	"jono jonon jonoa jonossa jonosta jonoon jonot",
	"raja rajan rajaa rajalla rajalta rajalle rajat rajoja",
	"kriisi kriisin kriisiä kriisissä kriisistä kriisiin kriisit kriisejä",
}
